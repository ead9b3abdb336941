"""Quotation marks -> quoted stretches, one paragraph at a time, tolerant of broken punctuation.

Double marks (“ ” " « » „) pair up first; single marks (‘ ’ ') only outside them. A straight mark
takes its role from its neighbours (space before = opener, space after = closer) or, when that
says nothing, from the state (closes an open stretch, else opens one). Broken input:

* an opener with no closer runs to the next opener or to the paragraph's end, never further
  (single marks with no closer are dropped: they are apostrophes far more often);
* a closer with no opener yields a stretch from the previous mark (or the paragraph's start) that
  the caller keeps only when a speech cue follows it (``…,” kata X``), so a stray ” inside a
  sentence (``peningkatan aktivitas” pesawat``) is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Marked", "find_marked"]

#: (openers, closers, marks whose role depends on their neighbours)
_DOUBLE = ("“„«", "”»", '"')
_SINGLE = ("‘", "’", "'")
_LEFT_FREE = "([{—–-/"
_RIGHT_FREE = ".,;:!?)]}…-—–"
_TRIM = " \t\n,"
#: the characters of each family, found in one regex scan instead of a look at every character
_FAMILY_RE = {family: re.compile("[" + re.escape("".join(family)) + "]") for family in (_DOUBLE, _SINGLE)}


@dataclass(slots=True)
class Marked:
    """A quoted stretch ``[start, end)`` (content only) and the marks around it."""

    start: int
    end: int
    #: offset of the opening mark, None for a closer without an opener
    open: int | None
    #: offset of the closing mark, None when the closer is missing
    close: int | None
    single: bool = False


def _role(text: str, i: int, lo: int, hi: int, family: tuple[str, str, str]) -> str | None:
    opens, closes, ambig = family
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if ch in "’'" and prev.isalnum() and nxt.isalnum():
        return None  # apostrophe: Ma'ruf, Jum’at
    if ch in opens:
        return "open"
    if ch in closes:
        return "close"
    if ch not in ambig:
        return None
    left = prev.isspace() or prev in _LEFT_FREE
    right = nxt.isspace() or nxt in _RIGHT_FREE
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "ambig"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n":
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _inside(ranges: list[tuple[int, int]], k: int, i: int) -> bool:
    """Whether ``i`` lies in one of the ``ranges`` (sorted by start) from index ``k`` on."""
    for a, b in ranges[k:]:
        if a > i:
            return False
        if i < b:
            return True
    return False


def _pair(
    text: str, lo: int, hi: int, family: tuple[str, str, str], *, single: bool, skip: list[tuple[int, int]]
) -> list[Marked]:
    out: list[Marked] = []
    open_at: int | None = None
    last_end = lo
    skip = sorted(skip)
    k = 0  # the first skipped range that may still hold a later mark
    for found in _FAMILY_RE[family].finditer(text, lo, hi):
        i = found.start()
        while k < len(skip) and skip[k][1] <= i:
            k += 1
        if _inside(skip, k, i):
            continue
        role = _role(text, i, lo, hi, family)
        if role is None:
            continue
        if role == "ambig":
            role = "close" if open_at is not None else "open"
        if role == "open":
            if open_at is not None and not single:
                s, e = _trimmed(text, open_at + 1, i)
                if e > s:
                    out.append(Marked(s, e, open_at, None, single))
            open_at = i
        elif open_at is not None:
            s, e = _trimmed(text, open_at + 1, i)
            if e > s:
                out.append(Marked(s, e, open_at, i, single))
            open_at = None
            last_end = i + 1
        else:
            s, e = _trimmed(text, last_end, i)
            if e > s:
                out.append(Marked(s, e, None, i, single))
            last_end = i + 1
    if open_at is not None and not single:
        s, e = _trimmed(text, open_at + 1, hi)
        if e > s:
            out.append(Marked(s, e, open_at, None, single))
    return out


def find_marked(text: str, lo: int, hi: int) -> list[Marked]:
    """Every quoted stretch in the paragraph ``text[lo:hi]``, in text order."""
    doubles = _pair(text, lo, hi, _DOUBLE, single=False, skip=[])
    taken = [
        ((m.open if m.open is not None else m.start), (m.close if m.close is not None else m.end))
        for m in doubles
    ]
    singles = _pair(text, lo, hi, _SINGLE, single=True, skip=taken)
    # a single-quoted stretch with no opener is almost always an apostrophe (tahun ’90-an)
    singles = [m for m in singles if m.open is not None]
    return sorted(doubles + singles, key=lambda m: m.start)
