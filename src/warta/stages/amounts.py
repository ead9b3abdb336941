"""Stage ``amounts``: numbers with what they count or measure -> :class:`~warta.model.Amount`.

One regular expression finds a numeral (digits with Indonesian separators ``1.250.000`` / ``4,7``,
or words ``dua``, ``belasan``, ``setengah``), an optional scale word (``ribu``, ``juta``, ``miliar``,
``triliun``) and what follows or precedes it: a currency (``Rp``, ``US$``, ``dollar AS``) -> money, ``persen``
/ ``%`` -> percent, a unit from ``resources/lang/units.txt`` -> measure, a noun (``kapal``, ``kali``,
``penumpang``) -> count. ``value`` is in full units (``Rp 5 triliun`` -> 5000000000000); a range
``65-75 dollar AS`` keeps its lower bound; approximate words keep theirs (``puluhan`` -> 10).
Skipped: time expressions (``doc.times``), years, article and law numbers (``Pasal 5``), phone
numbers, codes (``Mi-17``, ``QZ8501``), ordinals (``ke-3``) and ages written ``(31)``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache
from importlib import resources
from itertools import accumulate

from warta.cache import compile_pattern
from warta.lang.numbers import NUMBER_WORDS, number_words_pattern, parse_digits, parse_words
from warta.model import Amount, Document, Span
from warta.settings import Settings
from warta.stages.base import Stage

__all__ = ["AmountsStage", "find_amounts"]

_SCALES = {
    "m": 1e9,  # "Rp 38,5 M" (only after a currency)
    "t": 1e12,
    "ribu": 1e3,
    "rb": 1e3,
    "ribuan": 1e3,
    "jutaan": 1e6,
    "miliaran": 1e9,
    "triliunan": 1e12,
    "juta": 1e6,
    "jt": 1e6,
    "miliar": 1e9,
    "milyar": 1e9,
    "triliun": 1e12,
    "trilyun": 1e12,
}
_CUR_PRE = r"Rp\.?|IDR|US\$|USD|S\$|SGD|RM|A\$|€|£|¥|\$"
_CUR_POST = (
    r"(?:dollar|dolar)(?:\s+(?:AS|Amerika(?:\s+Serikat)?|Singapura|Australia|Hong\s+Kong|Kanada|Taiwan))?"
    r"|rupiah|euro|yen|yuan|renminbi|ringgit|won|rupee|riyal|poundsterling|pound|baht|peso|rubel|lira|franc"
)
#: words after a number that are not what it counts
_NOT_NOUNS = {
    "yang",
    "dari",
    "di",
    "ke",
    "dan",
    "atau",
    "itu",
    "ini",
    "untuk",
    "dengan",
    "pada",
    "tersebut",
    "lagi",
    "lainnya",
    "lain",
    "sama",
    "saja",
    "pun",
    "juga",
    "akan",
    "sudah",
    "telah",
    "adalah",
    "ialah",
    "sebagai",
    "oleh",
    "bagi",
    "hingga",
    "sampai",
    "sekitar",
    "per",
    "kepada",
    "dalam",
    "tak",
    "tidak",
    "belum",
    "masih",
    "bisa",
    "dapat",
    "harus",
    "hal",
    "mereka",
    "kami",
    "kita",
    "ia",
    "dia",
    "para",
    "se",
    "sebesar",
    "sebanyak",
    "menjadi",
    "mencapai",
    "orangnya",
    "diantaranya",
    "di antaranya",
    "antaranya",
    "tahun",
    "bulan",
    "hari",
    "pekan",
    "minggu",
    "jam",
    "menit",
    "detik",
    "dekade",
    "abad",
    "kalinya",
    "besar",
    "kecil",
    "pertama",
    "terakhir",
    "sedang",
    "tengah",
    "lebih",
    "kurang",
    "hampir",
    "secara",
    "bahwa",
    "karena",
    "jika",
    "saat",
    "ketika",
    "agar",
    "supaya",
    "namun",
    "tetapi",
    "sedangkan",
    "serta",
    "berikut",
    "terdiri",
    "atas",
    "melawan",
    "plus",
    "minus",
    "kontra",
    "seperti",
    "kata",
    "ujar",
    "WIB",
    "WITA",
    "WIT",
    "GMT",
    "UTC",
    "ucap",
    "menurut",
    "tetap",
    "sangat",
    "paling",
    "kembali",
    "berada",
    "terus",
    "langsung",
}
_BLOCK_BEFORE = re.compile(
    r"(?:\b(?:pasal|ayat|nomor|nomer|no|nopol|uu|pp|perpres|permen|perda|butir|huruf|bab|halaman|hal|tel|telp|"
    r"telepon|hp|wa|kode|seri|tipe|type|model|versi|nomor\s+urut|ke|angka|level|kelas|jilid|edisi|lantai|"
    r"gedung|blok|rt|rw|jalan|jl|gang|km|kilometer|peringkat|ranking|skor)\.?\s*|[\w]-|[/:#])$",
    re.I,
)


@cache
def _units_re() -> str:
    text = (resources.files("warta") / "resources" / "lang" / "units.txt").read_text("utf-8")
    units = [u.strip() for u in text.splitlines() if u.strip() and not u.startswith("#")]
    parts = []
    for u in sorted(units, key=lambda x: len(x.removeprefix("i:")), reverse=True):
        if u.startswith("i:"):
            parts.append("(?i:" + re.escape(u[2:]).replace(r"\ ", r"\s+") + ")")
        else:
            parts.append(re.escape(u))
    return "|".join(parts)


@cache
def _amount_re() -> re.Pattern[str]:
    digits = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?(?:\.\d{1,2}(?=\s*(?:%|persen|[A-Za-z])))?"
    words = number_words_pattern()
    num = rf"(?:(?:{digits})(?:\s*[-–]\s*(?:{digits}))?|(?i:{words}))"
    scale = r"(?i:ribuan|jutaan|miliaran|triliunan|ribu|rb|juta|jt|miliar|milyar|triliun|trilyun)"
    pattern = rf"""
      (?P<money1>(?P<cur1>{_CUR_PRE})\s?(?P<n1>{num})(?:\s*(?P<s1>{scale}|M(?=\W)|T(?=\W)))?(?:\s+(?P<post1>(?i:{_CUR_POST})))?)
    | (?P<money2>(?P<n2>{num})(?:\s+(?P<s2>{scale}))?\s+(?P<cur2>(?i:{_CUR_POST})))
    | (?P<percent>(?P<n3>{num})\s*(?P<pc>%|(?i:persen|per\s+sen)))
    | (?P<measure>(?P<n4>{num})(?:\s+(?P<s4>{scale}))?\s*(?P<unit>{_units_re()})(?![\w/]))
    | (?P<count>(?P<n5>{num})(?:\s+(?P<s5>{scale}))?\s+
         (?P<noun>[a-z][a-z]+(?:-[a-z]+)?|[A-Z]{{2,5}}(?![\w-])))
    | (?P<bare>(?P<n6>{digits})\s+(?P<s6>{scale}))
    """
    return compile_pattern(rf"(?<![\w.,/-])(?:{pattern})(?![\w])", re.X)


@cache
def _start_re() -> re.Pattern[str]:
    """Where an amount can begin: a currency sign, a digit or a number word after a boundary."""
    return compile_pattern(rf"(?<![\w.,/-])(?={_CUR_PRE}|\d|(?i:{number_words_pattern()}))")


def _matches(text: str) -> Iterator[re.Match[str]]:
    """What ``_amount_re().finditer(text)`` gives, tried only where an amount can begin: the six
    alternatives (each re-reading the number words) were tried at every word (3x slower)."""
    rx, start = _amount_re(), _start_re()
    pos = 0
    while (at := start.search(text, pos)) is not None:
        m = rx.match(text, at.start())
        if m is None:
            pos = at.start() + 1
            continue
        yield m
        pos = m.end()


def _number(text: str) -> float | None:
    first = re.split(r"\s*[-–]\s*(?=\d)", text.strip())[0]
    value = parse_digits(first)
    if value is not None:
        return value
    words = first.split()
    parsed = parse_words(words)
    if parsed is None or parsed[1] != len(words):
        return None
    return parsed[0]


def _amount(
    m: re.Match[str], kind: str, text: str, value: float, num_text: str, scale_text: str | None, before: str
) -> Amount | None:
    """The amount of match ``m`` of ``kind``; None for a count that is no amount ("salah satu", a year)."""
    start, end = m.span()
    g = m.groupdict()
    if kind == "count":
        noun = g["noun"]
        if noun in _NOT_NOUNS or noun in NUMBER_WORDS or noun in _SCALES:
            return None
        if num_text.lower().split()[0] == "satu" and re.search(r"\bsalah\s+$", before, re.I):
            return None  # "salah satu"
        if re.fullmatch(r"(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?", num_text) and not scale_text:
            return None  # a year or a range of years
        if re.fullmatch(r"0\d+", num_text):
            return None
        return Amount(start, end, text[start:end], value=value, unit=noun, kind="count")
    if kind == "bare":
        return Amount(start, end, text[start:end], value=value, unit=None, kind="count")
    if kind == "measure":
        unit = re.sub(r"\s+", " ", g["unit"])
        return Amount(start, end, text[start:end], value=value, unit=unit, kind="measure")
    if kind == "percent":
        return Amount(start, end, text[start:end], value=value, unit="persen", kind="percent")
    unit = g["cur1"] or g["cur2"]
    if g.get("post1"):
        unit = g["post1"]
    unit = re.sub(r"\s+", " ", unit).rstrip(".")
    return Amount(start, end, text[start:end], value=value, unit=unit, kind="money")


def find_amounts(text: str, skip: list[Span] | None = None) -> list[Amount]:
    """Amounts in ``text``, leaving out any that overlap a span in ``skip`` (e.g. time expressions)."""
    # the spans to leave out, by start, with the furthest end so far: one overlap test is a
    # binary search (was a scan of every time and mention per match: quadratic in length)
    ordered = sorted((s.start, s.end) for s in skip or [])
    starts = [a for a, _ in ordered]
    reach = list(accumulate((b for _, b in ordered), max))
    out: list[Amount] = []
    for m in _matches(text):
        kind = next(k for k in ("money1", "money2", "percent", "measure", "count", "bare") if m.group(k))
        start, end = m.span()
        g = m.groupdict()
        num_text = next(g[f"n{i}"] for i in range(1, 7) if g.get(f"n{i}"))
        scale_text = next((g[f"s{i}"] for i in (1, 2, 4, 5, 6) if g.get(f"s{i}")), None)
        value = _number(num_text)
        if value is None:
            continue
        bounds = [parse_digits(x) for x in re.split(r"\s*[-–]\s*", num_text) if re.fullmatch(r"[\d.,]+", x)]
        if len(bounds) == 2 and None not in bounds and bounds[1] <= bounds[0]:  # type: ignore[operator]
            continue  # a score "3-1", not a range
        if scale_text:
            value *= _SCALES[scale_text.lower()]
        before = text[max(0, start - 25) : start]
        if _BLOCK_BEFORE.search(before) and kind not in {"money1", "money2", "percent"}:
            continue
        if kind == "bare" and re.search(r"\(\s*$", before) and text[end : end + 1] == ")":
            continue  # an age "(31)"
        k = bisect_left(starts, end)  # skip[:k] start before this amount ends
        if k and reach[k - 1] > start:
            continue
        amount = _amount(m, kind, text, value, num_text, scale_text, before)
        if amount is not None:
            out.append(amount)
    return out


class AmountsStage(Stage):
    """Find numbers with their unit or counted noun in ``doc.amounts``."""

    name = "amounts"
    requires = ("text", "times")
    provides = ("amounts",)
    #: numbers inside names found by ``entities`` are not amounts
    uses = ("entities",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        _amount_re()
        _start_re()

    def __call__(self, doc: Document) -> None:
        # numbers inside names ("Brigif 13 Galuh") are not amounts either
        doc.amounts = find_amounts(doc.text, list(doc.times) + [m for e in doc.entities for m in e.mentions])
