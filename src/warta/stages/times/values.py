"""Resolvers of the ``times`` rules: an atom of a chain -> a TIMEX3 (type, value), against an anchor.

Each resolver takes the document's :class:`Context` (the text, the last date and year mentioned),
the chain, the atom it resolves and the anchor (the publication or speech date, or None) and gives
``(type, value)`` or None when the atom names no time after all. A rule in ``rules.py`` names its
resolver; a new kind of expression adds a function here.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from warta.lang.numbers import MONTHS, WEEKDAYS
from warta.stages.times.atoms import Atom, Chain
from warta.stages.times.calendar import (
    UNITS,
    add_months,
    duration,
    hijri,
    pick,
    roman,
    safe_date,
    week,
    ymd,
)
from warta.stages.times.lexicon import pattern, table

__all__ = ["Context", "Value", "tense"]

Value = tuple[str, str]

#: part of the day -> TIMEX3 code (``resources/times/parts_of_day.tsv``)
POD: dict[str, str] = table("parts_of_day")
_SEASONS: dict[str, str] = table("seasons")
_FUTURE_CUES = re.compile(rf"\b({pattern('future_cues')})\b[^.,;]{{0,25}}$", re.I)
_FUTURE_AFTER = re.compile(r"^[^.,;]{0,20}\b(akan|bakal|dijadwalkan)\b", re.I)
_PAST_CUES = re.compile(r"\b(sejak|semenjak|sepanjang|selama)\s+(?:hari\s+|bulan\s+|tanggal\s+)?$", re.I)
#: a month alone names a futures contract's delivery month: "minyak untuk pengiriman Januari"
DELIVERY = re.compile(rf"\b(?:{pattern('delivery_words')})\s+$", re.I)
#: how far back (characters) a month without a year looks for the same month dated
_CONTEXT = 300
_PRESENT = {"saat ini", "dewasa ini", "kini", "sekarang", "sekarang ini", "belakangan ini", "akhir-akhir ini"}
_FUTURE = {"kelak", "nanti", "waktu dekat", "masa depan", "masa mendatang", "kemudian hari"}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower())


def tense(chain: Chain) -> int:
    """-1 / 1 when the chain's own words put it in the past / future (``Senin lalu``), else 0."""
    tail = chain.get("tail")
    words = _norm(" ".join(a.text.lower() for a in chain.atoms if a.kind in {"tail", "rel"}))
    if tail is None and "kemarin" not in words:
        return 0
    if any(w in words for w in ("lalu", "silam", "kemarin", "tadi")):
        return -1
    if any(w in words for w in ("mendatang", "depan", "nanti")):
        return 1
    return 0


class Context:
    """What resolution knows of the document: its text and the dates it mentioned so far."""

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

    def ref_day(self) -> str:
        return ymd(self.ref) if self.ref else "XXXX-XX-XX"

    def cue(self, chain: Chain) -> int:
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

    def day_month(self, day: int, month: int, year: int | None, chain: Chain, anchor: date | None) -> str:
        if year is not None:
            d = safe_date(year, month, day)
            return ymd(d) if d else f"{year}-{month:02d}"
        if anchor is None:
            return f"XXXX-{month:02d}-{day:02d}"
        cands = [
            c for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (c := safe_date(y, month, day))
        ]
        if not cands:
            return f"XXXX-{month:02d}-{day:02d}"
        wd = chain.get("wd")
        if wd is not None:
            iso = WEEKDAYS.get(wd.text.lower())
            match = [c for c in cands if c.isoweekday() == iso and abs((c - anchor).days) <= 180]
            if match:
                return ymd(pick(match, anchor, tense(chain) or self.cue(chain)))
        return ymd(pick(cands, anchor, tense(chain) or self.cue(chain)))

    def weekday(self, iso: int, chain: Chain, anchor: date | None, given_tense: int = 0) -> str:
        if anchor is None:
            return f"XXXX-WXX-{iso}"
        t = given_tense or tense(chain) or self.cue(chain)
        known = self.weekdays.get(iso)
        if t == 0 and known is not None and abs((known - anchor).days) <= 7:
            return ymd(known)
        back = (anchor.isoweekday() - iso) % 7
        if t > 0:
            fwd = (iso - anchor.isoweekday()) % 7
            return ymd(anchor + timedelta(days=fwd or 7))
        if t < 0 and back == 0:
            back = 7
        return ymd(anchor - timedelta(days=back))


def _date(value: str | None) -> Value | None:
    return ("DATE", value) if value is not None else None


# -- dates ----------------------------------------------------------------------------------------
def value_tanggal(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``tanggal 5``: that day of this, the last or the next month."""
    day = int(re.findall(r"\d+", atom.text)[0])
    if not 1 <= day <= 31:
        return None
    if anchor is None:
        return _date(f"XXXX-XX-{day:02d}")
    cands = [
        c for k in (-1, 0, 1) if (c := safe_date(*add_months(anchor.replace(day=1), k).timetuple()[:2], day))
    ]
    return _date(ymd(pick(cands, anchor, tense(chain)))) if cands else None


def value_dmy(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``23 November 2021``, ``tanggal 5 Mei``, ``23 Nov``."""
    t = _norm(atom.text)
    nums = [int(x) for x in re.findall(r"\d+", t)]
    mname = re.search(r"[a-z]+(?=\.?(?:\s+\d{4})?$)", t)
    if mname is None or mname.group() not in MONTHS:
        return None
    month = MONTHS[mname.group()]
    year = nums[-1] if len(nums) > 1 and nums[-1] > 1000 else None
    day = nums[0]
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return _date(ctx.day_month(day, month, year, chain, anchor))


def value_numeric(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``23/11/2021``, ``23-11-21``, ``(23/11)``."""
    nums = [int(x) for x in re.findall(r"\d+", atom.text)]
    day, month = nums[0], nums[1]
    year = nums[2] if len(nums) > 2 else None
    if year is not None and year < 100:
        year += 2000
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return _date(ctx.day_month(day, month, year, chain, anchor))


def value_month(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``November 2021``; ``Januari`` alone: the month a news text most likely means."""
    t = _norm(atom.text)
    mname = re.search(r"[a-z]+", t.replace("bulan ", "", 1))
    if mname is None or mname.group() not in MONTHS:
        return None
    month = MONTHS[mname.group()]
    ym = re.search(r"\d{4}", t) or (re.match(r"\d{4}", atom.year) if atom.year else None)
    if ym:
        return _date(f"{ym.group()}-{month:02d}")
    if anchor is None:
        return _date(f"XXXX-{month:02d}")
    before = ctx.text[max(0, chain.start - 30) : chain.start]
    # a delivery month is the next one to come
    direction = 1 if DELIVERY.search(before) else (tense(chain) or ctx.cue(chain))
    cands = [date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    this = anchor.replace(day=1)
    if direction > 0:
        cands = [c for c in cands if c >= this] or cands
    near = ctx.months.get(month)
    if direction == 0 and near and chain.start - near[1] <= _CONTEXT:
        d = date(near[0], month, 1)  # "TPT pada Februari 2025 ... Per Februari"
    elif direction == 0:  # news reports the past: a month ahead counts a little more than one behind
        d = min(cands, key=lambda c: abs((c - this).days) * (1.1 if c > this else 1.0))
    else:
        d = pick(cands, this, direction)
    return _date(f"{d.year}-{month:02d}")


def value_year(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    return _date(re.search(r"\d{4}", atom.text).group())  # type: ignore[union-attr]


def value_decade(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``1990-an``, ``era 80-an`` -> ``199``, ``198``."""
    t = _norm(atom.text)
    digits = re.search(r"\d+", t).group()  # type: ignore[union-attr]
    if len(digits) == 2:
        digits = ("19" if int(digits) >= 20 or not t.startswith(("tahun", "era")) else "20") + digits
        digits = "19" + digits[2:] if digits.startswith("20") and int(digits[2:]) >= 20 else digits
    return _date(digits[:3])


def value_century(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``abad ke-21``, ``abad XX`` -> ``20``, ``19``."""
    raw = _norm(atom.text).split()[-1].replace("ke-", "").replace("ke", "").strip("- ")
    n = int(raw) if raw.isdigit() else roman(raw.upper())
    return _date(f"{n - 1:02d}") if n and n > 0 else None


def value_season(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    code = _SEASONS[_norm(atom.text).split()[-1]]
    if anchor is None:
        return _date(f"XXXX-{code}")
    tail = chain.get("tail")
    step = {"lalu": -1, "depan": 1, "mendatang": 1}.get(tail.text.lower() if tail else "", 0)
    return _date(f"{anchor.year + step}-{code}")


def value_bare(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``awal tahun``, ``akhir bulan``: the anchor's year or month, after a modifier."""
    t = _norm(atom.text)
    if chain.get("mod") is None or anchor is None:
        return _date("XXXX" if t == "tahun" else "XXXX-XX")
    return _date(f"{anchor.year}" if t == "tahun" else f"{anchor.year}-{anchor.month:02d}")


def value_holiday(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``Lebaran``, ``Idul Adha``, ``Ramadan``: the nearest one (by the tense) in the Hijri table."""
    t = _norm(atom.text)
    table_ = hijri()
    col = 0 if t.startswith("ramad") else (2 if "adha" in t else 1)
    if anchor is None:
        return None
    cands = [row[col] for row in table_.values()]
    d = pick(cands, anchor, tense(chain))
    if t.startswith("ramad") or t == "syawal":
        if t == "syawal":
            d = table_[d.year][1]
        return _date(f"{d.year}-{d.month:02d}")
    return _date(ymd(d))


def _unitrel(ctx: Context, t: str, chain: Chain, anchor: date | None) -> str | None:
    m = re.fullmatch(r"(akhir pekan|akhir minggu|pekan|minggu|bulan|tahun|triwulan|kuartal|semester) (.+)", t)
    if m is None:
        return None
    unit, rel = m.groups()
    step = (
        -1 if rel in {"lalu", "yang lalu", "kemarin", "silam", "sebelumnya"} else (0 if rel == "ini" else 1)
    )
    anaphoric = rel in {"sebelumnya", "berikutnya"}
    base = ctx.ref if anaphoric else anchor
    if base is None:
        return {"tahun": "XXXX", "bulan": "XXXX-XX"}.get(unit, "XXXX-WXX")
    wd = chain.get("wd")
    if unit in {"pekan", "minggu", "akhir pekan", "akhir minggu"}:
        d = base + timedelta(weeks=step)
        if wd is not None:
            return ymd(d - timedelta(days=d.isoweekday() - WEEKDAYS[wd.text.lower()]))
        return week(d) + ("-WE" if unit.startswith("akhir") else "")
    if unit == "bulan":
        d = add_months(base, step)
        return f"{d.year}-{d.month:02d}"
    if unit == "tahun":
        return f"{base.year + step}"
    if unit in {"triwulan", "kuartal"}:
        q = (base.month - 1) // 3 + step
        return f"{base.year + q // 4}-Q{q % 4 + 1}"
    h = (base.month - 1) // 6 + step
    return f"{base.year + h // 2}-H{h % 2 + 1}"


def value_unitrel(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``pekan lalu``, ``bulan depan``, ``tahun ini``, ``kuartal berikutnya``."""
    return _date(_unitrel(ctx, _norm(atom.text), chain, anchor))


_ORDINALS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4}
_PAIR = re.compile(
    r"\s+(?:dan|hingga|sampai|atau)\s+(?:iv|i{1,3}|[1-4]|pertama|kedua|ketiga|keempat)"
    r"\s+(?:(?:tahun\s+)?((?:19|20)\d\d)|tahun\s+(ini|depan|lalu|mendatang))\b",
    re.I,
)


def value_quarter(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``kuartal III 2021``, ``triwulan I-2015``, ``kuartal ketiga tahun ini``, ``kuartal kedua``."""
    t = _norm(atom.text)
    q = re.search(r"\s(iv|i{1,3}|[1-4]|pertama|kedua|ketiga|keempat)\b", t)
    if q is None:
        return None
    n = _ORDINALS.get(q.group(1)) or int(q.group(1))
    half = t.startswith(("semester", "paruh"))
    letter = "H" if half else "Q"
    year_m = re.search(r"\d{4}", t)
    rel = re.search(r"tahun (.+)$", t)
    if year_m:
        return _date(f"{year_m.group()}-{letter}{n}")
    if rel:
        y = _unitrel(ctx, "tahun " + rel.group(1), chain, anchor)
        return _date(f"{y}-{letter}{n}") if y else None
    # "kuartal pertama dan kedua tahun depan": the year written after the second of a pair
    pair = _PAIR.match(ctx.text[chain.end : chain.end + 40])
    if pair:
        y = pair.group(1) or _unitrel(ctx, "tahun " + pair.group(2).lower(), chain, anchor)
        return _date(f"{y}-{letter}{n}") if y else None
    if half:  # "semester 1", "paruh kedua" alone: a school term, the second half of a match
        return None
    if anchor is None:
        return _date(f"XXXX-Q{n}")
    year = anchor.year
    if ctx.cue(chain) > 0 and n < (anchor.month - 1) // 3 + 1:
        year += 1  # "akan ... kuartal pertama" said in December
    return _date(f"{year}-Q{n}")


_OFFSETS = {
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


def value_rel(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``kemarin``, ``besok lusa``, ``hari itu``, ``keesokan harinya``, ``pagi ini``."""
    t = _norm(atom.text)
    if t in {"hari itu"} or t.endswith("harinya"):
        if ctx.ref is None:
            return _date("XXXX-XX-XX")
        return _date(ymd(ctx.ref + timedelta(days=1 if t.startswith("keesokan") else 0)))
    if t == "keesokan hari":
        return _date(ymd(ctx.ref + timedelta(days=1)) if ctx.ref else "XXXX-XX-XX")
    if t in _OFFSETS:
        return _date(ymd(anchor + timedelta(days=_OFFSETS[t])) if anchor else "XXXX-XX-XX")
    # "pagi ini", "tadi malam", "nanti sore": the anchor day (part of day added by the caller)
    return _date(ymd(anchor) if anchor else "XXXX-XX-XX")


# -- expressions that stand alone ------------------------------------------------------------------
def lone_vague(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``saat ini`` PRESENT_REF, ``kelak`` FUTURE_REF, ``dulu`` PAST_REF, ``hari yang sama``."""
    t = _norm(atom.text)
    if t == "hari yang sama":
        return "DATE", ctx.ref_day()
    if t in _PRESENT:
        return "DATE", "PRESENT_REF"
    if t in _FUTURE:
        return "DATE", "FUTURE_REF"
    return "DATE", "PAST_REF"


def lone_set(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``setiap hari`` P1D, ``tiap Senin`` XXXX-WXX-1, ``setiap 5 menit`` PT5M."""
    t = _norm(atom.text)
    every = duration(t.split(None, 1)[1])
    if every is not None and len(t.split()) > 2:  # "setiap 5 menit"
        return "SET", every
    what = re.sub(r"(?<=\w\w\w)nya$", "", t.split()[-1])  # "setiap tahunnya"
    if what in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[what]}"
    if what in POD:
        return "SET", f"XXXX-XX-XX{POD[what]}"
    code = UNITS.get(what, "D")
    return "SET", f"PT1{code[1:]}" if code.startswith("T") else f"P1{code}"


def lone_duration(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``tiga hari`` P3D, ``2,5 tahun`` P2.5Y, ``sepekan`` P1W, ``beberapa bulan`` PXM."""
    value = duration(_norm(atom.text))
    return ("DURATION", value) if value else None


_NREL = re.compile(
    r"(.+?) (yang lalu|lalu|silam|lagi|mendatang|ke depan|terakhir|belakangan|kemudian|sebelumnya"
    r"|setelahnya|berikutnya)"
)


def lone_nrel(ctx: Context, chain: Chain, atom: Atom, anchor: date | None) -> Value | None:
    """``tiga hari lalu``, ``dua pekan terakhir`` (a duration), ``sebulan kemudian`` (anaphoric)."""
    m = _NREL.fullmatch(_norm(atom.text))
    if m is None:
        return None
    dur_text, rel = m.groups()
    dur = duration(dur_text)
    if dur is None:
        return None
    if rel in {"ke depan", "terakhir", "belakangan"}:
        return "DURATION", dur
    sign = -1 if rel in {"yang lalu", "lalu", "silam", "sebelumnya"} else 1
    anaphoric = rel in {"kemudian", "sebelumnya", "setelahnya", "berikutnya"}
    base = ctx.ref if anaphoric else anchor
    if anaphoric and dur.endswith("Y") and ctx.last_year is not None:  # "pada 2007 ... dua tahun kemudian"
        n_years = re.fullmatch(r"P(\d+)Y", dur)
        if n_years:
            return "DATE", str(ctx.last_year + sign * int(n_years.group(1)))
    qty_m = re.fullmatch(r"PT?([\d.]+)([A-Z]+)", dur)
    if base is None or qty_m is None or "." in qty_m.group(1) or dur.startswith("PT"):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    return _shift(base, int(qty_m.group(1)) * sign, qty_m.group(2), anaphoric)


def _shift(base: date, n: int, unit: str, anaphoric: bool) -> Value | None:
    """``base`` moved by ``n`` units, at the precision news means (a week, a month, a year)."""
    if unit == "D":
        return "DATE", ymd(base + timedelta(days=n))
    if unit == "W":
        d = base + timedelta(weeks=n)
        return "DATE", ymd(d) if anaphoric else week(d)
    if unit == "M":
        d = add_months(base, n)
        return "DATE", ymd(d) if anaphoric else f"{d.year}-{d.month:02d}"
    if unit == "Y":
        return "DATE", f"{base.year + n}"
    if unit == "DE":
        return "DATE", f"{base.year + 10 * n}"[:3]
    return None
