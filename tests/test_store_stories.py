"""Stories in the store: `warta ingest` assigns document.story against the stories already stored."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from _server import live_server
from conftest import FIXTURES, SEED, SEED_PUBLISHED
from warta.api import create_app
from warta.cli.main import main
from warta.settings import load_settings
from warta.store import Query, open_store

BASIC = ["--stages", "clean,language,segment"]


def _fixture(article_id: str) -> dict[str, Any]:
    for line in (FIXTURES / "store_articles.jsonl").read_text("utf-8").splitlines():
        obj: dict[str, Any] = json.loads(line)
        if obj["id"] == article_id:
            return obj
    raise KeyError(article_id)


def _near_copy() -> dict[str, Any]:
    """fx-banjir as another outlet ran it a day later: new title, two words changed, a line added."""
    obj = _fixture("fx-banjir")
    text = obj["text"].replace("sejak Selasa malam", "sejak Selasa (9/11) malam").replace("masjid", "musala")
    return {
        "id": "fx-banjir-tempo",
        "title": "Ratusan Rumah di Bekasi Terendam Banjir",
        "source": "Tempo",
        "published": "2021-11-11",
        "text": text + " Petugas membagikan makanan dan selimut kepada para pengungsi.",
    }


def _jsonl(path: Path, *objs: dict[str, Any]) -> str:
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs), encoding="utf-8")
    return str(path)


def _stories(db: str) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT id, story FROM articles").fetchall())


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Two ingests: the copy and an unrelated article arrive after the original was stored."""
    tmp = tmp_path_factory.mktemp("stories")
    path = str(tmp / "s.db")
    first = _jsonl(tmp / "first.jsonl", _fixture("fx-banjir"), _fixture("fx-ekonomi"))
    assert main(["ingest", first, "--db", path, *BASIC]) == 0
    unrelated = {"id": "seed", "published": SEED_PUBLISHED, "text": SEED.read_text("utf-8")}
    second = _jsonl(tmp / "second.jsonl", _near_copy(), _fixture("fx-vaksin"), unrelated)
    assert main(["ingest", second, "--db", path, *BASIC]) == 0
    return path


def test_near_duplicate_joins_the_stored_story_and_unrelated_ones_do_not(db: str) -> None:
    stories = _stories(db)
    assert len(stories) == 5
    assert all(s and s.startswith("s-") for s in stories.values())
    assert stories["fx-banjir-tempo"] == stories["fx-banjir"]
    others = [stories[k] for k in ("fx-ekonomi", "fx-vaksin", "seed")]
    assert len(set(others)) == 3
    assert stories["fx-banjir"] not in others
    store = open_store(db)
    try:  # the full record carries the same id
        assert store.record("fx-banjir-tempo")["document"]["story"] == stories["fx-banjir"]
    finally:
        store.close()


def test_story_filter_same_story_list_and_facet(db: str) -> None:
    story = _stories(db)["fx-banjir"]
    store = open_store(db)
    try:
        page = store.articles(Query(story=story))
        assert {a["id"] for a in page.items} == {"fx-banjir", "fx-banjir-tempo"}
        assert all(a["story"] == story for a in page.items)
        assert store.search(Query(text="banjir", story=story)).total == 2
        assert store.search(Query(text="vaksinasi", story=story)).total == 0
        same = store.article("fx-banjir")["story_articles"]
        assert [a["id"] for a in same] == ["fx-banjir-tempo"]
        assert store.article("fx-vaksin")["story_articles"] == []
        facet = store.search(Query()).facets["stories"]
        assert facet == [{"value": story, "count": 2, "name": "Banjir Rendam Ratusan Rumah di Bekasi"}]
    finally:
        store.close()


def test_rerun_and_update_keep_story_ids(db: str, tmp_path: Path) -> None:
    before = _stories(db)
    again = _jsonl(tmp_path / "again.jsonl", _near_copy(), _fixture("fx-ekonomi"))
    assert main(["ingest", again, "--db", db, *BASIC]) == 0  # skipped: already stored
    assert main(["ingest", again, "--db", db, *BASIC, "--update"]) == 0  # re-analysed and replaced
    assert _stories(db) == before


def test_stored_articles_without_a_story_get_one(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "old.db")
    old = _jsonl(tmp_path / "old.jsonl", _fixture("fx-banjir"), _fixture("fx-vaksin"))
    assert main(["ingest", old, "--db", path, *BASIC, "--no-stories"]) == 0
    assert set(_stories(path).values()) == {None}
    new = _jsonl(tmp_path / "new.jsonl", _near_copy())
    assert main(["ingest", new, "--db", path, *BASIC]) == 0
    assert "stories given to 2 stored articles" in capfd.readouterr().err
    stories = _stories(path)
    assert stories["fx-banjir-tempo"] == stories["fx-banjir"] != stories["fx-vaksin"]
    store = open_store(path)
    try:
        assert store.record("fx-vaksin")["document"]["story"] == stories["fx-vaksin"]
    finally:
        store.close()


def test_records_ingest_uses_the_stores_stories(db: str, tmp_path: Path) -> None:
    """A story id brought by a warta/1 record (another run's) is replaced by the store's."""
    store = open_store(db)
    try:
        record = store.record("fx-banjir-tempo")
    finally:
        store.close()
    record["document"]["id"] = "fx-banjir-copy2"
    record["document"]["story"] = "s-from-elsewhere"
    path = _jsonl(tmp_path / "rec.jsonl", record)
    copy = str(tmp_path / "copy.db")  # leave the module's database as the other tests expect it
    with sqlite3.connect(db) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    assert main(["ingest", "--records", path, "--db", copy]) == 0
    stories = _stories(copy)
    assert stories["fx-banjir-copy2"] == stories["fx-banjir"]


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[httpx.Client]:
    app = create_app(load_settings({"db": db}, environ={}))
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as c:
        yield c


def test_api_and_pages_expose_stories(client: httpx.Client, db: str) -> None:
    story = _stories(db)["fx-banjir"]
    listed = client.get("/api/articles", params={"story": story}).json()
    assert listed["total"] == 2
    assert {a["story"] for a in listed["items"]} == {story}
    assert client.get("/api/search", params={"q": "banjir", "story": story}).json()["total"] == 2
    assert client.get("/api/articles", params={"story": "x" * 201}).status_code == 422
    page = client.get("/articles/fx-banjir").text
    assert "Berita sejenis" in page
    assert 'href="/articles/fx-banjir-tempo"' in page
    assert f'href="/?story={story}"' in page
    assert "Same story" in client.get("/articles/fx-banjir", params={"lang": "en"}).text
    assert "Berita sejenis" not in client.get("/articles/fx-vaksin").text
    home = client.get("/", params={"story": story}).text
    assert 'data-facet="stories"' in home
    assert "Ratusan Rumah di Bekasi Terendam Banjir" in home


def test_stored_article_via_api_joins_a_story(tmp_path: Path) -> None:
    path = str(tmp_path / "rw.db")
    first = _jsonl(tmp_path / "first.jsonl", _fixture("fx-banjir"))
    assert main(["ingest", first, "--db", path, *BASIC]) == 0
    settings = load_settings({"db": path, "stages": ["clean", "language", "segment"]}, environ={})
    with (
        live_server(create_app(settings, token="tok")) as url,
        httpx.Client(base_url=url, timeout=60) as c,
    ):
        resp = c.post("/api/articles", json=_near_copy(), headers={"Authorization": "Bearer tok"})
        assert resp.status_code == 201, resp.text
    stories = _stories(path)
    assert stories["fx-banjir-tempo"] == stories["fx-banjir"]
