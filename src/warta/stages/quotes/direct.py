"""Direct quotes: which quoted stretches are someone's words, and where their cue is.

A stretch counts when a speech cue follows its closing mark (``…,” kata Pentagon``, ``…?" tanya
dia``), or precedes its opening mark in the same sentence (``Basuki mengatakan, "…"``,
``Menurutnya: "…"``), or when it reads as speech on its own: at least three words ending in
punctuation inside the marks, or a whole sentence/paragraph opened by the mark. Short quoted terms
(``"best of three"``, ``“signifikan”``) are scare quotes or names, not quotes; a closer with no
opener counts only with a cue after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.model import Document
from warta.stages.quotes.lexicon import Lexicon
from warta.stages.quotes.marks import Marked, find_marked

__all__ = ["Cue", "DirectQuote", "find_direct"]

_AFTER = re.compile(r"\s*[,.!?]?\s*(?:(?:demikian|begitu)\s+)?([A-Za-z]+(?:-[a-z]+)?)")
_WORD = re.compile(r"[A-Za-z]+(?:-[a-z]+)?")
_CUE_KINDS = {"post", "strong", "weak", "passive", "opinion"}


@dataclass(slots=True)
class Cue:
    """A speech word and the phrase that names its speaker."""

    word: str
    start: int
    end: int
    #: ``[lo, hi)`` of the speaker phrase; ``subject`` = it stands before the cue
    phrase: tuple[int, int]
    subject: bool


@dataclass(slots=True)
class DirectQuote:
    start: int
    end: int
    paragraph: int
    cue: Cue | None


def _sentence_start(doc: Document, pos: int, lo: int) -> int:
    idx = doc.sentence_at(pos)
    if idx is None:
        return lo
    return max(lo, doc.sentences[idx].start)


def _post_cue(doc: Document, lex: Lexicon, m: Marked, para_end: int) -> Cue | None:
    assert m.close is not None
    at = m.close + 1
    hit = _AFTER.match(doc.text, at, para_end)
    if hit is None:
        return None
    word = hit.group(1)
    kind = lex.verb_kind(word)
    if word.lower() in ("menurut", "menurutnya"):
        kind = "post"
    if kind not in _CUE_KINDS:
        return None
    end = hit.end(1)
    return Cue(word, hit.start(1), end, (end, para_end), subject=False)


def _pre_cue(doc: Document, lex: Lexicon, m: Marked, lo: int) -> Cue | None:
    assert m.open is not None
    text = doc.text
    start = _sentence_start(doc, m.open, lo)
    stretch = text[start : m.open]
    stripped = stretch.rstrip()
    if not stripped:
        return None
    ends_open = stripped.endswith((",", ":"))
    words = list(_WORD.finditer(stretch))
    if not words:
        return None
    first = words[0].group(0).lower()
    if first in ("menurut", "menurutnya", "kata", "ujar") and ends_open:
        w = words[0]
        return Cue(w.group(0), start + w.start(), start + w.end(), (start + w.end(), m.open), subject=False)
    for k in range(len(words) - 1, max(-1, len(words) - 13), -1):
        w = words[k]
        kind = lex.verb_kind(w.group(0))
        if kind in ("strong", "weak", "opinion", "passive") and (ends_open or k == len(words) - 1):
            return Cue(
                w.group(0), start + w.start(), start + w.end(), (start, start + w.start()), subject=True
            )
    return None


def _speech_like(doc: Document, m: Marked, lo: int) -> bool:
    text = doc.text
    content = text[m.start : m.end]
    words = _WORD.findall(content)
    n_words = len(words)
    if m.open is None:
        return False
    if n_words <= 6 and all(w[:1].isupper() or len(w) <= 3 for w in words):
        return False  # a Title Case name: `acara "Sunday Morning Futures."`
    if m.close is not None:
        inner = text[m.open + 1 : m.close].rstrip()
        if n_words >= 3 and inner[-1:] in (".", ",", "?", "!", "…"):
            return True
    at_start = not text[_sentence_start(doc, m.open, lo) : m.open].strip()
    return at_start and n_words >= (4 if m.close is None else 6)


def find_direct(doc: Document, lex: Lexicon) -> list[DirectQuote]:
    """Direct quotes of every paragraph, with their cue when one is written next to them."""
    out: list[DirectQuote] = []
    for p_idx, para in enumerate(doc.paragraphs):
        for m in find_marked(doc.text, para.start, para.end):
            cue = _post_cue(doc, lex, m, para.end) if m.close is not None else None
            if cue is None and m.open is not None:
                cue = _pre_cue(doc, lex, m, para.start)
            if cue is None and not _speech_like(doc, m, para.start):
                continue
            out.append(DirectQuote(m.start, m.end, p_idx, cue))
    return out
