"""One schema source, one migration list: both backends get the same tables, and databases made
before (SQLite at 0001..0004, PostgreSQL with its own 0001/0002) upgrade in place."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES
from warta.errors import StoreError
from warta.store import Query, Store, open_store
from warta.store.dialect import POSTGRES, SQLITE
from warta.store.migrations import MIGRATIONS, Migration, apply_migrations
from warta.store.schema import SCHEMA, columns
from warta.store.sqlite import SQLiteStore

LEGACY = FIXTURES / "store_legacy"
ANNOTATED = FIXTURES / "seed_annotated.jsonl"
NAMES = [m.name for m in MIGRATIONS]


def _legacy_sqlite(path: Path, names: list[str]) -> sqlite3.Connection:
    """A SQLite file as the released migrations left it (their SQL kept verbatim in fixtures)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
    for name in names:
        conn.executescript((LEGACY / f"sqlite-{name}.sql").read_text("utf-8"))
        conn.execute("INSERT INTO _migrations VALUES (?, '2024-01-01T00:00:00+00:00')", (name,))
    return conn


def _shape(conn: sqlite3.Connection) -> dict[str, Any]:
    """Columns (name, type, not null, default, pk), indexes (name, columns, unique) per table."""
    out: dict[str, Any] = {}
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for t in tables:
        cols = [tuple(r[1:]) for r in conn.execute(f"PRAGMA table_info({t})")]
        idx = sorted(
            (r[1], tuple(c[2] or "expr" for c in conn.execute(f"PRAGMA index_xinfo({r[1]})") if c[5]), r[2])
            for r in conn.execute(f"PRAGMA index_list({t})")
        )
        fks = sorted((*r[2:6], r[6]) for r in conn.execute(f"PRAGMA foreign_key_list({t})"))
        out[t] = (cols, idx, fks)
    return out


def test_the_schema_source_reproduces_the_released_sqlite_migrations(tmp_path: Path) -> None:
    """Migrations 0001-0004 rendered from schema.py build exactly the released SQLite tables."""
    released = _legacy_sqlite(tmp_path / "released.db", NAMES[:4])
    store = SQLiteStore(tmp_path / "generated.db", migrate=False)
    apply_migrations(store, MIGRATIONS[:4])
    generated = sqlite3.connect(tmp_path / "generated.db")
    assert _shape(generated) == _shape(released)
    store.close()


def test_migrations_are_named_recorded_and_run_once(store_location: str) -> None:
    open_store(store_location).close()
    again = open_store(store_location)
    try:
        assert again.migrations() == NAMES
        assert again.migrations()[:4] == [
            "0001_initial",
            "0002_article_index",
            "0003_stemmed_search",
            "0004_story_index",
        ]
        assert "fts" not in again.columns("articles")
        assert "seq" not in again.columns("articles")
        for t in SCHEMA:  # the database holds what the schema source says, in its order
            held = _db_columns(again, t.name)
            assert [c for c in held if c not in ("fts",)] == columns(t.name, again.dialect, hidden=True)
    finally:
        again.close()
    if not store_location.startswith("postgresql"):
        conn = sqlite3.connect(store_location)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _db_columns(store: Store, table: str) -> list[str]:
    if store.dialect is SQLITE:
        return [r[1] for r in store._reader().tuples(f"PRAGMA table_info({table})")]  # type: ignore[attr-defined]
    rows = store._reader().tuples(  # type: ignore[attr-defined]
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = ? ORDER BY ordinal_position",
        [table],
    )
    return [r[0] for r in rows]


def test_both_dialects_have_the_same_visible_columns() -> None:
    for t in SCHEMA:
        assert columns(t.name, SQLITE) == columns(t.name, POSTGRES), t.name


def test_failed_migration_rolls_back(store_location: str) -> None:
    store = open_store(store_location)  # fully migrated; then two more
    ok = Migration("9001_ok", "CREATE TABLE ok (x INTEGER);")
    bad = Migration("9002_bad", "CREATE TABLE half (x INTEGER);\nCREATE TABLE broken (;")
    try:
        with pytest.raises(StoreError, match="9002_bad"):
            apply_migrations(store, [ok, bad])  # type: ignore[arg-type]
        tx = store._reader()  # type: ignore[attr-defined]
        assert tx.q(tx.dialect.table_exists, ["ok"])
        assert not tx.q(tx.dialect.table_exists, ["half"])  # the failed migration left nothing behind
        assert "9001_ok" in store.migrations()
        assert "9002_bad" not in store.migrations()
        assert apply_migrations(store, [ok]) == []  # type: ignore[arg-type]
    finally:
        store.close()


def test_later_migrations_backfill_an_old_database(tmp_path: Path) -> None:
    """A 0001-era file with rows but no record: keys, aliases and indexes are filled in."""
    path = tmp_path / "old.db"
    conn = _legacy_sqlite(path, NAMES[:1])
    text = "Warga mengungsi ke masjid setelah banjir merendam rumah mereka di Bekasi."
    conn.execute(
        "INSERT INTO articles (id, title, text, date) VALUES ('old', 'Banjir', ?, '2020-01-02')", (text,)
    )
    conn.execute(
        "INSERT INTO entities (id, name, type, country) "
        "VALUES ('location-bekasi', 'Bekasi', 'LOCATION', 'IDN')"
    )
    conn.execute(
        'INSERT INTO mentions (article_id, entity_id, local_id, start, "end", text) '
        "VALUES ('old', 'location-bekasi', 'e1', 66, 72, 'Bekasi')"
    )
    conn.close()
    store = SQLiteStore(path)
    try:
        assert store.migrations() == NAMES
        assert store.search(Query(text="banjir", country="IDN")).total == 1
        assert store.search(Query(entity="Bekasi")).facets["entities"][0]["value"] == "location-bekasi"
        ent = store.entity("location-bekasi")
        assert ent["articles"] == 1
        assert ent["key"] == "n:location:bekasi:IDN"
        assert ent["names"] == [{"name": "Bekasi", "articles": 1}]
    finally:
        store.close()


def _legacy_rows(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The rows a record had under the released code: article, entities (type-slug ids), mentions."""
    from warta.store.rows import entity_key

    doc = record["document"]
    ents = record["entities"]
    ids = {e["id"]: entity_key(e["type"], e["name"]) for e in ents}
    return {
        "articles": [
            {"id": doc["id"], "title": doc["title"], "text": doc["text"], "date": doc["published"][:10]}
        ],
        "records": [{"article_id": doc["id"], "ingested": "2024-01-01", "record": json.dumps(record)}],
        "entities": [
            {"id": ids[e["id"]], "name": e["name"], "type": e["type"], "country": e.get("country")}
            for e in ents
        ],
        "mentions": [
            {"article_id": doc["id"], "entity_id": ids[e["id"]], "local_id": e["id"]}
            | {"start": m["start"], "end": m["end"], "text": m["text"]}
            for e in ents
            for m in e["mentions"]
        ],
        "events": [
            {"article_id": doc["id"], "local_id": v["id"], "type": v["type"], "status": v["status"]}
            for v in record["events"]
        ],
    }


def _insert(execute: Any, rows: dict[str, list[dict[str, Any]]], mark: str) -> None:
    for table, items in rows.items():
        for item in items:
            cols = ", ".join(f'"{c}"' for c in item)
            execute(
                f"INSERT INTO {table} ({cols}) VALUES ({', '.join(mark for _ in item)})", tuple(item.values())
            )


def _check_upgraded(store: Store) -> None:
    assert store.migrations()[-1] == NAMES[-1]
    ent = store.entity("person-valery-gerasimov")  # the id it had keeps working
    assert ent["id"] == "person-valery-gerasimov"
    assert ent["key"] == "n:person:valery gerasimov:RUS"
    assert {n["name"] for n in ent["names"]} == {"Valery Gerasimov", "Gerasimov"}
    assert [e["num"] for e in store.article("seed-annotated")["events"]] == [1, 2]
    assert store.count("story_events") == 2
    assert store.search(Query(text="Gerasimov")).total == 1


def test_a_0004_sqlite_database_with_records_is_rebuilt_from_them(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    conn = _legacy_sqlite(path, NAMES[:4])
    _insert(conn.execute, _legacy_rows(json.loads(ANNOTATED.read_text("utf-8"))), "?")
    conn.close()
    with pytest.raises(StoreError, match="needs migrations"):
        open_store(path, readonly=True)
    store = open_store(path)
    try:
        _check_upgraded(store)
    finally:
        store.close()


def test_a_postgresql_database_made_before_the_shared_list_upgrades(pg_dsn: str) -> None:
    psycopg = pytest.importorskip("psycopg")
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
        for name in ("0001_initial", "0002_text_search"):
            for statement in (LEGACY / f"postgresql-{name}.sql").read_text("utf-8").split(";\n"):
                body = "\n".join(line for line in statement.splitlines() if not line.startswith("--"))
                if body.strip():
                    conn.execute(body)
            conn.execute("INSERT INTO _migrations VALUES (%s, '2024-01-01')", (name,))
        _insert(conn.execute, _legacy_rows(json.loads(ANNOTATED.read_text("utf-8"))), "%s")
    with pytest.raises(StoreError, match="needs migrations"):
        open_store(pg_dsn, readonly=True)
    store = open_store(pg_dsn)
    try:
        _check_upgraded(store)
        assert set(NAMES) <= set(store.migrations())  # 0002..0004 recorded as covered by the old ones
        tx = store._reader()  # type: ignore[attr-defined]
        indexes = {
            r[0] for r in tx.tuples("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
        }
        assert "articles_outlet" not in indexes
        assert "events_article" not in indexes
        assert "articles_outlet_nocase" in indexes
    finally:
        store.close()
