"""The SQLite backend: one file, WAL journal, FTS5 full-text index (stdlib ``sqlite3`` only).

Writes happen in explicit transactions (one per :meth:`SQLiteStore.upsert` call), so a killed
ingest loses at most the batch in flight; WAL lets the web server read while an ingest writes.
Each thread gets its own connection (the web server answers from a thread pool).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warta.errors import NotFoundError, StoreError
from warta.store.base import TABLES, EntityFilter, EventFilter, Page, Query
from warta.store.filters import date_to
from warta.store.migrations import MIGRATIONS, applied_migrations, apply_migrations
from warta.store.rows import RecordRows, record_rows
from warta.store.sqlite_search import search

__all__ = ["SQLiteStore"]

_CHILD_TABLES = ("article_entities", "article_countries", "mentions", "times", "amounts", "quotes", "events")
#: co-occurring entities are counted over an entity's newest this-many articles
COOCCURRENCE_SAMPLE = 1000
#: per connection (the web server has one per thread): memory-mapped bytes, page cache KiB
MMAP_BYTES = 256 * 1024 * 1024
CACHE_KIB = 16 * 1024
#: an article page lists at most this many other articles of its story
STORY_LIMIT = 50
_DROP_ORPHAN = (
    "DELETE FROM entities WHERE id = ? AND NOT EXISTS (SELECT 1 FROM article_entities WHERE entity_id = ?)"
)


def _insert_sql(table: str, row: dict[str, Any], conflict: str = "") -> str:
    cols = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    return f"INSERT INTO {table} ({cols}) VALUES ({marks}) {conflict}"


class SQLiteStore:
    """A warta corpus in one SQLite file."""

    def __init__(self, path: str | Path, *, readonly: bool = False, migrate: bool = True) -> None:
        self.location = str(path)
        self.readonly = readonly
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        if readonly and not Path(path).exists():
            raise StoreError(f"no such database: {path} (create it with `warta ingest`)")
        if migrate:
            conn = self._conn()
            if readonly:
                missing = [m.name for m in MIGRATIONS if m.name not in applied_migrations_ro(conn)]
                if missing:
                    raise StoreError(
                        f"{path} needs migrations {missing}: `warta serve` or `warta ingest` applies them"
                    )
            else:
                apply_migrations(conn)

    # -- connections ---------------------------------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        try:
            conn = sqlite3.connect(self.location, isolation_level=None, check_same_thread=False, timeout=30)
            conn.row_factory = sqlite3.Row
            if not self.readonly:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            # reads through a memory map and a larger page cache: fewer read() calls per search
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            if self.readonly:
                conn.execute("PRAGMA query_only = ON")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.location}: {exc}") from None
        self._local.conn = conn
        with self._lock:
            self._all.append(conn)
        return conn

    def _q(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self._conn().execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"query failed: {exc}") from None

    def _tuples(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """Like ``_q`` with plain tuples: a third cheaper on reads of thousands of rows."""
        try:
            cur = self._conn().cursor()
            cur.row_factory = None
            return cur.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"query failed: {exc}") from None

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrations(self) -> list[str]:
        return applied_migrations_ro(self._conn())

    # -- writing -------------------------------------------------------------------------------
    def upsert(self, records: Iterable[dict[str, Any]], *, input_keys: Iterable[str | None] = ()) -> int:
        """Insert or replace records by article id, all in one transaction."""
        if self.readonly:
            raise StoreError("the store is open read-only")
        prepared = [record_rows(r) for r in records]
        keys = list(input_keys) + [None] * len(prepared)
        conn = self._conn()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            conn.execute("BEGIN IMMEDIATE")
            for rows, key in zip(prepared, keys, strict=False):
                self._write(conn, rows, key, now)
            conn.execute("COMMIT")
        except BaseException as exc:  # KeyboardInterrupt too: never leave a half-written batch
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"cannot write to {self.location}: {exc}") from None
            raise
        return len(prepared)

    def _write(self, conn: sqlite3.Connection, rows: RecordRows, key: str | None, now: str) -> None:
        aid = rows.article["id"]
        old_entities = [
            r[0] for r in conn.execute("SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?", (aid,))
        ]
        for table in _CHILD_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
        art = rows.article
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in art if c != "id")
        conn.execute(
            _insert_sql("articles", art, f"ON CONFLICT(id) DO UPDATE SET {updates}"), tuple(art.values())
        )
        for ent in rows.entities:
            conn.execute(
                _insert_sql(
                    "entities",
                    ent,
                    "ON CONFLICT(id) DO UPDATE SET country = coalesce(excluded.country, entities.country), "
                    "sector = coalesce(excluded.sector, entities.sector)",
                ),
                tuple(ent.values()),
            )
        for table in _CHILD_TABLES:
            items: list[dict[str, Any]] = getattr(rows, table)
            if items:
                conn.executemany(_insert_sql(table, items[0]), [tuple(i.values()) for i in items])
        conn.execute(
            "INSERT OR REPLACE INTO records (article_id, input_key, stages, ingested, record) "
            "VALUES (?, ?, ?, ?, ?)",
            (aid, key, rows.stages, now, rows.record_json),
        )
        gone = set(old_entities) - {e["id"] for e in rows.entities}
        for eid in gone:
            conn.execute(
                _DROP_ORPHAN,
                (eid, eid),
            )

    def has_input(self, input_key: str) -> bool:
        return bool(self._q("SELECT 1 FROM records WHERE input_key = ? LIMIT 1", (input_key,)))

    def set_stories(self, stories: dict[str, str]) -> None:
        if self.readonly:
            raise StoreError("the store is open read-only")
        if not stories:
            return
        conn = self._conn()
        pairs = list(stories.items())
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("UPDATE articles SET story = ? WHERE id = ?", [(s, a) for a, s in pairs])
            conn.executemany(
                "UPDATE records SET record = json_set(record, '$.document.story', ?) WHERE article_id = ?",
                [(s, a) for a, s in pairs],
            )
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"cannot write to {self.location}: {exc}") from None
            raise

    def delete(self, article_id: str) -> None:
        if self.readonly:
            raise StoreError("the store is open read-only")
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            ents = [
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?", (article_id,)
                )
            ]
            cur = conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
            for eid in ents:
                conn.execute(
                    _DROP_ORPHAN,
                    (eid, eid),
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        if cur.rowcount == 0:
            raise NotFoundError(f"no article with id {article_id!r}")

    # -- reading -------------------------------------------------------------------------------
    def count(self, table: str = "articles") -> int:
        _check_table(table)
        return int(self._q(f"SELECT count(*) FROM {table}")[0][0])

    def columns(self, table: str) -> list[str]:
        _check_table(table)
        return [r["name"] for r in self._q(f"PRAGMA table_info({table})")]

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        _check_table(table)
        cur = self._conn().execute(f"SELECT * FROM {table} ORDER BY rowid")
        for row in cur:
            if table == "records":
                yield json.loads(row["record"])
            else:
                yield dict(row)

    def record(self, article_id: str) -> dict[str, Any]:
        rows = self._q("SELECT record FROM records WHERE article_id = ?", (article_id,))
        if not rows:
            raise NotFoundError(f"no article with id {article_id!r}")
        data: dict[str, Any] = json.loads(rows[0][0])
        return data

    def article(self, article_id: str) -> dict[str, Any]:
        """The article row, its full record, and local→corpus entity ids."""
        rows = self._q("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise NotFoundError(f"no article with id {article_id!r}")
        out = dict(rows[0])
        out["record"] = self.record(article_id)
        out["entity_ids"] = {
            r["local_id"]: r["entity_id"]
            for r in self._q(
                "SELECT DISTINCT local_id, entity_id FROM mentions WHERE article_id = ?", (article_id,)
            )
        }
        out["events"] = [
            dict(r)
            for r in self._q("SELECT * FROM events WHERE article_id = ? ORDER BY rowid", (article_id,))
        ]
        out["story_articles"] = self._story_articles(out.get("story"), article_id)
        return out

    def _story_articles(self, story: str | None, article_id: str) -> list[dict[str, Any]]:
        """The other articles of the same story, oldest first (at most ``STORY_LIMIT``)."""
        if not story:
            return []
        return [
            dict(r)
            for r in self._q(
                "SELECT id, title, outlet, date, url FROM articles WHERE story = ? AND id != ? "
                f"ORDER BY date IS NULL, date, id LIMIT {STORY_LIMIT}",
                (story, article_id),
            )
        ]

    def articles(self, query: Query) -> Page:
        """Articles matching the filters, newest first (no full text)."""
        return self.search(Query(**{**_asdict(query), "text": None}))

    def search(self, query: Query) -> Page:
        return search(self._q, query, self._tuples)

    def entities(self, flt: EntityFilter) -> Page:
        where, params = [], []
        if flt.q:
            where.append("e.name LIKE ? ESCAPE '\\'")
            params.append("%" + _like(flt.q) + "%")
        if flt.type:
            where.append("e.type = ?")
            params.append(flt.type.upper())
        if flt.country:
            where.append("e.country = ?")
            params.append(flt.country.upper())
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        total = int(self._q(f"SELECT count(*) FROM entities e{cond}", params)[0][0])
        rows = self._q(
            "SELECT e.*, (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) "
            f"AS articles "
            f"FROM entities e{cond} ORDER BY articles DESC, e.name LIMIT ? OFFSET ?",
            [*params, flt.size, (max(1, flt.page) - 1) * flt.size],
        )
        return Page(items=[dict(r) for r in rows], total=total, page=max(1, flt.page), size=flt.size)

    def entity(self, entity_id: str) -> dict[str, Any]:
        rows = self._q("SELECT * FROM entities WHERE id = ?", (entity_id,))
        if not rows:
            raise NotFoundError(f"no entity with id {entity_id!r}")
        out = dict(rows[0])
        eid = (entity_id,)
        stats = self._q(
            "SELECT coalesce(sum(mentions), 0), count(*) FROM article_entities WHERE entity_id = ?", eid
        )[0]
        out["mentions"], out["articles"] = int(stats[0]), int(stats[1])
        out["titles"] = [
            r[0]
            for r in self._q(
                "SELECT title FROM mentions WHERE entity_id = ? AND title IS NOT NULL "
                "GROUP BY title ORDER BY count(*) DESC LIMIT 5",
                eid,
            )
        ]
        out["timeline"] = [
            dict(r)
            for r in self._q(
                "SELECT substr(a.date, 1, 7) AS month, count(*) AS articles, sum(ae.mentions) AS mentions "
                "FROM article_entities ae JOIN articles a ON a.id = ae.article_id "
                "WHERE ae.entity_id = ? AND a.date IS NOT NULL GROUP BY month ORDER BY month",
                eid,
            )
        ]
        out["cooccurring"] = [
            dict(r)
            for r in self._q(
                "SELECT e.id, e.name, e.type, e.country, top.articles FROM "
                "(SELECT b.entity_id, count(*) AS articles FROM "
                f"(SELECT ae.article_id FROM article_entities ae JOIN articles x ON x.id = ae.article_id "
                f"WHERE ae.entity_id = ?1 ORDER BY x.date DESC LIMIT {COOCCURRENCE_SAMPLE}) AS a "
                "JOIN article_entities b ON b.article_id = a.article_id AND b.entity_id != ?1 "
                "GROUP BY b.entity_id ORDER BY articles DESC LIMIT 20) AS top "
                "JOIN entities e ON e.id = top.entity_id ORDER BY top.articles DESC, e.name",
                eid,
            )
        ]
        out["quotes"] = [
            dict(r)
            for r in self._q(
                "SELECT q.*, a.title AS article_title, a.date AS article_date FROM quotes q "
                "JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = ? "
                "ORDER BY a.date DESC, q.article_id, q.idx LIMIT 100",
                eid,
            )
        ]
        out["events"] = [
            dict(r)
            for r in self._q(
                "SELECT v.*, a.title AS article_title, a.date AS article_date FROM events v "
                "JOIN articles a ON a.id = v.article_id WHERE v.source_id = ? OR v.target_id = ? "
                "ORDER BY a.date DESC, v.article_id, v.local_id LIMIT 200",
                (entity_id, entity_id),
            )
        ]
        out["recent_articles"] = [
            dict(r)
            for r in self._q(
                "SELECT a.id, a.title, a.date, a.outlet, ae.mentions FROM article_entities ae "
                "JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ? "
                "ORDER BY a.date DESC LIMIT 20",
                eid,
            )
        ]
        return out

    def events(self, flt: EventFilter) -> Page:
        where, params = [], []
        if flt.type:
            where.append("v.type = ?")
            params.append(flt.type.upper())
        if flt.entity:
            ids = self._entity_ids(flt.entity)
            marks = ",".join("?" * len(ids)) or "NULL"
            where.append(f"(v.source_id IN ({marks}) OR v.target_id IN ({marks}))")
            params.extend([*ids, *ids])
        if flt.country:
            where.append("(v.source_country = ? OR v.target_country = ?)")
            params.extend([flt.country.upper()] * 2)
        if flt.date_from:
            where.append("a.date >= ?")
            params.append(flt.date_from)
        if flt.date_to:
            where.append("a.date <= ?")
            params.append(date_to(flt.date_to))
        if flt.article_id:
            where.append("v.article_id = ?")
            params.append(flt.article_id)
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        base = f"FROM events v JOIN articles a ON a.id = v.article_id{cond}"
        total = int(self._q(f"SELECT count(*) {base}", params)[0][0])
        limit = "" if flt.size <= 0 else " LIMIT ? OFFSET ?"
        extra = [] if flt.size <= 0 else [flt.size, (max(1, flt.page) - 1) * flt.size]
        rows = self._q(
            f"SELECT v.*, a.title AS article_title, a.date AS article_date, a.outlet AS outlet {base} "
            f"ORDER BY a.date DESC, v.article_id, v.local_id{limit}",
            params + extra,
        )
        facets = {
            "months": [
                dict(r)
                for r in self._q(
                    f"SELECT substr(a.date, 1, 7) AS value, count(*) AS count {base} "
                    f"{'AND' if where else 'WHERE'} a.date IS NOT NULL GROUP BY value ORDER BY value",
                    params,
                )
            ],
            "types": [
                dict(r)
                for r in self._q(
                    f"SELECT v.type AS value, count(*) AS count {base} GROUP BY v.type ORDER BY 2 DESC",
                    params,
                )
            ],
        }
        return Page(
            items=[dict(r) for r in rows], total=total, page=max(1, flt.page), size=flt.size, facets=facets
        )

    def _entity_ids(self, value: str) -> list[str]:
        return [
            r[0]
            for r in self._q(
                "SELECT id FROM entities WHERE id = ? OR name = ? COLLATE NOCASE", (value, value)
            )
        ]


def applied_migrations_ro(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
    ).fetchone()
    if not exists:
        return []
    return applied_migrations(conn)


def _check_table(table: str) -> None:
    if table not in TABLES:
        raise StoreError(f"unknown table {table!r} (tables: {', '.join(TABLES)})")


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _asdict(query: Query) -> dict[str, Any]:
    return {name: getattr(query, name) for name in Query.__dataclass_fields__}
