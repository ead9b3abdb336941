"""Stage ``times``: Indonesian time expressions -> TIMEX3 values, resolved against the publication date.

Rule-based in three passes, after the HeidelTime / SUTime recipe:

1. *atoms*: one regular expression finds the pieces news uses (``Selasa``, ``(23/11)``, ``23 November
   2021``, ``pukul 10.00 WIB``, ``pagi``, ``kemarin``, ``tiga hari``, ``bulan lalu``, ``2014`` ...);
2. *chains*: atoms separated only by spaces join into one expression when their slots fit
   (``Minggu (28/12/2014) pukul 06.18 WIB kemarin`` is one TIME), following TimeML span conventions:
   ``sekitar``/``hampir``/``tanggal`` and trailing ``lalu``/``kemarin`` belong to the expression,
   ``pada``/``sejak``/``selama`` do not;
3. *resolution*: each chain gets a TIMEX3 type and value against an anchor: the publication date, or
   the speech date when a quote's attribution gives one (``"...," kata X, Sabtu (18/10)``).
   Anaphoric expressions (``hari itu``, ``pukul 16.15``, ``sebulan kemudian``) use the last date
   the text mentioned. Without a publication date, anchor-dependent values stay underspecified
   (``XXXX-11-23``, ``XXXX-XX-XX``) — today's date is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources

from warta.lang.numbers import MONTHS, WEEKDAYS, number_words_pattern, parse_digits, parse_words
from warta.model import Document, TimeExpr
from warta.settings import Settings
from warta.stages.base import Stage

__all__ = ["TimesStage", "find_times"]

_PAST = {"lalu", "yang lalu", "silam", "kemarin", "tadi", "sebelumnya", "terakhir"}
_FUTURE = {"mendatang", "depan", "nanti", "yang akan datang", "berikutnya", "ke depan", "lagi"}
_POD = {
    "pagi": "TMO",
    "subuh": "TMO",
    "dini hari": "TMO",
    "siang": "TMI",
    "tengah hari": "TMI",
    "sore": "TAF",
    "petang": "TEV",
    "malam": "TNI",
    "tengah malam": "TNI",
}
_UNITS = {
    "detik": "TS",
    "menit": "TM",
    "jam": "TH",
    "hari": "D",
    "malam": "D",
    "pekan": "W",
    "minggu": "W",
    "bulan": "M",
    "tahun": "Y",
    "windu": "Y8",
    "dekade": "DE",
    "dasawarsa": "DE",
    "abad": "CE",
}
_FUTURE_CUES = re.compile(r"\b(akan|bakal|rencananya|direncanakan|dijadwalkan|hendak)\b[^.,;]{0,25}$", re.I)
_FUTURE_AFTER = re.compile(r"^[^.,;]{0,20}\b(akan|bakal|dijadwalkan)\b", re.I)
_PAST_CUES = re.compile(r"\b(sejak|semenjak|sepanjang|selama)\s+(?:hari\s+|bulan\s+|tanggal\s+)?$", re.I)
_SPEECH_VERB = re.compile(
    r"\b(kata|ujar|ucap|ungkap|jelas|tutur|tegas|papar|sebut|imbuh|tambah|terang|pungkas|kilah|"
    r"mengatakan|menjelaskan|menegaskan|mengungkapkan|menuturkan|menyebutkan|menambahkan|katanya|"
    r"ujarnya|ucapnya|tuturnya|jelasnya|ungkapnya|tegasnya|paparnya|imbuhnya|tambahnya)\b",
    re.I,
)
_QUOTE = re.compile(r"[“\"]([^“”\"\n]{2,}?)[”\"]")


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _atom_re() -> re.Pattern[str]:
    num = rf"(?:\d+(?:,\d+)?|{number_words_pattern()}|beberapa)"
    unit = _alt(list(_UNITS))
    se_unit = r"se(?:hari|jam|menit|pekan|minggu|bulan|tahun|abad|dekade|windu|malam)"
    full = [m for m in MONTHS if len(m) >= 5 or m in {"mei", "juni", "juli"}]
    month_full = _alt(full)
    month_any = rf"{month_full}|(?:{_alt([m for m in MONTHS if m not in full])})\.?"
    wd = _alt(list(WEEKDAYS))
    pod = _alt(list(_POD))
    year = r"(?:19|20)\d{2}"
    rel_tail = (
        r"yang\s+lalu|lalu|silam|lagi|mendatang|ke\s+depan|terakhir|belakangan|kemudian|sebelumnya"
        r"|setelahnya|berikutnya"
    )
    vague = (
        r"baru-baru\s+ini|masa\s+depan|masa\s+mendatang|kemudian\s+hari"
        r"|beberapa\s+waktu\s+(?:yang\s+)?lalu|waktu\s+dekat|belakangan\s+ini|akhir-akhir\s+ini|masa\s+lalu"
        r"|hari\s+yang\s+sama|saat\s+ini|dewasa\s+ini|kini|sekarang|saat\s+itu|waktu\s+itu|ketika\s+itu"
        r"|kala\s+itu|dahulu|dulu|kelak|nanti"
    )
    pattern = rf"""
      (?P<rel>kemarin\s+lusa|besok\s+lusa|keesokan\s+harinya|keesokan\s+hari|esok\s+hari|esok|besok|lusa
         |dini\s+hari(?:\s+tadi)?|hari\s+ini|hari\s+itu|(?:{pod})\s+(?:ini|tadi|harinya)
         |(?:tadi|nanti)\s+(?:{pod})|semalam|kemarin)
    | (?P<nrel>(?:{num}\s+(?:{unit})|{se_unit})\s+(?:{rel_tail}))
    | (?P<unitrel>(?:akhir\s+pekan|akhir\s+minggu|pekan|minggu|bulan|tahun|triwulan|kuartal|semester)
         \s+(?:yang\s+lalu|yang\s+akan\s+datang|lalu|ini|depan|kemarin|mendatang|silam|sebelumnya|berikutnya))
    | (?P<set>(?:setiap|tiap|saban)\s+
         (?:{num}\s+(?:{unit})|(?:hari|pekan|minggu|bulan|tahun|pagi|siang|sore|malam|jam)(?:nya)?|{wd}))
    | (?P<clock>(?:pukul|jam|pkl\.?)\s+\d{{1,2}}(?:[.:]\d{{2}})?
         (?:\s*(?:WIB|WITA|WIT|GMT|UTC|waktu\s+setempat))?
         |\d{{1,2}}[.:]\d{{2}}\s*(?:WIB|WITA|WIT))
    | (?P<season>musim\s+(?:dingin|panas|semi|gugur|hujan|penghujan|kemarau))
    | (?P<holiday>idul\s*fitri|idulfitri|lebaran|idul\s*adha|iduladha|ramadhan|ramadan|syawal)
    | (?P<dmy>(?:(?:tanggal|tgl\.?)\s+)?\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+(?:{month_any})
         (?:\s+{year}(?!\d))?)
    | (?P<numdate>\d{{1,2}}(?P<sep>[/-])\d{{1,2}}(?P=sep)(?:{year}|\d{{2}})(?!\d)
         |\d{{1,2}}\.\d{{1,2}}\.{year})
    | (?P<paren>\(\s*\d{{1,2}}\s*/\s*\d{{1,2}}(?:\s*/\s*(?:{year}|\d{{2}}))?\s*\))
    | (?P<tanggal>(?:tanggal|tgl\.?)\s+\d{{1,2}}(?![\d/-]|\.\d))
    | (?P<decade>(?:(?:era|tahun|dekade|medio)\s+)?(?:19|20)\d0-?an|(?:era|tahun|dekade|medio)\s+'?\d0-?an)
    | (?P<century>abad\s+(?:ke-?\s*)?(?:\d{{1,2}}|[IVXL]+))
    | (?P<dur>(?:{num}\s+(?:{unit})|{se_unit}|setengah\s+(?:{unit})
         |ber(?:jam|hari|minggu|pekan|bulan|tahun)-(?:jam|hari|minggu|pekan|bulan|tahun)|sejenak)
         (?!\s+(?:19|20)\d\d))
    | (?P<mrange>(?:{month_full})\s*[-–]\s*(?:{month_full})\s+{year}(?!\d))
    | (?P<month>(?:bulan\s+)?(?:{month_full})(?:\s+{year}(?!\d))?)
    | (?P<year>(?:tahun\s+)?{year})
    | (?P<quarter>(?:triwulan|kuartal|semester|paruh)\s+(?:I{{1,3}}|IV|[1-4]|pertama|kedua|ketiga|keempat)
         (?:(?:\s*[-/]\s*|\s+(?:tahun\s+)?){year}
          |\s+tahun\s+(?:ini|depan|lalu|mendatang|kemarin|sebelumnya|berikutnya))?)
    | (?P<vague>{vague})
    | (?P<wd>{wd})
    | (?P<pod>{pod})
    | (?P<tail>yang\s+lalu|lalu|silam|ini|itu|tadi|nanti|mendatang|depan|kemudian)
    | (?P<approx>sekitar|sekira|kira-kira|kurang\s+lebih|hampir)
    | (?P<mod>awal|akhir|pertengahan|medio|penghujung|permulaan)
    | (?P<bare>bulan|tahun)
    """
    return re.compile(rf"(?<![\w'’-])(?:{pattern})(?![\w'’]|-\w)", re.I | re.X)


#: seasons in TIMEX3; the Indonesian rainy season (about November-March) is written as winter
_SEASONS = {
    "dingin": "WI",
    "panas": "SU",
    "semi": "SP",
    "gugur": "FA",
    "hujan": "WI",
    "penghujan": "WI",
    "kemarau": "SU",
}
_REL_TENSE = {"kemarin": -1, "besok": 1, "esok": 1, "lusa": 1}
_BASE = {
    "quarter",
    "dmy",
    "numdate",
    "paren",
    "tanggal",
    "month",
    "year",
    "decade",
    "century",
    "rel",
    "unitrel",
    "holiday",
    "season",
}
_SLOT = dict.fromkeys(_BASE, "base") | {
    "approx": "approx",
    "mod": "mod",
    "wd": "wd",
    "clock": "clock",
    "pod": "pod",
    "tail": "tail",
    "bare": "base",
}
_RANK = {"approx": 0, "mod": 1, "wd": 2, "base": 3, "clock": 4, "pod": 5, "tail": 6}
_LONE = {"dur", "set", "vague", "nrel"}


@dataclass(slots=True)
class _Atom:
    kind: str
    start: int
    end: int
    text: str
    #: the year a month borrows from the other end of a range ("Januari-November 2025")
    year: str | None = None


@dataclass(slots=True)
class _Chain:
    atoms: list[_Atom] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.atoms[0].start

    @property
    def end(self) -> int:
        return self.atoms[-1].end

    def get(self, slot: str) -> _Atom | None:
        for a in self.atoms:
            if _slot(a) == slot:
                return a
        return None


def _slot(a: _Atom) -> str:
    if a.kind == "rel" and re.match(rf"(?:{_alt(list(_POD))})\s", a.text, re.I):
        return "podrel"
    return _SLOT.get(a.kind, a.kind)


def _atoms(text: str) -> list[_Atom]:
    out = []
    for m in _atom_re().finditer(text):
        kind = m.lastgroup or ""
        known = _SLOT.keys() | _LONE | {"mrange"}
        if kind not in known:  # the numdate separator group
            kind = next(k for k, v in m.groupdict().items() if v is not None and k in known)
        if kind == "mrange":  # two months sharing the year written after the second
            first = re.match(r"[^\W\d_]+", m.group())
            second = re.search(r"([^\W\d_]+\s+(\d{4}))$", m.group())
            if first is None or second is None:
                continue
            out.append(
                _Atom("month", m.start(), m.start() + first.end(), first.group(), year=second.group(2))
            )
            out.append(_Atom("month", m.end() - len(second.group(1)), m.end(), second.group(1)))
            continue
        out.append(_Atom(kind, m.start(), m.end(), m.group()))
    return out


def _can_join(chain: _Chain, atom: _Atom, gap: str) -> bool:
    last = chain.atoms[-1]
    if "\n" in gap:
        return False
    if atom.kind == "dur" and last.kind == "dur" and gap.strip() in {"", "dan"} and gap:
        return True  # "1 jam 24 menit dan 11 detik"
    if gap.strip():
        if not (gap.strip() == "," and last.kind == "wd" and atom.kind in {"dmy", "numdate"}):
            return False
    elif not gap and not (last.kind == "wd" and atom.kind == "paren"):
        return False
    if atom.kind == "paren" and last.kind == "rel" and len(chain.atoms) == 1:  # "kemarin (19/11)"
        return True
    if last.kind in _LONE or atom.kind in {"set", "vague"}:
        return False
    if atom.kind in {"dur", "nrel"}:
        return all(a.kind == "approx" for a in chain.atoms)
    slots = [_slot(a) for a in chain.atoms]
    slot = _slot(atom)
    if slot == "podrel":  # "Selasa sore ini", "sore ini" after a date
        return "pod" not in slots and "podrel" not in slots and "tail" not in slots
    if (
        last.kind in {"month", "holiday", "season"}
        and not re.search(r"\d", last.text)
        and (atom.kind == "year" or (atom.kind == "unitrel" and atom.text.lower().startswith("tahun")))
    ):
        return "tail" not in slots  # "Desember tahun lalu", "Lebaran 2019"
    if slot == "base" and atom.kind == "rel" and atom.text.lower() in {"kemarin"} and "base" in slots:
        return "tail" not in slots  # "Minggu (28/12/2014) kemarin"
    if slot in slots or "tail" in slots or "podrel" in slots:
        return False
    if atom.kind == "bare":
        return slots[-1] == "mod"
    top = max(_RANK.get(s, 3) for s in slots)
    if _RANK[slot] >= top:
        return True
    return slot == "base" and set(slots) <= {"clock", "pod", "approx"}


def _as_tail(chain: _Chain, atom: _Atom, gap: str) -> _Atom:
    """``Januari 2015 nanti``, ``Senin nanti``: a trailing ``nanti`` is a tense cue, not FUTURE_REF."""
    slots = {_slot(a) for a in chain.atoms}
    if (
        atom.kind == "vague"
        and atom.text.lower() == "nanti"
        and gap == " "
        and _slot(chain.atoms[-1]) in {"base", "wd", "clock", "pod"}
        and not {"tail", "podrel"} & slots
    ):
        return _Atom("tail", atom.start, atom.end, atom.text)
    return atom


def _approx_clock(chain: _Chain, atom: _Atom, nxt: _Atom | None, text: str) -> bool:
    """``Rabu (31/12/2014) sekitar pukul 09.00 WIB``: an approximate clock time joins its date."""
    return (
        atom.kind == "approx"
        and nxt is not None
        and nxt.kind == "clock"
        and text[chain.end : atom.start] == " "
        and text[atom.end : nxt.start] == " "
        and _slot(chain.atoms[-1]) in {"base", "wd"}
        and "clock" not in {_slot(a) for a in chain.atoms}
    )


def _chains(text: str) -> list[_Chain]:
    chains: list[_Chain] = []
    atoms = _atoms(text)
    for i, found in enumerate(atoms):
        if not chains:
            chains.append(_Chain([found]))
            continue
        last = chains[-1]
        gap = text[last.end : found.start]
        atom = _as_tail(last, found, gap)
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        if _can_join(last, atom, gap) or _approx_clock(last, atom, nxt, text):
            last.atoms.append(atom)
        else:
            chains.append(_Chain([atom]))
    return chains


# ---------------------------------------------------------------------------------------------
# resolution


def _ymd(d: date) -> str:
    return d.isoformat()


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    day = min(
        d.day,
        [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
            m - 1
        ],
    )
    return date(y, m, day)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _tense(chain: _Chain) -> int:
    tail = chain.get("tail")
    words = " ".join(a.text.lower() for a in chain.atoms if a.kind in {"tail", "rel"})
    words = re.sub(r"\s+", " ", words)
    if tail is None and "kemarin" not in words:
        return 0
    if any(w in words for w in ("lalu", "silam", "kemarin", "tadi")):
        return -1
    if any(w in words for w in ("mendatang", "depan", "nanti")):
        return 1
    return 0


def _pick(cands: list[date], anchor: date, tense: int) -> date:
    if tense < 0:
        past = [c for c in cands if c <= anchor]
        if past:
            return max(past)
    if tense > 0:
        fut = [c for c in cands if c >= anchor]
        if fut:
            return min(fut)
    return min(cands, key=lambda c: abs((c - anchor).days))


@cache
def _hijri() -> dict[int, tuple[date, date, date]]:
    text = (resources.files("warta") / "resources" / "lang" / "hijri.txt").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            y, *ds = line.split("\t")
            a, b, c = (date.fromisoformat(d) for d in ds)
            out[int(y)] = (a, b, c)
    return out


def _num(text: str) -> float | None:
    t = text.lower()
    if t == "beberapa":
        return None
    value = parse_digits(t)
    if value is not None:
        return value
    parsed = parse_words(t.split())
    return parsed[0] if parsed else None


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _duration(text: str) -> str | None:
    """TIMEX3 duration of ``tiga hari``, ``2,5 tahun``, ``sepekan``, ``beberapa bulan``."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    for prefix in ("sekitar ", "kira-kira ", "kurang lebih ", "hampir ", "menjelang "):
        if t.startswith(prefix):
            t = t[len(prefix) :]
    if t == "sejenak":
        return "PXX"
    m = re.fullmatch(r"ber(\w+)-\1", t)  # "bertahun-tahun": an unknown number of years
    if m:
        code = _UNITS.get(m.group(1), "D")
        return f"PTX{code[1:]}" if code.startswith("T") else f"PX{code}"
    parts = t.split()
    if len(parts) == 1 and t.startswith("se") and t[2:] in _UNITS:
        n: float | None = 1.0
        unit = t[2:]
    else:
        unit = parts[-1]
        numtext = " ".join(parts[:-1])
        if unit not in _UNITS:
            return None
        first = numtext.split()[0] if numtext else ""
        if (
            first.endswith("an") and first in {"belasan", "puluhan", "ratusan", "ribuan"}
        ) or numtext == "beberapa":
            n = None
        else:
            n = _num(numtext)
            if n is None:
                return None
    code = _UNITS[unit]
    if code == "Y8":
        code, n = "Y", (n * 8 if n is not None else None)
    if n == 0.5:
        half = {"D": "T12H", "Y": "6M", "TH": "T30M", "TM": "T30S", "W": "3.5D"}
        if code in half:
            return "P" + half[code]
    qty = "X" if n is None else _fmt(n)
    if code.startswith("T"):
        return f"PT{qty}{code[1:]}"
    return f"P{qty}{code}"


def _sum_durations(parts: list[str | None]) -> tuple[str, str] | None:
    """One TIMEX3 duration from several: PT1H + PT24M -> PT1H24M; P2D + P3D (hari, malam) -> P5D."""
    date_units: dict[str, float] = {}
    time_units: dict[str, float] = {}
    for p in parts:
        m = re.fullmatch(r"P(T?)([\d.]+)([A-Z]+)", p or "")
        if m is None:
            return None
        units = time_units if m.group(1) else date_units
        units[m.group(3)] = units.get(m.group(3), 0.0) + float(m.group(2))
    date_part = "".join(
        f"{_fmt(date_units[u])}{u}" for u in ("CE", "DE", "Y", "M", "W", "D") if u in date_units
    )
    time_part = "".join(f"{_fmt(time_units[u])}{u}" for u in ("H", "M", "S") if u in time_units)
    return "DURATION", "P" + date_part + ("T" + time_part if time_part else "")


class _Resolver:
    """Turns chains into TIMEX3 (type, value), tracking the last date mentioned."""

    def __init__(self, text: str, anchor: date | None) -> None:
        self.text = text
        self.anchor = anchor
        self.ref: date | None = anchor
        #: the year of the last expression that named one ("pada 2007"), for "dua tahun kemudian"
        self.last_year: int | None = None
        #: month -> (year, end offset) where the text last dated it: "Februari 2025" for "Per Februari"
        self.months: dict[int, tuple[int, int]] = {}
        #: weekday -> the date the text gave it, e.g. "Kamis (27/11/2014)" for a later bare "Kamis"
        self.weekdays: dict[int, date] = {}

    # -- helpers -------------------------------------------------------------------------------
    def _cue(self, chain: _Chain) -> int:
        """Tense from the words just before an expression with no tense of its own."""
        before = self.text[max(0, chain.start - 50) : chain.start]
        if _PAST_CUES.search(before):
            return -1
        if _FUTURE_CUES.search(before):
            return 1
        after = self.text[chain.end : chain.end + 30]
        if _FUTURE_AFTER.match(after):  # "Senin saya akan siap"
            return 1
        return 0

    def _day_month(self, day: int, month: int, year: int | None, chain: _Chain, anchor: date | None) -> str:
        if year is not None:
            d = _safe_date(year, month, day)
            return _ymd(d) if d else f"{year}-{month:02d}"
        if anchor is None:
            return f"XXXX-{month:02d}-{day:02d}"
        cands = [
            c for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (c := _safe_date(y, month, day))
        ]
        if not cands:
            return f"XXXX-{month:02d}-{day:02d}"
        wd = chain.get("wd")
        if wd is not None:
            iso = WEEKDAYS.get(wd.text.lower())
            match = [c for c in cands if c.isoweekday() == iso and abs((c - anchor).days) <= 180]
            if match:
                return _ymd(_pick(match, anchor, _tense(chain) or self._cue(chain)))
        return _ymd(_pick(cands, anchor, _tense(chain) or self._cue(chain)))

    def _weekday(self, iso: int, chain: _Chain, anchor: date | None, tense: int = 0) -> str:
        if anchor is None:
            return f"XXXX-WXX-{iso}"
        tense = tense or _tense(chain) or self._cue(chain)
        known = self.weekdays.get(iso)
        if tense == 0 and known is not None and abs((known - anchor).days) <= 7:
            return _ymd(known)
        back = (anchor.isoweekday() - iso) % 7
        if tense > 0:
            fwd = (iso - anchor.isoweekday()) % 7
            return _ymd(anchor + timedelta(days=fwd or 7))
        if tense < 0 and back == 0:
            back = 7
        return _ymd(anchor - timedelta(days=back))

    # -- main -------------------------------------------------------------------------------------
    def resolve(self, chain: _Chain, anchor: date | None) -> tuple[str, str] | None:
        durs = [a for a in chain.atoms if a.kind == "dur"]
        if len(durs) > 1:
            return _sum_durations([_duration(a.text) for a in durs])
        lone = next((a for a in chain.atoms if a.kind in _LONE), None)
        if lone is not None:
            return self._lone(lone, anchor)
        base = next((a for a in chain.atoms if a.kind == "paren"), None) or chain.get("base")
        wd = chain.get("wd")
        clock = chain.get("clock")
        pod = chain.get("pod") or chain.get("podrel")
        if base is None and wd is None and clock is None:
            base = chain.get("podrel")
            if base is None:  # "pagi itu": a part of the day last mentioned
                if pod is None:
                    return None
                ref_day = _ymd(self.ref) if self.ref else "XXXX-XX-XX"
                return "TIME", f"{ref_day}{_POD[pod.text.lower()]}"
        year_atom = next((a for a in chain.atoms[1:] if a.kind in {"year", "unitrel"}), None)
        if base is not None and base.kind in {"month", "holiday", "season"} and year_atom is not None:
            year_value = self._base_value(chain, year_atom, None, anchor)
            if year_value is None or not year_value.isdigit():
                return None
            mid_year = date(int(year_value), 7, 1)
            if base.kind == "month":  # "Desember tahun depan": that month of that year
                mname = re.search(r"[^\W\d_]+$", base.text)
                if mname and mname.group().lower() in MONTHS:
                    return "DATE", f"{year_value}-{MONTHS[mname.group().lower()]:02d}"
            return "DATE", self._base_value(_Chain([base]), base, None, mid_year) or year_value
        value: str | None
        if wd is not None and base is not None and base.kind == "rel" and base.text.lower() in _REL_TENSE:
            value = self._weekday(WEEKDAYS[wd.text.lower()], chain, anchor, _REL_TENSE[base.text.lower()])
            base = None
        else:
            value = self._base_value(chain, base, wd, anchor)
        if value is None:
            return None
        if pod is None and base is not None and base.kind == "rel":
            pod = next(
                (
                    _Atom("pod", base.start, base.end, w)
                    for w in _POD
                    if re.search(rf"\b{w}\b", re.sub(r"^semalam$", "malam", base.text.lower()))
                ),
                None,
            )
        if clock is None and pod is None:
            return "DATE", value
        day = value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
        if day is None and base is None and wd is None:
            day = _ymd(self.ref) if self.ref else "XXXX-XX-XX"
        if day is None:
            day = value if value.startswith("XXXX") else "XXXX-XX-XX"
        pod_word = re.sub(r"\s+(ini|tadi|harinya)$|^(tadi|nanti)\s+", "", pod.text.lower()) if pod else None
        if clock is not None:
            m = re.search(r"(\d{1,2})(?:[.:](\d{2}))?", clock.text)
            assert m is not None
            hour, minute = int(m.group(1)), int(m.group(2) or 0)
            evening = pod_word in {"sore", "petang", "malam"} and hour < 12
            if evening or (pod_word in {"siang", "tengah hari"} and hour < 6):
                hour += 12
            if hour > 24 or minute > 59:
                return None
            return "TIME", f"{day}T{hour % 24:02d}:{minute:02d}"
        return "TIME", f"{day}{_POD.get(pod_word or '', 'TNI')}"

    def _lone(self, atom: _Atom, anchor: date | None) -> tuple[str, str] | None:
        t = re.sub(r"\s+", " ", atom.text.lower())
        if atom.kind == "vague":
            if t == "hari yang sama":
                return "DATE", _ymd(self.ref) if self.ref else "XXXX-XX-XX"
            if t in {
                "saat ini",
                "dewasa ini",
                "kini",
                "sekarang",
                "sekarang ini",
                "belakangan ini",
                "akhir-akhir ini",
            }:
                return "DATE", "PRESENT_REF"
            if t in {"kelak", "nanti", "waktu dekat", "masa depan", "masa mendatang", "kemudian hari"}:
                return "DATE", "FUTURE_REF"
            return "DATE", "PAST_REF"
        if atom.kind == "set":
            every = _duration(t.split(None, 1)[1])
            if every is not None and len(t.split()) > 2:  # "setiap 5 menit"
                return "SET", every
            what = re.sub(r"(?<=\w\w\w)nya$", "", t.split()[-1])  # "setiap tahunnya"
            if what in WEEKDAYS:
                return "SET", f"XXXX-WXX-{WEEKDAYS[what]}"
            if what in _POD:
                return "SET", f"XXXX-XX-XX{_POD[what]}"
            code = _UNITS.get(what, "D")
            return "SET", f"PT1{code[1:]}" if code.startswith("T") else f"P1{code}"
        if atom.kind == "dur":
            value = _duration(t)
            return ("DURATION", value) if value else None
        # nrel: "tiga hari lalu", "dua pekan terakhir", "sebulan kemudian"
        m = re.fullmatch(
            r"(.+?) (yang lalu|lalu|silam|lagi|mendatang|ke depan|terakhir|belakangan|kemudian|sebelumnya"
            r"|setelahnya|berikutnya)",
            t,
        )
        if m is None:
            return None
        dur_text, rel = m.groups()
        dur = _duration(dur_text)
        if dur is None:
            return None
        if rel in {"ke depan", "terakhir", "belakangan"}:
            return "DURATION", dur
        sign = -1 if rel in {"yang lalu", "lalu", "silam", "sebelumnya"} else 1
        anaphoric = rel in {"kemudian", "sebelumnya", "setelahnya", "berikutnya"}
        base = self.ref if anaphoric else anchor
        if (
            anaphoric and dur.endswith("Y") and self.last_year is not None
        ):  # "pada 2007 ... dua tahun kemudian"
            n_years = re.fullmatch(r"P(\d+)Y", dur)
            if n_years:
                return "DATE", str(self.last_year + sign * int(n_years.group(1)))
        qty_m = re.fullmatch(r"PT?([\d.]+)([A-Z]+)", dur)
        if base is None or qty_m is None or "." in qty_m.group(1):
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
        n, unit = int(qty_m.group(1)) * sign, qty_m.group(2)
        if dur.startswith("PT"):
            return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
        if unit == "D":
            d = base + timedelta(days=n)
            return "DATE", _ymd(d)
        if unit == "W":
            d = base + timedelta(weeks=n)
            return "DATE", _ymd(d) if anaphoric else _week(d)
        if unit == "M":
            d = _add_months(base, n)
            return "DATE", _ymd(d) if anaphoric else f"{d.year}-{d.month:02d}"
        if unit == "Y":
            return "DATE", f"{base.year + n}"
        if unit == "DE":
            return "DATE", f"{base.year + 10 * n}"[:3]
        return None

    def _base_value(
        self, chain: _Chain, base: _Atom | None, wd: _Atom | None, anchor: date | None
    ) -> str | None:
        mod = chain.get("mod")
        if base is None:
            if wd is None:  # a bare clock time: on the day last mentioned
                return _ymd(self.ref) if self.ref else "XXXX-XX-XX"
            return self._weekday(WEEKDAYS[wd.text.lower()], chain, anchor)
        t = re.sub(r"\s+", " ", base.text.lower())
        kind = base.kind
        if kind in {"dmy", "tanggal", "numdate", "paren"}:
            nums = [int(x) for x in re.findall(r"\d+", t)]
            if kind == "tanggal":
                day = nums[0]
                if not 1 <= day <= 31:
                    return None
                if anchor is None:
                    return f"XXXX-XX-{day:02d}"
                cands = [
                    c
                    for k in (-1, 0, 1)
                    if (c := _safe_date(*_add_months(anchor.replace(day=1), k).timetuple()[:2], day))
                ]
                return _ymd(_pick(cands, anchor, _tense(chain))) if cands else None
            if kind == "dmy":
                mname = re.search(r"[a-z]+(?=\.?(?:\s+\d{4})?$)", t)
                if mname is None or mname.group() not in MONTHS:
                    return None
                month = MONTHS[mname.group()]
                year = nums[-1] if len(nums) > 1 and nums[-1] > 1000 else None
                day = nums[0]
            else:
                day, month = nums[0], nums[1]
                year = nums[2] if len(nums) > 2 else None
                if year is not None and year < 100:
                    year += 2000
            if not (1 <= day <= 31 and 1 <= month <= 12):
                return None
            return self._day_month(day, month, year, chain, anchor)
        if kind == "month":
            mname = re.search(r"[a-z]+", t.replace("bulan ", "", 1))
            if mname is None or mname.group() not in MONTHS:
                return None
            month = MONTHS[mname.group()]
            ym = re.search(r"\d{4}", t) or (re.match(r"\d{4}", base.year) if base.year else None)
            if ym:
                return f"{ym.group()}-{month:02d}"
            if anchor is None:
                return f"XXXX-{month:02d}"
            before = self.text[max(0, chain.start - 30) : chain.start]
            # a delivery month is the next one to come
            tense = 1 if _DELIVERY.search(before) else (_tense(chain) or self._cue(chain))
            cands = [date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
            this = anchor.replace(day=1)
            if tense > 0:
                cands = [c for c in cands if c >= this] or cands
            near = self.months.get(month)
            if tense == 0 and near and chain.start - near[1] <= _CONTEXT:
                d = date(near[0], month, 1)  # "TPT pada Februari 2025 ... Per Februari"
            elif tense == 0:  # news reports the past: a month ahead counts a little more than one behind
                d = min(cands, key=lambda c: abs((c - this).days) * (1.1 if c > this else 1.0))
            else:
                d = _pick(cands, this, tense)
            return f"{d.year}-{month:02d}"
        if kind == "year":
            return re.search(r"\d{4}", t).group()  # type: ignore[union-attr]
        if kind == "decade":
            digits = re.search(r"\d+", t).group()  # type: ignore[union-attr]
            if len(digits) == 2:
                digits = ("19" if int(digits) >= 20 or not t.startswith(("tahun", "era")) else "20") + digits
                digits = "19" + digits[2:] if digits.startswith("20") and int(digits[2:]) >= 20 else digits
            return digits[:3]
        if kind == "century":
            raw = t.split()[-1].replace("ke-", "").replace("ke", "").strip("- ")
            n = int(raw) if raw.isdigit() else _roman(raw.upper())
            return f"{n - 1:02d}" if n and n > 0 else None
        if kind == "quarter":
            return self._quarter(t, chain, anchor)
        if kind == "holiday":
            return self._holiday(t, chain, anchor)
        if kind == "season":
            code = _SEASONS[t.split()[-1]]
            if anchor is None:
                return f"XXXX-{code}"
            tail = chain.get("tail")
            step = {"lalu": -1, "depan": 1, "mendatang": 1}.get(tail.text.lower() if tail else "", 0)
            return f"{anchor.year + step}-{code}"
        if kind == "bare":  # "awal tahun", "akhir bulan" after a modifier
            if mod is None or anchor is None:
                return "XXXX" if t == "tahun" else "XXXX-XX"
            return f"{anchor.year}" if t == "tahun" else f"{anchor.year}-{anchor.month:02d}"
        if kind == "unitrel":
            return self._unitrel(t, chain, anchor)
        if kind == "rel":
            return self._rel(t, anchor)
        return None

    def _quarter(self, t: str, chain: _Chain, anchor: date | None) -> str | None:
        """``kuartal III 2021``, ``triwulan I-2015``, ``kuartal ketiga tahun ini``, ``kuartal kedua``."""
        q = re.search(r"\s(iv|i{1,3}|[1-4]|pertama|kedua|ketiga|keempat)\b", t)
        if q is None:
            return None
        n = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4}.get(
            q.group(1)
        ) or int(q.group(1))
        half = t.startswith(("semester", "paruh"))
        letter = "H" if half else "Q"
        year_m = re.search(r"\d{4}", t)
        rel = re.search(r"tahun (.+)$", t)
        if year_m:
            return f"{year_m.group()}-{letter}{n}"
        if rel:
            y = self._unitrel("tahun " + rel.group(1), chain, anchor)
            return f"{y}-{letter}{n}" if y else None
        # "kuartal pertama dan kedua tahun depan": the year written after the second of a pair
        pair = re.match(
            r"\s+(?:dan|hingga|sampai|atau)\s+(?:iv|i{1,3}|[1-4]|pertama|kedua|ketiga|keempat)"
            r"\s+(?:(?:tahun\s+)?((?:19|20)\d\d)|tahun\s+(ini|depan|lalu|mendatang))\b",
            self.text[chain.end : chain.end + 40],
            re.I,
        )
        if pair:
            y = pair.group(1) or self._unitrel("tahun " + pair.group(2).lower(), chain, anchor)
            return f"{y}-{letter}{n}" if y else None
        if half:  # "semester 1", "paruh kedua" alone: a school term, the second half of a match
            return None
        if anchor is None:
            return f"XXXX-Q{n}"
        year = anchor.year
        if self._cue(chain) > 0 and n < (anchor.month - 1) // 3 + 1:
            year += 1  # "akan ... kuartal pertama" said in December
        return f"{year}-Q{n}"

    def _rel(self, t: str, anchor: date | None) -> str | None:
        t = re.sub(r"\s+", " ", t)
        offsets = {
            "kemarin lusa": -2,
            "kemarin": -1,
            "semalam": -1,  # last night: the evening before the anchor
            "tadi malam": -1,
            "besok lusa": 2,
            "lusa": 2,
            "besok": 1,
            "esok": 1,
            "esok hari": 1,
            "hari ini": 0,
        }
        if t in {"hari itu"} or t.endswith("harinya"):
            if self.ref is None:
                return "XXXX-XX-XX"
            return _ymd(self.ref + timedelta(days=1 if t.startswith("keesokan") else 0))
        if t == "keesokan hari":
            return _ymd(self.ref + timedelta(days=1)) if self.ref else "XXXX-XX-XX"
        if t in offsets:
            return _ymd(anchor + timedelta(days=offsets[t])) if anchor else "XXXX-XX-XX"
        # "pagi ini", "tadi malam", "nanti sore": the anchor day (part of day added by the caller)
        return _ymd(anchor) if anchor else "XXXX-XX-XX"

    def _unitrel(self, t: str, chain: _Chain, anchor: date | None) -> str | None:
        m = re.fullmatch(
            r"(akhir pekan|akhir minggu|pekan|minggu|bulan|tahun|triwulan|kuartal|semester) (.+)", t
        )
        if m is None:
            return None
        unit, rel = m.groups()
        step = (
            -1
            if rel in {"lalu", "yang lalu", "kemarin", "silam", "sebelumnya"}
            else (0 if rel == "ini" else 1)
        )
        anaphoric = rel in {"sebelumnya", "berikutnya"}
        base = self.ref if anaphoric else anchor
        if base is None:
            return {"tahun": "XXXX", "bulan": "XXXX-XX"}.get(unit, "XXXX-WXX")
        wd = chain.get("wd")
        if unit in {"pekan", "minggu", "akhir pekan", "akhir minggu"}:
            d = base + timedelta(weeks=step)
            if wd is not None:
                return _ymd(d - timedelta(days=d.isoweekday() - WEEKDAYS[wd.text.lower()]))
            return _week(d) + ("-WE" if unit.startswith("akhir") else "")
        if unit == "bulan":
            d = _add_months(base, step)
            return f"{d.year}-{d.month:02d}"
        if unit == "tahun":
            return f"{base.year + step}"
        if unit in {"triwulan", "kuartal"}:
            q = (base.month - 1) // 3 + step
            return f"{base.year + q // 4}-Q{q % 4 + 1}"
        h = (base.month - 1) // 6 + step
        return f"{base.year + h // 2}-H{h % 2 + 1}"

    def _holiday(self, t: str, chain: _Chain, anchor: date | None) -> str | None:
        table = _hijri()
        col = 0 if t.startswith("ramad") else (2 if "adha" in t else 1)
        if anchor is None:
            return None
        cands = [row[col] for row in table.values()]
        d = _pick(cands, anchor, _tense(chain))
        if t.startswith("ramad") or t == "syawal":
            if t == "syawal":
                d = table[d.year][1]
            return f"{d.year}-{d.month:02d}"
        return _ymd(d)


def _roman(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for i, ch in enumerate(s):
        v = vals.get(ch, 0)
        total += -v if i + 1 < len(s) and vals.get(s[i + 1], 0) > v else v
    return total


# ---------------------------------------------------------------------------------------------
# filters: what looks like a time but is not

_YEAR_BLOCK_BEFORE = re.compile(
    r"(?:\b(?:rp|us\$|nomor|no\.?|pasal|ayat|nomer|km|kode|seri|tipe|type|model|hp|telp|telepon|nopol)\s*|[\w-]-\s*|/)$",
    re.I,
)
_YEAR_BLOCK_AFTER = re.compile(
    r"^\s*(?:orang|unit|kali|km|kilometer|meter|m|ton|kg|dollar|dolar|rupiah|persen|%|jiwa|hektare|ha|buah|ekor|"
    r"kasus|penumpang|pasien|warga|mil|kaki|feet|lembar|paket|titik|kursi|suara|set)\b",
    re.I,
)
_HIJRI_AFTER = re.compile(
    r"\s+(?:muharam|muharram|safar|rabiul|jumadil|rajab|syakban|sya'ban|ramadan|ramadhan|syawal|zulkaidah|"
    r"dzulqa'dah|zulhijah|dzulhijjah)\b",
    re.I,
)
_FUNCTION_WORDS = {
    "pada",
    "sejak",
    "hingga",
    "sampai",
    "hari",
    "mulai",
    "sebelum",
    "setelah",
    "sesudah",
    "jelang",
    "menjelang",
    "selama",
    "sepanjang",
    "tanggal",
    "dan",
    "atau",
    "namun",
    "tetapi",
    "lalu",
    "kemudian",
    "sementara",
    "adapun",
    "nah",
    "bahkan",
    "sedangkan",
    "selain",
    "semenjak",
    "usai",
    "seusai",
    "sebelumnya",
}
#: "dulu" reads "formerly" at the head of a clause, after a pronoun or a time word; elsewhere it is "first"
_FORMERLY = re.compile(
    r"(?:^|[.,;:!?(\"“”]\s*|\b(?:dan|tetapi|namun|padahal|sedangkan|sejak|dari|sedari|seperti|zaman|jaman|"
    r"masa|waktu|kala|yang|jauh|pada|sewaktu|ia|dia|mereka|kami|kita|saya|aku|beliau|ini|itu)\s+)$",
    re.I,
)
#: a month alone names a futures contract's delivery month: "minyak untuk pengiriman Januari"
_DELIVERY = re.compile(r"\b(?:pengiriman|pengantaran|penyerahan|kontrak)\s+$", re.I)
#: how far back (characters) a month without a year looks for the same month dated
_CONTEXT = 300
_MONTH_CONTEXT = re.compile(
    r"\b(?:pada|sejak|hingga|sampai|awal|akhir|pertengahan|medio|selama|mulai|per|antara|dan|sebelum|"
    r"setelah|sesudah|menjelang|jelang|di|dari|ke|bulan|tanggal|hari|sepanjang|penghujung|dalam|tiap|setiap|"
    r"pekan|minggu|atau|target|untuk)\s*$",
    re.I,
)
#: "Januari hingga Maret": a month paired with another
_MONTH_PAIR = re.compile(
    rf"\s*(?:hingga|sampai|dan|atau|[-–])\s*(?:bulan\s+)?(?:{'|'.join(m for m in MONTHS if len(m) >= 3)})\b",
    re.I,
)


def _keep(chain: _Chain, text: str) -> bool:
    slots = [_slot(a) for a in chain.atoms]
    kinds = [a.kind for a in chain.atoms]
    core = [s for s in slots if s not in {"approx", "mod", "tail", "pod"}]
    if not core:
        tail = chain.get("tail")
        if "pod" not in slots:
            return False
        if tail is not None:
            return tail.text.lower() == "itu"  # "pagi itu"
        if kinds != ["pod"]:
            return False
        # "hingga tengah hari", "selesai tengah malam"; a bare "pagi", "siang" alone is often generic
        return re.sub(r"\s+", " ", chain.atoms[0].text.lower()) in {"tengah hari", "tengah malam"}
    if kinds == ["bare"] or (
        set(kinds) <= {"approx", "mod", "bare", "tail"} and "bare" in kinds and "mod" not in kinds
    ):
        return False
    before = text[max(0, chain.start - 30) : chain.start]
    first = chain.atoms[0]
    base = chain.get("base")
    if first.kind == "tanggal" and _HIJRI_AFTER.match(text[chain.end : chain.end + 30]):
        return False  # "tanggal 1 Syawal 1438 H": a Hijri date
    if first.kind == "vague" and re.search(r"\b(?:terlebih|lebih)\s+$", before, re.I):
        return False  # "terlebih dahulu": first, not formerly
    if (
        first.kind == "vague"
        and re.match(r"masa|kemudian", first.text, re.I)
        and not re.search(r"\b(?:di|pada|dalam)\s+$", before, re.I)
    ):
        return False  # "pemimpin masa depan", "masa depan Wenger": the future as a thing, not a time
    if first.kind == "vague" and first.text.lower() in {"dulu", "dahulu"} and not _FORMERLY.search(before):
        return False  # "kita lihat dulu", "Kalimantan dulu": first, not formerly
    if first.kind == "wd":
        if not first.text[0].isupper() and not re.search(r"\bhari\s+$", before, re.I):
            return False
        # "Pasar Minggu", "Jalan Senin Raya": a weekday inside a capitalised name
        prev = re.search(r"(\S+)\s+$", before)
        dated = re.match(r"\s*\(\d{1,2}/\d{1,2}", text[first.end :])  # "Damaskus Jumat (17/11)"
        if (
            not dated
            and prev
            and prev.group(1)[0].isupper()
            and prev.group(1)[-1].isalpha()
            and prev.group(1).lower() not in _FUNCTION_WORDS
        ):
            return False
    if base is not None and base.kind in {"month", "holiday"} and len(chain.atoms) == 1:
        if not base.text[0].isupper() and not base.text.lower().startswith("bulan"):
            return False
        if base.kind == "month" and re.match(r"\s+[A-Z][a-z]", text[chain.end : chain.end + 3]):
            nxt = re.match(r"\s+(\w+)", text[chain.end :])
            if nxt and nxt.group(1).lower() not in MONTHS and nxt.group(1).lower() not in WEEKDAYS:
                return False  # "Juli Siregar": a person named Juli
        if (
            base.kind == "month"
            and not re.search(r"\d{4}", base.text)
            and base.year is None
            and not base.text.lower().startswith("bulan")
        ):
            after = text[chain.end : chain.end + 25]
            return bool(_MONTH_CONTEXT.search(before) or _DELIVERY.search(before) or _MONTH_PAIR.match(after))
    if base is not None and base.kind in {"month", "dmy"}:
        # abbreviated months only with a day and a capital: "23 Nov 2021", not "3 mar"
        mname = re.search(r"([A-Za-z]+)\.?(?:\s+\d{4})?$", base.text)
        if (
            mname
            and len(mname.group(1)) <= 4
            and mname.group(1).lower() not in {"mei", "juni", "juli"}
            and not mname.group(1)[0].isupper()
        ):
            return False
    if kinds in (["year"], ["year", "tail"]) and not first.text.lower().startswith("tahun"):
        after = text[chain.end : chain.end + 20]
        if _YEAR_BLOCK_BEFORE.search(before) or _YEAR_BLOCK_AFTER.match(after):
            return False  # "Pasal 2014", "2014 orang"
        if re.search(r"\d[.,]?\s*$", before):
            return False
    return True


def find_times(text: str, published: str | None = None) -> list[TimeExpr]:
    """Time expressions in ``text`` resolved against ``published`` (ISO date or None)."""
    anchor = None
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", published or "")
    if m:
        anchor = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    chains = [c for c in _chains(text) if _keep(c, text)]
    speech = _speech_anchors(text, chains, anchor)
    resolver = _Resolver(text, anchor)
    out: list[TimeExpr] = []
    for chain in chains:
        local = anchor
        for (qs, qe), d in speech:
            if qs <= chain.start and chain.end <= qe:
                local = d
        try:
            resolved = resolver.resolve(chain, local)
        except (ValueError, OverflowError):  # a calendar value out of range ("31 Februari", year 99999)
            resolved = None
        if resolved is None:
            continue
        typ, value = resolved
        start, end = chain.start, chain.end
        out.append(
            TimeExpr(
                start, end, text[start:end], type=typ, value=value, anchor=_ymd(local) if local else None
            )
        )
        month_value = re.match(r"(\d{4})-(\d{2})(?!\d)", value)
        if month_value and 1 <= int(month_value.group(2)) <= 12:
            resolver.months[int(month_value.group(2))] = (int(month_value.group(1)), chain.end)
        year = re.match(r"(\d{4})(?:-\d\d)*$", value)
        if year and typ == "DATE":
            resolver.last_year = int(year.group(1))
        day = re.match(r"(\d{4}-\d{2}-\d{2})", value)
        explicit = {a.kind for a in chain.atoms} & {"dmy", "numdate", "paren", "tanggal", "wd"}
        if day and explicit:
            resolver.ref = date.fromisoformat(day.group(1))
            wd = chain.get("wd")
            if wd is not None and explicit - {"wd"}:
                resolver.weekdays[WEEKDAYS[wd.text.lower()]] = resolver.ref
    return out


def _speech_anchors(
    text: str, chains: list[_Chain], anchor: date | None
) -> list[tuple[tuple[int, int], date]]:
    """Quote spans whose attribution gives a speech date: ``"...," kata X, Sabtu (18/10).``"""
    out: list[tuple[tuple[int, int], date]] = []
    explicit = [c for c in chains if any(a.kind in {"paren", "dmy", "numdate"} for a in c.atoms)]
    if not explicit:
        return out
    resolver = _Resolver(text, anchor)
    for m in _QUOTE.finditer(text):
        after_end = m.end()
        stop = len(text)
        for sep in ("\n", "“", ". "):
            i = text.find(sep, after_end)
            if i >= 0:
                stop = min(stop, i)
        tail = text[after_end:stop]
        verb = _SPEECH_VERB.search(tail)
        if verb is None or verb.start() > 60:
            continue
        for c in explicit:
            if after_end + verb.start() <= c.start and c.end <= stop + 1:
                value = resolver.resolve(c, anchor)
                if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[1]):
                    out.append(((m.start(), m.end()), date.fromisoformat(value[1])))
                break
    return out


class TimesStage(Stage):
    """Recognise and normalise time expressions (TIMEX3) in ``doc.times``."""

    name = "times"
    requires = ("tokens", "sentences")
    provides = ("times",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        _atom_re()  # compile once, at pipeline build time
        _hijri()

    def __call__(self, doc: Document) -> None:
        times = find_times(doc.text, doc.published)
        # when entities ran first, a "time" inside a name is part of the name ("Pasar Minggu", "Juli Siregar")
        names = [m for e in doc.entities for m in e.mentions]
        doc.times = [t for t in times if not any(m.contains(t) for m in names)]
