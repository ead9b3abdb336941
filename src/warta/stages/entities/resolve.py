"""Entities -> knowledge-base entries: the entry each entity stands for (its key, canonical name,
type, country, sector and place), chosen with the story's country for names several entries share
("DPR", "Partai Demokrat", "Bandung"), and entities that turn out to be one entry merged."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from warta.kb import Entry, split_words
from warta.model import Document, Entity, Geo
from warta.stages.entities.attributes import text_country
from warta.stages.entities.lexicon import Lexicon
from warta.stages.entities.regions import named_regions

__all__ = ["Story", "merge_entities", "resolve", "story_of"]

_TYPES = {"PERSON": "PERSON", "ORGANIZATION": "ORGANIZATION", "LOCATION": "LOCATION"}
#: where an entity's country came from, strongest first; weaker evidence yields to the story
#: words before a place: a "person" named after them in most mentions is a place
_LOCATIVE = frozenset(("di", "ke", "dari", "rute", "menuju", "kota", "ibu kota"))
STRONG = frozenset(("kb", "name", "title", "form", "nationality"))


@dataclass(slots=True)
class Story:
    """Which countries the article is about: the countries of its places and of the actors whose
    country is settled, counted by mentions."""

    counts: Counter[str] = field(default_factory=Counter)
    #: ids of the Indonesian regions the article names in full ("Kabupaten Bekasi")
    regions: frozenset[str] = frozenset()

    @property
    def top(self) -> str | None:
        return self.counts.most_common(1)[0][0] if self.counts else None

    @property
    def share(self) -> float:
        total = self.counts.total()
        return self.counts[self.top] / total if total and self.top else 0.0

    @property
    def domestic(self) -> bool:
        """Indonesian, or naming no country at all, or Indonesia as often as any other country (the
        default for Indonesian news)."""
        top = self.top
        return top in (None, "IDN") or self.counts["IDN"] >= self.counts[top]

    def dominant(self, share: float = 0.5, *, ties: bool = False) -> str | None:
        """The story's country when it holds more than ``share`` of the evidence (at least that much
        with ``ties``) and two mentions."""
        top = self.top
        if top is None or self.counts[top] < 2:
            return None
        return top if self.share > share or (ties and self.share >= share) else None


def story_of(entities: list[Entity], lex: Lexicon) -> Story:
    """Count the settled countries: places by mentions, state actors at half weight; never IGOs,
    companies or media, nor names several entries share (DPR, Partai Demokrat: they follow the story)."""
    story = Story()
    for e in entities:
        if not e.country or e.country == "IGO" or e.extra.get("country_from") not in STRONG:
            continue
        if e.extra.get("country_from") == "kb" and not e.extra.get("kb") and _ambiguous(e, lex):
            continue
        if e.type != "LOCATION" and e.sector not in _STATE_SECTORS:
            continue  # companies, media, schools and NGOs work across borders: Twitter says nothing
        weight = 2 if e.type == "LOCATION" else 1
        story.counts[e.country] += weight * len(e.mentions)
    return story


#: sectors of actors whose country says where the story is
_STATE_SECTORS = frozenset(("GOV", "MIL", "LEG", "JUD", "COP", "POL", "REB"))


def _ambiguous(ent: Entity, lex: Lexicon) -> bool:
    return any(len({c.country for c in lex.kb.lookup(m.text) if c.kind == "org"}) > 1 for m in ent.mentions)


def _office_match(ent: Entity, entry: Entry, lex: Lexicon, day: str | None) -> bool:
    """The entity's title is one of the person's offices held that day (``Menlu`` = Menteri Luar Negeri)."""
    if not ent.title:
        return False
    words = split_words(ent.title)
    expanded = lex.kb.offices.get(words[:2]) or lex.kb.offices.get(words[:1])
    if expanded is not None:
        words = expanded + words[2 if lex.kb.offices.get(words[:2]) else 1 :]
    for office in entry.offices:
        if office.held_on(day) and (
            office.title[: len(words)] == words or words[: len(office.title)] == office.title
        ):
            return True
    return False


def _allowed(
    ent: Entity, cand: Entry, surface: tuple[str, ...], lex: Lexicon, *, story: Story, day: str | None
) -> bool:
    if cand.alt and cand.country != story.top and not any((w,) in lex.countries for w in surface):
        return False  # "DPR" is the US House only in a story about the US (or when "AS" is written)
    if cand.kind == "person" and surface in lex.kb.weak_aliases:
        full = split_words(cand.name)
        named = any(split_words(m.text) == full for m in ent.mentions)
        return named or _office_match(ent, cand, lex, day)
    if cand.kind == "district":
        return story.domestic and ent.type == "LOCATION"
    # a world city only for a place, or for a "person" written where places are (`rute Ho Chi Minh -
    # Jakarta`, `ke Ho Chi Minh`)
    return not (cand.kind == "world" and ent.type != "LOCATION" and not ent.extra.get("locative"))


def _related(cand: Entry, full: tuple[str, ...]) -> bool:
    name = split_words(cand.name)
    if set(name) <= set(full) or any(split_words(a) == full for a in cand.aliases):
        return True
    return any(set(split_words(a)) <= set(full) and len(split_words(a)) > 1 for a in cand.aliases)


def _choose(ent: Entity, lex: Lexicon, story: Story, day: str | None) -> tuple[Entry | None, tuple[str, ...]]:
    """The entry ``ent`` stands for and the surface that named it, or (None, ())."""
    surfaces = sorted({split_words(m.text) for m in ent.mentions}, key=lambda s: -len(s))
    longest = [s for s in surfaces if len(s) == len(surfaces[0])]
    for surface in surfaces:
        cands = [c for c in lex.kb.lookup(surface) if _allowed(ent, c, surface, lex, story=story, day=day)]
        if surface not in longest:
            # a shorter name of the entity ("MA" for Muhammad Al Azhar, "NASA" for Aliansi Super Oposisi
            # Nasional, "Twitter" in "Twitter Indonesia") stands for an entry only with the same type, when
            # the full name is one of the entry's or holds it, and not when the full name adds a country
            full = longest[0]
            extra = tuple(w for w in full if w not in surface)
            placed = bool(extra) and text_country(extra, lex) is not None
            cands = [
                c for c in cands
                if c.type == ent.type and (c.generic or not placed) and _related(c, full)
            ]  # fmt: skip
        if not cands:
            continue
        same = [c for c in cands if c.type == ent.type]
        if not same:
            # a type the tagger got wrong ("Qatari News Agency" PERSON, "KBRI" LOCATION); one-word person
            # aliases never turn an organisation into a person
            same = [
                c for c in cands if not (c.type == "PERSON" and len(surface) == 1) and c.kind != "district"
            ]
            if len(surface) == 1 and ent.type == "PERSON":
                # a one-word "person" is a country or a named organisation (Hamas, Reuters, ISNA), never a
                # town that shares a person's name (Bima)
                upper = all(m.text.isupper() for m in ent.mentions)
                same = [
                    c
                    for c in same
                    if c.kind == "country" or (c.kind == "org" and (upper or split_words(c.name) == surface))
                ]
        if not same:
            continue
        if (
            len(surface) == 1
            and ent.type == "PERSON"
            and same[0].type == "LOCATION"
            and len(ent.mentions) > 0
        ):
            words = {w for m in ent.mentions for w in split_words(m.text)}
            if len(words) > 1:
                continue  # "Kenyatta" is part of a person's name here, not a place
        named = [c for c in same if c.id in story.regions]
        if named:
            return named[0], surface  # "Kabupaten Bekasi" ... "Bekasi": the one the article names in full
        if same[0].type != "LOCATION":
            # organisations and people: the story's own alternative sense (DPR in a US story), else
            # the default one
            alt = [c for c in same if c.alt]
            return (alt or same)[0], surface
        local = [c for c in same if c.country == story.top and story.top is not None]
        if story.domestic:
            local = [c for c in same if c.country == "IDN"] or local
        return (local or same)[0], surface
    return None, ()


def resolve(doc: Document, lex: Lexicon, story: Story) -> None:
    """Give every entity its knowledge-base entry where one fits, then merge entities resolved to
    the same entry ("Kemlu" ... "Kementerian Luar Negeri RI", "Gaza" ... "Jalur Gaza")."""
    day = (doc.published or "")[:10] or None
    story.regions = named_regions(doc, lex)
    for ent in doc.entities:
        if ent.type == "PERSON" and ent.mentions:
            after = [split_words(doc.text[max(0, m.start - 12) : m.start])[-1:] for m in ent.mentions]
            if sum(w[0] in _LOCATIVE for w in after if w) * 2 > len(ent.mentions):
                ent.extra["locative"] = "1"
        entry, surface = _choose(ent, lex, story, day)
        ent.extra.pop("locative", None)
        if entry is None:
            _pattern(ent, lex)
            continue
        _apply(ent, entry, surface, lex, story)
    merge_entities(doc, lambda e: e.key if e.key and e.key.startswith("kb:") else None)


def _pattern(ent: Entity, lex: Lexicon) -> None:
    """``Polres Bogor``, ``Pengadilan Negeri Jakarta Selatan``, ``DPRD Jawa Barat``: an Indonesian
    institution by its head word (patterns.tsv), unless the rest names a foreign place."""
    if ent.type != "ORGANIZATION":
        return
    words = split_words(max((m.text for m in ent.mentions), key=len))
    for n in (4, 3, 2, 1):
        sector = lex.kb.patterns.get(words[:n])
        if sector is None:
            continue
        rest = words[n:]
        named = text_country(rest, lex) if rest else None
        if named not in (None, "IDN"):
            return
        ent.sector = ent.sector or sector
        if ent.country in (None, "IDN"):
            ent.country = "IDN"
            ent.extra["country_from"] = "name"
        return


def _apply(ent: Entity, entry: Entry, surface: tuple[str, ...], lex: Lexicon, story: Story) -> None:
    ent.type = _TYPES.get(entry.type, ent.type)
    ent.sector = ent.sector or entry.sector
    if entry.generic:
        # "Mahkamah Agung Kanada" names its country; a bare one is the story's (yields in foreign stories)
        own = set(split_words(entry.name))
        named = next(
            (
                c
                for m in ent.mentions
                if (c := text_country(tuple(w for w in split_words(m.text) if w not in own), lex))
            ),
            None,
        )
        if named is None and ent.extra.get("country_from") == "name":
            named = ent.country  # "Mahkamah Agung [Amerika Serikat]": the country written right after it
        if named is not None:
            ent.country = named
            ent.extra["country_from"] = "name"
            if named == entry.country:
                ent.key = entry.key
                ent.extra["kb"] = entry.id
            return
        ent.country = ent.country or entry.country
        ent.extra["country_from"] = "generic"
        ent.key = entry.key if ent.country == entry.country else None
        ent.extra["kb"] = entry.id
        return
    ent.key = entry.key
    ent.extra["kb"] = entry.id
    if entry.country:
        ent.country = entry.country
        ent.extra["country_from"] = "kb"
    if entry.kind in ("person", "org") or (entry.kind == "country" and len(ent.name) <= 3):
        ent.name = entry.name
    if ent.type == "LOCATION" and entry.geo is not None:
        ent.geo = entry.geo


def merge_entities(doc: Document, identity: object) -> None:
    """Merge entities that ``identity(entity)`` maps to the same non-None value, keeping the first
    entity's id; mentions are joined in text order."""
    ident = identity  # a callable Entity -> str | None
    first: dict[str, Entity] = {}
    keep: list[Entity] = []
    for ent in doc.entities:
        k = ident(ent)  # type: ignore[operator]
        if k is None or k not in first:
            keep.append(ent)
            if k is not None:
                first[k] = ent
            continue
        absorb(first[k], ent)
    doc.entities = keep


def absorb(into: Entity, other: Entity) -> None:
    """Add ``other``'s mentions and missing attributes to ``into``."""
    into.mentions = sorted([*into.mentions, *other.mentions], key=lambda m: (m.start, m.end))
    into.title = into.title or other.title
    into.sector = into.sector or other.sector
    into.geo = into.geo or other.geo
    if into.country is None or (
        into.extra.get("country_from") not in STRONG and other.extra.get("country_from") in STRONG
    ):
        into.country = other.country or into.country
        if other.extra.get("country_from"):
            into.extra["country_from"] = other.extra["country_from"]
    for k, v in other.extra.items():
        into.extra.setdefault(k, v)
    if len(other.name) > len(into.name) and not into.extra.get("kb"):
        into.name = other.name


def place_geo(ent: Entity) -> None:
    """A place with a country but no entry is resolved to its country."""
    if ent.type == "LOCATION" and ent.geo is None and ent.country and ent.country != "IGO":
        ent.geo = Geo("country", ent.country)
