"""The storage interface every backend implements, and the query/result types callers use.

Callers (CLI, API, web UI, exporters) depend only on :class:`Store`; ``open_store`` picks the
backend from the location (a file path → SQLite; ``postgresql://…`` → PostgreSQL when added).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

__all__ = ["TABLES", "EntityFilter", "EventFilter", "Page", "Query", "Store"]

#: tables a person can query directly (and ``warta export --table`` can write)
TABLES = ("articles", "entities", "mentions", "times", "amounts", "quotes", "events", "records")


@dataclass(slots=True)
class Query:
    """A search: full text (optional) plus filters, ranked by bm25 when ``text`` is given."""

    text: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    #: entity id or (case-insensitive) name
    entity: str | None = None
    #: ISO 3166-1 alpha-3 of an entity mentioned in the article
    country: str | None = None
    event_type: str | None = None
    #: speaker of a quote: entity id or name
    speaker: str | None = None
    #: story id (``document.story``): the articles telling one story
    story: str | None = None
    page: int = 1
    size: int = 20
    facets: bool = True


@dataclass(slots=True)
class EventFilter:
    type: str | None = None
    entity: str | None = None
    country: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    article_id: str | None = None
    page: int = 1
    size: int = 20


@dataclass(slots=True)
class EntityFilter:
    q: str | None = None
    type: str | None = None
    country: str | None = None
    page: int = 1
    size: int = 20


@dataclass(slots=True)
class Page:
    """One page of results; ``facets`` only for searches."""

    items: list[dict[str, Any]]
    total: int
    page: int
    size: int
    facets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: entity/event-type facets count only the best this-many results (see sqlite_search)
    facets_from: int | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size)) if self.size else 1

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "total": self.total,
            "page": self.page,
            "size": self.size,
            "pages": self.pages,
            "items": self.items,
        }
        if self.facets:
            out["facets"] = self.facets
            if self.facets_from is not None:
                out["facets_from"] = self.facets_from
        return out


@runtime_checkable
class Store(Protocol):
    """A corpus of warta/1 records with queryable tables."""

    location: str

    # writing
    def upsert(self, records: Iterable[dict[str, Any]], *, input_keys: Iterable[str | None] = ()) -> int:
        """Store records in ONE transaction (insert or replace by article id); returns the count."""
        ...

    def has_input(self, input_key: str) -> bool:
        """Whether an input with this key (see ``input_key``) is already stored: ingest resumes."""
        ...

    def delete(self, article_id: str) -> None: ...

    def set_stories(self, stories: dict[str, str]) -> None:
        """Set ``document.story`` of stored articles (article id → story id), in one transaction."""
        ...

    # reading
    def count(self, table: str = "articles") -> int: ...

    def record(self, article_id: str) -> dict[str, Any]:
        """The full warta/1 record; NotFoundError when absent."""
        ...

    def article(self, article_id: str) -> dict[str, Any]: ...

    def articles(self, query: Query) -> Page: ...

    def search(self, query: Query) -> Page: ...

    def entities(self, flt: EntityFilter) -> Page: ...

    def entity(self, entity_id: str) -> dict[str, Any]: ...

    def events(self, flt: EventFilter) -> Page: ...

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of a table (``records`` yields warta/1 dicts), streaming, for export."""
        ...

    def columns(self, table: str) -> list[str]: ...

    def migrations(self) -> list[str]: ...

    def close(self) -> None: ...
