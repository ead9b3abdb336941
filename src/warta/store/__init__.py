"""The corpus store: warta/1 records in queryable tables with full-text search.

>>> from warta.store import open_store, Query
>>> store = open_store("warta.db")          # SQLite file, created and migrated on first use
>>> store.upsert([record])                   # one transaction; same article id → replaced
>>> store.search(Query(text="Gerasimov", outlet="CNN Indonesia")).items

Callers depend on :class:`Store` only; :func:`open_store` chooses the backend. Both backends are
one SQL core (:mod:`warta.store.core`) over a dialect; the schema has one source
(:mod:`warta.store.schema`).
"""

from __future__ import annotations

import re
from pathlib import Path

from warta.errors import MissingDependencyError
from warta.store.base import (
    ARTICLE_SORTS,
    DATE_SOURCES,
    ENTITY_SORTS,
    EVENT_SORTS,
    SEARCH_FILTERS,
    STATUSES,
    STORY_EVENT_SORTS,
    TABLES,
    EntityFilter,
    EventFilter,
    Page,
    Query,
    Store,
)
from warta.store.rows import entity_key, input_key

__all__ = [
    "ARTICLE_SORTS",
    "DATE_SOURCES",
    "ENTITY_SORTS",
    "EVENT_SORTS",
    "SEARCH_FILTERS",
    "STATUSES",
    "STORY_EVENT_SORTS",
    "TABLES",
    "EntityFilter",
    "EventFilter",
    "Page",
    "Query",
    "Store",
    "entity_key",
    "input_key",
    "is_url",
    "open_store",
    "shown",
]

_URL = ("postgres://", "postgresql://")


def is_url(location: str | Path) -> bool:
    """Whether ``location`` names a database server (PostgreSQL) rather than a SQLite file."""
    return str(location).startswith(_URL)


def shown(location: str | Path) -> str:
    """``location`` fit for messages: a URL's password is replaced by ``***``."""
    return re.sub(r"^(\w+://[^:/@]+:)[^@]*@", r"\1***@", str(location))


def open_store(location: str | Path, *, readonly: bool = False) -> Store:
    """Open (and migrate, unless ``readonly``) the store at ``location``.

    A file path opens SQLite; a ``postgresql://`` URL (libpq connection URI) opens PostgreSQL
    (``pip install 'warta[postgres]'``), which implements the same :class:`Store` interface.
    """
    loc = str(location)
    if is_url(loc):
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise MissingDependencyError("psycopg", "postgres") from None
        from warta.store.postgres import PostgresStore

        return PostgresStore(loc, readonly=readonly)
    from warta.store.sqlite import SQLiteStore

    return SQLiteStore(loc, readonly=readonly)
