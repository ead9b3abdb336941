"""The SQL store core: every :class:`~warta.store.base.Store` method, written once.

A backend subclass supplies only what differs (:mod:`warta.store.sqlite`,
:mod:`warta.store.postgres`): its :class:`~warta.store.dialect.Dialect`, a per-thread reader
(``_reader``), exclusive write transactions (``_transaction``), a streaming cursor for exports
(``_stream``) and its full-text index (``index``). Reads answer plain dicts; docs/store.md lists
what each method returns.
"""

from __future__ import annotations

import copy
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from warta.errors import NotFoundError, StoreError
from warta.model import normalise_name
from warta.store import aliases, saved, writer
from warta.store.base import (
    ENTITY_SORTS,
    EVENT_SORTS,
    STORY_EVENT_SORTS,
    TABLES,
    EntityFilter,
    EventFilter,
    Page,
    Query,
)
from warta.store.dialect import Dialect, Tx
from warta.store.filters import event_filters
from warta.store.fulltext import FullText
from warta.store.migrations import applied_migrations, apply_migrations, pending
from warta.store.rows import record_rows
from warta.store.schema import columns
from warta.store.search import search
from warta.store.sorting import parse_sort

__all__ = ["STORY_LIMIT", "SQLStore"]

#: an article page lists at most this many other articles of its story
STORY_LIMIT = 50
#: aggregate answers (event counts and facets, entity pages) kept per process, keyed by the
#: database's write generation (see :meth:`SQLStore._generation`): a write anywhere drops them
MEMO_SIZE = 512
_UNSAFE = re.compile("[\x00\ud800-\udfff]")  # NUL and lone surrogates: no database takes them
#: export order: articles in insertion order, then each row's natural key
_ORDER = {
    "articles": "",
    "records": "",
    "entities": "t.id",
    "mentions": 't.start, t."end", t.local_id',
    "times": "t.idx",
    "amounts": "t.idx",
    "quotes": "t.idx",
    "events": "t.num, t.local_id",
    "story_events": "t.id",
}
#: a condition of :func:`~warta.store.filters.event_filters` that reads the articles (``a.date``)
_READS_ARTICLES = re.compile(r"\ba\.")
_EVENT_ROW = "v.*, a.title AS article_title, a.date AS article_date, a.outlet AS outlet"
#: sort field → column, per listing (docs/store.md; the fields are base.*_SORTS)
_ENTITY_ORDER = {"articles": "articles", "name": "e.name", "type": "e.type", "country": "e.country"}
_EVENT_ORDER = {
    "date": "a.date",
    "event_date": "v.date",
    "type": "v.type",
    "status": "v.status",
    "mentions": "v.mentions",
}
_STORY_EVENT_ORDER = {
    "date": "coalesce(v.date, v.first_date)",
    "type": "v.type",
    "articles": "v.articles",
    "mentions": "v.mentions",
}


def _order(column: str, descending: bool, then: str) -> str:
    return f"{column} {'DESC' if descending else 'ASC'} NULLS LAST, {then}"


#: the actors' entity names (a pronoun actor, "dia", shows as the entity it stands for)
ACTOR_NAMES = (
    "LEFT JOIN entities se ON se.id = v.source_id LEFT JOIN entities te ON te.id = v.target_id",
    "se.name AS source_name, te.name AS target_name",
)


def _clean(value: Any) -> Any:
    return _UNSAFE.sub("", value) if isinstance(value, str) else value


def _cleaned(obj: Any) -> Any:
    """A copy of a filter dataclass with NUL and lone surrogates removed from its strings."""
    fields = {name: _clean(getattr(obj, name)) for name in type(obj).__dataclass_fields__}
    return type(obj)(**fields)


def _check_table(table: str) -> None:
    if table not in TABLES:
        raise StoreError(f"unknown table {table!r} (tables: {', '.join(TABLES)})")


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _limit(page: int, size: int) -> tuple[str, list[int]]:
    """`` LIMIT ? OFFSET ?`` and its values; ``size <= 0`` means every row."""
    if size <= 0:
        return "", []
    return " LIMIT ? OFFSET ?", [size, (max(1, page) - 1) * size]


class SQLStore:
    """The store over one SQL database; subclasses connect it (see the module docstring)."""

    location: str
    readonly: bool
    dialect: Dialect
    index: FullText
    _local: threading.local
    _all: list[Any]
    _lock: threading.Lock

    # -- supplied by a backend -----------------------------------------------------------------
    def _connect(self) -> Any:  # pragma: no cover - abstract
        """A new driver connection, set up for this store."""
        raise NotImplementedError

    def _reader(self) -> Tx:  # pragma: no cover - abstract
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[Tx]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _stream(self, sql: str) -> Iterator[dict[str, Any]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _generation(self) -> Any:  # pragma: no cover - abstract
        """A value that changes whenever anyone commits a write to the database (as seen by
        this thread's connection)."""
        raise NotImplementedError

    # -- memo of aggregate answers ---------------------------------------------------------------
    def _memo(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """``compute()``, or its answer from an earlier call with the same ``key`` when nothing
        was written since (the key includes the write generation)."""
        full = (self._generation(), *key)
        with self._lock:
            if full in self._memos:
                self._memos.move_to_end(full)
                return self._memos[full]
        value = compute()
        with self._lock:
            self._memos[full] = value
            while len(self._memos) > MEMO_SIZE:
                self._memos.popitem(last=False)
        return value

    # -- connections: one per thread (the web server answers from a thread pool) ----------------
    def _conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is not None and not getattr(conn, "closed", False):
            return conn
        conn = self._connect()
        self._local.conn = conn
        with self._lock:
            self._all.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    # -- opening -------------------------------------------------------------------------------
    def _open(self, migrate: bool) -> None:
        """Migrate (or, read-only, check that nothing is pending)."""
        self._local = threading.local()
        self._all = []
        self._lock = threading.Lock()
        self._memos: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        if not migrate:
            return
        if self.readonly:
            missing = pending(self._reader())
            if missing:
                raise StoreError(
                    f"{self._shown()} needs migrations {missing}: `warta ingest` (or opening it for "
                    "writing) applies them"
                )
        else:
            apply_migrations(self)

    def _shown(self) -> str:
        from warta.store import shown

        return shown(self.location)

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrations(self) -> list[str]:
        return applied_migrations(self._reader())

    # -- writing -------------------------------------------------------------------------------
    def _writable(self) -> None:
        if self.readonly:
            raise StoreError("the store is open read-only")

    def upsert(self, records: Iterable[dict[str, Any]], *, input_keys: Iterable[str | None] = ()) -> int:
        """Insert or replace records by article id, all in ONE transaction; returns the count."""
        self._writable()
        prepared = [record_rows(r) for r in records]
        keys = list(input_keys) + [None] * len(prepared)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction() as tx:
            writer.upsert_rows(tx, list(zip(prepared, keys, strict=False)), now)
        return len(prepared)

    def has_input(self, input_key: str) -> bool:
        return bool(self._reader().tuples("SELECT 1 FROM records WHERE input_key = ? LIMIT 1", [input_key]))

    def set_stories(self, stories: dict[str, str]) -> None:
        self._writable()
        if stories:
            with self._transaction() as tx:
                writer.set_stories(tx, stories)

    def delete(self, article_id: str) -> None:
        self._writable()
        with self._transaction() as tx:
            found = writer.delete_article(tx, article_id)
        if not found:
            raise NotFoundError(f"no article with id {article_id!r}")

    # -- tables ----------------------------------------------------------------------------------
    def count(self, table: str = "articles") -> int:
        _check_table(table)
        return int(self._reader().tuples(f"SELECT count(*) FROM {table}")[0][0])

    def columns(self, table: str) -> list[str]:
        _check_table(table)
        return columns(table, self.dialect)

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of ``table`` (``records``: warta/1 dicts), streaming, the same order in every
        backend: articles as stored, then each row's natural key (events by their number)."""
        _check_table(table)
        cols = ", ".join(f't."{c}"' for c in columns(table, self.dialect))
        seq = self.dialect.seq
        if table == "articles":
            sql = f"SELECT {cols} FROM articles t ORDER BY t.{seq}"
        elif table in ("entities", "story_events"):
            sql = f"SELECT {cols} FROM {table} t ORDER BY {_ORDER[table]}"
        else:
            natural = f", {_ORDER[table]}" if _ORDER[table] else ""
            join = "JOIN articles a ON a.id = t.article_id"
            sql = f"SELECT {cols} FROM {table} t {join} ORDER BY a.{seq}{natural}"
        for row in self._stream(sql):
            yield json.loads(row["record"]) if table == "records" else row

    # -- articles --------------------------------------------------------------------------------
    def record(self, article_id: str) -> dict[str, Any]:
        """The full warta/1 record; NotFoundError when absent."""
        found = self._reader().tuples("SELECT record FROM records WHERE article_id = ?", [_clean(article_id)])
        if not found:
            raise NotFoundError(f"no article with id {article_id!r}")
        data: dict[str, Any] = json.loads(found[0][0])
        return data

    def article(self, article_id: str) -> dict[str, Any]:
        """The article row, its record, local→corpus entity ids, its events (by number) and the
        other articles of its story."""
        tx = self._reader()
        cols = ", ".join(f'"{c}"' for c in columns("articles", self.dialect))
        found = tx.q(f"SELECT {cols} FROM articles WHERE id = ?", [_clean(article_id)])
        if not found:
            raise NotFoundError(f"no article with id {article_id!r}")
        out = found[0]
        out["record"] = self.record(article_id)
        out["entity_ids"] = dict(
            tx.tuples("SELECT DISTINCT local_id, entity_id FROM mentions WHERE article_id = ?", [article_id])
        )
        join, names = ACTOR_NAMES
        out["events"] = tx.q(
            f"SELECT v.*, {names} FROM events v {join} WHERE v.article_id = ? ORDER BY v.num, v.local_id",
            [article_id],
        )
        out["story_articles"] = (
            tx.q(
                "SELECT id, title, outlet, date, url FROM articles WHERE story = ? AND id != ? "
                f"ORDER BY date IS NULL, date, id LIMIT {STORY_LIMIT}",
                [out["story"], article_id],
            )
            if out.get("story")
            else []
        )
        return out

    def articles(self, query: Query) -> Page:
        """Articles matching the filters, newest first (no full text)."""
        fields = {name: getattr(query, name) for name in Query.__dataclass_fields__}
        return self.search(Query(**{**fields, "text": None}))

    def search(self, query: Query) -> Page:
        """Full-text search + filters (see :mod:`warta.store.search`)."""
        tx = self._reader()
        return search(tx, _cleaned(query), self.index, lambda v: aliases.resolve(tx, v))

    def resolve(self, value: str) -> list[str]:
        """The entity ids an id, key, pre-key id or name means (most mentioned first)."""
        return aliases.resolve(self._reader(), _clean(value))

    # -- entities ------------------------------------------------------------------------------
    def entities(self, flt: EntityFilter) -> Page:
        """Entities (one per key), most-mentioned first; ``q`` matches any name or alias."""
        flt = _cleaned(flt)
        d = self.dialect
        where: list[str] = []
        params: list[Any] = []
        if flt.q:
            norm = normalise_name(flt.q)
            aliased = (
                " OR e.id IN (SELECT entity_id FROM aliases WHERE norm LIKE ? ESCAPE '\\')" if norm else ""
            )
            where.append(f"(e.name {d.ilike} ? ESCAPE '\\'{aliased})")
            params += ["%" + _like(flt.q) + "%", *(["%" + _like(norm) + "%"] if norm else [])]
        for column, value in (("type", flt.type), ("country", flt.country)):
            if value:
                where.append(f"e.{column} = ?")
                params.append(value.upper())
        if flt.key:
            where.append("e.key = ?")
            params.append(flt.key)
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        field, desc = parse_sort(flt.sort, ENTITY_SORTS, "-articles")
        order = _order(_ENTITY_ORDER[field], desc, "e.name, e.id")
        tx = self._reader()
        total = int(tx.tuples(f"SELECT count(*) FROM entities e{cond}", params)[0][0])
        limit, extra = _limit(flt.page, flt.size)
        rows = tx.q(
            "SELECT e.id, e.key, e.name, e.type, e.country, e.sector, "
            "(SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) AS articles "
            f"FROM entities e{cond} ORDER BY {order}{limit}",
            [*params, *extra],
        )
        return Page(items=rows, total=total, page=max(1, flt.page), size=flt.size)

    def entity(self, entity_id: str) -> dict[str, Any]:
        """One entity by id, key, pre-key id or name (see docs/store.md for the fields)."""
        from warta.store.entity_page import entity_page

        ids = self.resolve(entity_id)
        if not ids:
            raise NotFoundError(f"no entity with id {entity_id!r}")
        page: dict[str, Any] = self._memo(("entity", ids[0]), lambda: entity_page(self._reader(), ids[0]))
        return copy.deepcopy(page)

    # -- events --------------------------------------------------------------------------------
    def events(self, flt: EventFilter) -> Page:
        """Event rows (as each article tells them), newest article first, then by number;
        ``facets``: ``months``, ``types``, ``statuses``."""
        field, desc = parse_sort(flt.sort, EVENT_SORTS, "-date")
        order = _order(_EVENT_ORDER[field], desc, "v.article_id, v.num")
        return self._events(_cleaned(flt), "events", "v.article_id", order)

    def story_events(self, flt: EventFilter) -> Page:
        """Acts across the articles of one story, one row each (``articles``, ``events``,
        ``mentions`` count their sources), newest first; same filters and facets as events."""
        field, desc = parse_sort(flt.sort, STORY_EVENT_SORTS, "-date")
        order = _order(_STORY_EVENT_ORDER[field], desc, "v.id")
        return self._events(_cleaned(flt), "story_events", "v.article_id", order)

    def _events(self, flt: EventFilter, table: str, article: str, order: str) -> Page:
        tx = self._reader()
        where, params = event_filters(flt, self.dialect, lambda v: aliases.resolve(tx, v))
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        base = f"FROM {table} v JOIN articles a ON a.id = {article}{cond}"
        # counts by type and status need the articles only when a condition reads them
        own = base if any(_READS_ARTICLES.search(w) for w in where) else f"FROM {table} v{cond}"
        limit, extra = _limit(flt.page, flt.size)
        join, names = ACTOR_NAMES
        rows = tx.q(
            f"SELECT {_EVENT_ROW}, {names} FROM {table} v JOIN articles a ON a.id = {article} {join}{cond} "
            f"ORDER BY {order}{limit}",
            [*params, *extra],
        )
        more = "AND" if where else "WHERE"

        def aggregates() -> tuple[int, dict[str, list[tuple[Any, ...]]]]:
            total = int(tx.tuples(f"SELECT count(*) {own}", params)[0][0])
            facets = {
                "months": tx.tuples(
                    f"SELECT substr(a.date, 1, 7), count(*) {base} {more} a.date IS NOT NULL "
                    "GROUP BY 1 ORDER BY 1",
                    params,
                ),
                "types": tx.tuples(
                    f"SELECT v.type, count(*) {own} GROUP BY v.type ORDER BY 2 DESC, 1", params
                ),
                "statuses": tx.tuples(
                    f"SELECT v.status, count(*) {own} {more} v.status IS NOT NULL "
                    "GROUP BY v.status ORDER BY 2 DESC, 1",
                    params,
                ),
            }
            return total, facets

        total, facets = self._memo((table, base, repr(params)), aggregates)
        return Page(
            items=rows,
            total=total,
            page=max(1, flt.page),
            size=flt.size,
            facets={k: [{"value": v, "count": int(c)} for v, c in rs] for k, rs in facets.items()},
        )

    def story_event(self, story_event_id: str) -> dict[str, Any]:
        """One act and its ``sources``: every event that reports it, with its article."""
        tx = self._reader()
        found = tx.q("SELECT * FROM story_events WHERE id = ?", [_clean(story_event_id)])
        if not found:
            raise NotFoundError(f"no story event with id {story_event_id!r}")
        out = found[0]
        out["sources"] = tx.q(
            f"SELECT {_EVENT_ROW}, a.url AS url FROM events v JOIN articles a ON a.id = v.article_id "
            "WHERE v.story_event = ? ORDER BY a.date IS NULL, a.date, v.article_id, v.num",
            [story_event_id],
        )
        return out

    # -- saved searches (alerts) -----------------------------------------------------------------
    def save_search(
        self, name: str, q: str | None = None, filters: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """A new saved search; its mark starts at the newest stored article (docs/store.md)."""
        self._writable()
        with self._transaction() as tx:
            return saved.create(
                tx, _clean(name), _clean(q), {k: _clean(v) for k, v in (filters or {}).items()}
            )

    def saved_searches(self) -> list[dict[str, Any]]:
        return saved.listed(self._reader())

    def saved_search(self, search_id: str) -> dict[str, Any]:
        return saved.get(self._reader(), _clean(search_id))

    def delete_saved_search(self, search_id: str) -> None:
        self._writable()
        with self._transaction() as tx:
            saved.delete(tx, _clean(search_id))

    def new_matches(self, search_id: str, *, advance: bool = False, size: int = 100) -> dict[str, Any]:
        """Matches stored after the mark (at most ``size`` shown, ``total`` counts all);
        ``advance`` moves the mark to the newest article seen, in the same transaction."""
        if not advance:
            return saved.new_matches(self._reader(), _clean(search_id), self.index, size)
        self._writable()
        with self._transaction() as tx:
            return saved.new_matches(tx, _clean(search_id), self.index, size, advance=True)

    def saved_search_latest(self, search_id: str, size: int = 50) -> dict[str, Any]:
        return saved.latest(self._reader(), _clean(search_id), self.index, size)

    # -- the analyst's workbench (warta.store.workbench) ------------------------------------------
    def timeline(
        self, subject: Query | EventFilter, *, other: str | None = None, granularity: str | None = None
    ) -> dict[str, Any]:
        """Zero-filled day/week/month counts with burst scores (:mod:`warta.store.timeline`):
        of the articles a :class:`Query` finds, or of the events an :class:`EventFilter` selects
        (``other``: only those between its ``entity`` and this actor, either way round)."""
        from warta.store import workbench as wb
        from warta.store.timeline import timeline

        tx = self._reader()
        resolve = lambda v: aliases.resolve(tx, v)  # noqa: E731
        if isinstance(subject, Query):
            cond, params = wb.article_scope(tx, _cleaned(subject), self.index, resolve, limit=None)
            days = wb.article_days(tx, cond, params)
        else:
            days = wb.event_days(tx, _cleaned(subject), resolve, _clean(other))
        return timeline(days, granularity, subject.date_from, subject.date_to)

    def network(self, query: Query, *, limit: int = 40, types: tuple[str, ...] = ()) -> dict[str, Any]:
        """Entities of the articles ``query`` finds: ``nodes`` (the ``limit`` most-mentioned, plus
        every actor of an event among them) and ``edges`` (``co``: articles naming both; ``acts``:
        events from source to target, one edge per type), see :func:`warta.store.workbench.network`."""
        from warta.store import workbench as wb

        tx = self._reader()
        cond, params = wb.article_scope(tx, _cleaned(query), self.index, lambda v: aliases.resolve(tx, v))
        return wb.network(tx, cond, params, limit, tuple(t.upper() for t in types))

    def places(self, query: Query) -> dict[str, Any]:
        """Places of the articles ``query`` finds, with their resolved location (``geo``:
        precision country/province/regency/city/point, Kemendagri codes, coordinates), article and
        event counts, and the events located at one of them."""
        from warta.store import workbench as wb

        tx = self._reader()
        cond, params = wb.article_scope(tx, _cleaned(query), self.index, lambda v: aliases.resolve(tx, v))
        return wb.places(tx, cond, params)

    def story(self, story_id: str) -> dict[str, Any]:
        """One story: ``articles``, ``outlets``, shared ``entities``, its ``story_events`` (acts
        across its articles), ``events`` (as each article tells them) and a ``timeline``."""
        from warta.store import workbench as wb
        from warta.store.timeline import timeline

        tx = self._reader()
        out = wb.story(tx, _clean(story_id))
        if out is None:
            raise NotFoundError(f"no story with id {story_id!r}")
        out["story_events"] = self.story_events(EventFilter(story=story_id, size=0)).items
        out["events"] = self.events(EventFilter(story=story_id, size=0)).items
        out["timeline"] = timeline(wb.article_days(tx, "a.story = ?", [story_id]))
        return out

    def top_stories(
        self, date_from: str | None = None, date_to: str | None = None, limit: int = 20
    ) -> list[dict[str, Any]]:
        """The stories with the most articles dated in the period (then most outlets, newest)."""
        from warta.store import workbench as wb

        return wb.top_stories(self._reader(), _clean(date_from), _clean(date_to), limit)
