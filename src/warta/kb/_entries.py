"""The knowledge base's data classes (see :mod:`warta.kb`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from warta.model import Geo

__all__ = ["Entry", "KnowledgeBase", "Office", "split_words"]

_WORD = re.compile(r"\w+(?:[-'’.]\w+)*\.?|[^\w\s]")


def split_words(text: str) -> tuple[str, ...]:
    """Lower-cased words of a name, as the knowledge base (and the NER gazetteer) keys them."""
    return tuple(w.lower().rstrip(".") or w for w in _WORD.findall(text))


@dataclass(frozen=True, slots=True)
class Office:
    """An office a person held: ``title`` (lower-cased words) and ISO dates (``end`` empty = still)."""

    title: tuple[str, ...]
    start: str = ""
    end: str = ""

    def __reduce__(self) -> tuple[type[Office], tuple[object, ...]]:
        return (Office, (self.title, self.start, self.end))

    def held_on(self, day: str | None) -> bool:
        """Whether the office was held on ``day`` (ISO date; unknown dates count as held)."""
        if not day:
            return True
        return (not self.start or self.start[: len(day)] <= day) and (not self.end or day <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One real-world actor or place."""

    id: str
    name: str
    #: PERSON, ORGANIZATION or LOCATION
    type: str
    #: country, org, person, place, city, region, district
    kind: str
    #: ISO 3166-1 alpha-3, "IGO", or None
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    #: a generic name every country has (Mahkamah Agung): its country yields to the story's
    generic: bool = False
    #: an alternative sense of a shared alias, taken only in a story about its country
    alt: bool = False
    offices: tuple[Office, ...] = ()
    geo: Geo | None = None
    #: for places: population (to choose among namesakes) and the KB id it stands for (metonyms)
    population: int = 0

    @property
    def key(self) -> str:
        return "kb:" + self.id

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # positional arguments: a fast unpickling of the cached knowledge base (warta.cache)
        return (Entry, tuple(getattr(self, name) for name in self.__slots__))


@dataclass(slots=True)
class KnowledgeBase:
    entries: dict[str, Entry] = field(default_factory=dict)
    #: alias words (lower-cased) -> entries, most likely first
    by_alias: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    #: alias words that may be searched for in the text (not ``~`` aliases) -> entity type
    matchable: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: demonyms ("qatari", "american") -> ISO3
    adjectives: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: capitalised words that are never entities (PPN, APBN, KUHP)
    terms: frozenset[str] = frozenset()
    #: head words of Indonesian institution names (polda, pengadilan negeri) -> sector
    patterns: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: short office forms (menlu) -> the office words people.tsv uses (menteri luar negeri)
    offices: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    #: aliases of a person that stand for them only with their full name or office written
    weak_aliases: frozenset[tuple[str, ...]] = frozenset()

    def lookup(self, name: str | tuple[str, ...]) -> list[Entry]:
        words = split_words(name) if isinstance(name, str) else name
        return self.by_alias.get(words, [])

    def aliases(self, key: str) -> list[str]:
        ent = self.entries.get(key.removeprefix("kb:")) if key.startswith("kb:") else None
        if ent is None:
            return []
        return list(dict.fromkeys((ent.name, *ent.aliases)))
