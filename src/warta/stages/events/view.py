"""What the passes share: the per-sentence view, one trigger candidate (:class:`Found`) and the
document context (lexicon, actor resolver, quote spans)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from warta.model import Actor, Document
from warta.stages.events.clause import Clauses
from warta.stages.events.lexicon import Entry, Lexicon, TypeRule
from warta.stages.events.resolver import ActorResolver
from warta.stages.events.words import load_words

__all__ = ["Context", "Found", "SentenceView", "W"]

W = load_words()


@dataclass(slots=True)
class Found:
    """One trigger found in a sentence, before merging."""

    sentence: int
    start: int  # absolute token indices [start, end)
    end: int
    entry: Entry
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    status: str = "asserted"
    reported: bool = False
    anaphoric: bool = False
    governed: bool = False
    mode: str | None = None
    date: str | None = None
    date_source: str = "none"
    location: str | None = None
    #: probability that this candidate is a real event (learned component), when scored
    score: float | None = None
    #: the clause rules decided it has no actor (its object or subject is no one): nothing to pick
    no_actor: bool = False

    def mention(self, doc: Document) -> dict[str, object]:
        s, e = doc.tokens[self.start].start, doc.tokens[self.end - 1].end
        return {"sentence": self.sentence, "start": s, "end": e, "text": doc.text[s:e]}


class SentenceView:
    """Per-sentence view: lower-cased words, capitalisation, entity mask, clauses, quote mask."""

    def __init__(self, doc: Document, index: int, resolver: ActorResolver) -> None:
        sent = doc.sentences[index]
        self.index = index
        self.offset = sent.token_start
        toks = doc.tokens[sent.token_start : sent.token_end]
        self.words = [t.text.lower() for t in toks]
        self.caps = [t.text[:1].isupper() for t in toks]
        named = resolver.token_entities  # what resolver.named(k) tests
        self.named = [k in named for k in range(sent.token_start, sent.token_start + len(toks))]
        self.clauses = Clauses(self.words, self.caps, self.named)
        self.tokens = toks
        marks = 0
        self.in_quote = []
        for w in self.words:
            if w in W.quote_marks:
                marks += 1
            self.in_quote.append(marks % 2 == 1)
        #: clause ids with a trigger or a verb of their own (computed on first use)
        self.busy: set[int] | None = None

    def local(self, absolute: int) -> int:
        """Sentence-local index of an absolute token index."""
        return absolute - self.offset

    def span(self, chunk: tuple[int, int] | None) -> list[tuple[int, int]]:
        """A sentence-local chunk as the absolute token range the resolver takes."""
        return [] if chunk is None else [(chunk[0] + self.offset, chunk[1] + self.offset)]

    def span_list(self, chunks: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Sentence-local chunks (a title and a name in apposition) as absolute token ranges."""
        return [(a + self.offset, b + self.offset) for a, b in chunks]


@dataclass(slots=True)
class Context:
    """One document's shared state for the passes."""

    doc: Document
    lex: Lexicon
    resolver: ActorResolver
    quote_spans: list[tuple[int, int]] = field(default_factory=list)
    #: the story's domain (domain pass) and the probability it is political
    domain: str | None = None
    political: float = 1.0

    def rule(self, typ: str) -> TypeRule:
        return self.lex.types[typ]

    def in_quote(self, char: int) -> bool:
        """Is character ``char`` inside one of the quotes stage's quotes? (``quote_spans`` sorted)"""
        k = bisect.bisect_right(self.quote_spans, (char, float("inf"))) - 1
        return any(a <= char < b for a, b in self.quote_spans[max(0, k - 2) : k + 1])
