"""The storage interface every backend implements, and the query/result types callers use.

Callers (CLI, API, web UI, exporters) depend only on :class:`Store`; ``open_store`` picks the
backend from the location (a file path → SQLite; ``postgresql://…`` → PostgreSQL). Both backends
are one SQL core (:class:`warta.store.core.SQLStore`); docs/store.md describes every method.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

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
]

#: tables a person can query directly (and ``warta export --table`` can write)
TABLES = (
    "articles",
    "entities",
    "mentions",
    "times",
    "amounts",
    "quotes",
    "events",
    "story_events",
    "records",
)
#: event statuses and date sources (warta/1), the values the ``status``/``date_source`` filters take
STATUSES = ("asserted", "negated", "hypothetical", "planned", "denied")
DATE_SOURCES = ("clause", "attribution", "dateline", "publication", "none")
#: ``sort`` fields (``-field``: descending). Articles: ``relevance`` (bm25; searches only), the
#: article ``date``, ``stored`` (insertion order), ``title``, ``outlet``
ARTICLE_SORTS = ("relevance", "date", "stored", "title", "outlet")
#: entities: how many ``articles`` mention it, ``name``, ``type``, ``country``
ENTITY_SORTS = ("articles", "name", "type", "country")
#: events: the article ``date``, the ``event_date``, ``type``, ``status``, ``mentions``
EVENT_SORTS = ("date", "event_date", "type", "status", "mentions")
#: story events: ``date`` (the act's, else its first article's), ``type``, ``articles``, ``mentions``
STORY_EVENT_SORTS = ("date", "type", "articles", "mentions")
#: the filters of a :class:`Query` a saved search keeps (besides its words)
SEARCH_FILTERS = ("date_from", "date_to", "outlet", "entity", "country", "event_type", "speaker", "story")


@dataclass(slots=True)
class Query:
    """A search: full text (optional) plus filters, ranked by bm25 when ``text`` is given."""

    text: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    #: entity id, key or any of its names
    entity: str | None = None
    #: ISO 3166-1 alpha-3 of an entity mentioned in the article
    country: str | None = None
    event_type: str | None = None
    #: speaker of a quote: entity id, key or name
    speaker: str | None = None
    #: story id (``document.story``): the articles telling one story
    story: str | None = None
    page: int = 1
    size: int = 20
    facets: bool = True
    #: one of ARTICLE_SORTS, ``-`` first for descending; None: relevance with words, else ``-date``
    sort: str | None = None
    #: only articles stored after / up to this insertion order (saved searches' high-water mark)
    stored_after: int | None = None
    stored_upto: int | None = None


@dataclass(slots=True)
class EventFilter:
    """Filters of :meth:`Store.events` and :meth:`Store.story_events` (``size <= 0``: all)."""

    type: str | None = None
    #: source or target: entity id, key or name
    entity: str | None = None
    #: ISO 3166-1 alpha-3 of the source or target
    country: str | None = None
    #: article date bounds (YYYY, YYYY-MM or YYYY-MM-DD, inclusive)
    date_from: str | None = None
    date_to: str | None = None
    article_id: str | None = None
    #: one of STATUSES
    status: str | None = None
    #: one of DATE_SOURCES
    date_source: str | None = None
    story: str | None = None
    page: int = 1
    size: int = 20
    #: one of EVENT_SORTS (STORY_EVENT_SORTS for story events), ``-`` first for descending;
    #: None: newest first
    sort: str | None = None


@dataclass(slots=True)
class EntityFilter:
    #: part of a name or alias
    q: str | None = None
    type: str | None = None
    country: str | None = None
    #: exact key (``kb:…`` / ``n:…``)
    key: str | None = None
    page: int = 1
    size: int = 20
    #: one of ENTITY_SORTS, ``-`` first for descending; None: most articles first
    sort: str | None = None


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

    def entity(self, entity_id: str) -> dict[str, Any]:
        """One entity by id, key, pre-key id or name, with its names, timeline, quotes, events."""
        ...

    def resolve(self, value: str) -> list[str]:
        """The entity ids an id, key, pre-key id or name means, most-mentioned first."""
        ...

    def events(self, flt: EventFilter) -> Page: ...

    def story_events(self, flt: EventFilter) -> Page:
        """Acts across the articles of a story (one row per act, ``sources`` counts), filtered."""
        ...

    def story_event(self, story_event_id: str) -> dict[str, Any]:
        """One act with every event that reports it (``sources``: article, sentence, mentions)."""
        ...

    # saved searches and alerts (docs/store.md, "Saved searches")
    def save_search(
        self, name: str, q: str | None = None, filters: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """Store a saved search; its high-water mark starts at the newest stored article."""
        ...

    def saved_searches(self) -> list[dict[str, Any]]: ...

    def saved_search(self, search_id: str) -> dict[str, Any]:
        """One saved search by id or name; NotFoundError when absent."""
        ...

    def delete_saved_search(self, search_id: str) -> None: ...

    def new_matches(self, search_id: str, *, advance: bool = False, size: int = 100) -> dict[str, Any]:
        """Articles stored after the search's mark that match it (``advance``: move the mark past them)."""
        ...

    def saved_search_latest(self, search_id: str, size: int = 50) -> dict[str, Any]:
        """The search and its ``size`` most recently stored matches (its feed)."""
        ...

    # the analyst's workbench (warta.store.workbench; docs/web.md)
    def timeline(
        self, subject: Query | EventFilter, *, other: str | None = None, granularity: str | None = None
    ) -> dict[str, Any]:
        """Zero-filled day/week/month buckets with burst scores, of articles or events."""
        ...

    def network(self, query: Query, *, limit: int = 40, types: tuple[str, ...] = ()) -> dict[str, Any]:
        """Co-occurrence and acts-on graph of the entities of the articles ``query`` finds."""
        ...

    def places(self, query: Query) -> dict[str, Any]:
        """Places of the articles ``query`` finds, with resolved location and precision."""
        ...

    def story(self, story_id: str) -> dict[str, Any]:
        """One story's articles, shared entities, events, story-level events and timeline."""
        ...

    def top_stories(
        self, date_from: str | None = None, date_to: str | None = None, limit: int = 20
    ) -> list[dict[str, Any]]:
        """The stories with the most articles in a period."""
        ...

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of a table (``records`` yields warta/1 dicts), streaming, for export."""
        ...

    def columns(self, table: str) -> list[str]: ...

    def migrations(self) -> list[str]: ...

    def close(self) -> None: ...
