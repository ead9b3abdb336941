"""Story-level events (issue 12 item 5, store side) and the status / date-source filters: the same
act told by several articles of one story is one row with all its sources. SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from _server import live_server
from store_records import ent, record
from warta.api import create_app
from warta.settings import load_settings
from warta.store import EventFilter, Store, open_store

KPK = ent("Komisi Pemberantasan Korupsi", "ORGANIZATION", "IDN", "kb:kpk", "KPK")
ARREST = {"type": "COERCE", "trigger": "menahan", "source": 0, "target": "bupati", "country": "IDN"}


def corpus() -> list[dict[str, Any]]:
    text1 = "KPK menahan bupati Sorong pada Kamis. KPK menuding bupati itu menerima suap."
    text2 = "Seorang bupati ditahan: KPK menahan bupati Sorong, kata juru bicara."
    text3 = "Pengacara bupati menyatakan KPK tidak pernah menahan bupati itu."
    return [
        record(
            "s1-a",
            text1,
            [KPK],
            story="s-1",
            published="2024-03-01",
            events=[
                {**ARREST, "date": "2024-02-29", "date_source": "clause"},
                {"type": "ACCUSE", "trigger": "menuding", "source": 0, "target": "bupati", "country": "IDN"},
            ],
        ),
        record(
            "s1-b",
            text2,
            [KPK],
            story="s-1",
            published="2024-03-02",
            events=[{**ARREST, "date": "2024-03-02", "date_source": "publication"}],
        ),
        record(
            "s1-c",
            text3,
            [KPK],
            story="s-1",
            published="2024-03-02",
            events=[{**ARREST, "status": "denied", "date_source": "none"}],
        ),
        record("s2-a", text2, [KPK], story="s-2", published="2024-05-01", events=[ARREST]),
        record("lone", text2, [KPK], published="2024-06-01", events=[ARREST]),
    ]


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    s = open_store(store_location)
    s.upsert(corpus())
    yield s
    s.close()


def acts(store: Store, **flt: Any) -> list[dict[str, Any]]:
    return store.story_events(EventFilter(size=0, **flt)).items


def test_one_act_reported_by_several_articles_is_one_story_event(store: Store) -> None:
    story = acts(store, story="s-1")
    assert sorted((a["type"], a["status"], a["articles"]) for a in story) == [
        ("ACCUSE", "asserted", 1),
        ("COERCE", "asserted", 2),
        ("COERCE", "denied", 1),
    ]
    arrest = next(a for a in story if a["type"] == "COERCE" and a["status"] == "asserted")
    assert arrest["events"] == 2
    assert arrest["source_key"] == "kb:kpk"
    assert arrest["target"] == "bupati"
    assert (arrest["date"], arrest["date_source"]) == ("2024-02-29", "clause")  # the clause's date wins
    assert (arrest["first_date"], arrest["last_date"]) == ("2024-03-01", "2024-03-02")
    one = store.story_event(arrest["id"])
    assert [(s["article_id"], s["local_id"]) for s in one["sources"]] == [("s1-a", "v1"), ("s1-b", "v1")]
    assert one["sources"][0]["sentence_text"].startswith("KPK menahan")
    assert store.count("story_events") == 5  # s-1: 3 acts; s-2 and the lone article: 1 each
    assert {a["articles"] for a in acts(store, type="COERCE", story="s-2")} == {1}


def test_story_events_follow_stories_and_deletions(store: Store) -> None:
    store.set_stories({"s1-b": "s-2"})
    arrest_s1 = list(acts(store, story="s-1", status="asserted", type="COERCE"))
    assert [a["articles"] for a in arrest_s1] == [1]
    assert [a["articles"] for a in acts(store, story="s-2")] == [2]
    store.delete("s1-a")
    assert acts(store, story="s-1", status="asserted") == []
    assert store.count("story_events") == 3
    ids = {e["story_event"] for e in store.events(EventFilter(size=0)).items}
    assert ids == {a["id"] for a in acts(store)}  # every event points to its act


def test_status_and_date_source_filters(store: Store) -> None:
    assert store.events(EventFilter(status="denied")).total == 1
    assert store.events(EventFilter(date_source="clause")).total == 1
    assert store.events(EventFilter(date_source="publication", story="s-1")).total == 1
    assert store.events(EventFilter(story="s-1")).total == 4
    assert {f["value"] for f in store.events(EventFilter()).facets["statuses"]} == {"asserted", "denied"}
    assert [a["status"] for a in acts(store, status="denied")] == ["denied"]
    row = store.events(EventFilter(status="denied")).items[0]
    assert (row["status"], row["date_source"]) == ("denied", "none")


def test_events_are_ordered_by_their_number(store: Store) -> None:
    text = " ".join(f"KPK menahan bupati ke-{i}." for i in range(1, 12))
    many = [{**ARREST, "target": f"bupati ke-{i}"} for i in range(1, 12)]
    store.upsert([record("many", text, [KPK], events=many)])
    numbers = [e["local_id"] for e in store.article("many")["events"]]
    assert numbers == [f"v{i}" for i in range(1, 12)]  # v2 before v10
    listed = [e["local_id"] for e in store.events(EventFilter(article_id="many", size=0)).items]
    assert listed == numbers
    exported = [e["local_id"] for e in store.rows("events") if e["article_id"] == "many"]
    assert exported == numbers


def test_api_reads_story_events_and_filters_events(store: Store) -> None:
    app = create_app(load_settings({"db": store.location}, environ={}), store=store)
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        listed = client.get("/api/story-events", params={"story": "s-1", "type": "COERCE"}).json()
        assert listed["total"] == 2
        first = listed["items"][0]["id"]
        one = client.get(f"/api/story-events/{first}").json()
        assert one["sources"]
        assert client.get("/api/story-events/se-nope").status_code == 404
        assert client.get("/api/events", params={"status": "denied"}).json()["total"] == 1
        assert client.get("/api/events", params={"date_source": "clause"}).json()["total"] == 1
        assert client.get("/api/events", params={"status": "rumoured"}).status_code == 422
        assert client.get("/api/events", params={"date_source": "guess"}).status_code == 422
