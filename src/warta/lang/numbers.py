"""Indonesian numbers, months and weekdays, shared by the ``times`` and ``amounts`` stages.

The word lists live in ``resources/lang/`` (one reviewable text file each). Numbers come in two
shapes: digits with Indonesian separators (``1.250.000``, ``4,7``) and words (``dua ratus lima
puluh ribu``, ``belasan``, ``setengah``).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

__all__ = [
    "MONTHS",
    "NUMBER_WORDS",
    "WEEKDAYS",
    "number_words_pattern",
    "parse_digits",
    "parse_number",
    "parse_words",
]


def _rows(name: str) -> list[list[str]]:
    text = (resources.files("warta") / "resources" / "lang" / name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


#: lower-case month name or abbreviation -> month number
MONTHS: dict[str, int] = {r[0]: int(r[1]) for r in _rows("months.txt")}
#: lower-case weekday name -> ISO weekday (Monday = 1)
WEEKDAYS: dict[str, int] = {r[0]: int(r[1]) for r in _rows("weekdays.txt")}
#: lower-case number word -> (value, kind); kinds are explained in ``numbers.txt``
NUMBER_WORDS: dict[str, tuple[float, str]] = {r[0]: (float(r[1]), r[2]) for r in _rows("numbers.txt")}

_DIGITS_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$|^\d+\.\d{1,2}$|^\d+(?:\.\d{4,})$")


def parse_digits(text: str) -> float | None:
    """The value of a numeral written the Indonesian way, or None.

    ``1.250.000`` -> 1250000, ``4,7`` -> 4.7, ``2,5`` -> 2.5; a lone dot followed by one or two
    digits (``7.2``) is read as a decimal point, as in English-style copy.
    """
    t = text.strip()
    if not t or not _DIGITS_RE.match(t):
        return None
    if re.match(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$", t):
        return float(t.replace(".", "").replace(",", "."))
    if "," in t:
        return float(t.replace(",", "."))
    return float(t)


@cache
def number_words_pattern() -> str:
    """A regular expression (no groups) matching a run of number words such as ``dua ratus ribu``."""
    words = sorted((w for w in NUMBER_WORDS if w != "se" and " " not in w), key=len, reverse=True)
    alt = "|".join(re.escape(w) for w in words)
    return rf"(?:{alt})(?:\s+(?:{alt}))*"


def parse_words(words: list[str]) -> tuple[float, int] | None:
    """Value of the longest prefix of ``words`` that is a number, and how many words it used.

    ``["dua", "ratus", "lima", "puluh", "ribu", "orang"]`` -> (250000.0, 5). Approximate counts
    (``puluhan``, ``ratusan ribu``) give their lower bound.
    """
    low = [w.lower() for w in words]
    if not low:
        return None
    # approximate counts, possibly followed by a scale word ("puluhan ribu")
    if low[0] in NUMBER_WORDS and NUMBER_WORDS[low[0]][1] == "approx":
        two = " ".join(low[:2])
        if len(low) > 1 and two in NUMBER_WORDS:
            return NUMBER_WORDS[two][0], 2
        return NUMBER_WORDS[low[0]][0], 1
    state: _State = (0.0, 0.0, None)
    used = 0
    for i, w in enumerate(low):
        entry = NUMBER_WORDS.get(w)
        if entry is None or w == "se":
            break
        after = _step(state, entry[1], entry[0], first=i == 0)
        if after is None:
            break
        state, used = after, i + 1
    if not used:
        return None
    total, group, last = state
    return total + group + (last or 0), used


#: (total of the scales so far, the group below the current scale, the last unit word's value)
_State = tuple[float, float, "float | None"]


def _step(state: _State, kind: str, value: float, *, first: bool) -> _State | None:
    """The state after one more number word of ``kind``, or None when the word ends the number."""
    total, group, last = state
    if kind in {"scale", "scale1"}:
        base = group + (last or 0)
        if kind == "scale1":
            base = 0 if base else 1  # "sejuta" only starts a number
        return (total + base * value, 0.0, None) if base else None
    if kind == "frac":
        if first:
            return total, group, value
        return (total, group, last + value) if last is not None and last < 10 else None
    return _step_below_scale(state, kind, value)


def _step_below_scale(state: _State, kind: str, value: float) -> _State | None:
    total, group, last = state
    if kind == "unit":
        if last is not None and last >= 100 > value:  # "seratus dua"
            group, last = group + last, None
        if last is not None or (group and value >= group):
            return None
        return total, group, value
    if kind == "teen":
        return None if last is None or last >= 10 else (total, group + last + value, None)
    if kind == "mult":
        if last is not None and last >= 10:
            return None
        return total, group + (last if last is not None else 1) * value, None
    return None


def parse_number(text: str) -> float | None:
    """The value of a numeral in digits or words (``"1.250.000"``, ``"dua puluh"``), or None."""
    value = parse_digits(text)
    if value is not None:
        return value
    words = text.split()
    parsed = parse_words(words)
    if parsed is None or parsed[1] != len(words):
        return None
    return parsed[0]
