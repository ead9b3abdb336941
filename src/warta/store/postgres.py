"""The PostgreSQL backend (``pip install 'warta[postgres]'``, psycopg 3): ``--db postgresql://…``.

The same :class:`~warta.store.base.Store` behaviour and the same tables as :mod:`warta.store.sqlite`
(rows come from the backend-independent :func:`~warta.store.rows.record_rows`). One transaction
per :meth:`PostgresStore.upsert` (``INSERT … ON CONFLICT DO UPDATE``); one connection per thread;
named migrations in ``_migrations`` (:mod:`warta.store.postgres_schema`); full text with a
generated ``tsvector`` and a GIN index (:mod:`warta.store.postgres_search`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from warta.errors import MissingDependencyError, NotFoundError, StoreError
from warta.store.base import TABLES, EntityFilter, EventFilter, Page, Query
from warta.store.filters import date_to
from warta.store.postgres_schema import HIDDEN_COLUMNS, PG_MIGRATIONS, apply_pg_migrations, pg_applied
from warta.store.postgres_search import pg_search
from warta.store.rows import RecordRows, record_rows
from warta.store.sqlite import COOCCURRENCE_SAMPLE, STORY_LIMIT

try:
    import psycopg
    from psycopg.rows import dict_row
except ImportError:  # pragma: no cover - the extra is not installed
    psycopg = None  # type: ignore[assignment]

__all__ = ["PostgresStore"]

_CHILD_TABLES = ("article_entities", "article_countries", "mentions", "times", "amounts", "quotes", "events")
_ENTITY_CONFLICT = (
    "ON CONFLICT (id) DO UPDATE SET country = coalesce(EXCLUDED.country, entities.country), "
    "sector = coalesce(EXCLUDED.sector, entities.sector)"
)
_DROP_ORPHAN = (
    "DELETE FROM entities WHERE id = %s AND NOT EXISTS (SELECT 1 FROM article_entities WHERE entity_id = %s)"
)
#: export order: insertion order of articles (SQLite's rowid), then each row's natural key
_ORDER = {
    "articles": "ORDER BY t.seq",
    "records": "ORDER BY a.seq",
    "entities": "ORDER BY t.id",
    "mentions": "ORDER BY a.seq, t.start, t.local_id",
    "times": "ORDER BY a.seq, t.idx",
    "amounts": "ORDER BY a.seq, t.idx",
    "quotes": "ORDER BY a.seq, t.idx",
    "events": "ORDER BY a.seq, t.local_id",
}


def _insert_sql(table: str, row: dict[str, Any], conflict: str = "") -> str:
    cols = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("%s" for _ in row)
    return f"INSERT INTO {table} ({cols}) VALUES ({marks}) {conflict}"


def _check_table(table: str) -> None:
    if table not in TABLES:
        raise StoreError(f"unknown table {table!r} (tables: {', '.join(TABLES)})")


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class PostgresStore:
    """A warta corpus in a PostgreSQL database (its current schema)."""

    def __init__(self, dsn: str, *, readonly: bool = False, migrate: bool = True) -> None:
        if psycopg is None:
            raise MissingDependencyError("psycopg", "postgres")
        self.location = dsn
        self.readonly = readonly
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()
        if migrate:
            conn = self._conn()
            if readonly:
                missing = [m.name for m in PG_MIGRATIONS if m.name not in pg_applied(conn)]
                if missing:
                    raise StoreError(f"the database needs migrations {missing}: `warta ingest` applies them")
            else:
                apply_pg_migrations(conn)

    # -- connections ---------------------------------------------------------------------------
    def _conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is not None and not conn.closed:
            return conn
        try:
            conn = psycopg.connect(self.location, autocommit=True, row_factory=dict_row)
            if self.readonly:
                conn.execute("SET default_transaction_read_only = on")
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {_first_line(exc)}") from None
        self._local.conn = conn
        with self._lock:
            self._all.append(conn)
        return conn

    def _q(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        args = params if isinstance(params, dict) else tuple(params)
        try:
            rows: list[dict[str, Any]] = self._conn().execute(sql, args).fetchall()
            return rows
        except psycopg.Error as exc:
            raise StoreError(f"query failed: {_first_line(exc)}") from None

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def migrations(self) -> list[str]:
        return pg_applied(self._conn())

    # -- writing -------------------------------------------------------------------------------
    def _writable(self) -> Any:
        if self.readonly:
            raise StoreError("the store is open read-only")
        return self._conn()

    def upsert(self, records: Iterable[dict[str, Any]], *, input_keys: Iterable[str | None] = ()) -> int:
        conn = self._writable()
        prepared = [record_rows(r) for r in records]
        keys = list(input_keys) + [None] * len(prepared)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with conn.transaction():
                for rows, key in zip(prepared, keys, strict=False):
                    self._write(conn, rows, key, now)
        except psycopg.Error as exc:
            raise StoreError(f"cannot write to PostgreSQL: {_first_line(exc)}") from None
        return len(prepared)

    def _write(self, conn: Any, rows: RecordRows, key: str | None, now: str) -> None:
        aid = rows.article["id"]
        old = [
            r["entity_id"]
            for r in conn.execute("SELECT DISTINCT entity_id FROM mentions WHERE article_id = %s", (aid,))
        ]
        for table in _CHILD_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE article_id = %s", (aid,))
        art = rows.article
        updates = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in art if c != "id")
        conn.execute(
            _insert_sql("articles", art, f"ON CONFLICT (id) DO UPDATE SET {updates}"), tuple(art.values())
        )
        with conn.cursor() as cur:
            if rows.entities:  # one pipelined round of statements, not one round trip per entity
                cur.executemany(
                    _insert_sql("entities", rows.entities[0], _ENTITY_CONFLICT),
                    [tuple(e.values()) for e in rows.entities],
                )
            for table in _CHILD_TABLES:
                items: list[dict[str, Any]] = getattr(rows, table)
                if items:
                    cur.executemany(_insert_sql(table, items[0]), [tuple(i.values()) for i in items])
            cur.execute(
                "INSERT INTO records (article_id, input_key, stages, ingested, record) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (article_id) DO UPDATE SET "
                "input_key = EXCLUDED.input_key, stages = EXCLUDED.stages, ingested = EXCLUDED.ingested, "
                "record = EXCLUDED.record",
                (aid, key, rows.stages, now, rows.record_json),
            )
            for eid in set(old) - {e["id"] for e in rows.entities}:
                cur.execute(_DROP_ORPHAN, (eid, eid))

    def has_input(self, input_key: str) -> bool:
        return bool(self._q("SELECT 1 FROM records WHERE input_key = %s LIMIT 1", (input_key,)))

    def set_stories(self, stories: dict[str, str]) -> None:
        conn = self._writable()
        if not stories:
            return
        try:
            with conn.transaction():
                for aid, story in stories.items():
                    conn.execute("UPDATE articles SET story = %s WHERE id = %s", (story, aid))
                    row = conn.execute(
                        "SELECT record FROM records WHERE article_id = %s FOR UPDATE", (aid,)
                    ).fetchone()
                    if row is None:
                        continue
                    record = json.loads(row["record"])
                    record.setdefault("document", {})["story"] = story
                    conn.execute(
                        "UPDATE records SET record = %s WHERE article_id = %s",
                        (json.dumps(record, ensure_ascii=False), aid),
                    )
        except psycopg.Error as exc:
            raise StoreError(f"cannot write to PostgreSQL: {_first_line(exc)}") from None

    def delete(self, article_id: str) -> None:
        conn = self._writable()
        try:
            with conn.transaction():
                ents = [
                    r["entity_id"]
                    for r in conn.execute(
                        "SELECT DISTINCT entity_id FROM mentions WHERE article_id = %s", (article_id,)
                    )
                ]
                cur = conn.execute("DELETE FROM articles WHERE id = %s", (article_id,))
                for eid in ents:
                    conn.execute(_DROP_ORPHAN, (eid, eid))
        except psycopg.Error as exc:
            raise StoreError(f"cannot write to PostgreSQL: {_first_line(exc)}") from None
        if cur.rowcount == 0:
            raise NotFoundError(f"no article with id {article_id!r}")

    # -- reading -------------------------------------------------------------------------------
    def count(self, table: str = "articles") -> int:
        _check_table(table)
        return int(self._q(f"SELECT count(*) AS n FROM {table}")[0]["n"])

    def columns(self, table: str) -> list[str]:
        _check_table(table)
        rows = self._q(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = %s ORDER BY ordinal_position",
            (table,),
        )
        return [r["column_name"] for r in rows if r["column_name"] not in HIDDEN_COLUMNS]

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        _check_table(table)
        cols = ", ".join(f't."{c}"' for c in self.columns(table))
        join = "" if table in ("articles", "entities") else " JOIN articles a ON a.id = t.article_id"
        sql = f"SELECT {cols} FROM {table} t{join} {_ORDER[table]}"
        conn = psycopg.connect(self.location, row_factory=dict_row)  # its own transaction: streaming
        try:
            with conn.transaction(), conn.cursor(name="warta_rows") as cur:
                cur.execute(sql)
                for row in cur:
                    yield json.loads(row["record"]) if table == "records" else dict(row)
        finally:
            conn.close()

    def record(self, article_id: str) -> dict[str, Any]:
        rows = self._q("SELECT record FROM records WHERE article_id = %s", (article_id,))
        if not rows:
            raise NotFoundError(f"no article with id {article_id!r}")
        data: dict[str, Any] = json.loads(rows[0]["record"])
        return data

    def article(self, article_id: str) -> dict[str, Any]:
        cols = ", ".join(f'"{c}"' for c in self.columns("articles"))
        rows = self._q(f"SELECT {cols} FROM articles WHERE id = %s", (article_id,))
        if not rows:
            raise NotFoundError(f"no article with id {article_id!r}")
        out = dict(rows[0])
        out["record"] = self.record(article_id)
        out["entity_ids"] = {
            r["local_id"]: r["entity_id"]
            for r in self._q(
                "SELECT DISTINCT local_id, entity_id FROM mentions WHERE article_id = %s", (article_id,)
            )
        }
        out["events"] = self._q("SELECT * FROM events WHERE article_id = %s ORDER BY local_id", (article_id,))
        out["story_articles"] = (
            self._q(
                "SELECT id, title, outlet, date, url FROM articles WHERE story = %s AND id != %s "
                f"ORDER BY date IS NULL, date, id LIMIT {STORY_LIMIT}",
                (out["story"], article_id),
            )
            if out.get("story")
            else []
        )
        return out

    def articles(self, query: Query) -> Page:
        fields = {name: getattr(query, name) for name in Query.__dataclass_fields__}
        return self.search(Query(**{**fields, "text": None}))

    def search(self, query: Query) -> Page:
        return pg_search(self._q, query)

    def entities(self, flt: EntityFilter) -> Page:
        where, params = [], []
        if flt.q:
            where.append("e.name ILIKE %s ESCAPE '\\'")
            params.append("%" + _like(flt.q) + "%")
        if flt.type:
            where.append("e.type = %s")
            params.append(flt.type.upper())
        if flt.country:
            where.append("e.country = %s")
            params.append(flt.country.upper())
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        total = int(self._q(f"SELECT count(*) AS n FROM entities e{cond}", params)[0]["n"])
        rows = self._q(
            "SELECT e.*, (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) AS articles "
            f"FROM entities e{cond} ORDER BY articles DESC, e.name LIMIT %s OFFSET %s",
            [*params, flt.size, (max(1, flt.page) - 1) * flt.size],
        )
        return Page(items=rows, total=total, page=max(1, flt.page), size=flt.size)

    def entity(self, entity_id: str) -> dict[str, Any]:
        rows = self._q("SELECT * FROM entities WHERE id = %s", (entity_id,))
        if not rows:
            raise NotFoundError(f"no entity with id {entity_id!r}")
        out = dict(rows[0])
        eid = {"eid": entity_id}
        stats = self._q(
            "SELECT coalesce(sum(mentions), 0) AS m, count(*) AS n FROM article_entities "
            "WHERE entity_id = %(eid)s",
            eid,
        )[0]
        out["mentions"], out["articles"] = int(stats["m"]), int(stats["n"])
        out["titles"] = [
            r["title"]
            for r in self._q(
                "SELECT title FROM mentions WHERE entity_id = %(eid)s AND title IS NOT NULL "
                "GROUP BY title ORDER BY count(*) DESC LIMIT 5",
                eid,
            )
        ]
        out["timeline"] = [
            {"month": r["month"], "articles": int(r["articles"]), "mentions": int(r["mentions"])}
            for r in self._q(
                "SELECT substr(a.date, 1, 7) AS month, count(*) AS articles, sum(ae.mentions) AS mentions "
                "FROM article_entities ae JOIN articles a ON a.id = ae.article_id "
                "WHERE ae.entity_id = %(eid)s AND a.date IS NOT NULL GROUP BY 1 ORDER BY 1",
                eid,
            )
        ]
        out["cooccurring"] = [
            {**r, "articles": int(r["articles"])}
            for r in self._q(
                "SELECT e.id, e.name, e.type, e.country, top.articles FROM "
                "(SELECT b.entity_id, count(*) AS articles FROM "
                "(SELECT ae.article_id FROM article_entities ae JOIN articles x ON x.id = ae.article_id "
                "WHERE ae.entity_id = %(eid)s ORDER BY x.date DESC NULLS LAST "
                f"LIMIT {COOCCURRENCE_SAMPLE}) AS a "
                "JOIN article_entities b ON b.article_id = a.article_id AND b.entity_id != %(eid)s "
                "GROUP BY b.entity_id ORDER BY articles DESC, b.entity_id LIMIT 20) AS top "
                "JOIN entities e ON e.id = top.entity_id ORDER BY top.articles DESC, e.name",
                eid,
            )
        ]
        out["quotes"] = self._q(
            "SELECT q.*, a.title AS article_title, a.date AS article_date FROM quotes q "
            "JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = %(eid)s "
            "ORDER BY a.date DESC NULLS LAST, q.article_id, q.idx LIMIT 100",
            eid,
        )
        out["events"] = self._q(
            "SELECT v.*, a.title AS article_title, a.date AS article_date FROM events v "
            "JOIN articles a ON a.id = v.article_id WHERE v.source_id = %(eid)s OR v.target_id = %(eid)s "
            "ORDER BY a.date DESC NULLS LAST, v.article_id, v.local_id LIMIT 200",
            eid,
        )
        out["recent_articles"] = self._q(
            "SELECT a.id, a.title, a.date, a.outlet, ae.mentions FROM article_entities ae "
            "JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = %(eid)s "
            "ORDER BY a.date DESC NULLS LAST LIMIT 20",
            eid,
        )
        return out

    def events(self, flt: EventFilter) -> Page:
        where: list[str] = []
        params: list[Any] = []
        if flt.type:
            where.append("v.type = %s")
            params.append(flt.type.upper())
        if flt.entity:
            ids = [
                r["id"]
                for r in self._q(
                    "SELECT id FROM entities WHERE id = %s OR lower(name) = lower(%s)",
                    (flt.entity, flt.entity),
                )
            ]
            where.append("(v.source_id = ANY(%s) OR v.target_id = ANY(%s))")
            params.extend([ids, ids])
        if flt.country:
            where.append("(v.source_country = %s OR v.target_country = %s)")
            params.extend([flt.country.upper()] * 2)
        if flt.date_from:
            where.append("a.date >= %s")
            params.append(flt.date_from)
        if flt.date_to:
            where.append("a.date <= %s")
            params.append(date_to(flt.date_to))
        if flt.article_id:
            where.append("v.article_id = %s")
            params.append(flt.article_id)
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        base = f"FROM events v JOIN articles a ON a.id = v.article_id{cond}"
        total = int(self._q(f"SELECT count(*) AS n {base}", params)[0]["n"])
        limit = "" if flt.size <= 0 else " LIMIT %s OFFSET %s"
        extra = [] if flt.size <= 0 else [flt.size, (max(1, flt.page) - 1) * flt.size]
        rows = self._q(
            f"SELECT v.*, a.title AS article_title, a.date AS article_date, a.outlet AS outlet {base} "
            f"ORDER BY a.date DESC NULLS LAST, v.article_id, v.local_id{limit}",
            params + extra,
        )
        more = "AND" if where else "WHERE"
        facets = {
            "months": [
                {"value": r["value"], "count": int(r["count"])}
                for r in self._q(
                    f"SELECT substr(a.date, 1, 7) AS value, count(*) AS count {base} "
                    f"{more} a.date IS NOT NULL GROUP BY 1 ORDER BY 1",
                    params,
                )
            ],
            "types": [
                {"value": r["value"], "count": int(r["count"])}
                for r in self._q(
                    f"SELECT v.type AS value, count(*) AS count {base} GROUP BY v.type ORDER BY 2 DESC, 1",
                    params,
                )
            ],
        }
        return Page(items=rows, total=total, page=max(1, flt.page), size=flt.size, facets=facets)


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
