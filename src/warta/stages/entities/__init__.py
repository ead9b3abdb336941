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

import re
from collections import Counter
from functools import cache
from importlib import resources

import pycrfsuite

from warta.cache import cached, resource_digest
from warta.model import Document, Entity, Token, name_key
from warta.settings import Settings
from warta.stages.base import Stage
from warta.stages.entities.aliases import acronym_aliases
from warta.stages.entities.attributes import ORG_FIRST, kb_attributes, name_attributes, person_title
from warta.stages.entities.countries import fill_countries
from warta.stages.entities.curated import add_matches, is_name_word, split_curated
from warta.stages.entities.features import model_attributes, tagger_features
from warta.stages.entities.lexicon import Lexicon, lexicon
from warta.stages.entities.merge import Group, Mention, group_mentions
from warta.stages.entities.names import (
    extend_local_places,
    join_branches,
    join_directorates,
    join_name_particles,
    names_after_roles,
    split_org_country,
)
from warta.stages.entities.orgnames import join_org_names, names_after_sources, split_addresses
from warta.stages.entities.regions import (
    cued_regions,
    join_country_heads,
    join_region_heads,
    place_chain,
    settle_districts,
    story_region,
)
from warta.stages.entities.resolve import place_geo, resolve, story_of
from warta.stages.entities.variants import cited_media, drop_terms, merge_variants

__all__ = ["EntitiesStage", "tag_mentions"]

_TYPES = {"PER": "PERSON", "ORG": "ORGANIZATION", "LOC": "LOCATION"}


def _load_tagger() -> tuple[pycrfsuite.Tagger, frozenset[str] | None]:
    """The CRF and the attributes it knows (the features it would drop are not passed to it)."""
    tagger = pycrfsuite.Tagger()
    with resources.as_file(resources.files("warta") / "resources" / "ner" / "ner.crfsuite") as path:
        tagger.open(str(path))  # crfsuite reads the whole model into memory
    return tagger, _model_attributes()


@cache
def _model_attributes() -> frozenset[str] | None:
    """The model's attributes, kept in ``warta.cache`` (reading them takes ~20 ms), one set per
    process (the feature caches are keyed by it)."""
    model = resources.files("warta") / "resources" / "ner" / "ner.crfsuite"
    digest = resource_digest(["ner"], ["warta.stages.entities.features"], suffixes=(".crfsuite",))
    return cached("ner-attributes", digest, lambda: model_attributes(model.read_bytes()))


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


def _mention(tokens: list[Token], a: int, b: int, typ: str) -> Mention:
    return Mention(a, b, typ, tuple(t.text for t in tokens[a:b]))


def _trim(m: Mention, tokens: list[Token], lex: Lexicon) -> Mention | None:  # noqa: C901, PLR0912 — too long, to split (issue #15)
    """Strip punctuation at the edges and, from person names, leading titles and honorifics."""
    a, b = m.start, m.end
    while a < b and (
        not tokens[a].text[:1].isalnum()
        or _GLUED.match(tokens[a].text)
        or (a > 0 and tokens[a - 1].text in (",", ".") and _is_degree(tokens, a))  # not "R.A. Kartini"
    ):
        a += 1
    while b > a and (
        not tokens[b - 1].text[:1].isalnum() or _GLUED.match(tokens[b - 1].text) or _is_degree(tokens, b - 1)
    ):
        b -= 1
    if a < b and tuple(t.text.lower() for t in tokens[a:b]) in lex.person_aliases:
        return m if (a, b) == (m.start, m.end) else _mention(tokens, a, b, m.type)  # "Gus Dur" stays whole
    lead = a
    while lead < b and not is_name_word(tokens[lead].text):
        lead += 1
    if lead - a > 1:
        a = lead  # "kementerian pertahanan mengutip Shoigu"; one head word stays ("desa Kramas")
    elif lead - a == 1 and lead < b and tokens[a].text in _LOWER_HEADS:
        # "kantor [Inhutani V]", "gedung [Dewan Dakwah …]": the building is the organisation's;
        # "kawasan [Monas]", "kota [Samanud]": a generic word before a place is no part of its name
        head = tokens[a].text
        a = lead
        rest = tuple(t.text.lower() for t in tokens[a:b])
        typ = "ORG" if head in _BUILDING_HEADS and lex.gazetteer.get(rest) not in _PLACE_KINDS else m.type
        m = Mention(a, b, typ, tuple(t.text for t in tokens[a:b]), m.cstart, m.cend)
    if b - a == 1 and len(tokens[a].text) > 5 and tokens[a].text.endswith("nya"):
        return None  # "sekutu Baratnya": a possessive common noun, not a name
    if a > 0:  # "Menteri [Luar Negeri Uruguay]": the rest of a role is not part of the name
        prev = tokens[a - 1].text.lower()
        for n in (3, 2, 1):
            if b - a > n and (prev, *(t.text.lower() for t in tokens[a : a + n])) in lex.roles:
                a += n
                break
    # "Metro Jakarta Pusat Kombes": a rank after a name belongs to the next name; another title only
    # when a name follows ("Pelabuhan Tanjung Mas", "Kantor Staf Presiden" keep theirs)
    named_next = m.end < len(tokens) and tokens[m.end].text[:1].isupper()
    while b - a > 1 and (last := tokens[b - 1].text.lower().rstrip(".")) in lex.titles:
        if last not in lex.ranks and not named_next:
            break
        b -= 1
    if m.type == "PER":
        while b - a > 1 and (
            tokens[a].text.lower().rstrip(".") in lex.titles or (tokens[a].text.lower(),) in lex.roles
        ):
            a += 1
        # "Kasat Polairud AKP Gede": a rank inside the name ends the role before it
        for k in range(b - 2, a - 1, -1):
            if tokens[k].text.lower().rstrip(".") in lex.ranks and all(
                is_name_word(t.text) for t in tokens[k + 1 : b]
            ):
                a = k + 1
                break
    if a >= b or all(
        tokens[i].text.lower() in lex.titles or (tokens[i].text.lower(),) in lex.roles for i in range(a, b)
    ):
        return None  # "Jubir", "Presiden": a role, not a name
    if m.type == "PER" and not any(c.isupper() for t in tokens[a:b] for c in t.text):
        return None  # "seraya menambahkan": a person's name has a capital
    while m.type == "PER" and b - a > 1 and tokens[a].text.lower() in _CLAUSE_OPENERS:
        a += 1  # "[Meski Styles] menegaskan": a conjunction opening the sentence is no part of a name
    return m if (a, b) == (m.start, m.end) else _mention(tokens, a, b, m.type)


#: conjunctions and adverbs that open a sentence, capitalised there, never the first word of a name
_CLAUSE_OPENERS = frozenset(
    """meski meskipun namun tetapi tapi saat ketika setelah sebelum sementara bahkan kemudian lalu jika
    kalau karena sejak hingga selain menurut kata ujar sedangkan padahal sehingga agar supaya walaupun
    walau apalagi usai seusai selama kini sebab""".split()  # noqa: SIM905
)
#: lower-case words before a name that are no part of it (buildings: the name is an organisation's)
_BUILDING_HEADS = frozenset(("kantor", "gedung", "markas"))
_LOWER_HEADS = _BUILDING_HEADS | frozenset(
    ("kawasan", "area", "sekitar", "wilayah", "kota", "jalan", "sirkuit")
)
_PLACE_KINDS = frozenset(("country", "city", "idn", "kec"))
#: a function word glued to the next word by a lost space: "dikutipdetikHot", "kepadadetikSulsel"
_GLUED = re.compile(
    r"(?:kepada|dikutip|mengutip|dilansir|melansir|dari|oleh|kata|ujar|melalui|lewat|via|di|ke)[a-z]*[A-Z]"
)
#: academic degrees after a name: "S.H.", "Ph.D.", "M.Ed" (one token) or "M . Si" (three)
_DEGREE = re.compile(r"[A-Z][a-z]{0,2}\.(?:[A-Z][a-z]{0,3}\.?){1,3}")
_DEGREE_LIST = "MBA MSc PhD SH MH SE MM MSi MPd MAg SPd SKom SSos SIP MPH MHum MKes SKM SAg MEd MT ST SIKom"
_DEGREE_WORDS = frozenset(_DEGREE_LIST.split())


def _is_degree(tokens: list[Token], i: int) -> bool:
    t = tokens[i].text
    if _DEGREE.fullmatch(t):
        return True
    if t.rstrip(".") in _DEGREE_WORDS:
        return i > 0 and tokens[i - 1].text in (",", ".")
    if len(t) == 1 and t.isupper() and i + 2 < len(tokens) and tokens[i + 1].text == ".":
        return i > 0 and tokens[i - 1].text == "," and _is_degree(tokens, i + 2)
    # "Mu'ti , M . Ed": a short capitalised word after a single capital and a full stop, after a comma
    return (
        len(t) <= 4
        and t[:1].isupper()
        and i >= 3
        and tokens[i - 1].text == "."
        and len(tokens[i - 2].text) == 1
        and tokens[i - 2].text.isupper()
        and tokens[i - 3].text in (",", ".")
    )


#: honorifics and ranks: directly followed by a name, never by an organisation
_RANK_WORDS = """bapak pak ibu bu saudara sdr tuan nyonya dr prof ir drs haji h hj kh habib gus mbak mas
bung jenderal letjen mayjen brigjen kolonel kombes akbp irjen komjen laksamana marsekal syekh ustaz ustadz
kiai raja ratu pangeran paus kapten"""
_RANKS = frozenset(_RANK_WORDS.split())


def _is_role(word: str, lex: Lexicon) -> bool:
    """A role that names its organisation next ("Pelatih Persebaya", "Ketua KPK")."""
    low = word.lower().rstrip(".")
    return low not in _RANKS and (low in lex.titles or (low,) in lex.roles)


def _split_person_tail(m: Mention, tokens: list[Token], lex: Lexicon) -> list[Mention]:  # noqa: C901, PLR0912 — too long, to split (issue #15)
    """``Kepolisian Swedia Jonas Hysing`` -> ORG ``Kepolisian Swedia`` + PER ``Jonas Hysing``: split an
    organisation or place after a country or place name followed by two or more name words; and
    ``Pelatih Persebaya Iwan Setiawan`` -> ORG ``Persebaya`` + PER ``Iwan Setiawan``."""
    if m.type == "PER":
        # "Pelatih [Persebaya Iwan Setiawan]": role, organisation, then a known first name
        # (and "Ketua Yayasan [Darul Ulum Abdul Ghofur]": the first known first name after the role)
        if len(m.words) >= 3 and m.start > 0 and _is_role(tokens[m.start - 1].text, lex):
            for k in range(1, len(m.words) - 1):
                if m.words[k - 1] in lex.first_names:
                    break
                if m.words[k] in lex.first_names:
                    org = _mention(tokens, m.start, m.start + k, "ORG")
                    return [org, _mention(tokens, m.start + k, m.end, "PER")]
        return [m]
    if len(m.words) < 2:
        return [m]
    lower = m.lower
    # "TNI AL Panarukan Letda Didin Hapidin": a rank inside an organisation or place begins a person
    for k in range(1, len(lower) - 1):
        if lower[k].rstrip(".") in lex.ranks and all(is_name_word(w) for w in m.words[k + 1 :]):
            return [
                _mention(tokens, m.start, m.start + k, m.type),
                _mention(tokens, m.start + k + 1, m.end, "PER"),
            ]
    for k in range(1, len(lower) - 1):
        tail = lower[k:]
        if any(w in lex.org_heads or (w,) in lex.gazetteer for w in tail):
            continue
        if not all(is_name_word(w) for w in m.words[k:]):
            continue
        if any(w in _ORG_LAST for w in tail):
            continue  # "Manchester [United Jose Mourinho]": the club's name goes on
        if lex.gazetteer.get((lower[k - 1],)) in ("country", "city", "idn") and len(lower) - k >= 2:
            return [
                _mention(tokens, m.start, m.start + k, m.type),
                _mention(tokens, m.start + k, m.end, "PER"),
            ]
    # "anggota [Laskar Nusantara] [Yeni]", "Humas [Karnaval Kemerdekaan] [Catharina Widyasrini]": after a
    # role, a known first name ends the organisation; "Manchester United Jose Mourinho" after a place
    role_before = m.start > 0 and _is_role(tokens[m.start - 1].text, lex)
    # "Juru bicara [Hamas Fawzi Barhoum]": a known institution, then two or more name words
    near = [t.text for t in tokens[max(0, m.start - 2) : m.start]]
    if role_before or any(_is_role(w, lex) or w.lower() == "bicara" for w in near):
        for k in range(1, len(lower) - 1):
            if lower[:k] in lex.institutions and _person_words(m.words[k:], lex):
                return [
                    _mention(tokens, m.start, m.start + k, m.type),
                    _mention(tokens, m.start + k, m.end, "PER"),
                ]
    placed = any(lex.gazetteer.get((w,)) in ("country", "city", "idn") for w in lower[:-1])
    if role_before or placed or _is_role(m.words[0], lex):
        for k in range(2 if not placed else 1, len(lower)):
            tail = lower[k:]
            if (
                m.words[k] in lex.first_names
                and all(is_name_word(w) for w in m.words[k:])
                and not any(w in lex.org_heads or (w,) in lex.gazetteer for w in tail)
                and len(tail) <= 3
            ):
                return [
                    _mention(tokens, m.start, m.start + k, m.type),
                    _mention(tokens, m.start + k, m.end, "PER"),
                ]
    return [m]


def _person_words(words: tuple[str, ...], lex: Lexicon) -> bool:
    """Two or three capitalised words that are no place, institution or organisation head."""
    return (
        2 <= len(words) <= 3
        and all(is_name_word(w) and w.isalpha() for w in words)
        and not any(w.lower() in lex.org_heads or (w.lower(),) in lex.gazetteer for w in words)
        and tuple(w.lower() for w in words) not in lex.institutions
    )


#: last words that make a name an organisation, whatever the model said (first words: ``ORG_FIRST``)
_ORG_LAST_WORDS = """holdings holding group grup inc corp corporation ltd limited tbk company airlines
airways fc network foundation university institute persero united club"""
_ORG_LAST = frozenset(_ORG_LAST_WORDS.split())


def _org_by_form(m: Mention) -> None:
    """``Kemenko Polhukam`` (LOC?) and ``Shamrock Holdings`` (PER?) are organisations by their form."""
    if len(m.words) > 1 and (m.words[0].lower() in ORG_FIRST or m.words[-1].lower() in _ORG_LAST):
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


def tag_mentions(  # noqa: C901 — too long, to split (issue #15)
    doc: Document, tagger: pycrfsuite.Tagger, lex: Lexicon, attrs: frozenset[str] | None = None
) -> list[Mention]:
    """Named mentions of ``doc`` (token ranges, sorted), before merging. ``attrs``: the tagger's
    attributes (:func:`~warta.stages.entities.features.model_attributes`), or None for all."""
    tokens = doc.tokens
    mentions: list[Mention] = []
    covered = [False] * len(tokens)
    for sent in doc.sentences:
        a0, b0 = sent.token_start, sent.token_end
        if b0 <= a0:
            continue
        words = [t.text for t in tokens[a0:b0]]
        labels = tagger.tag(tagger_features(words, lex, attrs))
        for a, b, typ in _bio_spans(labels):
            m = _trim(_mention(tokens, a0 + a, a0 + b, typ), tokens, lex)
            if m is not None:
                mentions.append(m)
                covered[m.start : m.end] = [True] * (m.end - m.start)
        # curated names the model missed; exact spans override the model's type
        add_matches(tokens, a0, b0, lex.curated, mentions, covered, override=True, guard=lex.start_guard)
    mentions = [part for m in mentions for part in split_curated(m, lex)]
    extend_local_places(tokens, mentions, lex)
    _initials(tokens, mentions)
    mentions = [part for m in mentions for part in _split_person_tail(m, tokens, lex)]
    for m in mentions:
        _extend_org_head(m, tokens, lex)
        _org_by_form(m)
    cued_regions(tokens, mentions, covered, lex)
    mentions = join_region_heads(tokens, mentions, lex)
    mentions = join_country_heads(tokens, mentions, lex)
    mentions = join_directorates(tokens, mentions)
    mentions = join_name_particles(tokens, mentions, lex)
    mentions = split_org_country(mentions, lex)
    mentions = join_org_names(tokens, mentions, lex)
    mentions = split_addresses(names_after_sources(tokens, mentions, lex), lex)
    names_after_roles(tokens, mentions, covered, lex)
    # document-level consistency: one type per surface form, and untagged repeats become mentions
    votes: dict[tuple[str, ...], Counter[str]] = {}
    for m in mentions:
        votes.setdefault(m.words, Counter())[m.type] += 1
        if m.type == "PER" and len(m.words) > 1:
            for w in (m.words[0], m.words[-1]):
                if len(w) > 2 and is_name_word(w) and w.lower() not in lex.titles:
                    votes.setdefault((w,), Counter())["PER"] += 0
    surface = {w: c.most_common(1)[0][0] if c.total() else "PER" for w, c in votes.items()}
    for m in mentions:  # "Lewis Hamilton" ... "Hamilton": part of a person's name is that person
        if m.type == "PER" and len(m.words) > 1:
            for w in (m.words[0], m.words[-1]):
                if (w.lower(),) not in lex.curated and is_name_word(w):
                    surface[(w,)] = "PER"
    for m in mentions:
        m.type = surface.get(m.words, m.type)
    known = {tuple(w.lower() for w in k): v for k, v in surface.items() if is_name_word(k[0])}
    for sent in doc.sentences:
        add_matches(
            tokens, sent.token_start, sent.token_end, known, mentions, covered, override=False, cased=surface
        )
    mentions = join_branches(mentions, lex)
    mentions = _split_hyphen_pairs(tokens, mentions, surface, lex)
    mentions.sort(key=lambda m: (m.start, m.cstart))
    return mentions


_HYPHEN = re.compile(r"([A-Z][a-z]+)-([A-Z][a-z]+)")


def _split_hyphen_pairs(
    tokens: list[Token], mentions: list[Mention], surface: dict[tuple[str, ...], str], lex: Lexicon
) -> list[Mention]:
    """``Prabowo-Gibran``, ``Prabowo Subianto-Gibran Rakabuming Raka``: a hyphen between two person
    names (each a person named in the article, a known first name or a well-known alias) joins two
    mentions written as one token."""

    def person_like(word: str) -> bool:
        return (
            surface.get((word,)) == "PER" or word in lex.first_names or (word.lower(),) in lex.person_aliases
        )

    out: list[Mention] = []
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    done: set[int] = set()
    for i, tok in enumerate(tokens):
        hit = _HYPHEN.fullmatch(tok.text)
        if hit is None:
            continue
        m = by_token.get(i)
        if m is not None and m.type != "PER":
            continue
        a, b = (m.start, m.end) if m is not None else (i, i + 1)
        # "Prabowo [Subianto-Gibran] Rakabuming Raka": person names on either side join the halves
        before, after = by_token.get(i - 1), by_token.get(i + 1)
        if m is None and before is not None and before.type == "PER" and before.end == i:
            a = before.start
        if m is None and after is not None and after.type == "PER" and after.start == i + 1:
            b = after.end
        if not ((a < i or person_like(hit.group(1))) and (b > i + 1 or person_like(hit.group(2)))):
            continue
        done.update(id(x) for x in (m, before, after) if x is not None and a <= x.start < b)
        cut = tok.start + len(hit.group(1))
        left = Mention(a, i + 1, "PER", (*(t.text for t in tokens[a:i]), hit.group(1)), cend=cut)
        right = Mention(i, b, "PER", (hit.group(2), *(t.text for t in tokens[i + 1 : b])), cstart=cut + 1)
        out.extend((left, right))
    return [m for m in mentions if id(m) not in done] + out


class EntitiesStage(Stage):
    name = "entities"
    requires = ("text", "tokens", "sentences")
    provides = ("entities",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.lex = lexicon()
        self.tagger, self.attrs = _load_tagger()

    def __call__(self, doc: Document) -> None:
        lex = self.lex
        mentions = tag_mentions(doc, self.tagger, lex, self.attrs)
        aliases = acronym_aliases(doc.tokens, mentions, lex)
        if aliases:
            types = {m.words: m.type for m in mentions}
            for m in mentions:
                if " ".join(m.words) in aliases:
                    m.type = types.get(aliases[" ".join(m.words)], m.type)
            covered = {i for m in mentions for i in range(m.start, m.end)}
            for i, tok in enumerate(doc.tokens):  # each defined acronym is a mention wherever it occurs
                if tok.text in aliases and i not in covered:
                    mentions.append(Mention(i, i + 1, types.get(aliases[tok.text], "ORG"), (tok.text,)))
        mentions.sort(key=lambda m: (m.start, m.cstart))
        groups = group_mentions(mentions, lex, aliases)
        # countries by default only: a village or district name (weak), a generic institution
        weak: set[str] = set()
        generic: set[str] = set()
        doc.entities = [self._entity(doc, f"e{i + 1}", g, weak, generic) for i, g in enumerate(groups)]
        for e in doc.entities:
            if e.country and "country_from" not in e.extra:
                e.extra["country_from"] = (
                    "village" if e.id in weak else "generic" if e.id in generic else "name"
                )
        self._resolve(doc)

    def _resolve(self, doc: Document) -> None:
        """The knowledge base, the story's countries and the article's own cues settle what the
        mentions alone do not: entries, merges, types, countries, places and corpus-wide keys."""
        lex = self.lex
        drop_terms(doc, lex)
        resolve(doc, lex, story_of(doc.entities, lex))
        merge_variants(doc, lex)
        cited_media(doc, lex)
        fill_countries(doc, lex, story_of(doc.entities, lex))
        settle_districts(doc, lex)
        place_chain(doc)
        story_region(doc)
        doc.entities.sort(key=lambda e: (e.mentions[0].start, e.mentions[0].end))
        for i, e in enumerate(doc.entities):
            e.id = f"e{i + 1}"
            if e.country or not e.extra.get("kb"):
                place_geo(e)
            if e.key is None:
                e.key = name_key(e.type, e.name, e.country)
            for k in ("country_from", "kb"):
                e.extra.pop(k, None)

    def _entity(self, doc: Document, ident: str, group: Group, weak: set[str], generic: set[str]) -> Entity:
        lex = self.lex
        tokens = doc.tokens
        spans = [
            doc.span(
                m.cstart if m.cstart >= 0 else tokens[m.start].start,
                m.cend if m.cend >= 0 else tokens[m.end - 1].end,
            )
            for m in group.mentions
        ]
        full = [m.type for m in group.mentions if len(m.words) > 1] or [m.type for m in group.mentions]
        typ = Counter(full).most_common(1)[0][0]
        name = max((s.text for s in spans), key=len)
        if group.name is not None and typ == "PER":
            name = group.name
        country = sector = title = None
        extra: dict[str, str] = {}
        kind = group.key.partition(":")[0]
        if kind in ("country", "inst"):
            typ, name, country, sector = kb_attributes(group, tokens, lex, name, extra, generic, ident)
        if typ == "PER":
            titled = person_title(doc, group, lex, extra)
            if titled is not None:
                title, sector, country = titled
        elif kind not in ("country", "inst"):
            country, sector = name_attributes(group, tokens, lex, typ, extra, ident, weak, generic)
        return Entity(
            id=ident,
            name=name,
            type=_TYPES.get(typ, "OTHER"),
            mentions=spans,
            country=country,
            sector=sector,
            title=title,
            extra=dict(extra),
        )
