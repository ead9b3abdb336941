"""Country, sector and title of an entity from lexicons and the words around its mentions."""

from __future__ import annotations

import re

from warta.model import Document, Token
from warta.stages.entities.lexicon import Lexicon, split_words
from warta.stages.entities.merge import Group

__all__ = [
    "ORG_FIRST",
    "country_after",
    "find_title",
    "kb_attributes",
    "name_attributes",
    "name_country",
    "org_sector",
    "person_title",
    "role_sector",
    "text_country",
    "village_country",
]

#: words that end a title phrase when walking away from a name
_STOP_WORDS = """yang dan atau kata ujar tutur ucap jelas menurut oleh bahwa dengan untuk kepada pada di ke
saat ketika sebut mengatakan menyatakan itu ini para sang si adalah ialah merupakan juga pun telah akan
sudah sedang bersama antara seperti tak tidak bukan hingga sampai namun tetapi sementara mengutip
dikutip melalui lewat"""
_STOP = frozenset(_STOP_WORDS.split())
#: generic heads of place names
_PLACE_HEADS = frozenset(
    ("kota", "kabupaten", "desa", "kecamatan", "kelurahan", "provinsi", "pulau", "gunung", "sungai", "jalan",
     "kampung", "teluk", "selat", "laut", "danau", "pantai", "dusun", "negara", "wilayah", "kawasan", "pasar")
)  # fmt: skip
#: head words of organisation names -> sector
_ORG_SECTORS = {
    "partai": "POL", "kementerian": "GOV", "kemenko": "GOV", "departemen": "GOV", "badan": "GOV",
    "pemerintah": "GOV", "pemkot": "GOV", "pemkab": "GOV", "pemprov": "GOV", "dinas": "GOV",
    "direktorat": "GOV", "istana": "GOV", "kepolisian": "COP", "polda": "COP", "polres": "COP",
    "polsek": "COP", "polrestabes": "COP", "densus": "COP", "kodam": "MIL", "korem": "MIL", "kodim": "MIL",
    "tentara": "MIL", "angkatan": "MIL", "pasukan": "MIL", "korps": "MIL", "militer": "MIL",
    "mahkamah": "JUD", "pengadilan": "JUD", "kejaksaan": "JUD", "kejati": "JUD", "kejari": "JUD",
    "universitas": "EDU", "institut": "EDU", "sekolah": "EDU", "akademi": "EDU", "politeknik": "EDU",
    "pt": "BUS", "cv": "BUS", "bank": "BUS", "perusahaan": "BUS", "tbk": "BUS", "dprd": "LEG",
    "parlemen": "LEG", "kongres": "LEG", "senat": "LEG", "yayasan": "CVL", "lembaga": "CVL",
    "koalisi": "CVL", "gerakan": "CVL", "asosiasi": "BUS",
}  # fmt: skip


def _ngrams(lower: tuple[str, ...], max_n: int = 5) -> list[tuple[str, ...]]:
    """Every n-gram, longest first."""
    out: list[tuple[str, ...]] = []
    for n in range(min(max_n, len(lower)), 0, -1):
        out.extend(lower[i : i + n] for i in range(len(lower) - n + 1))
    return out


def text_country(
    lower: tuple[str, ...], lex: Lexicon, *, places: bool = True, strict: bool = False
) -> str | None:
    """The country a phrase names (a country, an institution, then a place), or None; ``strict``:
    not from a name every country's institution has (``pemimpin Kongres`` in a story about Peru)."""
    grams = _ngrams(lower)
    for g in grams:
        if g in lex.countries:
            return lex.countries[g]
    for g in grams:
        inst = lex.institutions.get(g)
        if strict and g in lex.weak_institutions:
            continue
        if inst is not None and inst.country:
            return inst.country
    if places:
        for g in grams:
            if all(w in _PLACE_HEADS for w in g):
                continue  # "Kota Kembang": Kota is a word here, not the city in India
            kind = "city" if g in lex.exonyms else lex.gazetteer.get(g)
            if kind == "city" and g != lower and g != lower[-len(g) :]:
                continue  # a world city counts as the whole name or its end ("Hotel Morrisey Jakarta")
            iso3 = lex.place_country.get(g)
            if iso3 and kind is not None and kind not in ("kec", "desa"):  # villages: whole names only
                return iso3
    if any(g in lex.domestic for g in grams):  # "Kepala Kanwil DJP", "Imam Besar FPI": Indonesian-only roles
        return "IDN"
    return None


def name_country(group: Group, lex: Lexicon) -> str | None:
    """Country of a LOC or ORG entity from its own names."""
    for m in sorted(group.mentions, key=lambda m: -len(m.words)):
        iso3 = text_country(m.lower, lex, places=True)
        if iso3:
            return iso3
    return None


def village_country(group: Group, lex: Lexicon) -> str | None:
    """Country of a place known only as a district or village name (``Wina`` is also a district in
    Indonesia): weak evidence, which the stage drops in a story about other countries."""
    for m in group.mentions:  # districts and villages: only a whole name counts
        iso3 = lex.place_country.get(m.lower)
        if iso3:
            return iso3
    return None


def role_sector(lower: tuple[str, ...], lex: Lexicon) -> str | None:
    """Sector of a title phrase: its first role that has one ("Kepala Staf Umum ..." -> MIL), else
    the institution it names ("Wakil Ketua KPK" -> GOV)."""
    for i in range(len(lower)):
        for n in range(min(4, len(lower) - i), 0, -1):
            sector = lex.roles.get(lower[i : i + n])
            if sector and sector != "-":
                return sector
    for g in _ngrams(lower):
        inst = lex.institutions.get(g)
        if inst is not None and inst.sector:
            return inst.sector
    return org_sector(lower)


#: legal forms of Indonesian companies
_IDN_FORMS = frozenset(("pt", "cv", "perum", "persero", "tbk", "bumn", "bumd"))


def org_country(lower: tuple[str, ...]) -> str | None:
    """IDN for organisations with an Indonesian legal form (PT, CV, Persero, Tbk)."""
    return "IDN" if any(w in _IDN_FORMS for w in lower) else None


def org_sector(lower: tuple[str, ...]) -> str | None:
    if "pertahanan" in lower or "militer" in lower:
        return "MIL"
    for w in lower:
        sector = _ORG_SECTORS.get(w)
        if sector:
            return sector
    return None


_VERB = re.compile(r"(?:ber|me|mem|men|meng|meny)[a-z]{3,}")


def _is_verb(word: str, lex: Lexicon) -> bool:
    """``bertemu``, ``menemui``: a lower-case verb ends a title ("… Sri Mulyani bertemu Gubernur BI X")."""
    return word.islower() and _VERB.fullmatch(word) is not None and (word,) not in lex.roles


def _is_word(tok: Token) -> bool:
    return tok.text[:1].isalnum()


def _inner_and(tokens: list[Token], i: int, lo: int, hi: int) -> bool:
    """``dan`` inside an institution's name in a title (``Kepala Badan Pengkajian dan Pengembangan
    Kebijakan Kemlu``), ``di``/``untuk`` before the post's place (``Duta Besar Republik Indonesia di
    New York``): between two capitalised words."""
    return (
        tokens[i].text in ("dan", "di", "untuk")
        and lo < i < hi - 1
        and tokens[i - 1].text[:1].isupper()
        and tokens[i + 1].text[:1].isupper()
    )


def _known_hyphen(tokens: list[Token], i: int, lo: int, lex: Lexicon) -> bool:
    """A spaced hyphen inside a known name (``Menlu Timor - Leste``)."""
    if tokens[i].text != "-" or i <= lo or i + 1 >= len(tokens):
        return False
    key = (tokens[i - 1].text.lower(), "-", tokens[i + 1].text.lower())
    return key in lex.countries or key in lex.curated


def find_title(
    tokens: list[Token], start: int, end: int, *, lo: int, hi: int, lex: Lexicon
) -> tuple[int, int] | None:
    """Token range ``[a, b)`` of the role attached to the name at tokens ``[start, end)`` within
    the sentence ``[lo, hi)``: before it ("menteri pertahanan Rusia Sergei Shoigu", "Juru bicara
    Kremlin, Dmitry Peskov") or as an apposition after it ("Dmitry Peskov, juru bicara Kremlin,")."""
    # before the name
    j = start
    if j - 1 >= lo and tokens[j - 1].text == ",":
        j -= 1
    k = j
    skipped = 0  # tokens of a parenthesis inside the title, not counted against its length
    while k - 1 >= lo and j - (k - 1) - skipped <= 8:
        if tokens[k - 1].text == ")":  # "Menteri Pendidikan (Pendidikan Dasar) Singapura Ng Chee Meng"
            opening = next((x for x in range(k - 2, max(lo, k - 7) - 1, -1) if tokens[x].text == "("), None)
            if opening is None or opening == lo:
                break
            skipped += k - opening
            k = opening
            continue
        if not (
            (_is_word(tokens[k - 1]) or _known_hyphen(tokens, k - 1, lo, lex))
            and (tokens[k - 1].text.lower() not in _STOP or _inner_and(tokens, k - 1, lo, hi))
            and not _is_verb(tokens[k - 1].text, lex)
        ):
            break
        k -= 1
    idx = [x for x in range(k, j) if _is_word(tokens[x])]
    lower = [tokens[x].text.lower() for x in idx]
    for i in range(len(lower)):
        if any(tuple(lower[i : i + n]) in lex.roles for n in (1, 2, 3, 4)):
            return (idx[i], j)
    if j == start and j - 1 >= lo and tokens[j - 1].text.lower() in lex.titles:
        return (j - 1, j)
    return apposition(tokens, end, lo=lo, hi=hi, lex=lex)


def apposition(tokens: list[Token], end: int, *, lo: int, hi: int, lex: Lexicon) -> tuple[int, int] | None:
    """The role in an apposition after the name ending at token ``end`` ("Dmitry Peskov, juru
    bicara Kremlin,"), or None."""
    if end < hi and tokens[end].text == ",":
        a = end + 1
        b = a
        while (
            b < hi
            and b - a < 10
            and _is_word(tokens[b])
            and (tokens[b].text.lower() not in _STOP or _inner_and(tokens, b, lo, hi))
        ):
            b += 1
        lower = [t.text.lower() for t in tokens[a:b]]
        if b > a and any(tuple(lower[:n]) in lex.roles for n in (1, 2, 3, 4)):
            return (a, b)
    return None


def _title_country(lower: tuple[str, ...], lex: Lexicon) -> str | None:
    # `Duta Besar Republik Indonesia di New York`, `Dubes AS untuk Indonesia`: the post's place
    # after di/untuk is where the office sits, not whose it is
    host = next((i for i, w in enumerate(lower) if w in ("di", "untuk") and i > 0), None)
    return (text_country(lower[:host], lex, strict=True) if host else None) or text_country(
        lower, lex, strict=True
    )


def title_words(text: str) -> tuple[str, ...]:
    return split_words(text)


#: first words that make a name an organisation, whatever the model said
_ORG_FIRST_WORDS = """partai kementerian kemenko departemen badan komisi universitas institut pt cv perum
yayasan lembaga asosiasi federasi organisasi dinas direktorat pemkot pemkab pemprov polda polres polsek
kepolisian
kejaksaan pengadilan mahkamah"""
ORG_FIRST = frozenset(_ORG_FIRST_WORDS.split())


def country_after(tokens: list[Token], end: int, lex: Lexicon) -> str | None:
    """``Mahkamah Agung [Amerika Serikat]``: the country named right after an organisation (the
    corpora tag the two apart) is the organisation's."""
    for n in (3, 2, 1):
        words = [t.text for t in tokens[end : end + n]]
        if len(words) == n and words[0][:1].isupper():
            iso3 = lex.countries.get(tuple(w.lower() for w in words))
            if iso3:
                return iso3
    return None


def kb_attributes(
    group: Group,
    tokens: list[Token],
    lex: Lexicon,
    name: str,
    extra: dict[str, str],
    generic: set[str],
    ident: str,
) -> tuple[str, str, str | None, str | None]:
    """(type, name, country, sector) of a group keyed to a known country or institution."""
    kind, _, rest = group.key.partition(":")
    if kind == "country":
        extra["country_from"] = "kb"
        return "LOC", lex.country_name.get(rest, name) if len(name) <= 3 else name, rest, None
    inst = lex.institutions_by_name[rest]
    typ = {"PERSON": "PER", "LOCATION": "LOC"}.get(inst.type, "ORG")
    country = inst.country
    if country:
        extra["country_from"] = "kb"
    if inst.default_country:  # "Mahkamah Agung [Amerika Serikat]", else the story's country
        after = (country_after(tokens, m.end, lex) for m in group.mentions)
        named = next((c for c in after if c is not None), None)
        if named is not None:
            country = named
            extra["country_from"] = "name"
        if country == inst.country:
            generic.add(ident)
            extra["country_from"] = "generic"
    return typ, inst.name, country, inst.sector


def person_title(
    doc: Document, group: Group, lex: Lexicon, extra: dict[str, str]
) -> tuple[str, str | None, str | None] | None:
    """(title, sector, country) from the first title found next to a mention of a person, else None."""
    tokens = doc.tokens
    for m in group.mentions:
        sent = doc.sentence_at(tokens[m.start].start)
        if sent is None:
            continue
        s = doc.sentences[sent]
        found = find_title(tokens, m.start, m.end, lo=s.token_start, hi=s.token_end, lex=lex)
        if found is None:
            continue
        a, b = found
        r = b
        while r - 1 > a and tokens[r - 1].text.lower().rstrip(".") in lex.ranks:
            r -= 1  # "Kasat Polairud AKP": the rank goes apart from the title
        if r < b:
            extra["rank"] = doc.text[tokens[r].start : tokens[b - 1].end]
            b = r
        lower = tuple(t.text.lower() for t in tokens[a:b])
        country = _title_country(lower, lex)
        if country is None and b <= m.start:
            # `Jenderal John Nicholson, komandan senior AS di Afghanistan`: the apposition says whose
            after = apposition(tokens, m.end, lo=s.token_start, hi=s.token_end, lex=lex)
            if after is not None:
                country = _title_country(tuple(t.text.lower() for t in tokens[after[0] : after[1]]), lex)
        if country:
            extra["country_from"] = "title"
        return doc.text[tokens[a].start : tokens[b - 1].end], role_sector(lower, lex), country
    return None


def name_attributes(
    group: Group,
    tokens: list[Token],
    lex: Lexicon,
    typ: str,
    extra: dict[str, str],
    ident: str,
    weak: set[str],
    generic: set[str],
) -> tuple[str | None, str | None]:
    """(country, sector) of a group the lexicons do not know, from its name and its context."""
    country = name_country(group, lex)
    sector = None
    if country is None and typ == "LOC":
        country = village_country(group, lex)
        if country is not None:
            weak.add(ident)
            generic.add(ident)
    if typ == "ORG":
        words = tuple(w.lower() for m in group.mentions for w in m.words)
        sector = org_sector(words)
        country = country or org_country(words)
        if country is None:
            country = next(
                (c for m in group.mentions if (c := country_after(tokens, m.end, lex)) is not None),
                None,
            )
        if country is None and any(m.lower[0] in ORG_FIRST for m in group.mentions):
            country = "IDN"  # "Partai Hanura", "Kementerian Agama": a domestic institution by default
            generic.add(ident)
        elif country is not None and org_country(words) == country:
            extra["country_from"] = "form"
    return country, sector
