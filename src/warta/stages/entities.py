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
from warta.ner.attributes import (
    find_title,
    name_country,
    org_country,
    org_sector,
    role_sector,
    text_country,
)
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
    lead = a
    while lead < b and not _is_name_word(tokens[lead].text):
        lead += 1
    if lead - a > 1:
        a = lead  # "kementerian pertahanan mengutip Shoigu"; one head word stays ("desa Kramas")
    if b - a == 1 and len(tokens[a].text) > 5 and tokens[a].text.endswith("nya"):
        return None  # "sekutu Baratnya": a possessive common noun, not a name
    if a > 0:  # "Menteri [Luar Negeri Uruguay]": the rest of a role is not part of the name
        prev = tokens[a - 1].text.lower()
        for n in (3, 2, 1):
            if b - a > n and (prev, *(t.text.lower() for t in tokens[a : a + n])) in lex.roles:
                a += n
                break
    while b - a > 1 and tokens[b - 1].text.lower().rstrip(".") in lex.titles:
        b -= 1  # "Metro Jakarta Pusat Kombes": a rank after a name belongs to the next name
    if m.type == "PER":
        while b - a > 1 and (
            tokens[a].text.lower().rstrip(".") in lex.titles or (tokens[a].text.lower(),) in lex.roles
        ):
            a += 1
    if a >= b or all(
        tokens[i].text.lower() in lex.titles or (tokens[i].text.lower(),) in lex.roles for i in range(a, b)
    ):
        return None  # "Jubir", "Presiden": a role, not a name
    return m if (a, b) == (m.start, m.end) else _mention(tokens, a, b, m.type)


#: honorifics and ranks: directly followed by a name, never by an organisation
_RANK_WORDS = """bapak pak ibu bu saudara sdr tuan nyonya dr prof ir drs haji h hj kh habib gus mbak mas
bung jenderal letjen mayjen brigjen kolonel kombes akbp irjen komjen laksamana marsekal syekh ustaz ustadz
kiai raja ratu pangeran paus kapten"""
_RANKS = frozenset(_RANK_WORDS.split())


def _is_role(word: str, lex: Lexicon) -> bool:
    """A role that names its organisation next ("Pelatih Persebaya", "Ketua KPK")."""
    low = word.lower().rstrip(".")
    return low not in _RANKS and (low in lex.titles or (low,) in lex.roles)


def _split_person_tail(m: Mention, tokens: list[Token], lex: Lexicon) -> list[Mention]:
    """``Kepolisian Swedia Jonas Hysing`` -> ORG ``Kepolisian Swedia`` + PER ``Jonas Hysing``: split an
    organisation or place after a country or place name followed by two or more name words; and
    ``Pelatih Persebaya Iwan Setiawan`` -> ORG ``Persebaya`` + PER ``Iwan Setiawan``."""
    if m.type == "PER":
        # "Pelatih [Persebaya Iwan Setiawan]": role, organisation, then a known first name
        if (
            len(m.words) >= 3
            and m.start > 0
            and _is_role(tokens[m.start - 1].text, lex)
            and m.words[1] in lex.first_names
            and m.words[0] not in lex.first_names
        ):
            org = _mention(tokens, m.start, m.start + 1, "ORG")
            return [org, _mention(tokens, m.start + 1, m.end, "PER")]
        return [m]
    if len(m.words) < 2:
        return [m]
    lower = m.lower
    for k in range(1, len(lower) - 1):
        tail = lower[k:]
        if any(w in lex.org_heads or (w,) in lex.gazetteer for w in tail):
            continue
        if not all(_is_name_word(w) for w in m.words[k:]):
            continue
        if lex.gazetteer.get((lower[k - 1],)) in ("country", "city", "idn") and len(lower) - k >= 2:
            return [
                _mention(tokens, m.start, m.start + k, m.type),
                _mention(tokens, m.start + k, m.end, "PER"),
            ]
    return [m]


#: words that make a name an organisation, whatever the model said: first words and last words
_ORG_FIRST_WORDS = """partai kementerian kemenko departemen badan komisi universitas institut pt cv perum
yayasan lembaga asosiasi federasi organisasi dinas direktorat pemkot pemkab pemprov polda polres polsek
kepolisian
kejaksaan pengadilan mahkamah"""
_ORG_LAST_WORDS = """holdings holding group grup inc corp corporation ltd limited tbk company airlines
airways fc network foundation university institute persero"""
_ORG_FIRST = frozenset(_ORG_FIRST_WORDS.split())
_ORG_LAST = frozenset(_ORG_LAST_WORDS.split())


def _org_by_form(m: Mention) -> None:
    """``Kemenko Polhukam`` (LOC?) and ``Shamrock Holdings`` (PER?) are organisations by their form."""
    if len(m.words) > 1 and (m.words[0].lower() in _ORG_FIRST or m.words[-1].lower() in _ORG_LAST):
        m.type = "ORG"


_INITIALS_CUES = frozenset(("berinisial", "inisial", "insial"))


def _initials(tokens: list[Token], mentions: list[Mention]) -> None:
    """``tersangka berinisial BP dan MRS``: initials after the cue are persons."""
    for i, tok in enumerate(tokens):
        if tok.text.lower() not in _INITIALS_CUES:
            continue
        j = i + 1
        while j < len(tokens):
            t = tokens[j].text
            if t in (",", "dan"):
                j += 1
                continue
            if not (t.isalpha() and t.isupper() and len(t) <= 5):
                break
            old = next((m for m in mentions if m.start <= j < m.end), None)
            if old is None:
                mentions.append(Mention(j, j + 1, "PER", (t,)))
            elif (old.start, old.end) == (j, j + 1):
                old.type = "PER"
            j += 1


def _extend_org_head(m: Mention, tokens: list[Token], lex: Lexicon) -> None:
    """``Partai [Hanura]`` -> ``[Partai Hanura]``: a capitalised organisation head word just before
    an organisation belongs to its name."""
    if m.type != "ORG" or m.start == 0:
        return
    prev = tokens[m.start - 1].text
    if prev[:1].isupper() and prev.lower() in lex.org_heads:
        m.start -= 1
        m.words = (prev, *m.words)


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
    _initials(tokens, mentions)
    mentions = [part for m in mentions for part in _split_person_tail(m, tokens, lex)]
    for m in mentions:
        _extend_org_head(m, tokens, lex)
        _org_by_form(m)
    # document-level consistency: one type per surface form, and untagged repeats become mentions
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for m in mentions:
        votes.setdefault(m.words, Counter())[m.type] += 1
        if m.type == "PER" and len(m.words) > 1:
            for w in (m.words[0], m.words[-1]):
                if len(w) > 2 and _is_name_word(w) and w.lower() not in lex.titles:
                    votes.setdefault((w,), Counter())["PER"] += 0
    surface = {w: c.most_common(1)[0][0] if c.total() else "PER" for w, c in votes.items()}
    for m in mentions:  # "Lewis Hamilton" ... "Hamilton": part of a person's name is that person
        if m.type == "PER" and len(m.words) > 1:
            for w in (m.words[0], m.words[-1]):
                if (w.lower(),) not in lex.curated and _is_name_word(w):
                    surface[(w,)] = "PER"
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
    """``Partai Keadilan Sejahtera (PKS)``, ``Sudiwardono alias SDW``: PKS / SDW -> the words of
    the name they stand for."""
    aliases: dict[str, tuple[str, ...]] = {}
    n = len(tokens)
    for m in mentions:
        j = m.end
        if j + 1 < n and tokens[j].text.lower() == "alias" and tokens[j + 1].text[:1].isupper():
            aliases[tokens[j + 1].text] = m.words
            continue
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
        if aliases:
            types = {m.words: m.type for m in mentions}
            for m in mentions:
                if " ".join(m.words) in aliases:
                    m.type = types.get(aliases[" ".join(m.words)], m.type)
            covered = {i for m in mentions for i in range(m.start, m.end)}
            for i, tok in enumerate(doc.tokens):  # each defined acronym is a mention wherever it occurs
                if tok.text in aliases and i not in covered:
                    mentions.append(Mention(i, i + 1, types.get(aliases[tok.text], "ORG"), (tok.text,)))
        mentions.sort(key=lambda m: m.start)
        groups = group_mentions(mentions, lex, aliases)
        doc.entities = [self._entity(doc, f"e{i + 1}", g) for i, g in enumerate(groups)]
        self._foreign_defaults(doc, groups)

    def _foreign_defaults(self, doc: Document, groups: list[Group]) -> None:
        """A bare ``Mahkamah Agung`` is Indonesia's unless the article names other countries' places
        and no Indonesian one."""
        generic = set()
        for i, g in enumerate(groups):
            kind, _, rest = g.key.partition(":")
            inst = self.lex.institutions_by_name.get(rest) if kind == "inst" else None
            if inst is not None and inst.default_country:
                generic.add(i)
        if not generic:
            return
        places = [e.country for i, e in enumerate(doc.entities) if i not in generic and e.type == "LOCATION"]
        if "IDN" not in places and any(places):
            for i in generic:
                doc.entities[i].country = None

    def _entity(self, doc: Document, ident: str, group: Group) -> Entity:
        lex = self.lex
        tokens = doc.tokens
        spans = [doc.span(tokens[m.start].start, tokens[m.end - 1].end) for m in group.mentions]
        full = [m.type for m in group.mentions if len(m.words) > 1] or [m.type for m in group.mentions]
        typ = Counter(full).most_common(1)[0][0]
        name = max((s.text for s in spans), key=len)
        country = sector = title = None
        kind, _, rest = group.key.partition(":")
        if kind == "country":
            typ, country = "LOC", rest
            name = lex.country_name.get(rest, name) if len(name) <= 3 else name
        elif kind == "inst":
            inst = lex.institutions_by_name[rest]
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
                words = tuple(w.lower() for m in group.mentions for w in m.words)
                sector = org_sector(words)
                country = country or org_country(words)
        return Entity(
            id=ident,
            name=name,
            type=_TYPES.get(typ, "OTHER"),
            mentions=spans,
            country=country,
            sector=sector,
            title=title,
        )
