"""Merges the first grouping cannot see, and types only the context settles:

* a misspelt surname (``Kravtsova`` ... ``Kravchova``, ``Raila Odingan`` ... ``Odinga``) joins the
  person (edit distance with guards: same first three letters, at most two edits, long words);
* a name spelt two ways in one article (``Ikhawanul Muslimin`` / ``Ikhwanul Muslimin``,
  ``Abdul Fattah al-Sisi`` / ``Abdel Fattah al-Sisi``): one word differing by one edit;
* a short first name (``Sandi`` ... ``Sandiaga Uno``) joins the one full name it begins;
* an organisation without its head word (``Hutama Karya`` ... ``PT Hutama Karya``);
* a medium named as a source (``dikutip Chosun Daily``, ``dilansir kantor berita ISNA``) is an
  ORGANIZATION of sector MED, whatever the tagger said;
* a mention that is only a term (``PPN`` the tax, ``APBN``) is no entity.
"""

from __future__ import annotations

from warta.kb import split_words
from warta.model import Document, Entity
from warta.stages.entities.lexicon import Lexicon
from warta.stages.entities.resolve import absorb

__all__ = ["cited_media", "drop_terms", "edit_distance", "merge_variants"]


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _close(a: str, b: str) -> bool:
    """Spelling variants of one long word: same first three letters, at most two edits (one for
    words under eight letters)."""
    if a == b or min(len(a), len(b)) < 6 or a[:3] != b[:3]:
        return False
    return edit_distance(a, b) <= (1 if min(len(a), len(b)) < 8 else 2)


def _words(e: Entity) -> tuple[str, ...]:
    return split_words(e.name)


#: head words of place names: "Tol Trans Sumatera" ... "Jalan Tol Trans Sumatera" is one place
_PLACE_HEADS = frozenset(("jalan", "jl", "kawasan", "kota", "gedung", "kantor", "stadion", "sirkuit", "area"))


def _head_dropped(
    e: Entity, other: Entity, words: tuple[str, ...], ow: tuple[str, ...], lex: Lexicon
) -> bool:
    """``e`` is ``other`` without its head word: ``Hutama Karya`` … ``PT Hutama Karya`` (an
    organisation's), ``Tol Trans Sumatera`` … ``Jalan Tol Trans Sumatera`` (a place's)."""
    if len(ow) != len(words) + 1 or ow[1:] != words:
        return False
    if e.type == "ORGANIZATION" == other.type:
        return ow[0] in lex.org_heads
    return e.type == "LOCATION" == other.type and ow[0] in _PLACE_HEADS and len(words) >= 2


def _variant_target(e: Entity, doc: Document, lex: Lexicon, persons: list[Entity]) -> Entity | None:
    """The entity ``e`` is a variant of, or None."""
    words = _words(e)
    if len(words) == 1:
        if e.extra.get("kb") and e.type != "PERSON":
            return None
        w = words[0]
        if e.type != "PERSON" and (
            lex.gazetteer.get(words) in ("country", "city", "idn") or words in lex.kb.by_alias
        ):
            return None
        hits = [p for p in persons if p is not e and _close(w, _words(p)[-1])]
        if e.type == "PERSON" and not hits and len(w) >= 4:  # "Sandi" ... "Sandiaga Uno"
            hits = [p for p in persons if _words(p)[0].startswith(w) and _words(p)[0] != w]
        return hits[0] if len({id(p) for p in hits}) == 1 else None
    for other in doc.entities[: doc.entities.index(e)]:
        ow = _words(other)
        if len(ow) == len(words) and (
            other.type == e.type or not (e.extra.get("kb") and other.extra.get("kb"))
        ):
            diff = [(x, y) for x, y in zip(words, ow, strict=True) if x != y]
            if (
                len(diff) == 1
                and min(len(diff[0][0]), len(diff[0][1])) >= 5
                and edit_distance(*diff[0], limit=1) <= 1
            ):
                return other
        if _head_dropped(e, other, words, ow, lex):
            return other  # "Hutama Karya" ... "PT Hutama Karya"
    for other in doc.entities[doc.entities.index(e) + 1 :]:
        if _head_dropped(e, other, words, _words(other), lex):
            return other
    return None


def merge_variants(doc: Document, lex: Lexicon) -> None:
    """Join spelling variants, short first names and head-less organisation names to their entity."""
    persons = [e for e in doc.entities if e.type == "PERSON" and len(_words(e)) >= 2]
    target: dict[str, Entity] = {}
    for e in doc.entities:
        into = _variant_target(e, doc, lex, persons)
        if into is not None and target.get(into.id) is not e:
            target[e.id] = into
    if not target:
        return
    for e in doc.entities:
        into = target.get(e.id)
        seen = {e.id}
        while into is not None and into.id in target and into.id not in seen:
            seen.add(into.id)
            into = target[into.id]
        if into is not None and into.id not in target:
            if into.type != "PERSON" and e.type == "PERSON" and len(_words(into)) == 1:
                into.type = "PERSON"
            absorb(into, e)
        else:
            target.pop(e.id, None)
    doc.entities = [e for e in doc.entities if e.id not in target]


#: words right before a medium named as a source
_CITE_WORDS = """dikutip dilansir melansir diberitakan dilaporkan memberitakan melaporkan laporan berita
harian koran majalah televisi situs laman media tabloid portal"""
_CITE = frozenset(_CITE_WORDS.split()) | {
    "dikutip dari",
    "dilansir dari",
    "surat kabar",
    "stasiun televisi",
    "kantor berita",
}
#: last words of media names
_MEDIA_LIST = """daily times post news tv journal herald tribune ilbo shimbun agency press gazette channel
today online magazine radio network telegraph guardian monitor observer review express mail star"""
_MEDIA_WORDS = frozenset(_MEDIA_LIST.split())


def cited_media(doc: Document, lex: Lexicon) -> None:
    """Media named as sources: ``dikutip Chosun Daily``, ``kata kantor berita ISNA``."""
    for e in doc.entities:
        if e.extra.get("kb") or (
            e.type == "LOCATION" and e.country and e.extra.get("country_from") != "story"
        ):
            continue
        words = _words(e)
        cue = False
        for m in e.mentions:
            before = split_words(doc.text[max(0, m.start - 30) : m.start])
            if before and (before[-1] in _CITE or (before[-2:] and " ".join(before[-2:]) in _CITE)):
                cue = True
                break
        by_form = words[-1] in _MEDIA_WORDS and len(words) >= 2
        if not (cue or by_form):
            continue
        if e.type == "PERSON" and not by_form and not all(w.isupper() for w in e.name.split()):
            first = e.name.split()[0]
            if first in lex.first_names or (first.lower(),) in lex.person_aliases:
                continue  # "dikutip Budi Santoso": a person quoted from somewhere
        if not by_form and e.type != "PERSON" and not (cue and e.type == "ORGANIZATION"):
            continue
        e.type = "ORGANIZATION"
        e.sector = "MED"
        iso3 = next((lex.kb.adjectives[(w,)] for w in words if (w,) in lex.kb.adjectives), None)
        if iso3:
            e.country = iso3
            e.extra["country_from"] = "name"


def drop_terms(doc: Document, lex: Lexicon) -> None:
    """``PPN`` the tax, ``APBN``: an entity whose every mention is a term is no entity."""
    doc.entities = [
        e for e in doc.entities if e.extra.get("kb") or not all(m.text in lex.kb.terms for m in e.mentions)
    ]
