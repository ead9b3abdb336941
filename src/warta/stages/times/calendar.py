"""Calendar arithmetic and TIMEX3 durations for the ``times`` stage (no document state)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from importlib import resources

from warta.lang.numbers import parse_digits, parse_words
from warta.stages.times.lexicon import table

__all__ = [
    "UNITS",
    "add_months",
    "duration",
    "fmt",
    "hijri",
    "pick",
    "roman",
    "safe_date",
    "sum_durations",
    "week",
    "ymd",
]

#: duration unit -> TIMEX3 unit code (``resources/times/units.tsv``)
UNITS: dict[str, str] = table("units")


def ymd(d: date) -> str:
    return d.isoformat()


def week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    day = min(
        d.day,
        [31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
            m - 1
        ],
    )
    return date(y, m, day)


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def pick(cands: list[date], anchor: date, tense: int) -> date:
    """The candidate the tense points to: the latest past one, the first future one, else the nearest."""
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
def hijri() -> dict[int, tuple[date, date, date]]:
    """Gregorian year -> (1 Ramadan, 1 Syawal, 10 Zulhijah) from ``resources/lang/hijri.txt``."""
    text = (resources.files("warta") / "resources" / "lang" / "hijri.txt").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            y, *ds = line.split("\t")
            a, b, c = (date.fromisoformat(d) for d in ds)
            out[int(y)] = (a, b, c)
    return out


def roman(s: str) -> int:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for i, ch in enumerate(s):
        v = vals.get(ch, 0)
        total += -v if i + 1 < len(s) and vals.get(s[i + 1], 0) > v else v
    return total


def _num(text: str) -> float | None:
    t = text.lower()
    if t == "beberapa":
        return None
    value = parse_digits(t)
    if value is not None:
        return value
    parsed = parse_words(t.split())
    return parsed[0] if parsed else None


def fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _quantity(t: str) -> tuple[float | None, str] | None:
    """(number or None for "some", unit) of ``tiga hari``, ``sepekan``, ``beberapa bulan``."""
    parts = t.split()
    if len(parts) == 1 and t.startswith("se") and t[2:] in UNITS:
        return 1.0, t[2:]
    unit = parts[-1]
    numtext = " ".join(parts[:-1])
    if unit not in UNITS:
        return None
    first = numtext.split()[0] if numtext else ""
    if (
        first.endswith("an") and first in {"belasan", "puluhan", "ratusan", "ribuan"}
    ) or numtext == "beberapa":
        return None, unit
    n = _num(numtext)
    if n is None:
        return None
    return n, unit


def duration(text: str) -> str | None:
    """TIMEX3 duration of ``tiga hari``, ``2,5 tahun``, ``sepekan``, ``beberapa bulan``."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    for prefix in ("sekitar ", "kira-kira ", "kurang lebih ", "hampir ", "menjelang "):
        if t.startswith(prefix):
            t = t[len(prefix) :]
    if t == "sejenak":
        return "PXX"
    m = re.fullmatch(r"ber(\w+)-\1", t)  # "bertahun-tahun": an unknown number of years
    if m:
        code = UNITS.get(m.group(1), "D")
        return f"PTX{code[1:]}" if code.startswith("T") else f"PX{code}"
    quantity = _quantity(t)
    if quantity is None:
        return None
    n, unit = quantity
    code = UNITS[unit]
    if code == "Y8":
        code, n = "Y", (n * 8 if n is not None else None)
    if n == 0.5:
        half = {"D": "T12H", "Y": "6M", "TH": "T30M", "TM": "T30S", "W": "3.5D"}
        if code in half:
            return "P" + half[code]
    qty = "X" if n is None else fmt(n)
    if code.startswith("T"):
        return f"PT{qty}{code[1:]}"
    return f"P{qty}{code}"


def sum_durations(parts: list[str | None]) -> tuple[str, str] | None:
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
        f"{fmt(date_units[u])}{u}" for u in ("CE", "DE", "Y", "M", "W", "D") if u in date_units
    )
    time_part = "".join(f"{fmt(time_units[u])}{u}" for u in ("H", "M", "S") if u in time_units)
    return "DURATION", "P" + date_part + ("T" + time_part if time_part else "")
