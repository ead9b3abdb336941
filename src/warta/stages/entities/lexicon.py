"""The language data the NER model and the entities stage read, loaded once from resources/ner/."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from warta.cache import cached, resource_digest
from warta.kb import KB_SOURCES, KnowledgeBase, knowledge_base

__all__ = ["ALIAS_HONORIFICS", "Institution", "Lexicon", "lexicon", "split_words"]

_WORD = re.compile(r"\w+(?:[-'’.]\w+)*\.?|[^\w\s]")
#: longest gazetteer name, in words
MAX_GAZ = 5
_TITLE_RANK_WORDS = (
    "jenderal letjen mayjen brigjen kolonel kombes akbp irjen komjen laksamana marsekal kapten"
)
_TITLE_RANKS = frozenset(_TITLE_RANK_WORDS.split())
#: honorifics that begin nicknames and may be dropped ("Gus Sholah" ... "Sholah")
ALIAS_HONORIFICS = frozenset(
    ("gus", "cak", "kang", "pak", "bung", "mas", "mbak", "bu", "abah", "mbah", "ning", "bang", "kak")
)


def split_words(text: str) -> tuple[str, ...]:
    """Lower-cased words of a name, as the gazetteer keys them."""
    return tuple(w.lower().rstrip(".") or w for w in _WORD.findall(text))


@dataclass(frozen=True, slots=True)
class Institution:
    name: str
    type: str
    country: str | None
    sector: str | None
    #: the country holds only when the article is not about another country (``IDN*`` in the file)
    default_country: bool = False


@dataclass(slots=True)
class Lexicon:
    #: lower-cased word -> cluster ids at three granularities (64, 256, 1024)
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: lower-cased word tuple -> gazetteer kind (country, city, idn, kec, org)
    gazetteer: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: lower-cased word tuple -> ISO 3166-1 alpha-3 of a place or country name ("" = no country)
    place_country: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: lower-cased word tuple -> ISO3, country names and variants only
    countries: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: ISO3 -> the name an entity for that country gets
    country_name: dict[str, str] = field(default_factory=dict)
    #: lower-cased word tuple of a name or alias -> institution
    institutions: dict[tuple[str, ...], Institution] = field(default_factory=dict)
    institutions_by_name: dict[str, Institution] = field(default_factory=dict)
    #: lower-cased role words -> sector
    roles: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: words and phrases of Indonesian-only roles and institutions (domestic_roles.txt)
    domestic: frozenset[tuple[str, ...]] = frozenset()
    #: curated names (countries, exonyms, institutions) -> entity type, added where the model misses them
    curated: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: single words that are whole gazetteer or lexicon names (never read as a person's surname)
    gazetteer_words: frozenset[str] = frozenset()
    #: words that begin person names in the training data (Iwan, Joko)
    first_names: frozenset[str] = frozenset()
    org_heads: frozenset[str] = frozenset()
    #: words before person names: ``titles`` for the rules, ``feature_titles`` (titles.txt only) for the CRF
    titles: frozenset[str] = frozenset()
    feature_titles: frozenset[str] = frozenset()
    #: military and police ranks (ranks.txt and the ranks among the titles): a name follows them
    ranks: frozenset[str] = frozenset()
    #: names from cities_id.tsv: a place as news names it, whatever else the gazetteer has under that name
    exonyms: set[tuple[str, ...]] = field(default_factory=set)
    #: lower-cased alias words of a well-known person (``jokowi``, ``gus dur``, ``dur``) -> full name
    person_aliases: dict[tuple[str, ...], str] = field(default_factory=dict)
    #: the actor knowledge base (resources/kb/): the source of truth for names, aliases and countries
    kb: KnowledgeBase = field(default_factory=KnowledgeBase)
    #: one-word names from the knowledge base that are not searched for at a sentence start
    #: (where any word is capitalised)
    start_guard: frozenset[tuple[str, ...]] = frozenset()
    #: names of institutions that are never searched for (``~Kongres``, ``~Senat``: every country has
    #: one): no evidence of a person's country in a title
    weak_institutions: frozenset[tuple[str, ...]] = frozenset()


def _lines(name: str) -> list[str]:
    text = (resources.files("warta") / "resources" / "ner" / name).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon (loaded on first use, then shared). Building it from 75,000 gazetteer
    lines takes 0.4 s, so it is kept pickled in the user cache directory, keyed by the package
    version and the hash of the data files (:mod:`warta.cache`); the knowledge base it holds is
    cached on its own (``warta.kb.knowledge_base``) and attached after loading."""
    lex = cached("lexicon", resource_digest(["ner", "kb"], [__name__, *KB_SOURCES]), _build_without_kb)
    lex.kb = knowledge_base()
    return lex


def _build_without_kb() -> Lexicon:
    lex = _build()
    lex.kb = KnowledgeBase()  # pickled apart
    return lex


def _build() -> Lexicon:
    lex = Lexicon()
    for line in _lines("clusters.tsv"):
        w, *ids = line.split("\t")
        lex.clusters[w] = tuple(ids[:3])
    for line in _lines("places.tsv"):
        name, iso3, kind = line.split("\t")
        key = split_words(name)
        lex.place_country[key] = iso3
        if kind == "desa":
            continue  # villages: too many, too often ordinary words; only for a place's country
        lex.gazetteer[key] = "city" if kind == "capital" else kind
        if kind == "country":
            lex.countries[key] = iso3
    for line in _lines("cities_id.tsv"):
        name, _, iso3 = line.partition("\t")
        key = split_words(name)
        lex.gazetteer.setdefault(key, "city")  # (the CRF features: as the model was trained)
        lex.exonyms.add(key)  # "Wina" is Vienna before it is a district in Indonesia
        lex.place_country[key] = iso3.strip()
        lex.curated[key] = "LOC"
    for line in _lines("country_variants.tsv"):
        iso3, variants = line.split("\t")
        names = variants.split("|")
        lex.country_name[iso3] = names[0]
        for v in names:
            key = split_words(v)
            lex.gazetteer[key] = "country"
            lex.place_country[key] = iso3
            lex.countries[key] = iso3
            lex.curated[key] = "LOC"
    for line in _lines("institutions.tsv"):
        name, aliases, typ, country, sector = (line.split("\t") + [""] * 5)[:5]
        inst = Institution(name, typ, country.rstrip("*") or None, sector or None, country.endswith("*"))
        lex.institutions_by_name[name] = inst
        for alias in [name, *(a for a in aliases.split("|") if a)]:
            key = split_words(alias)
            lex.institutions[key] = inst
            lex.gazetteer.setdefault(key, "org")
            lex.curated[key] = {"PERSON": "PER", "LOCATION": "LOC"}.get(typ, "ORG")
    for line in _lines("roles.tsv"):
        role, sector = line.split("\t")
        lex.roles[split_words(role)] = sector.strip()
    _from_kb(lex)
    lex.domestic = frozenset(split_words(w) for w in _lines("domestic_roles.txt"))
    lex.gazetteer_words = frozenset(k[0] for k in lex.gazetteer if len(k) == 1)
    lex.first_names = frozenset(w.strip() for w in _lines("first_names.txt") + _lines("given_names.txt"))
    lex.org_heads = frozenset(w.strip() for w in _lines("org_heads.txt"))
    lex.feature_titles = frozenset(w.strip() for w in _lines("titles.txt"))
    ranks = {w.strip() for w in _lines("ranks.txt")}
    lex.titles = lex.feature_titles | ranks
    lex.ranks = frozenset(ranks | (lex.titles & _TITLE_RANKS))
    return lex


_POLITE = frozenset(("pak", "bu", "bapak", "ibu"))
_KB_TYPES = {"PERSON": "PER", "LOCATION": "LOC", "ORGANIZATION": "ORG"}


def _from_kb(lex: Lexicon) -> None:
    """The rules' view of the knowledge base: well-known people's aliases, institutions, country
    names and every name worth searching for in the text. The NER features keep reading the lists in
    resources/ner/ (``gazetteer``), as the model was trained."""
    kb = lex.kb = knowledge_base()
    guard = set()
    for words, typ in kb.matchable.items():
        if len(words) > 1 and words[0] in _POLITE:
            continue  # "Bu Risma" is written as such, but the name is "Risma" ("Pak"/"Bu" are no part of it)
        if words not in lex.curated:
            lex.curated[words] = _KB_TYPES.get(typ, "ORG")
            if len(words) == 1:
                guard.add(words)
    lex.start_guard = frozenset(guard)
    for ent in kb.entries.values():
        if ent.kind == "person":
            for alias in (ent.name, *ent.aliases):
                key = split_words(alias)
                if alias == ent.name or key in kb.weak_aliases:
                    continue
                lex.person_aliases[key] = ent.name
                if len(key) > 1 and key[0] in ALIAS_HONORIFICS:
                    lex.person_aliases.setdefault(key[1:], ent.name)  # "Gus Dur" ... "Dur"
        elif ent.kind == "org" and not ent.alt:
            inst = Institution(ent.name, ent.type, ent.country, ent.sector, ent.generic)
            lex.institutions_by_name.setdefault(ent.name, inst)
            for alias in (ent.name, *ent.aliases):
                lex.institutions.setdefault(split_words(alias), inst)
        elif ent.kind == "country" and ent.country:
            lex.country_name.setdefault(ent.country, ent.name)
            for alias in (ent.name, *ent.aliases):
                key = split_words(alias)
                if (
                    key not in lex.place_country or lex.place_country[key] == ent.country
                ) and key not in lex.institutions:
                    lex.countries.setdefault(key, ent.country)
    lex.weak_institutions = frozenset(
        split_words(alias)
        for ent in kb.entries.values()
        if ent.kind == "org" and not ent.alt
        for alias in (ent.name, *ent.aliases)
        if split_words(alias) not in kb.matchable
    )
