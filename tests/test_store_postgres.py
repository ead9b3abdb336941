"""The PostgreSQL store through the CLI and the API (the store's own behaviours run on both
backends in test_store*.py, parametrized). Runs when ``WARTA_TEST_POSTGRES`` holds a DSN
(``scripts/test.sh`` starts a throwaway cluster); each test gets its own schema."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

import test_store as sqlite_tests
import test_store_stories as story_tests
from _server import live_server
from conftest import FIXTURES
from warta.api import create_app
from warta.cli.main import main
from warta.errors import StoreError
from warta.settings import load_settings
from warta.store import Query, open_store
from warta.store.migrations import MIGRATIONS


@pytest.fixture
def dsn(pg_dsn: str) -> str:
    return pg_dsn


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
        assert client.get("/api/").json()["migrations"] == [m.name for m in MIGRATIONS]
        hits = client.get("/api/search", params={"q": "Gerasimov", "country": "RUS"}).json()
        assert hits["total"] == 1
        page = client.get("/articles/seed-annotated")
        assert page.status_code == 200
        assert 'data-type="PERSON"' in page.text
        assert client.get("/entities/person-valery-gerasimov").status_code == 200
        assert "CONSULT" in client.get("/api/events.csv").text
        assert client.post("/api/analyze", json={"text": "x"}).status_code in (401, 403)
