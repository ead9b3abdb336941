"""Organisation names the model cuts, swallows or types as places (issue 11, third round), each a
rule of how Indonesian news writes them:

* ``[Dinas Komunikasi] dan Informatika``, ``[Pusat Studi] dan [Penelitian Ilmiah Suriah]`` -> one
  organisation: ``dan`` between capitalised words after an organisation head is inside its name;
* ``Komisi VII [DPR RI]`` -> ``Komisi VII DPR RI``: a numbered commission of a parliament;
* ``[Siber Bareskrim]``, ``[Laut Kementerian Perhubungan]`` (places) -> the known institution at
  their end (``Bareskrim``, ``Kementerian Perhubungan``): the words before it belong to a title or
  a unit, never to a place;
* ``[Partai Republik Donald] [Trump]`` -> ``Partai Republik`` + ``Donald Trump``;
* ``Kantor Dinas Komunikasi`` -> ``Dinas Komunikasi``: the office of an organisation is the organisation;
* ``[Saudi] Gazette``, ``[Jakarta] Post`` -> one organisation: a place followed by a media word;
* ``menurut riset YouGov``, ``survei Indikator``: the name after a pollster's or publication's noun
  is an organisation;
* ``[Taman Sari Jakarta Barat]`` -> two places: a district or street before its city, no comma.
"""

from __future__ import annotations

import re

from warta.model import Token
from warta.stages.entities.lexicon import Lexicon
from warta.stages.entities.merge import Mention

__all__ = ["join_org_names", "names_after_sources", "split_addresses"]

#: first words of organisation names whose name may hold ``dan`` (org_heads.txt adds the rest)
_AND_HEADS = frozenset(
    """dinas badan pusat kedeputian kementerian komisi lembaga institut direktorat biro balai dewan majelis
    fakultas sekolah akademi politeknik universitas asosiasi ikatan persatuan perhimpunan himpunan forum
    yayasan departemen deputi kantor sekretariat inspektorat""".split()  # noqa: SIM905
)
_ROMAN = re.compile(r"(?:[IVX]{1,5}|\d{1,2})")
_PARLIAMENTS = frozenset(("DPR", "DPRD", "MPR", "DPD"))
#: last words of media names after a place (``Saudi Gazette``, ``Jakarta Post``, ``China Daily``)
_MEDIA_TAILS = frozenset(
    ("Gazette", "Post", "Times", "Daily", "Herald", "Tribune", "Journal", "Telegraph", "Globe", "Standard")
)
#: heads of places that a known institution may end (``Gedung KPK``, ``Kantor Kemlu``): the building
_BUILDING_HEADS = frozenset(
    """gedung kantor markas mabes jalan bandara pelabuhan stasiun istana kampus kompleks rumah wisma
    aula balai lapas rutan""".split()  # noqa: SIM905
)


def _cap(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text.replace("-", "").isalpha()


def _known(tok: Token, heads: frozenset[str], lex: Lexicon) -> bool:
    """A word that begins another organisation or is a known name of its own (``Kemlu``, ``RI``)."""
    key = (tok.text.lower(),)
    return key[0] in heads or key in lex.institutions or key in lex.countries or key in lex.curated


def _join_and(tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    heads = _AND_HEADS | lex.org_heads
    starts = {m.start: m for m in mentions}
    out = list(mentions)
    for m in mentions:
        if m.type != "ORG" or m.lower[0] not in heads or m not in out:
            continue
        j = m.end
        while j + 1 < len(tokens) and tokens[j].text == "dan" and _cap(tokens[j + 1]):
            nxt = tokens[j + 1].text.lower()
            if nxt in heads or (nxt,) in lex.institutions or (nxt,) in lex.countries:
                break  # "Kementerian Luar Negeri dan Polri": two organisations
            k = j + 1
            after = starts.get(k)
            if after is not None and (
                after.type != "ORG" or after.lower[0] in heads or after.lower in lex.institutions
            ):
                break
            while k < len(tokens) and k - j <= 4 and _cap(tokens[k]) and not _known(tokens[k], heads, lex):
                k += 1
            if after is not None:
                k = max(k, after.end)
            j = k
        if j == m.end:
            continue
        inside = [x for x in out if x is not m and m.start <= x.start < j]
        if any(x.end > j for x in inside):
            continue
        out = [x for x in out if x is not m and x not in inside]
        out.append(Mention(m.start, j, "ORG", tuple(t.text for t in tokens[m.start : j])))
    return out


def _join_commissions(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    out = list(mentions)
    for i in range(len(tokens) - 2):
        if tokens[i].text != "Komisi" or not _ROMAN.fullmatch(tokens[i + 1].text):
            continue
        if tokens[i + 2].text not in _PARLIAMENTS:
            continue
        j = i + 3
        if j < len(tokens) and tokens[j].text == "RI":
            j += 1
        inside = [m for m in out if m.start < j and m.end > i]
        if any(m.start < i or m.end > j for m in inside):
            continue
        out = [m for m in out if m not in inside]
        out.append(Mention(i, j, "ORG", tuple(t.text for t in tokens[i:j])))
    return out


def _institution_tail(m: Mention, lex: Lexicon) -> Mention:
    """A place ending in a known institution, after words that are no known name: the institution."""
    if m.type != "LOC" or len(m.words) < 2 or m.lower[0] in _BUILDING_HEADS:
        return m
    for k in range(1, len(m.words)):
        tail = m.lower[k:]
        inst = lex.institutions.get(tail)
        if inst is None or inst.type not in ("ORGANIZATION", ""):
            continue
        head = m.lower[:k]
        if head in lex.curated or head in lex.gazetteer or any((w,) in lex.countries for w in head):
            return m
        return Mention(m.start + k, m.end, "ORG", m.words[k:])
    return m


def _join_media(tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    starts = {m.start for m in mentions}
    out = []
    for m in mentions:
        if (
            m.type == "LOC"
            and m.end < len(tokens)
            and tokens[m.end].text in _MEDIA_TAILS
            and m.end not in starts
            and (m.lower in lex.countries or lex.gazetteer.get(m.lower) in ("city", "country", "idn"))
        ):
            out.append(Mention(m.start, m.end + 1, "ORG", (*m.words, tokens[m.end].text)))
        else:
            out.append(m)
    return out


def _office_of(m: Mention, lex: Lexicon) -> Mention:
    """``Kantor Dinas Komunikasi``: the office of an organisation is the organisation."""
    if (
        m.type == "ORG"
        and len(m.words) > 2
        and m.words[0] == "Kantor"
        and m.lower[1] in _AND_HEADS | lex.org_heads
    ):
        return Mention(m.start + 1, m.end, "ORG", m.words[1:])
    return m


def _give_back_first_names(mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """``[Partai Republik Donald] [Trump]``: a known first name ending an organisation right before
    a person's mention begins that person's name."""
    starts = {m.start: m for m in mentions if m.type == "PER" and m.cstart < 0}
    out = []
    for m in mentions:
        p = starts.get(m.end)
        if (
            m.type == "ORG"
            and len(m.words) > 2
            and p is not None
            and m.cend < 0
            and m.words[-1] in lex.first_names
        ):
            p.start -= 1
            p.words = (m.words[-1], *p.words)
            out.append(Mention(m.start, m.end - 1, "ORG", m.words[:-1]))
            continue
        out.append(m)
    return out


def _split_country_head(tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """``Menlu [Timor - Leste Aurelio Sergio Guterres]`` or ``Menlu Timor - [Leste Aurelio …]`` (a
    place from inside a country's name to a person's): the country, then a person of two or more
    capitalised words that are no known place."""
    out = []
    for m in mentions:
        cut = None
        if m.type == "LOC" and len(m.words) >= 3 and m.cstart < 0:
            for back in (0, 1, 2):
                for k in (3, 2, 1):
                    a = m.start - back
                    if a < 0 or k >= len(m.words):
                        continue
                    key = tuple(t.text.lower() for t in tokens[a : m.start + k])
                    rest = m.words[k:]
                    if key in lex.countries and len(rest) >= 2 and _person_like(rest, lex):
                        cut = (a, m.start + k)
                        break
                if cut:
                    break
        if cut is None:
            out.append(m)
            continue
        out.append(Mention(cut[0], cut[1], "LOC", tuple(t.text for t in tokens[cut[0] : cut[1]])))
        out.append(Mention(cut[1], m.end, "PER", m.words[cut[1] - m.start :]))
    return out


def _person_like(words: tuple[str, ...], lex: Lexicon) -> bool:
    low = tuple(w.lower() for w in words)
    return (
        all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
        and low not in lex.gazetteer
        and low not in lex.curated
        and not any((w,) in lex.countries or (w,) in lex.institutions for w in low)
    )


def join_org_names(tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """The module's repairs, in order (see the module docstring)."""
    mentions = _split_country_head(
        tokens, [_office_of(_institution_tail(m, lex), lex) for m in mentions], lex
    )
    mentions = _join_commissions(tokens, mentions)
    mentions = _join_and(tokens, mentions, lex)
    mentions = _join_media(tokens, mentions, lex)
    mentions = _give_back_first_names(mentions, lex)
    mentions.sort(key=lambda m: (m.start, m.cstart))
    return mentions


#: first words of a street's name
_STREETS = frozenset(("jalan", "jl", "gang", "gg"))


def split_addresses(mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """``[Taman Sari Jakarta Barat]``, ``[Jalan Hati Suci Tanah Abang]`` -> two places: a district
    or a street written before the district, city or regency it lies in, or a village before its
    district, without a comma. Only a known district, a street or a village before a district is split
    off (``Kebun Raya Bogor`` stays one name)."""
    out = []
    for m in mentions:
        cut = _address_cut(m, lex) if m.type == "LOC" and len(m.words) >= 3 else None
        if cut is None:
            out.append(m)
            continue
        out.append(Mention(m.start, m.start + cut, "LOC", m.words[:cut]))
        out.append(Mention(m.start + cut, m.end, "LOC", m.words[cut:]))
    return out


def _address_cut(m: Mention, lex: Lexicon) -> int | None:
    low = m.lower
    if low in lex.gazetteer or low in lex.curated or low in lex.place_country:
        return None  # a known name as a whole
    for k in range(1, len(low)):  # the longest tail first ("Jalan Hati Suci [Tanah Abang]", not "[Abang]")
        head, tail = low[:k], low[k:]
        kind = lex.gazetteer.get(tail)
        if kind not in ("idn", "kec"):
            continue
        if lex.gazetteer.get(head) == "kec" or (head[0] in _STREETS and len(head) >= 2):
            return k
        if kind == "kec" and head not in lex.gazetteer and lex.place_country.get(head) == "IDN":
            return k  # a village before its district: "Kebon Kacang Tanah Abang"
    return None


#: lower-case nouns of pollsters, studies and publications: the capitalised name after them is
#: an organisation (``menurut riset YouGov``, ``survei Indikator``, ``majalah Tempo``)
_SOURCE_NOUNS = frozenset(
    (("survei",), ("riset",), ("jajak", "pendapat"), ("majalah",), ("koran",), ("surat", "kabar"),
     ("harian",), ("situs",), ("portal",), ("lembaga", "survei"), ("dikutip",), ("dilansir",),
     ("melansir",), ("diberitakan",), ("kantor", "berita"), ("stasiun", "televisi"), ("laman",))
)  # fmt: skip
#: capitalised words after a source noun that are no name (``dilansir Senin``, ``dikutip The``)
_NOT_NAMES = frozenset(
    """senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus
    september oktober november desember the bekas mantan para sejumlah seorang salah sebuah""".split()  # noqa: SIM905
)


def names_after_sources(tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """A capitalised run of up to four words after a lower-case source noun that no mention covers,
    is no known place and does not begin with a known first name: an organisation."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = list(mentions)
    for i, tok in enumerate(tokens):
        if not tok.text[:1].islower():
            continue
        for n in (2, 1):
            if tuple(t.text.lower() for t in tokens[i : i + n]) not in _SOURCE_NOUNS:
                continue
            j = i + n
            if j < len(tokens) and tokens[j].text == "dari":
                j += 1  # "dikutip dari The Independent"
            if j < len(tokens) and tokens[j].text == "The":
                j += 1  # the article is part of the name, but the name must follow it
            k = j
            while k < len(tokens) and k - j < 4 and tokens[k].text[:1].isupper() and k not in covered:
                k += 1
            words = tuple(t.text.lower() for t in tokens[j:k])
            if k == j or (k < len(tokens) and k in covered):
                break
            if words in lex.countries or lex.gazetteer.get(words) in ("city", "country", "idn", "kec"):
                break
            if tokens[j].text in lex.first_names or words[0] in _NOT_NAMES:
                break
            if any(w.endswith("nya") or any(c.isdigit() for c in w) for w in words):
                break  # "laman Instagramnya", "harian PM2,5"
            if tokens[j - 1].text == "The":
                j -= 1
            out.append(Mention(j, k, "ORG", tuple(t.text for t in tokens[j:k])))
            covered.update(range(j, k))
            break
    return out
