"""Dataclasses for an article and its annotations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Span:
    """A stretch of ``Document.text``: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(slots=True)
class Token(Span):
    """One token. ``space_after`` says whether whitespace follows it in the text."""

    space_after: bool = True


@dataclass(slots=True)
class Sentence(Span):
    """One sentence; ``tokens`` is the ``[first, last)`` range into ``Document.tokens``."""

    token_start: int = 0
    token_end: int = 0
    paragraph: int = 0


@dataclass(slots=True)
class Geo:
    """Where a place is: its country, Indonesian region codes (Kemendagri) and coordinates.

    ``precision`` says how exact the resolution is: ``country``, ``province``, ``regency``,
    ``city`` or ``point``.
    """

    precision: str
    country: str | None = None
    #: Kemendagri province code and name ("32", "JAWA BARAT") for Indonesian places
    province_code: str | None = None
    province: str | None = None
    #: Kemendagri regency/city code and name ("32.73", "KOTA BANDUNG")
    regency_code: str | None = None
    regency: str | None = None
    lat: float | None = None
    lon: float | None = None

    def __reduce__(self) -> tuple[type[Geo], tuple[str | float | None, ...]]:
        # positional arguments: unpickling thousands of places (the knowledge base's cache) is
        # three times faster than through dataclasses' per-field __setstate__
        return (Geo, tuple(getattr(self, name) for name in self.__slots__))


@dataclass(slots=True)
class Entity:
    """One real-world entity with every mention of it in the article."""

    id: str
    name: str
    type: str
    mentions: list[Span] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    #: identity across the corpus: a knowledge-base id ("kb:...") where known, else a normalised
    #: name + type + country ("n:...")
    key: str | None = None
    #: resolved place (LOCATION entities; null when unresolved)
    geo: Geo | None = None
    #: extra, model-specific facts (e.g. the NER confidence, the gazetteer id)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class TimeExpr(Span):
    """A time expression normalised to TIMEX3 (``type`` DATE/TIME/DURATION/SET)."""

    type: str = "DATE"
    value: str = ""
    #: TIMEX3 anchor the value was resolved against (publication or speech date)
    anchor: str | None = None


@dataclass(slots=True)
class Amount(Span):
    """A number with what it counts or measures; ``value`` in full units."""

    value: float = 0.0
    unit: str | None = None
    #: coarse kind: money, percent, measure, count
    kind: str | None = None


@dataclass(slots=True)
class Quote(Span):
    """Words someone said: inside quotation marks (``direct``) or reported speech."""

    direct: bool = True
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None


@dataclass(slots=True)
class Reference(Span):
    """A pronoun or role noun ("ia", "-nya", "beliau", "sang menteri") that points at an entity."""

    entity: str = ""
    #: pronoun, possessive (-nya), role (sang menteri, juru bicara itu), or side (pihaknya)
    kind: str = "pronoun"


@dataclass(slots=True)
class Actor:
    """The source or target of an event."""

    text: str
    entity: str | None = None
    country: str | None = None
    sector: str | None = None
    #: the linked entity's name (so "dia" shows as the person it stands for); None when unlinked
    name: str | None = None
    #: the linked entity's corpus-wide key
    key: str | None = None


@dataclass(slots=True)
class Event:
    """A PLOVER-coded event: who did what to whom, when, where and with what status."""

    id: str
    type: str
    source: Actor
    trigger: Span
    sentence: int
    target: Actor | None = None
    mode: str | None = None
    date: str | None = None
    location: str | None = None
    status: str = "asserted"
    #: every sentence/trigger that tells this same event
    mentions: list[dict[str, Any]] = field(default_factory=list)
    other_sources: list[Actor] = field(default_factory=list)
    other_targets: list[Actor] = field(default_factory=list)
    reported: bool = False
    #: where ``date`` came from: clause, attribution, dateline, publication or none
    date_source: str = "none"


@dataclass(slots=True)
class Document:
    """An article: its raw input, cleaned text, metadata and every stage's annotations."""

    raw: str
    raw_format: str = "text"  # "text" or "html"
    id: str | None = None
    text: str = ""
    title: str | None = None
    url: str | None = None
    source: str | None = None
    byline: str | None = None
    published: str | None = None
    place: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    #: pronouns and role nouns resolved to entities (stage ``coref``)
    references: list[Reference] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    summary: list[int] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    story: str | None = None
    #: names of the stages that ran, in order
    stages: list[str] = field(default_factory=list)

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` of this document's text."""
        return Span(start, end, self.text[start:end])

    def sentence_tokens(self, index: int) -> list[Token]:
        sent = self.sentences[index]
        return self.tokens[sent.token_start : sent.token_end]

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing character ``offset``, or None."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid
            elif offset >= s.end:
                lo = mid + 1
            else:
                return mid
        return None

    def entity(self, entity_id: str) -> Entity | None:
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def to_dict(self) -> dict[str, Any]:
        from warta.model.serialize import to_dict

        return to_dict(self)

    def to_json(self, *, indent: int | None = None) -> str:
        from warta.model.serialize import to_json

        return to_json(self, indent=indent)
