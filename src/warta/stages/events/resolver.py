"""Turn a chunk of a sentence into actors: linked entity, country and sector.

Country and sector come from the linked entity when the entities stage knows them, else from the
events stage's own small gazetteer (``actors.txt``: countries, capitals as metonyms for their
governments, a few institutions) and title words (``sectors.txt``: *panglima* -> MIL).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from warta.lang.morphology import strip_clitics
from warta.model import Actor, Document, Entity, Token, name_key
from warta.stages.events.lexicon import Lexicon
from warta.stages.events.words import load_words

__all__ = ["STATEMENT_NOUNS", "ActorResolver"]

_W = load_words()
_PRONOUNS = _W.pronouns
_DEICTIC = _W.deictic
STATEMENT_NOUNS = _W.statement_nouns
_SPLIT = _W.split
_TYPE_RANK = {"PERSON": 0, "ORGANIZATION": 1, "LOCATION": 2}
#: first persons: inside a quote they are its speaker
_FIRST_PERSONS = frozenset({"saya", "aku", "kami", "kita"})
_IGO_SECTORS = frozenset({"IGO"})
#: first words of noun phrases that are no actor even as a target
_NOT_ACTORS = STATEMENT_NOUNS | _DEICTIC | _W.not_actor_heads


_Cues = list[tuple[tuple[str, ...], str]]
_SECTOR_INDEX: dict[int, tuple[_Cues, int, dict[str, _Cues]]] = {}


def _sector_index(sectors: _Cues) -> dict[str, _Cues]:
    """The sector cues by first word, each word's cues in the list's order (longest first)."""
    got = _SECTOR_INDEX.get(id(sectors))
    if got is None or got[0] is not sectors or got[1] != len(sectors):
        index: dict[str, _Cues] = {}
        for cue, sector in sectors:
            index.setdefault(cue[0], []).append((cue, sector))
        got = _SECTOR_INDEX[id(sectors)] = (sectors, len(sectors), index)
    return got[2]


@dataclass(slots=True)
class ActorResolver:
    """Resolves token ranges of one document to :class:`Actor` objects."""

    doc: Document
    lex: Lexicon
    #: token index -> entities mentioned there
    token_entities: dict[int, list[Entity]] = field(default_factory=dict)
    default_country: str | None = None
    last: Actor | None = None
    sent_starts: set[int] = field(default_factory=set)
    history: list[Actor] = field(default_factory=list)
    time_tokens: set[int] = field(default_factory=set)
    #: last word of a named actor's text -> that actor ("Gerasimov" after "Valery Gerasimov")
    aliases: dict[str, Actor] = field(default_factory=dict)
    #: sentence index -> the first actor resolved in it (its main subject, as a rule)
    first_actor: dict[int, Actor] = field(default_factory=dict)
    sent_start_list: list[int] = field(default_factory=list)
    #: entity id -> entity; entity id -> the token indices of its mentions
    entities: dict[str, Entity] = field(default_factory=dict)
    entity_tokens: dict[str, set[int]] = field(default_factory=dict)
    #: token index -> entity id of a resolved pronoun or role noun there (``doc.references``)
    referent: dict[int, str] = field(default_factory=dict)
    #: token index -> entity id of the speaker of the quote the token is in
    speaker_at: dict[int, str] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)

    def _tokens_of(self, start: int, end: int, starts: list[int]) -> range:
        """Indices of the tokens overlapping characters [start, end)."""
        tokens = self.doc.tokens
        k = max(bisect.bisect_right(starts, start) - 1, 0)
        if k < len(tokens) and tokens[k].end <= start:
            k += 1
        e = bisect.bisect_left(starts, end)
        return range(k, max(k, e))

    def __post_init__(self) -> None:  # noqa: C901, PLR0912 — too long, to split (issue #15)
        tokens = self.doc.tokens
        self.sent_starts = {s.token_start for s in self.doc.sentences}
        self.sent_start_list = [s.token_start for s in self.doc.sentences]
        starts = [t.start for t in tokens]
        for t in self.doc.times:
            self.time_tokens.update(self._tokens_of(t.start, t.end, starts))
        for ent in self.doc.entities:
            self.entities[ent.id] = ent
            own = self.entity_tokens.setdefault(ent.id, set())
            for m in ent.mentions:
                for k in self._tokens_of(m.start, m.end, starts):
                    self.token_entities.setdefault(k, []).append(ent)
                    own.add(k)
        for ref in self.doc.references:
            if ref.entity in self.entities:
                for k in self._tokens_of(ref.start, ref.end, starts):
                    self.referent[k] = ref.entity
        for q in self.doc.quotes:
            if q.speaker in self.entities:
                for k in self._tokens_of(q.start, q.end, starts):
                    self.speaker_at.setdefault(k, q.speaker)
        # sector-only actors ("polisi", "pemerintah") belong to the first country the article names
        words = self.words = [t.text.lower() for t in tokens]
        first: list[tuple[int, str]] = []
        for i in self._gazetteer_starts(words):
            hit = self.gazetteer(words, i)
            if hit is not None and hit[1] and hit[1] != "IGO":
                first.append((tokens[i].start, hit[1]))
        for ent in self.doc.entities:
            if ent.type == "LOCATION" and ent.country and ent.country != "IGO" and ent.mentions:
                first.append((min(m.start for m in ent.mentions), ent.country))
        # ... unless Indonesia is in the story: Indonesian news' unplaced "pemerintah" is Indonesia's
        # (the entities stage's country of an institution is a guess, so only Indonesian places that the
        # text names twice count, besides Indonesia itself and its own institutions)
        idn_places = any(
            e.type == "LOCATION" and e.country == "IDN" and len(e.mentions) >= 2 for e in self.doc.entities
        )
        if self._names_indonesia(words) or idn_places:
            self.default_country = "IDN"
        elif first:
            self.default_country = min(first)[1]
        else:  # no country named: the first placed person's (the entity layer knows "Donald Trump"),
            # else Indonesian only when the entity layer places someone there, else unknown
            people = [
                (min(m.start for m in e.mentions), e.country)
                for e in self.doc.entities
                if e.type == "PERSON" and e.country and e.country != "IGO" and e.mentions
            ]
            idn = any(e.country == "IDN" for e in self.doc.entities)
            self.default_country = min(people)[1] if people else "IDN" if idn else None

    def entity_actor(
        self, text: str, ent: Entity, country: str | None = None, sector: str | None = None
    ) -> Actor:
        """An actor linked to ``ent``: its name and corpus-wide key filled from the entity."""
        key = ent.key or name_key(ent.type, ent.name, ent.country)
        return Actor(text=text, entity=ent.id, country=country, sector=sector, name=ent.name, key=key)

    def named(self, k: int) -> bool:
        return k in self.token_entities

    def gazetteer(self, words: Sequence[str], i: int) -> tuple[int, str | None, str | None] | None:
        """Longest actor-gazetteer match at ``words[i]``: (length, country, sector)."""
        for cand in (words[i], strip_clitics(words[i])):
            for names, country, sector in self.lex.actors.get(cand, []):
                n = len(names)
                got = [
                    *words[i : i + n - 1],
                    strip_clitics(words[i + n - 1]) if i + n - 1 < len(words) else "",
                ]
                if tuple(got) == names or tuple(words[i : i + n]) == names:
                    return n, country, sector
        return None

    def _gazetteer_starts(self, words: list[str]) -> list[int]:
        """The indices where :meth:`gazetteer` can match (a word or its clitic-less form begins a name)."""
        actors = self.lex.actors
        return [i for i, w in enumerate(words) if w in actors or strip_clitics(w) in actors]

    def _names_indonesia(self, words: list[str]) -> bool:
        """Does the text name Indonesia or one of its institutions (from ``actors.txt``)?"""
        for i in self._gazetteer_starts(words):
            hit = self.gazetteer(words, i)
            if hit is not None and hit[1] == "IDN":
                return True
        return False

    def _antecedent(self, k: int, *, person: bool) -> Actor | None:
        """The nearest earlier person (for ia/dia) or country (for "negara itu") in the text."""
        text = self.doc.tokens[k].text
        for j in range(k - 1, max(-1, k - 80), -1):
            for ent in self.token_entities.get(j, []):
                if person and ent.type == "PERSON":
                    return self.entity_actor(text, ent, ent.country or self.default_country, ent.sector)
                if not person and ent.type == "LOCATION" and ent.country:
                    return self.entity_actor(text, ent, ent.country, "GOV")
            if not person:
                hit = self.gazetteer(self.words, j)
                if hit is not None and hit[1] and hit[1] != "IGO":
                    return Actor(text=self.doc.tokens[k].text, country=hit[1], sector=hit[2] or "GOV")
        return None

    def _first_named(self, sent: int) -> Actor | None:
        """The first person or organisation named in sentence ``sent``."""
        if sent < 0:
            return None
        sentence = self.doc.sentences[sent]
        for j in range(sentence.token_start, sentence.token_end):
            for ent in self.token_entities.get(j, []):
                if ent.type in ("ORGANIZATION", "PERSON"):
                    country = ent.country or self.default_country
                    return self.entity_actor(self.doc.tokens[j].text, ent, country, ent.sector)
        return None

    def _side(self, k: int) -> Actor | None:
        """The nearest earlier organisation or person, for "pihaknya" (the speaker's side)."""
        for j in range(k - 1, max(-1, k - 60), -1):
            for ent in self.token_entities.get(j, []):
                if ent.type in ("ORGANIZATION", "PERSON"):
                    country = ent.country or self.default_country
                    return self.entity_actor(self.doc.tokens[k].text, ent, country, ent.sector)
        return None

    def _linked(self, k: int, text: str) -> Actor | None:
        """A pronoun the ``coref`` stage resolved (``doc.references``), or a first person inside a quote
        whose speaker is known ("Kami sudah meminta ...," ujar Sheikh Hasina)."""
        ent_id = self.referent.get(k)
        if ent_id is None and text.lower() in _FIRST_PERSONS:
            ent_id = self.speaker_at.get(k)
        ent = self.entities.get(ent_id or "")
        if ent is None:
            return None
        country = ent.country or (self.default_country if ent.type == "PERSON" else None)
        if ent.sector in _IGO_SECTORS:
            country = "IGO"
        return self.entity_actor(text, ent, country, ent.sector)

    def speaker_of(self, k: int) -> list[Actor]:
        """The speaker of the quote token ``k`` is in, as an actor (empty when unknown)."""
        ent = self.entities.get(self.speaker_at.get(k) or "")
        if ent is None:
            return []
        country = "IGO" if ent.sector in _IGO_SECTORS else ent.country or self.default_country
        mention = next((m for m in ent.mentions), None)
        return [self.entity_actor(mention.text if mention else ent.name, ent, country, ent.sector)]

    def _mentions(self, entity: Entity) -> set[int]:
        return self.entity_tokens.get(entity.id, set())

    def sector(self, words: Sequence[str]) -> str | None:
        words = [strip_clitics(w) for w in words]
        by_first = _sector_index(self.lex.sectors)
        for i in range(len(words)):
            for cue, sector in by_first.get(words[i], ()):
                if tuple(words[i : i + len(cue)]) == cue:
                    return sector
        return None

    def resolve(self, chunks: Sequence[tuple[int, int]], *, loose: bool = False) -> list[Actor]:
        """Actors named by ``chunks`` (absolute token ranges); several for "X dan Y".

        Two chunks are a title and a name in apposition and make one actor. With ``loose`` (targets),
        a plain noun phrase the lexicons do not know is still an actor of the story's country
        ("menyita aset penunggak pajak", "memeriksa tiga saksi")."""
        if not chunks:
            return []
        start, end = chunks[0]
        parts: list[list[int]] = []
        part: list[int] = []
        for k in range(start, end + 1):
            w = self.doc.tokens[k].text.lower() if k < end else ""
            if k == end or (w in _SPLIT and not self.named(k)):
                if part:
                    parts.append(part)
                part = []
            else:
                part.append(k)
        if len(chunks) == 2 and parts:  # title, name: the name joins the last conjunct
            parts[-1] = parts[-1] + list(range(chunks[1][0], chunks[1][1]))
        actors = []
        for p in parts:
            actor = self._one(p, loose=loose)
            if actor is not None:
                actors.append(actor)
        return actors

    def peek(self, start: int, end: int) -> Actor | None:
        """The actor of tokens [start, end) as :meth:`resolve` reads it, without remembering it (the
        argument picker's candidates must not change later pronoun or alias resolution)."""
        last, n, firsts, aliases = self.last, len(self.history), set(self.first_actor), set(self.aliases)
        try:
            return self._one(list(range(start, end)))
        finally:
            self.last = last
            del self.history[n:]
            for key in set(self.first_actor) - firsts:
                del self.first_actor[key]
            for word in set(self.aliases) - aliases:
                del self.aliases[word]

    def _said_before(self, idx: list[int], tokens: list[Token]) -> Actor | None:
        """ "Hal tersebut mendapat dukungan dari ...": what the previous sentence's subject said or did."""
        sent = bisect.bisect_right(self.sent_start_list, idx[0]) - 1
        before = self.first_actor.get(sent - 1) or self._first_named(sent - 1)
        if before is None:
            return None
        return Actor(
            text=self.doc.text[tokens[0].start : tokens[-1].end],
            entity=before.entity,
            country=before.country,
            sector=before.sector,
            name=before.name,
            key=before.key,
        )

    def _alias(self, idx: list[int], tokens: list[Token], words: list[str]) -> Actor | None:
        """A capitalised word standing for a named actor seen before (``Gerasimov``), else None."""
        if not (len(words) == 1 and words[0] in self.aliases and tokens[0].text[:1].isupper()):
            return None
        known = self.aliases[words[0]]
        if any(self.token_entities.get(k) for k in idx) and known.entity not in {
            e.id for e in self.token_entities.get(idx[0], [])
        }:
            return None
        return Actor(
            text=tokens[0].text,
            entity=known.entity,
            country=known.country,
            sector=known.sector,
            name=known.name,
            key=known.key,
        )

    def _referent_of(
        self, idx: list[int], tokens: list[Token], words: list[str]
    ) -> tuple[bool, Actor | None]:
        """(True, actor or None) when the chunk refers to an actor met before (a pronoun, "hal
        tersebut", "pria itu", an alias); (False, None) when it is to be resolved on its own."""
        ents_in = any(self.token_entities.get(k) for k in idx)
        nxt = self.doc.tokens[idx[-1] + 1].text.lower() if idx[-1] + 1 < len(self.doc.tokens) else ""
        if words[0] in STATEMENT_NOUNS and (
            (len(words) == 2 and words[1] in _DEICTIC) or (len(words) == 1 and nxt in _DEICTIC)
        ):
            return True, self._said_before(idx, tokens)
        if len(words) == 1 and (words[0] in _PRONOUNS or words[0] in _FIRST_PERSONS):
            linked = self._linked(idx[0], tokens[0].text)
            if linked is not None:
                return True, linked
        if len(words) == 1 and words[0] in ("pihaknya", "kami"):
            # "Kepala BPOM Penny mengatakan pihaknya meminta ...": the speaker's side, i.e. the nearest
            # earlier organisation or person (an unplaced one belongs to the article's country)
            return True, self._side(idx[0]) or self.last
        if len(words) == 1 and words[0] in _PRONOUNS:
            person = words[0] in ("ia", "dia", "beliau", "keduanya", "dirinya", "beliaunya")
            return True, self._antecedent(idx[0], person=person) or self.last
        if words[0] in ("negara", "negaranya", "pemerintahnya") and (len(words) == 1 or words[1] in _DEICTIC):
            return True, self._antecedent(idx[0], person=False)
        if len(words) == 2 and words[1] in ("negaranya", "pemerintahnya") and not ents_in:
            # "kebijakan negaranya": the policy of the country spoken of
            return True, self._antecedent(idx[1], person=False)
        if len(words) >= 2 and words[-1] in _DEICTIC and not ents_in:
            # "perempuan tersebut", "pria itu": the last actor whose text has that noun
            head = words[-2]
            for known in reversed(self.history):
                if head in known.text.lower().split():
                    return True, known
        alias = self._alias(idx, tokens, words)
        return (True, alias) if alias is not None else (False, None)

    def _main_entity(self, idx: list[int]) -> tuple[Entity | None, dict[str, tuple[Entity, int]]]:
        """The entity the chunk is about (a person before an organisation before a place, then the
        most mentioned), and every entity in it with its count of tokens."""
        ents: dict[str, tuple[Entity, int]] = {}
        for k in idx:
            for ent in self.token_entities.get(k, []):
                prev = ents.get(ent.id)
                ents[ent.id] = (ent, (prev[1] if prev else 0) + 1)
        entity = None
        if ents:
            entity = min(ents.values(), key=lambda e: (_TYPE_RANK.get(e[0].type, 3), -e[1]))[0]
        return entity, ents

    def _gazetteer_scan(
        self, idx: list[int], words: list[str], entity: Entity | None
    ) -> tuple[str | None, str | None, bool, bool]:
        """(country, sector, any hit, placeless) from the gazetteer words of the chunk outside a
        person's name; a country or capital beats an institution word ("Menhan AS")."""
        gaz_sector = None
        place_country = inst_country = None
        gaz_hit = False
        placeless = False  # "sekutu Barat": a bloc, not a country
        own = self._mentions(entity) & set(idx) if entity is not None and entity.type == "PERSON" else set()
        i = 0
        while i < len(words):
            hit = self.gazetteer(words, i)
            whole = hit is not None and own == set(idx[i : i + hit[0]])
            if hit is None or (idx[i] in own and not whole):  # a name word, unless the whole name is known
                i += 1
                continue
            gaz_hit = True
            placeless = placeless or (hit[1] is None and hit[2] is None)
            if hit[1] and hit[2] is None and place_country is None:
                place_country = hit[1]
            elif hit[1] and inst_country is None:
                inst_country = hit[1]
            if gaz_sector is None and hit[2]:
                gaz_sector = hit[2]
            i += hit[0]
        return place_country or inst_country, gaz_sector, gaz_hit, placeless

    def _unlinked_actor(self, idx: list[int], tokens: list[Token], words: list[str], *, loose: bool) -> bool:
        """A chunk with no entity, country or sector is an actor only when it looks like a local
        name, or (``loose``) like a plain noun phrase."""
        proper = (
            len(tokens) <= 4
            and all(t.text[:1].isupper() for t in tokens)
            and idx[0] not in self.sent_starts
            and self.default_country == "IDN"
        )
        plain = (
            loose
            and words[0].replace("-", "").isalpha()
            and words[0] not in _NOT_ACTORS
            and words[0] not in _W.aux
            and words[0] not in _W.preps
            and len(words) <= 6
        )
        return proper or plain

    def _remember(
        self, actor: Actor, entity: Entity | None, idx: list[int], tokens: list[Token], words: list[str]
    ) -> None:
        """Keep ``actor`` as the last one, in the history, as its sentence's first, and its last name
        word as an alias."""
        self.last = actor
        self.history.append(actor)
        self.first_actor.setdefault(bisect.bisect_right(self.sent_start_list, idx[0]) - 1, actor)
        person = entity is None or entity.type == "PERSON"
        if person and (actor.country or actor.sector) and len(tokens) > 1 and tokens[-1].text[:1].isupper():
            self.aliases.setdefault(words[-1], actor)

    def _one(self, idx: list[int], *, loose: bool = False) -> Actor | None:
        idx = [k for k in idx if k not in self.time_tokens]
        while len(idx) > 1 and self.words[idx[0]] in _W.aux and not self.named(idx[0]):
            idx = idx[1:]  # "(selama) ini ia": the pronoun
        tokens: list[Token] = [self.doc.tokens[k] for k in idx]
        words = [t.text.lower() for t in tokens]
        if not words:
            return None
        done, referred = self._referent_of(idx, tokens, words)
        if done:
            return referred
        entity, ents = self._main_entity(idx)
        country = entity.country if entity else None
        if (
            entity is not None
            and entity.type == "ORGANIZATION"
            and country == "IDN"
            and self.default_country != "IDN"
        ):
            country = self.default_country  # "Mahkamah Agung negara Teluk itu": not Indonesia's
        sector = entity.sector if entity else None
        gaz_country, gaz_sector, gaz_hit, placeless = self._gazetteer_scan(idx, words, entity)
        if country is None:
            country = gaz_country
        if entity is not None and entity.type == "PERSON" and gaz_country and gaz_country != country:
            country = gaz_country  # "Wali Kota London Sadiq Khan": the title's place wins over a guess
        if country is None:
            country = next((e.country for e, _ in ents.values() if e.country), None)
        sector = sector or self.sector(words) or gaz_sector
        # an institution the entities stage missed ("meminta Kominfo"): in Indonesian domestic news a
        # capitalised name without a country is a local one
        unlinked = entity is None and country is None and sector is None and not gaz_hit
        if unlinked and not self._unlinked_actor(idx, tokens, words, loose=loose):
            return None
        local = entity is None or entity.type == "PERSON" or self.default_country == "IDN"
        if country is None and local and not placeless:
            country = self.default_country  # unplaced local actors belong to the article's first country
        igo = gaz_country == "IGO" and entity is None
        if igo or (entity is not None and entity.sector in _IGO_SECTORS):
            country = "IGO"  # an international body is never given a member's country
        text = self.doc.text[tokens[0].start : tokens[-1].end]
        if entity is not None:
            actor = self.entity_actor(text, entity, country, sector)
        else:
            actor = Actor(text=text, country=country, sector=sector)
        self._remember(actor, entity, idx, tokens, words)
        return actor
