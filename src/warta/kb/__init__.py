"""The actor knowledge base: countries, places, institutions and people with their aliases.

Plain TSV files under ``resources/kb/`` (format, sources and licences in the README there), loaded
once and shared. The entities stage resolves mentions against it; the store asks it for the
aliases of a corpus-wide key without importing any stage::

    >>> from warta import kb
    >>> kb.aliases("kb:person/joko-widodo")[:2]
    ['Joko Widodo', 'Jokowi']
    >>> [e.id for e in kb.lookup("KPK")]
    ['org/komisi-pemberantasan-korupsi']

Every entry has an ``id`` (``country/USA``, ``org/komisi-pemberantasan-korupsi``,
``person/joko-widodo``, ``region/32.73``, ``city/1850147``); an entity resolved to it gets the key
``kb:<id>``.
"""

from __future__ import annotations

from functools import cache

from warta.cache import cached, resource_digest
from warta.kb._entries import Entry, KnowledgeBase, Office, split_words
from warta.kb._load import build

__all__ = [
    "KB_SOURCES",
    "Entry",
    "KnowledgeBase",
    "Office",
    "aliases",
    "entry",
    "knowledge_base",
    "lookup",
    "split_words",
]


#: the code the cached knowledge base is built by (part of its cache key)
KB_SOURCES = ("warta.kb._load", "warta.kb._entries", "warta.model.document")


@cache
def knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base (loaded on first use, then shared; kept pickled in the user cache
    directory, keyed by the data files' hash, so later processes skip the build: :mod:`warta.cache`)."""
    return cached("kb", resource_digest(["kb"], KB_SOURCES), _build)


def _build() -> KnowledgeBase:
    kb = KnowledgeBase()
    build(kb, split_words)
    return kb


def entry(entry_id: str) -> Entry | None:
    """The entry with this id (``person/joko-widodo``) or key (``kb:person/joko-widodo``)."""
    return knowledge_base().entries.get(entry_id.removeprefix("kb:"))


def lookup(name: str) -> list[Entry]:
    """Entries that ``name`` (any alias, any case) may stand for, most likely first."""
    return knowledge_base().lookup(name)


def aliases(key: str) -> list[str]:
    """Every name of the entity with corpus-wide ``key``: its canonical name first, then its aliases
    ("kb:person/joko-widodo" -> ["Joko Widodo", "Jokowi", ...]). Keys that are not from the
    knowledge base (``n:...``) have no aliases beyond their own name: an empty list."""
    return knowledge_base().aliases(key)
