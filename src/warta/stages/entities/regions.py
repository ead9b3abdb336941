"""Indonesian regions as news names them: which of two namesakes a bare name is ("Bogor" the *kota*
or the *kabupaten*), institutions built from a head and a region ("Polres Garut", "BPBD Aceh Jaya"),
districts among namesakes, and the chain of places a village or street is written with ("Desa
Sukamaju, Kecamatan Cibinong, Kabupaten Bogor"; "kota Samanud, Mesir").

The codebook rules (docs/entities.md, "Places"):

* ``Kabupaten X``, ``Kab. X``, ``Pemkab X``, ``Bupati X``, ``Wakil Bupati X``, ``Pemerintah
  Kabupaten X`` name the *kabupaten*; ``Kota X``, ``Pemkot X``, ``Wali Kota X``, ``Polresta X``
  the *kota*. A bare name elsewhere in the article is the one so named (the *kota* when both are),
  else the knowledge base's default, the *kota*.
* A head word of ``patterns.tsv`` right before a region is one organisation with it (``Polres
  Garut``), as the corpora annotate it; a one-word "person" right after a regional office (``Bupati
  Sleman``) is the region.
* A district (kecamatan) is the namesake in a regency or province the article names; when the
  article names Indonesian regions and none of the namesakes is in them, the name is no district.
* ``X, Y`` where Y is a larger unit than X (village < district < regency/city < province <
  country) puts X in Y: X takes Y's codes when it has none or contradicting ones, and Y's country
  when its own country is only a default.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from warta.kb import Entry, split_words
from warta.model import Document, Entity, Geo, Token
from warta.stages.entities.lexicon import Lexicon
from warta.stages.entities.merge import Mention

__all__ = [
    "cued_regions",
    "join_country_heads",
    "join_region_heads",
    "named_regions",
    "place_chain",
    "settle_districts",
    "story_region",
]

_STRONG = frozenset(("kb", "name", "title", "form", "nationality"))  # as resolve.STRONG (no import cycle)
_REGION_KINDS = frozenset(("province", "regency", "city", "district"))
_PREFIX = frozenset(("kabupaten", "kab", "kota", "provinsi", "kecamatan"))
#: offices of a region's head: the word after them is the region, not a person
_REGIONAL_HEADS = frozenset(
    (
        ("bupati",), ("wabup",), ("walikota",), ("walkot",), ("gubernur",), ("wagub",), ("kapolres",),
        ("kapolresta",), ("kapolda",), ("dandim",), ("kajari",), ("kajati",), ("camat",),
        ("wali", "kota"), ("wakil", "bupati"), ("wakil", "gubernur"), ("wakil", "wali", "kota"),
    )
)  # fmt: skip
_REGENCY_CUE = re.compile(
    r"(?:\b(?:kabupaten|kab\.|pemkab|bupati|wabup)|\bwakil\s+bupati|\bpemerintah\s+kabupaten)\s*$", re.I
)
_CITY_CUE = re.compile(
    r"(?:\b(?:kota|pemkot|wali\s?kota|walkot|polresta|polrestabes|kapolresta|kapolrestabes))\s*$", re.I
)
_LIST_END = re.compile(r"\s*,?\s*(?:dan|serta|atau|hingga)\s+", re.I)
_CHAIN_GAP = re.compile(r"\s*,\s*(?:(?:desa|kelurahan|kecamatan|kabupaten|kab\.|kota|provinsi)\s+)?", re.I)


def _region(lex: Lexicon, words: tuple[str, ...]) -> Entry | None:
    """The Indonesian region or district a mention's words name (``Kabupaten Garut``, ``Aceh Jaya``)."""
    return next((e for e in lex.kb.lookup(words) if e.kind in _REGION_KINDS), None)


#: words right before a region's name that say it is one (the first three are part of the name)
_NAME_CUES = frozenset(("kabupaten", "kab", "kota"))
_OFFICE_CUES = frozenset(h[-1] for h in _REGIONAL_HEADS)


def cued_regions(tokens: list[Token], mentions: list[Mention], covered: list[bool], lex: Lexicon) -> None:
    """``Wali Kota [Malang]``, ``warga [Kab. Malang]``, ``Bupati [Sukabumi]``: a region's name after
    a word that announces one is a place the model may have missed (never searched for without it:
    ``Batang``, ``Pati``, ``Bima`` are ordinary words and names too)."""
    n = len(tokens)
    for i in range(n - 1):
        cue = tokens[i].text.lower().rstrip(".")
        if cue not in _NAME_CUES and cue not in _OFFICE_CUES and (cue,) not in lex.kb.patterns:
            continue
        j = i + 1
        for k in (3, 2, 1):
            words = tokens[j : j + k]
            if len(words) < k or not all(t.text[:1].isupper() and t.text.isalpha() for t in words):
                continue
            if any(covered[j : j + k]) or (j + k < n and tokens[j + k].text[:1].isupper()):
                continue
            lower = tuple(t.text.lower() for t in words)
            if not any(e.kind in ("regency", "city", "province") for e in lex.kb.lookup(lower)):
                continue
            office = i > 0 and tokens[i - 1].text.lower() in ("wali", "wakil")  # "Wali Kota [Malang]"
            a = i if cue in _NAME_CUES and tokens[i].text[:1].isupper() and not office else j
            mentions.append(Mention(a, j + k, "LOC", tuple(t.text for t in tokens[a : j + k])))
            covered[a : j + k] = [True] * (j + k - a)
            break


#: head words of a country's institutions written before the country's name (``Kepolisian Swedia``)
_NATIONAL_HEADS = frozenset(("kepolisian", "parlemen", "militer", "kedutaan", "kejaksaan", "angkatan"))


def join_country_heads(tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """``Kepolisian [Swedia]``, ``Parlemen [Inggris]`` -> one ORG, as the corpora annotate them (its
    country then comes from its name)."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    out = []
    for m in mentions:
        a = m.start - 1
        if (
            m.type == "LOC"
            and a >= 0
            and a not in covered
            and tokens[a].text[:1].isupper()
            and tokens[a].text.lower() in _NATIONAL_HEADS
            and m.lower in lex.countries
        ):
            out.append(Mention(a, m.end, "ORG", (tokens[a].text, *m.words)))
            continue
        out.append(m)
    return out


def join_region_heads(tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """``Polres [Garut]``, ``[BPBD] [Aceh Jaya]`` -> ORG ``Polres Garut``, ``BPBD Aceh Jaya``;
    ``Bupati [Sleman]`` PER -> LOC."""
    by_end = {m.end: m for m in mentions}
    covered = {i for m in mentions for i in range(m.start, m.end)}
    drop: set[int] = set()
    out: list[Mention] = []
    for m in mentions:
        if m.type == "ORG" or _region(lex, m.lower) is None:
            continue
        before = tuple(t.text.lower().rstrip(".") for t in tokens[max(0, m.start - 4) : m.start])
        if m.type == "PER" and len(m.words) == 1 and any(before[-len(h) :] == h for h in _REGIONAL_HEADS):
            m.type = "LOC"
            continue
        for n in (4, 3, 2, 1):
            head = before[-n:]
            a = m.start - n
            if len(head) < n or head not in lex.kb.patterns or not tokens[a].text[:1].isupper():
                continue
            prev = by_end.get(m.start)
            inner = {i for i in range(a, m.start) if i in covered}
            if inner and not (prev is not None and prev.start == a and prev.type == "ORG"):
                continue
            if prev is not None and prev.start == a:
                drop.add(id(prev))
            drop.add(id(m))
            out.append(Mention(a, m.end, "ORG", tuple(t.text for t in tokens[a : m.end])))
            break
    return [m for m in mentions if id(m) not in drop] + out


def named_regions(doc: Document, lex: Lexicon) -> frozenset[str]:
    """Ids of the regions the article names as a *kabupaten* or a *kota* (``Kabupaten Bekasi``,
    ``Wali Kota Bogor``, ``Kab. Malang``, ``Pemkot Yogyakarta``)."""
    out: set[str] = set()
    for ent in doc.entities:
        if ent.type not in ("LOCATION", "ORGANIZATION"):
            continue
        for m in ent.mentions:
            words = split_words(m.text)
            kind = None
            if words[:1] in (("kabupaten",), ("kab",)):
                kind, words = "regency", words[1:]
            elif words[:1] == ("kota",):
                kind, words = "city", words[1:]
            else:
                before = doc.text[max(0, m.start - 30) : m.start]
                kind = (
                    "regency" if _REGENCY_CUE.search(before) else "city" if _CITY_CUE.search(before) else None
                )
            if kind is None:
                continue
            cands = [e for e in lex.kb.lookup(words) if e.kind in ("regency", "city")]
            hit = next((e for e in cands if e.kind == kind), None)
            if hit is not None:
                out.add(hit.id)
    return frozenset(out)


def _codes(doc: Document, skip: Entity) -> tuple[set[str], set[str]]:
    """Province and regency codes of the article's other Indonesian places (not districts)."""
    provinces: set[str] = set()
    regencies: set[str] = set()
    for e in doc.entities:
        if e is skip or e.geo is None or not e.geo.province_code:
            continue
        if str(e.extra.get("kb", "")).startswith("district/"):
            continue
        provinces.add(e.geo.province_code)
        if e.geo.regency_code:
            regencies.add(e.geo.regency_code)
    return provinces, regencies


def settle_districts(doc: Document, lex: Lexicon) -> None:
    """A district name is the namesake in a regency (else a province) the article names; with
    Indonesian regions named and no namesake among them, it is no district."""
    for ent in doc.entities:
        if not str(ent.extra.get("kb", "")).startswith("district/"):
            continue
        provinces, regencies = _codes(doc, ent)
        if not provinces:
            continue
        cands = [
            e
            for m in ent.mentions
            for e in lex.kb.lookup(split_words(m.text))
            if e.kind == "district" and e.geo is not None
        ]
        fit = [e for e in cands if e.geo and e.geo.regency_code in regencies] or [
            e for e in cands if e.geo and e.geo.province_code in provinces
        ]
        if fit:
            ent.extra["kb"] = fit[0].id
            ent.key, ent.geo = fit[0].key, fit[0].geo
        elif len({e.id for e in cands}) > 1:  # namesakes, none of them where the article is
            ent.extra.pop("kb", None)
            ent.key, ent.geo = None, None


def _level(ent: Entity) -> int:
    """0 village or unknown, 1 district, 2 regency/city, 3 province or state, 4 country."""
    kb = str(ent.extra.get("kb", ""))
    if kb.startswith("country/"):
        return 4
    if kb.startswith("district/"):
        return 1
    if ent.geo is None:
        return 0
    return {"province": 3, "regency": 2, "city": 2}.get(ent.geo.precision, 0)


def place_chain(doc: Document) -> None:
    """``Desa Sukamaju, Kecamatan Cibinong, Kabupaten Bogor``; ``Kampung Melayu, Jatinegara, Jakarta
    Timur``; ``kota Samanud, Mesir``: a place written before a larger one is inside it."""
    spans = sorted(
        ((m.start, m.end, e) for e in doc.entities if e.type == "LOCATION" for m in e.mentions),
        key=lambda x: x[0],
    )
    listed = _listed(doc, spans)
    for (_, end, inner), (start, _, outer) in reversed(list(pairwise(spans))):
        if inner is outer or start in listed or not _CHAIN_GAP.fullmatch(doc.text[end:start]):
            continue
        kb = str(inner.extra.get("kb", ""))
        if kb and not kb.startswith("district/"):
            continue  # a region, city, island or world region knows where it is (Sorong, Papua: 2022)
        # a district may sit in another district's namesake place (Kampung Melayu, Jatinegara):
        # the one the text puts it in wins over the knowledge base's only district of that name
        if _level(outer) < _level(inner) or (_level(outer) == _level(inner) and not kb):
            continue
        _put_inside(inner, outer)


def _listed(doc: Document, spans: list[tuple[int, int, Entity]]) -> set[int]:
    """Starts of the places in an enumeration (``Timika, Wamena, Jayapura dan Merauke``): a run of
    places joined by commas that ends in ``dan``/``serta``/``atau`` and one more place."""
    out: set[int] = set()
    run: list[int] = [0]
    for k in range(1, len(spans) + 1):
        gap = doc.text[spans[k - 1][1] : spans[k][0]] if k < len(spans) else "."
        if k < len(spans) and _CHAIN_GAP.fullmatch(gap):
            run.append(k)
            continue
        if k < len(spans) and _LIST_END.fullmatch(gap) and len(run) > 1:
            out.update(spans[i][0] for i in (*run, k))
        run = [k]
    return out


def _put_inside(inner: Entity, outer: Entity) -> None:
    kb = str(inner.extra.get("kb", ""))
    weak = inner.extra.get("country_from") not in ("kb", "name", "title", "form") or kb.startswith(
        "district/"
    )
    if outer.country and outer.country not in (inner.country, "IGO") and weak:
        # "Stadion Kazan Arena, Kazan, Rusia": a place the story's default put elsewhere
        inner.country = outer.country
        inner.extra["country_from"] = "name"
        if inner.geo is not None and inner.geo.country not in (None, outer.country):
            inner.geo, inner.key = None, None
            inner.extra.pop("kb", None)
    geo = outer.geo
    if geo is None or not geo.province_code or inner.country not in (None, "IDN"):
        return
    own = inner.geo
    fits = (
        own is not None
        and own.province_code == geo.province_code
        and (not geo.regency_code or own.regency_code == geo.regency_code)
    )
    if fits:
        return
    if own is not None and own.province_code:  # a namesake elsewhere: not the place the text means
        inner.key = None
        inner.extra.pop("kb", None)
    precision = "regency" if geo.regency_code else "province"  # where it is, not a point of its own
    inner.geo = Geo(precision, "IDN", geo.province_code, geo.province, geo.regency_code, geo.regency)
    inner.country = "IDN"


#: first words of the names of local places: a street, a village, a building, a market
_LOCAL_WORDS = """jalan jl jln gang desa dusun kampung kelurahan kel rt rw perumahan perum kompleks komplek
gedung kantor pasar terminal stasiun halte masjid gereja pura klenteng vihara sekolah sd smp sma smk
rs rsud puskesmas hotel pertokoan mal mall plaza taman lapangan balai pendopo alun-alun jembatan
simpang bundaran pondok ponpes rutan lapas polsek mapolsek mapolres mapolda"""
_LOCAL_HEADS = frozenset(
    {(w,) for w in _LOCAL_WORDS.split()} | {("rumah", "sakit"), ("pondok", "pesantren"), ("rumah", "tahanan")}
)


def story_region(doc: Document) -> None:
    """A small Indonesian place the knowledge base does not know (a street, a village, a building)
    in a story about one regency (more than half of the mentions of the article's regencies and
    cities, two at least) is in that regency; with no regency named, in the one province named."""
    regencies: Counter[tuple[str, ...]] = Counter()
    provinces: Counter[tuple[str, ...]] = Counter()
    for e in doc.entities:
        g = e.geo
        if e.type != "LOCATION" or g is None or g.country != "IDN" or not g.province_code:
            continue
        if g.regency_code:
            regencies[(g.province_code, g.province or "", g.regency_code, g.regency or "")] += len(e.mentions)
        else:
            provinces[(g.province_code, g.province or "")] += len(e.mentions)
    top: tuple[str, ...] | None = None
    precision = "regency"
    if regencies:
        best, n = regencies.most_common(1)[0]
        top = best if n >= 2 and n > regencies.total() / 2 else None
    elif len(provinces) == 1:
        top, precision = next(iter(provinces)), "province"
    if top is None:
        return
    for e in doc.entities:
        if e.type != "LOCATION" or e.country != "IDN" or e.extra.get("kb"):
            continue
        if e.geo is not None and e.geo.province_code:
            continue
        if split_words(e.name)[:1] not in _LOCAL_HEADS and split_words(e.name)[:2] not in _LOCAL_HEADS:
            continue  # only what is plainly local: streets, villages, buildings (not "Laut Jawa")
        if precision == "regency":
            e.geo = Geo("regency", "IDN", top[0], top[1], top[2], top[3])
        else:
            e.geo = Geo("province", "IDN", top[0], top[1])
