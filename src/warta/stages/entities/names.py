"""Name repairs on the tagged mentions, before merging (each a rule of how Indonesian news writes
names, with its example):

* ``[Direktorat] Jenderal [Pajak]`` -> one organisation (``Jenderal`` after a directorate is no rank);
* ``[Emir Qatar Sheikh Tamim bin] [Hamad al-Thani]`` -> person ``Tamim bin Hamad al-Thani`` after
  the country ``Qatar``: ``bin``/``binti`` join the two halves of a name, titles before it go;
* ``Laksamana Muda Shoshana Chatfield``, ``Menteri Pendidikan Singapura Ng Chee Meng``: two or three
  capitalised words after a rank, or after a country that ends a role, are a person the model missed;
* ``[Hamas Palestina]`` -> ``Hamas`` + ``Palestina``: a known organisation and its own country;
* ``[Pasar Muara] Bakti,`` -> ``Pasar Muara Bakti``: a local place cut before its last name word;
* ``[Twitter] [Indonesia]`` -> ``Twitter Indonesia``: a known company or medium and another country
  is that country's branch, one organisation.
"""

from __future__ import annotations

from warta.model import Token
from warta.stages.entities.curated import is_name_word
from warta.stages.entities.lexicon import Lexicon
from warta.stages.entities.merge import Mention

__all__ = [
    "extend_local_places",
    "join_branches",
    "join_directorates",
    "join_name_particles",
    "names_after_roles",
    "split_org_country",
]

_DIRECTORATES = frozenset(("Direktorat", "Sekretariat", "Inspektorat"))
_PARTICLES = frozenset(("bin", "binti"))
#: words after a rank that are part of it (``Laksamana Muda``, ``Marsekal Madya``)
_RANK_TAIL = frozenset(("Muda", "Madya", "Utama", "Pertama", "Besar", "Dua", "Satu"))
#: Indonesia's own names: the model knows Indonesian names after them; foreign ones it misses
_HOME = frozenset((("indonesia",), ("ri",)))
#: first words of local places whose names the tagger cuts short (``[Desa Buni] Bakti``)
_LOCAL_FIRST_WORDS = "jalan jl jln gang desa dusun kampung kelurahan perumahan kompleks pasar terminal"
_LOCAL_FIRST = frozenset(_LOCAL_FIRST_WORDS.split())
#: capitalised words that follow a place without being part of it
_DATE_WORDS = """senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli
agustus september oktober november desember"""
_NOT_NAME = frozenset(_DATE_WORDS.split())
_END = frozenset((",", ".", "(", ")", ";", ":", "?", "!"))
#: sectors of organisations with national branches named "<company> <country>"
_BRANCH_SECTORS = frozenset(("BUS", "MED"))
_HONORIFICS = frozenset(("sheikh", "syekh", "emir", "raja", "pangeran", "putra", "mahkota", "sultan"))


def _mention(tokens: list[Token], a: int, b: int, typ: str) -> Mention:
    return Mention(a, b, typ, tuple(t.text for t in tokens[a:b]))


def join_directorates(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """``[Direktorat] Jenderal [Pajak]``, ``Direktorat Jenderal Bea dan Cukai``: one organisation."""
    out = list(mentions)
    for i in range(1, len(tokens) - 1):
        if tokens[i].text != "Jenderal" or tokens[i - 1].text not in _DIRECTORATES:
            continue
        j = i + 1
        while (
            j < len(tokens)
            and j - i <= 6
            and (
                (tokens[j].text[:1].isupper() and tokens[j].text.isalpha())
                or (tokens[j].text == "dan" and j + 1 < len(tokens) and tokens[j + 1].text[:1].isupper())
            )
        ):
            j += 1
        if j == i + 1:
            continue
        a = i - 1
        inside = [m for m in out if m.start < j and m.end > a]
        if any(m.start < a or m.end > j for m in inside):
            continue
        out = [m for m in out if m not in inside]
        out.append(_mention(tokens, a, j, "ORG"))
    return out


def join_name_particles(tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """``[Emir Qatar Sheikh Tamim bin] [Hamad al-Thani]`` -> ``Qatar`` + ``Tamim bin Hamad al-Thani``;
    a person tagged whole with its title, ``[Sheikh Tamim bin Hamad al-Thani]``, loses the title
    (``Sheikh Hasina``, with no ``bin``, keeps it: there it is her name)."""
    by_start = {m.start: m for m in mentions}
    out: list[Mention] = []
    used: set[int] = set()
    for m in mentions:
        if id(m) in used:
            continue
        end = m.end
        nxt = None
        if m.words[-1].lower() in _PARTICLES:
            nxt = by_start.get(end)
        elif end < len(tokens) and tokens[end].text.lower() in _PARTICLES:
            nxt = by_start.get(end + 1)
        whole = m.type == "PER" and any(w.lower() in _PARTICLES for w in m.words[1:-1])
        if (nxt is None or nxt.type != "PER") and not whole:
            out.append(m)
            continue
        last = m.end
        if nxt is not None and nxt.type == "PER":
            used.add(id(nxt))
            last = nxt.end
        a = m.start
        # titles, honorifics and a country before the name are no part of it
        while a < end - 1 and (
            tokens[a].text.lower() in _HONORIFICS
            or tokens[a].text.lower() in lex.titles
            or (tokens[a].text.lower(),) in lex.roles
            or (tokens[a].text.lower(),) in lex.countries
        ):
            if (tokens[a].text.lower(),) in lex.countries:
                out.append(_mention(tokens, a, a + 1, "LOC"))
            a += 1
        out.append(_mention(tokens, a, last, "PER") if (a, last) != (m.start, m.end) else m)
    return out


def _name_run(tokens: list[Token], i: int, covered: set[int]) -> int:
    """End of a run of two or three uncovered capitalised words from ``i`` that ends the phrase."""
    j = i
    while j < len(tokens) and j - i < 3 and j not in covered and tokens[j].text[:1].isupper():
        if not (tokens[j].text.replace("-", "").isalpha() and is_name_word(tokens[j].text)):
            break
        j += 1
    if j - i < 2 or (j < len(tokens) and tokens[j].text[:1].isupper() and tokens[j].text.isalpha()):
        return i
    return j


def names_after_roles(tokens: list[Token], mentions: list[Mention], flags: list[bool], lex: Lexicon) -> None:
    """``Laksamana Muda [Shoshana Chatfield]``, ``Menteri Pendidikan Singapura [Ng Chee Meng]``
    (``flags``: the tagger's covered tokens, updated)."""
    for m in mentions:  # "Laksamana [Muda Shoshana Chatfield]": the rest of the rank goes
        while (
            m.type == "PER"
            and len(m.words) > 2
            and m.words[0] in _RANK_TAIL
            and m.start > 0
            and tokens[m.start - 1].text.lower() in lex.ranks
        ):
            m.start += 1
            m.words = m.words[1:]
    covered = {i for m in mentions for i in range(m.start, m.end)}
    country_ends = {
        m.end: m for m in mentions if m.type == "LOC" and m.lower in lex.countries and m.start > 0
    }
    for i, tok in enumerate(tokens):
        start = None
        after_office = i > 0 and tokens[i - 1].text in _DIRECTORATES | {"Direktur", "Sekretaris", "Inspektur"}
        if tok.text[:1].isupper() and tok.text.lower() in lex.ranks and i not in covered and not after_office:
            start = i + 1
            while start < len(tokens) and tokens[start].text in _RANK_TAIL:
                start += 1
        elif i in country_ends and country_ends[i].lower not in _HOME:
            lo = max(0, country_ends[i].start - 7)
            before = [t.text.lower() for t in tokens[lo : country_ends[i].start]]
            if any((w,) in lex.roles for w in before):
                start = i
        if start is None or start in covered:
            continue
        end = _name_run(tokens, start, covered)
        words = tuple(t.text.lower() for t in tokens[start:end])
        if end > start and not any(
            (w,) in lex.gazetteer or (w,) in lex.roles or w in lex.titles for w in words
        ):
            mentions.append(_mention(tokens, start, end, "PER"))
            covered.update(range(start, end))
            flags[start:end] = [True] * (end - start)


def _world_region(words: tuple[str, ...], lex: Lexicon) -> bool:
    return any(e.kind == "place" and e.country is None for e in lex.kb.lookup(words))


def split_org_country(mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """``[Hamas Palestina]`` -> ORG ``Hamas`` + LOC ``Palestina``: a known organisation followed by
    its own foreign country or a world region (``Twitter Asia Tenggara``; ``Twitter Indonesia``,
    another country's branch, stays one); ``[Twitter dan LinkedIn]`` -> two organisations."""
    out: list[Mention] = []
    for m in mentions:
        done = False
        if m.lower in lex.curated:
            out.append(m)
            continue
        for k in range(1, len(m.words)):
            inst = lex.institutions.get(m.lower[:k])
            if inst is None or inst.default_country:
                continue
            rest = m.lower[k:]
            iso3 = lex.countries.get(rest)
            own = bool(iso3) and iso3 != "IDN" and inst.country == iso3  # not "Danantara Indonesia"
            if own or _world_region(rest, lex):
                out.append(Mention(m.start, m.start + k, "ORG", m.words[:k]))
                out.append(Mention(m.start + k, m.end, "LOC", m.words[k:]))
                done = True
                break
            if rest[0] == "dan" and len(rest) > 1 and m.words[k + 1][:1].isupper():
                out.append(Mention(m.start, m.start + k, m.type, m.words[:k]))
                out.append(Mention(m.start + k + 1, m.end, m.type, m.words[k + 1 :]))
                done = True
                break
        if not done:
            out.append(m)
    return out


def join_branches(mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """``[Twitter] [Indonesia]`` -> ``[Twitter Indonesia]``: a known company or medium right before
    a country that is not its own is its branch there (one organisation, as the corpora and the
    fixtures tag it; ``Hamas Palestina``, its own country, is split by ``split_org_country``)."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda x: (x.start, x.cstart)):
        prev = out[-1] if out else None
        inst = lex.institutions.get(prev.lower) if prev is not None and prev.type == "ORG" else None
        iso3 = lex.countries.get(m.lower) if m.type == "LOC" else None
        if (
            prev is not None
            and inst is not None
            and inst.sector in _BRANCH_SECTORS
            and inst.country
            and iso3
            and iso3 != inst.country
            and prev.end == m.start
            and (prev.cend, m.cstart) == (-1, -1)
        ):
            out[-1] = Mention(prev.start, m.end, "ORG", (*prev.words, *m.words))
            continue
        out.append(m)
    return out


def extend_local_places(tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> None:
    """``di [Pasar Muara] Bakti, Kabupaten Bekasi``: a local place (street, village, market) the tagger
    cut one name word short takes that word when the phrase ends right after it."""
    starts = {i for m in mentions for i in range(m.start, m.end)}
    for m in mentions:
        j = m.end
        if (
            m.type != "LOC"
            or len(m.words) < 2
            or m.words[0].lower() not in _LOCAL_FIRST
            or m.cend != -1
            or j + 1 >= len(tokens)
            or j in starts
            or tokens[j + 1].text not in _END
        ):
            continue
        word = tokens[j].text
        low = word.lower()
        if not (word[:1].isupper() and word.isalpha()) or low in _NOT_NAME or low in lex.titles:
            continue
        if (low,) in lex.roles or (low,) in lex.countries or (low,) in lex.gazetteer:
            continue
        m.end = j + 1
        m.words = (*m.words, word)
        starts.add(j)
