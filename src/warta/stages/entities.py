"""Stage ``entities``: named entities (PERSON, ORGANIZATION, LOCATION) with every mention merged,
and their country, sector and title.

1. A CRF trained on six Indonesian NER corpora (``scripts/train_ner.py``; model card in
   ``resources/ner/MODEL_CARD.md``) tags each sentence's tokens.
2. Curated names the model misses (countries and their variants, exonyms such as Moskow,
   institutions such as Pentagon or KPK) are added; titles are stripped from person names.
3. Document-level consistency: a name tagged once gets the same type wherever it recurs, and the
   surname or first name of a tagged person is a person mention too.
4. Mentions are merged into entities (surnames, acronyms and their expansions, country variants)
   and given a country, sector and title from lexicons and the role around the name.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pycrfsuite

from warta.model import Document, Entity, Token
from warta.ner.attributes import find_title, name_country, org_sector, role_sector, text_country
from warta.ner.features import sentence_features
from warta.ner.lexicon import Lexicon, lexicon
from warta.ner.merge import Group, Mention, group_mentions
from warta.settings import Settings
from warta.stages.base import Stage

__all__ = ["EntitiesStage", "tag_mentions"]

_TYPES = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}
_MAX_NAME = 6


def _load_tagger() -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    with resources.as_file(resources.files("warta") / "resources" / "ner" / "ner.crfsuite") as path:
        tagger.open(str(path))  # crfsuite reads the whole model into memory
    return tagger


def _bio_spans(labels: list[str]) -> list[tuple[int, int, str]]:
    out = []
    start, typ = -1, ""
    for i, lab in enumerate([*labels, "O"]):
        if start >= 0 and not (lab.startswith("I-") and lab[2:] == typ):
            out.append((start, i, typ))
            start = -1
        if lab != "O" and start < 0:
            start, typ = i, lab[2:]
    return out


def _is_name_word(text: str) -> bool:
    return text[:1].isupper() or (text[:1].isdigit() and len(text) > 1)


def _mention(tokens: list[Token], a: int, b: int, typ: str) -> Mention:
    return Mention(a, b, typ, tuple(t.text for t in tokens[a:b]))


def _trim(m: Mention, tokens: list[Token], lex: Lexicon) -> Mention | None:
    """Strip punctuation at the edges and, from person names, leading titles and honorifics."""
    a, b = m.start, m.end
    while a < b and not tokens[a].text[:1].isalnum():
        a += 1
    while b > a and not tokens[b - 1].text[:1].isalnum():
        b -= 1
    while a < b and not _is_name_word(tokens[a].text):
        a += 1  # names start with a capital or a digit ("kementerian pertahanan mengutip Shoigu")
    if b - a == 1 and len(tokens[a].text) > 5 and tokens[a].text.endswith("nya"):
        return None  # "sekutu Baratnya": a possessive common noun, not a name
    if m.type == "PER":
        while b - a > 1 and (
            tokens[a].text.lower().rstrip(".") in lex.titles or (tokens[a].text.lower(),) in lex.roles
        ):
            a += 1
    if a >= b:
        return None
    return m if (a, b) == (m.start, m.end) else _mention(tokens, a, b, m.type)


def tag_mentions(doc: Document, tagger: pycrfsuite.Tagger, lex: Lexicon) -> list[Mention]:
    """Named mentions of ``doc`` (token ranges, sorted), before merging."""
    tokens = doc.tokens
    mentions: list[Mention] = []
    covered = [False] * len(tokens)
    for sent in doc.sentences:
        a0, b0 = sent.token_start, sent.token_end
        if b0 <= a0:
            continue
        words = [t.text for t in tokens[a0:b0]]
        labels = tagger.tag(sentence_features(words, lex))
        for a, b, typ in _bio_spans(labels):
            m = _trim(_mention(tokens, a0 + a, a0 + b, typ), tokens, lex)
            if m is not None:
                mentions.append(m)
                covered[m.start : m.end] = [True] * (m.end - m.start)
        # curated names the model missed; exact spans override the model's type
        _add_matches(tokens, a0, b0, lex.curated, mentions, covered, override=True)
    # document-level consistency: one type per surface form, and untagged repeats become mentions
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for m in mentions:
        votes.setdefault(m.words, Counter())[m.type] += 1
        if m.type == "PER" and len(m.words) > 1:
            for w in (m.words[0], m.words[-1]):
                if len(w) > 2 and _is_name_word(w) and w.lower() not in lex.titles:
                    votes.setdefault((w,), Counter())["PER"] += 0
    surface = {w: c.most_common(1)[0][0] if c.total() else "PER" for w, c in votes.items()}
    for m in mentions:
        m.type = surface.get(m.words, m.type)
    known = {tuple(w.lower() for w in k): v for k, v in surface.items() if _is_name_word(k[0])}
    for sent in doc.sentences:
        _add_matches(
            tokens, sent.token_start, sent.token_end, known, mentions, covered, override=False, cased=surface
        )
    mentions.sort(key=lambda m: m.start)
    return mentions


def _add_matches(  # noqa: PLR0917 - one matcher, called twice with the same state
    tokens: list[Token],
    a0: int,
    b0: int,
    names: dict[tuple[str, ...], str],
    mentions: list[Mention],
    covered: list[bool],
    *,
    override: bool,
    cased: dict[tuple[str, ...], str] | None = None,
) -> None:
    exact = {(m.start, m.end): m for m in mentions} if override else {}
    i = a0
    while i < b0:
        if not _is_name_word(tokens[i].text):
            i += 1
            continue
        hit = 0
        for n in range(min(_MAX_NAME, b0 - i), 0, -1):
            words = tuple(t.text for t in tokens[i : i + n])
            key = tuple(w.lower() for w in words)
            typ = names.get(key)
            if typ is None:
                continue
            if cased is not None and words not in cased:
                continue
            if n == 1 and len(words[0]) <= 3 and not words[0].isupper():
                continue  # short names only as written in capitals (AS, RI, UE)
            old = exact.get((i, i + n))
            if old is not None:
                old.type = typ
                hit = n
                break
            if not any(covered[i : i + n]):
                mentions.append(Mention(i, i + n, typ, words))
                covered[i : i + n] = [True] * n
                hit = n
                break
        i += hit or 1


def _acronym_aliases(tokens: list[Token], mentions: list[Mention]) -> dict[str, tuple[str, ...]]:
    """``Partai Keadilan Sejahtera (PKS)``: PKS -> the words of its expansion."""
    aliases: dict[str, tuple[str, ...]] = {}
    n = len(tokens)
    for m in mentions:
        j = m.end
        if len(m.words) >= 2 and j + 2 < n and tokens[j].text == "(" and tokens[j + 2].text == ")":
            acr = tokens[j + 1].text
            if acr[:1].isupper() and sum(c.isupper() for c in acr) >= 2:
                aliases[acr] = m.words
    return aliases


class EntitiesStage(Stage):
    name = "entities"
    requires = ("tokens", "sentences")
    provides = ("entities",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.lex = lexicon()
        self.tagger = _load_tagger()

    def __call__(self, doc: Document) -> None:
        lex = self.lex
        mentions = tag_mentions(doc, self.tagger, lex)
        aliases = _acronym_aliases(doc.tokens, mentions)
        for acr in aliases:  # make sure each defined acronym is a mention wherever it occurs
            for i, tok in enumerate(doc.tokens):
                if tok.text == acr and not any(m.start <= i < m.end for m in mentions):
                    mentions.append(Mention(i, i + 1, "ORG", (acr,)))
        mentions.sort(key=lambda m: m.start)
        groups = group_mentions(mentions, lex, aliases)
        doc.entities = [self._entity(doc, f"e{i + 1}", g) for i, g in enumerate(groups)]

    def _entity(self, doc: Document, ident: str, group: Group) -> Entity:
        lex = self.lex
        tokens = doc.tokens
        spans = [doc.span(tokens[m.start].start, tokens[m.end - 1].end) for m in group.mentions]
        typ = Counter(m.type for m in group.mentions).most_common(1)[0][0]
        name = max((s.text for s in spans), key=len)
        country = sector = title = None
        kind, _, rest = group.key.partition(":")
        if kind == "country":
            typ, country = "LOC", rest
            name = lex.country_name.get(rest, name) if len(name) <= 3 else name
        elif kind == "inst":
            inst = next(i for i in lex.institutions.values() if i.name == rest)
            typ = {"PERSON": "PER", "LOCATION": "LOC"}.get(inst.type, "ORG")
            name, country, sector = inst.name, inst.country, inst.sector
        if typ == "PER":
            for m in group.mentions:
                sent = doc.sentence_at(tokens[m.start].start)
                if sent is None:
                    continue
                s = doc.sentences[sent]
                found = find_title(tokens, m.start, m.end, lo=s.token_start, hi=s.token_end, lex=lex)
                if found is not None:
                    a, b = found
                    title = doc.text[tokens[a].start : tokens[b - 1].end]
                    lower = tuple(t.text.lower() for t in tokens[a:b])
                    sector = role_sector(lower, lex)
                    country = text_country(lower, lex, places=True)
                    break
        elif kind not in ("country", "inst"):
            country = name_country(group, lex)
            if typ == "ORG":
                sector = org_sector(tuple(w.lower() for m in group.mentions for w in m.words))
                if sector is None and country is None:
                    sector = None
        return Entity(
            id=ident,
            name=name,
            type=_TYPES.get(typ, "OTHER"),
            mentions=spans,
            country=country,
            sector=sector,
            title=title,
        )
