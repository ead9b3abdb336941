"""Stage ``quotes``: who said what — direct quotes, reported speech and their speakers.

Rule-based over the segmenter's paragraphs, sentences and tokens and the ``entities`` stage's
mentions; the speech words are a reviewable list mined from the raw news corpus
(``resources/quotes/speech_verbs.txt``, ``scripts/mine_speech_verbs.py``). See ``docs/quotes.md``
for what counts as a quote and how speakers are chosen.

1. :mod:`.marks` pairs quotation marks per paragraph, tolerating broken punctuation;
2. :mod:`.direct` keeps the quoted stretches that are speech and finds their cue;
3. :mod:`.reported` finds clauses governed by speech words outside those;
4. :mod:`.speaker` turns each cue's speaker phrase into an entity id; a direct quote with no
   cue of its own (the second half of a split quote, a quote paragraph) inherits the speaker of
   the quote before it in the paragraph, else the one after it, else the previous paragraph's.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from warta.model import Document, Quote
from warta.settings import Settings
from warta.stages.base import Stage
from warta.stages.quotes.direct import Cue, find_direct
from warta.stages.quotes.lexicon import Lexicon, lexicon
from warta.stages.quotes.reported import find_reported
from warta.stages.quotes.speaker import Resolver, Speaker

__all__ = ["QuoteStage", "find_quotes"]


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    paragraph: int
    direct: bool
    cue: Cue | None
    speaker: Speaker | None = None


def _speaker(res: Resolver, cue: Cue) -> Speaker:
    text = res.doc.text
    low = cue.word.lower()
    if not cue.subject and low.endswith("nya") and len(low) > 5:
        after = text[cue.end : cue.phrase[1]].lstrip()
        if not after[:1].isupper():
            return res.pronoun(cue.start, "person", end=cue.end)
    lo, hi = cue.phrase
    found = res.from_phrase(lo, hi, subject=cue.subject)
    if found.entity is None and not found.text:
        # `…," kata dalam konferensi pers`: the name was left out; the one just quoted said it
        return res.pronoun(cue.start, "person")
    return found


def find_quotes(doc: Document, lex: Lexicon | None = None) -> list[Quote]:
    """Every quote of ``doc`` in text order; needs paragraphs, sentences, tokens (entities optional)."""
    lex = lex or lexicon()
    if not doc.text or not doc.sentences:
        return []
    directs = find_direct(doc, lex)
    marks = [(max(0, d.start - 1), min(len(doc.text), d.end + 2)) for d in directs]
    reported = find_reported(doc, lex, marks)
    res = Resolver(doc, lex, quoted=[(d.start, d.end) for d in directs])
    found = [_Found(d.start, d.end, d.paragraph, True, d.cue) for d in directs]
    spans = sorted((d.start, d.end) for d in directs)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))
    for r in reported:  # a reported clause overlapping a direct quote is dropped
        k = bisect_left(starts, r.end)
        if not (k and reach[k - 1] > r.start):
            found.append(_Found(r.start, r.end, r.paragraph, False, r.cue))
    found.sort(key=lambda f: f.start)
    rows = _paragraph_rows(found)
    for i, f in enumerate(found):
        if f.cue is not None and f.speaker is None:
            f.speaker = _speaker(res, f.cue)
        elif f.cue is None:
            _inherit(found, i, res, rows)
        if f.speaker is not None:
            res.said.append((f.start, f.speaker))
    out: list[Quote] = []
    for f in found:
        sp = f.speaker or Speaker()
        out.append(
            Quote(
                f.start,
                f.end,
                doc.text[f.start : f.end],
                direct=f.direct,
                speaker=sp.entity,
                speaker_text=sp.text,
                cue=f.cue.word if f.cue else None,
            )
        )
    return out


def _paragraph_rows(found: list[_Found]) -> dict[int, tuple[int, int]]:
    """paragraph -> ``[first, last)`` indices of its quotes in ``found`` (sorted by start)."""
    rows: dict[int, tuple[int, int]] = {}
    for i, f in enumerate(found):
        first, _ = rows.get(f.paragraph, (i, i))
        rows[f.paragraph] = (first, i + 1)
    return rows


def _inherit(found: list[_Found], i: int, res: Resolver, rows: dict[int, tuple[int, int]]) -> None:
    """The speaker of a direct quote written without a cue of its own (``found[:i]`` resolved);
    only the quotes of its paragraph and the one before are looked at (``rows``)."""
    f = found[i]
    lo, hi = rows[f.paragraph]
    p_lo, p_hi = rows.get(f.paragraph - 1, (0, 0))
    before = [g for g in found[lo:i] if g.paragraph == f.paragraph and g.speaker is not None]
    after = [g for g in found[i + 1 : hi] if g.paragraph == f.paragraph and g.direct and g.cue is not None]
    prev = [g for g in found[p_lo : min(p_hi, i)] if g.paragraph == f.paragraph - 1 and g.speaker is not None]
    narrator = _narrator(res, f) if not before else None
    if before:
        f.speaker = before[-1].speaker
    elif narrator is not None:
        f.speaker = narrator
    elif after:
        nxt = after[0]
        if nxt.speaker is None and nxt.cue is not None:
            nxt.speaker = _speaker(res, nxt.cue)
        f.speaker = nxt.speaker
    elif prev:
        f.speaker = prev[-1].speaker


def _narrator(res: Resolver, f: _Found) -> Speaker | None:
    """``Raila Odinga mengecam penangkapan itu. “Dia tidak bersalah …”``: a quote with no cue that
    follows, in its paragraph, a sentence whose subject is a person is that person's."""
    doc = res.doc
    idx = doc.sentence_at(f.start)
    if idx is None or idx == 0:
        return None
    prev = doc.sentences[idx - 1]
    if prev.paragraph != f.paragraph or any(prev.start <= a < prev.end for a, _ in res.said):
        return None
    if any(ch in doc.text[prev.start : prev.end] for ch in '“”"'):
        return None
    found = [m for m in res.mentions_in(prev.start, prev.end) if not res._modifier(m)]
    if found and found[0][2].type == "PERSON" and found[0][0] - prev.start < 40:
        return Speaker(found[0][2].id, found[0][2].name)
    return None


class QuoteStage(Stage):
    name = "quotes"
    requires = ("text", "paragraphs", "tokens", "sentences", "entities")
    provides = ("quotes",)
    uses = ("references",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.lexicon = lexicon()

    def __call__(self, doc: Document) -> None:
        doc.quotes = find_quotes(doc, self.lexicon)
