"""Countries the entity's own words do not settle: a nationality written next to a person
("warga negara Indonesia, Siti Aisyah"), the country named nearest a person with a bare office
("Jepang menyatakan ... Menteri Luar Negeri Taro Kono"), and, as a last resort, the story's
country — never an Indonesian default in a story about another country."""

from __future__ import annotations

import re

from warta.kb import split_words
from warta.model import Document, Entity
from warta.stages.entities.lexicon import Lexicon
from warta.stages.entities.resolve import STRONG, Story

__all__ = ["fill_countries"]

#: words before a country that make it a person's nationality
_NATIONALITY = frozenset(
    ("warga", "negara", "berkewarganegaraan", "kewarganegaraan", "asal", "kebangsaan", "milik")
)
_WNI = frozenset(("wni", "tki", "pmi"))


def _nationality(doc: Document, ent: Entity, lex: Lexicon) -> str | None:
    """``seorang warga negara Indonesia, Siti Aisyah``, ``Siti (WNI)``, ``pria asal Jerman X``."""
    for m in ent.mentions:
        idx = doc.sentence_at(m.start)
        if idx is None:
            continue
        sent = doc.sentences[idx]
        before = split_words(doc.text[max(sent.start, m.start - 60) : m.start])[-7:]
        after = split_words(doc.text[m.end : min(sent.end, m.end + 40)])[:5]
        for words in (before, after):
            for i, w in enumerate(words):
                if w in _WNI:
                    return "IDN"
                if w in _NATIONALITY:
                    for n in (3, 2, 1):
                        iso3 = lex.countries.get(words[i + 1 : i + 1 + n])
                        if iso3 and len(words[i + 1 : i + 1 + n]) == n:
                            return iso3
    return None


_LISTED = re.compile(
    r"\b[a-z]+ ((?:[A-Z][\w-]*\s){1,3})(?:yakni|yaitu|antara lain|:)\s*,?\s*"
    r"((?:[A-Z][\w'’.-]*\s*)+,\s*|dan\s+)*$"
)


def _listed_nationality(doc: Document, ent: Entity, lex: Lexicon) -> str | None:
    """``lima pesilat Indonesia yakni, Yola Prima, Hendy, … dan Asep``: a country after a plain noun
    and before ``yakni``/``yaitu`` is the nationality of every name listed after it."""
    m = ent.mentions[0]
    idx = doc.sentence_at(m.start)
    if idx is None:
        return None
    hit = _LISTED.search(doc.text, doc.sentences[idx].start, m.start)
    return lex.countries.get(split_words(hit.group(1))) if hit else None


def _org_nationality(doc: Document, ent: Entity, lex: Lexicon) -> str | None:
    """``Maskapai asal Vietnam, Vietjet Air``, ``pemantau milik Swiss, IQAir``: the nationality
    right before an organisation's mention (words after it describe someone else: ``Arsenal,
    pelatih asal Prancis``)."""
    for m in ent.mentions:
        words = split_words(doc.text[max(0, m.start - 40) : m.start])
        words = words[:-1] if words[-1:] == (",",) else words
        for n in (3, 2, 1):
            if len(words) > n and words[-n - 1] in _NATIONALITY and (iso3 := lex.countries.get(words[-n:])):
                return iso3
    return None


def _headed(doc: Document, ent: Entity) -> str | None:
    """The country of the organisation a person's title names (``Ketua Komisi Pemilihan Umum
    Kenya``, ``Kepala Badan … Kemlu``), when that organisation's country is settled."""
    title = (ent.title or "").lower()
    if not title:
        return None
    for org in doc.entities:
        if org.type != "ORGANIZATION" or not org.country or org.country == "IGO":
            continue
        if org.extra.get("country_from") not in STRONG:
            continue
        if any(len(m.text) > 2 and m.text.lower() in title for m in org.mentions):
            return org.country
    return None


def _country_mentions(doc: Document) -> list[tuple[int, str]]:
    """(offset, country) of every mention of a country, or of a place or organisation whose country
    is settled by its own name, in text order."""
    out: list[tuple[int, str]] = []
    for e in doc.entities:
        if (
            e.type == "PERSON"
            or not e.country
            or e.country == "IGO"
            or e.extra.get("country_from") not in STRONG
        ):
            continue
        out.extend((m.start, e.country) for m in e.mentions)
    out.sort()
    return out


def _nearest(doc: Document, ent: Entity, marks: list[tuple[int, str]]) -> str | None:
    """For a person with a bare office ("Menteri Luar Negeri Taro Kono"): the country named nearest
    before the person in its sentence ("Pemerintah Kenya menangkap ... Presiden Uhuru Kenyatta"),
    else the first one named in the previous sentence of the paragraph, usually its subject
    ("Jepang menyatakan ... . Menteri Luar Negeri Taro Kono mengatakan")."""
    m = ent.mentions[0]
    idx = doc.sentence_at(m.start)
    if idx is None:
        return None
    sent = doc.sentences[idx]
    before = [c for at, c in marks if sent.start <= at < m.start]
    if before:
        return before[-1]
    if idx > 0 and doc.sentences[idx - 1].paragraph == sent.paragraph:
        prev = doc.sentences[idx - 1]
        first = [c for at, c in marks if prev.start <= at < prev.end]
        if first:
            return first[0]
    return None


#: English words of organisation names: such a name says nothing about being Indonesian
_ENGLISH_WORDS = """school university college institute medicine medical foundation center centre company
corporation inc corp ltd llc group association society council agency of the and for international global
research hospital times news laboratory labs technologies technology studios airlines airways motors"""
_ENGLISH = frozenset(_ENGLISH_WORDS.split())


#: first words of plainly local places: in an Indonesian story they are Indonesian whatever is near
_LOCAL_HEADS = frozenset(
    """jalan jl gang desa dusun kampung kelurahan kecamatan gedung kantor pasar rs rumah hotel masjid
    pondok sekolah sman smpn sdn stasiun terminal bandara pelabuhan taman lapangan stadion""".split()  # noqa: SIM905
)


def _bare(ent: Entity) -> bool:
    """A place named without a local head word (``Samanud``, not ``Jalan Samanud``)."""
    words = split_words(ent.name)
    return bool(words) and words[0] not in _LOCAL_HEADS


def _foreign_form(ent: Entity) -> bool:
    return any(w in _ENGLISH for w in split_words(ent.name))


def fill_countries(doc: Document, lex: Lexicon, story: Story) -> None:
    """Give a country to every entity that has none and that the text or the story settles; take
    back weak Indonesian defaults in a story about another country."""
    # the story's country for what nothing else settles: its most named country when that holds
    # 30% of the evidence or more (a story about Peru that names the US, Venezuela and Indonesia too)
    home = story.dominant(0.3, ties=True)
    for ent in doc.entities:  # `Maskapai asal Vietnam, Vietjet Air`: before the people it heads
        if ent.type == "ORGANIZATION" and not ent.country and not ent.extra.get("kb"):
            found = _org_nationality(doc, ent, lex)
            if found is not None:
                ent.country = found
                ent.extra["country_from"] = "nationality"
    marks = _country_mentions(doc)
    for ent in doc.entities:
        source = ent.extra.get("country_from")
        if ent.country and source in ("village", "generic") and not story.domestic:
            # "Wina" the Indonesian district, "Partai X" as Indonesian: not in a story about Austria
            ent.country = home if home != "IDN" else None
            ent.extra["country_from"] = "story"
        if ent.country or ent.extra.get("kb"):
            continue  # (an entry without a country is a world region or a sea: Eropa, Laut China Selatan)
        country = None
        if ent.type == "PERSON":
            country = _nationality(doc, ent, lex) or _listed_nationality(doc, ent, lex) or _headed(doc, ent)
            if country is None and ent.title and not story.domestic:
                country = _nearest(doc, ent, marks)
        if country is None and ent.type == "LOCATION" and not story.domestic:
            place_home = story.dominant(ties=True)  # a small place is most likely in the story's main country
            country = place_home if place_home != "IDN" else None
        if country is None and ent.type == "LOCATION" and story.domestic and _bare(ent):
            # `kota Samanud` in a story about Indonesian students in Egypt: a place no gazetteer knows,
            # next to a foreign country, is that country's (never an Indonesian default)
            near = _nearest(doc, ent, [(at, c) for at, c in marks if c != "IDN"])
            if near is not None:
                country = near
        if country is None and ent.type == "ORGANIZATION" and _foreign_form(ent) and story.domestic:
            continue  # "Harvard Medical School" in an Indonesian story is not Indonesian
        if country is None:
            country = "IDN" if story.domestic else home
        if country is not None:
            ent.country = country
            ent.extra["country_from"] = "story"
