"""Corpus-wide entity keys: one identity for one real-world actor across records.

An entity from the knowledge base has the key ``kb:<id>``; any other entity gets
:func:`name_key` — its type, normalised name and country — so "Joko Widodo" (PERSON, IDN) is
``n:person:joko widodo:IDN`` in every record that names him so. Stores fall back to
:func:`name_key` for records written before keys existed.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["name_key", "normalise_name"]

_NON_WORD = re.compile(r"[\W_]+")


def normalise_name(name: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces: "Ma'ruf  Amin" -> "ma ruf amin"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", plain.casefold()).strip()


def name_key(entity_type: str, name: str, country: str | None = None) -> str:
    """``n:<type>:<normalised name>[:<country>]`` for an entity with no knowledge-base id."""
    key = f"n:{entity_type.lower()}:{normalise_name(name)}"
    return f"{key}:{country}" if country else key
