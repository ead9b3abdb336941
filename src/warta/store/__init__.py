"""The corpus store: warta/1 records in queryable tables with full-text search.

>>> from warta.store import open_store, Query
>>> store = open_store("warta.db")          # SQLite file, created and migrated on first use
>>> store.upsert([record])                   # one transaction; same article id → replaced
>>> store.search(Query(text="Gerasimov", outlet="CNN Indonesia")).items

Callers depend on :class:`Store` only; :func:`open_store` chooses the backend.
"""

from __future__ import annotations

from pathlib import Path

from warta.errors import MissingDependencyError, StoreError
from warta.store.base import TABLES, EntityFilter, EventFilter, Page, Query, Store
from warta.store.rows import entity_key, input_key

__all__ = [
    "TABLES",
    "EntityFilter",
    "EventFilter",
    "Page",
    "Query",
    "Store",
    "entity_key",
    "input_key",
    "open_store",
]


def open_store(location: str | Path, *, readonly: bool = False) -> Store:
    """Open (and migrate, unless ``readonly``) the store at ``location``.

    A file path opens SQLite. ``postgresql://`` URLs are reserved for the PostgreSQL backend
    (``pip install 'warta[postgres]'``), which implements the same :class:`Store` interface.
    """
    loc = str(location)
    if loc.startswith(("postgres://", "postgresql://")):
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise MissingDependencyError("psycopg", "postgres") from None
        raise StoreError("the PostgreSQL backend is not implemented yet; see docs/store.md (the seam)")
    from warta.store.sqlite import SQLiteStore

    return SQLiteStore(loc, readonly=readonly)
