"""The PostgreSQL store: the SQLite store's behaviours against a real server.

Runs when ``WARTA_TEST_POSTGRES`` holds a DSN (``scripts/test.sh`` starts a throwaway cluster and
sets it); each test gets its own schema, dropped afterwards. Without it, every test here skips.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

import test_store as sqlite_tests
import test_store_stories as story_tests
from _server import live_server
from conftest import FIXTURES
from warta.api import create_app
from warta.cli.main import main
from warta.errors import StoreError
from warta.pipeline import Pipeline
from warta.settings import load_settings
from warta.store import Query, open_store
from warta.store.postgres_schema import PG_MIGRATIONS
from warta.store.postgres_search import ts_query

DSN = os.environ.get("WARTA_TEST_POSTGRES", "")
psycopg = pytest.importorskip("psycopg", reason="psycopg not installed (pip install 'warta[postgres]')")
pytestmark = pytest.mark.skipif(
    not DSN, reason="no PostgreSQL server: set WARTA_TEST_POSTGRES to a DSN (scripts/test.sh starts one)"
)


@pytest.fixture
def dsn() -> Iterator[str]:
    """A DSN whose search_path is a fresh schema (dropped after the test)."""
    schema = "t_" + uuid.uuid4().hex[:12]
    try:
        with psycopg.connect(DSN, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL at WARTA_TEST_POSTGRES not usable: {str(exc).strip().splitlines()[0]}")
    sep = "&" if "?" in DSN else "?"
    yield f"{DSN}{sep}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(DSN, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(dsn: str) -> Iterator[Any]:
    s = open_store(dsn)
    yield s
    s.close()


@pytest.fixture(scope="module")
def basic() -> Pipeline:
    return Pipeline(stages=sqlite_tests.BASIC)


@pytest.fixture
def filled(store: Any, basic: Pipeline) -> Any:
    records = [sqlite_tests.annotated()]
    for line in (FIXTURES / "store_articles.jsonl").read_text("utf-8").splitlines():
        obj = json.loads(line)
        text = obj.pop("text")
        records.append(basic.analyze(text, **obj).to_dict())
    store.upsert(records)
    return store


def test_migrations_are_named_recorded_and_run_once(dsn: str) -> None:
    open_store(dsn).close()
    again = open_store(dsn)
    try:
        assert again.migrations() == [m.name for m in PG_MIGRATIONS]
        assert "fts" not in again.columns("articles")
        assert again.columns("mentions") == [
            "article_id",
            "entity_id",
            "local_id",
            "title",
            "start",
            "end",
            "text",
        ]
    finally:
        again.close()


def test_read_only_store_refuses_writes_and_unmigrated_databases(dsn: str) -> None:
    with pytest.raises(StoreError, match="needs migrations"):
        open_store(dsn, readonly=True)
    open_store(dsn).close()
    ro = open_store(dsn, readonly=True)
    try:
        with pytest.raises(StoreError, match="read-only"):
            ro.upsert([sqlite_tests.annotated()])
    finally:
        ro.close()


def test_upsert_is_idempotent_and_updates(store: Any) -> None:
    sqlite_tests.test_upsert_is_idempotent_and_updates(store)


def test_batch_is_one_transaction(store: Any) -> None:
    sqlite_tests.test_batch_is_one_transaction(store)


def test_records_without_annotations_are_stored(store: Any, basic: Pipeline) -> None:
    sqlite_tests.test_records_without_annotations_are_stored(store, basic)


def test_search_ranks_filters_and_paginates(filled: Any) -> None:
    sqlite_tests.test_search_ranks_filters_and_paginates(filled)


def test_entity_page_data(filled: Any) -> None:
    sqlite_tests.test_entity_page_data(filled)


def test_stemmed_search_finds_inflected_forms(filled: Any) -> None:
    sqlite_tests.test_stemmed_search_finds_inflected_forms(filled)


def test_hostile_text_is_stored_and_escaped(store: Any, pipeline: Pipeline) -> None:
    doc = pipeline.analyze(
        (FIXTURES / "hostile.txt").read_text("utf-8"), published="2021-11-22", id="hostile"
    )
    store.upsert([doc.to_dict()])
    hit = store.search(Query(text="gangguan situs")).items[0]
    assert "<mark>gangguan</mark>" in hit["snippet_html"]
    assert "<script>" not in hit["snippet_html"]
    assert "<img" not in hit["snippet_html"]
    assert store.search(Query(text="'; DROP TABLE articles; --")).total == 1
    assert store.count("articles") == 1


@pytest.mark.parametrize(
    "text",
    ["", "   ", "!", "&|", "a:* & !b", "'", "''", "\\", '"unclosed', "-", "-x", "OR", "x OR", "NEAR(a b)",
     "title:x", "ünïcödé ẞ", "a\x00b", "(((", "a <-> b", "1.5e3", "_", "%s %(x)s"],
)  # fmt: skip
def test_any_query_text_is_safe(store: Any, text: str) -> None:
    store.search(Query(text=text.replace("\x00", ""), facets=True))  # never a tsquery syntax error
    q = ts_query(text)
    assert q is None or q.strip()


def test_any_sequence_of_upserts_leaves_exactly_the_last_record(store: Any) -> None:
    for kept, keep_events, keep_times in [
        ({0, 1, 2, 3}, {0, 1}, True),
        ({1}, set(), False),
        (set(), {1}, True),
    ]:
        rec = sqlite_tests.annotated()
        rec["entities"] = [e for i, e in enumerate(rec["entities"]) if i in kept]
        ids = {e["id"] for e in rec["entities"]}
        rec["quotes"] = [q for q in rec["quotes"] if q["speaker"] in ids]
        rec["events"] = [v for i, v in enumerate(rec["events"]) if i in keep_events]
        rec["times"] = rec["times"] if keep_times else []
        store.upsert([rec])
        assert store.record("seed-annotated") == rec
        assert store.count("entities") == len(rec["entities"])
        assert store.count("mentions") == sum(len(e["mentions"]) for e in rec["entities"])
        assert store.count("quotes") == len(rec["quotes"])
        assert store.count("events") == len(rec["events"])
        assert store.count("times") == len(rec["times"])


def test_cli_ingest_stories_and_export(dsn: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`warta ingest` / `warta export` with `--db postgresql://…`; stories join across ingests."""
    basic = ["--stages", ",".join(sqlite_tests.BASIC)]
    first = story_tests._jsonl(
        tmp_path / "a.jsonl", story_tests._fixture("fx-banjir"), story_tests._fixture("fx-ekonomi")
    )
    assert main(["ingest", first, "--db", dsn, *basic]) == 0
    second = story_tests._jsonl(
        tmp_path / "b.jsonl", story_tests._near_copy(), story_tests._fixture("fx-vaksin")
    )
    assert main(["ingest", second, "--db", dsn, *basic]) == 0
    assert main(["ingest", second, "--db", dsn, *basic]) == 0
    assert "0 stored, 2 already stored" in capsys.readouterr().err
    store = open_store(dsn)
    try:
        stories = {r["id"]: r["story"] for r in store.rows("articles")}
        assert stories["fx-banjir-tempo"] == stories["fx-banjir"]
        assert len({stories["fx-banjir"], stories["fx-ekonomi"], stories["fx-vaksin"]}) == 3
        assert [a["id"] for a in store.article("fx-banjir")["story_articles"]] == ["fx-banjir-tempo"]
        assert store.articles(Query(story=stories["fx-banjir"])).total == 2
        facet = store.search(Query(text="banjir")).facets["stories"]
        assert facet == [
            {"value": stories["fx-banjir"], "count": 2, "name": "Banjir Rendam Ratusan Rumah di Bekasi"}
        ]
        store.set_stories({"fx-vaksin": "s-manual"})
        assert store.record("fx-vaksin")["document"]["story"] == "s-manual"
    finally:
        store.close()
    assert main(["export", "--db", dsn]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["document"]["id"] for line in out] == [
        "fx-banjir", "fx-ekonomi", "fx-banjir-tempo", "fx-vaksin",
    ]  # fmt: skip
    assert main(["export", "--db", dsn, "--format", "csv", "--table", "articles"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header.startswith("id,title,url,outlet")
    assert "fts" not in header
    assert "seq" not in header


def test_api_over_postgres(dsn: str) -> None:
    assert main(["ingest", "--records", str(FIXTURES / "seed_annotated.jsonl"), "--db", dsn]) == 0
    app = create_app(load_settings({"db": dsn}, environ={}))
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        assert client.get("/api/").json()["migrations"] == [m.name for m in PG_MIGRATIONS]
        hits = client.get("/api/search", params={"q": "Gerasimov", "country": "RUS"}).json()
        assert hits["total"] == 1
        page = client.get("/articles/seed-annotated")
        assert page.status_code == 200
        assert 'data-type="PERSON"' in page.text
        assert client.get("/entities/person-valery-gerasimov").status_code == 200
        assert "CONSULT" in client.get("/api/events.csv").text
        assert client.post("/api/analyze", json={"text": "x"}).status_code in (401, 403)
