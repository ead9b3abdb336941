"""The workbench reads of the store (timeline, network, places, stories) on SQLite and PostgreSQL,
over the hand-written corpus of tests/workbench_records.py, and the pure timeline functions."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from warta.errors import InputError, NotFoundError
from warta.export.network import EDGE_COLUMNS, network_csv, network_graphml
from warta.store import EventFilter, Query, Store, open_store
from warta.store.timeline import MAX_BUCKETS, burst_scores, timeline
from workbench_records import FLOOD_DAY, corpus


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    s = open_store(store_location)
    s.upsert(corpus())
    yield s
    s.close()


# -- the pure timeline ------------------------------------------------------------------------------
def test_timeline_zero_fills_days_and_marks_one_spike() -> None:
    days = [("2024-01-01", 1), ("2024-01-04", 1), ("2024-01-07", 1), ("2024-01-10", 1), ("2024-01-12", 6)]
    tl = timeline(days)
    assert tl["granularity"] == "day"
    assert [b["label"] for b in tl["buckets"]][:3] == ["2024-01-01", "2024-01-02", "2024-01-03"]
    assert len(tl["buckets"]) == 12
    assert tl["total"] == 10
    assert [b["count"] for b in tl["buckets"]][1:3] == [0, 0]
    spikes = [b["label"] for b in tl["buckets"] if b["spike"]]
    assert spikes == ["2024-01-12"]
    assert tl["buckets"][0]["z"] is None  # no history yet


def test_timeline_granularity_from_span_and_bounds() -> None:
    assert timeline([("2024-01-01", 1), ("2024-04-30", 1)])["granularity"] == "week"
    assert timeline([("2020-01-01", 1), ("2024-04-30", 1)])["granularity"] == "month"
    months = timeline([("2018-02-10", 2), ("2018-05-03", 1)], "month")
    assert [(b["label"], b["count"]) for b in months["buckets"]] == [
        ("2018-02", 2),
        ("2018-03", 0),
        ("2018-04", 0),
        ("2018-05", 1),
    ]
    weeks = timeline([("2021-11-24", 1)], "week", "2021-11", "2021-11")
    assert weeks["buckets"][0]["start"] == "2021-11-01"  # a Monday
    assert weeks["buckets"][-1]["label"] == "2021-W48"
    assert sum(b["count"] for b in weeks["buckets"]) == 1
    assert timeline([])["buckets"] == []


def test_burst_score_is_z_against_trailing_window() -> None:
    # mean 2, sd 0 → floored to 1: z = 10 - 2 = 8
    assert burst_scores([2, 2, 2, 2, 10])[-1] == 8.0
    assert burst_scores([0, 0, 5])[-1] is None  # fewer than 3 earlier buckets
    scores = burst_scores([1, 3, 1, 3, 1, 3, 1, 3, 12])
    assert scores[-1] == 10.0  # mean 2, sd 1


def test_timeline_refuses_bad_granularity_and_too_many_buckets() -> None:
    with pytest.raises(InputError, match="granularity"):
        timeline([("2024-01-01", 1)], "hour")
    with pytest.raises(InputError, match=str(MAX_BUCKETS)):
        timeline([("2000-01-01", 1), ("2024-01-01", 1)], "day")


# -- the store --------------------------------------------------------------------------------------
def test_store_article_timeline_has_the_flood_spike(store: Store) -> None:
    tl = store.timeline(Query())
    assert tl["granularity"] == "day"
    assert tl["total"] == 40
    assert (tl["from"], tl["to"]) == ("2024-01-01", "2024-03-25")
    assert [b["label"] for b in tl["buckets"] if b["spike"]] == [FLOOD_DAY]
    flood = next(b for b in tl["buckets"] if b["label"] == FLOOD_DAY)
    assert flood["count"] == 9  # 8 flood reports + the daily KPK article
    assert store.timeline(Query(text="banjir"))["total"] == 8
    monthly = store.timeline(Query(entity="Jawa Barat"), granularity="month")
    assert [(b["label"], b["count"]) for b in monthly["buckets"]] == [("2024-03", 8)]
    bounded = store.timeline(Query(text="banjir", date_from="2024-03"), granularity="week")
    assert bounded["buckets"][0]["start"] == "2024-02-26"
    assert bounded["total"] == 8


def test_store_event_timelines_by_type_and_pair(store: Store) -> None:
    aid = store.timeline(EventFilter(type="AID"))
    assert aid["total"] == 8
    assert aid["from"] == aid["to"] == FLOOD_DAY
    pair = store.timeline(EventFilter(entity="Prabowo Subianto"), other="Anies Baswedan")
    assert pair["total"] == 6  # ACCUSE and REJECT in each of the 3 debate articles
    assert [(b["label"], b["count"]) for b in pair["buckets"]] == [("2024-02-05", 4), ("2024-02-06", 2)]
    reverse = store.timeline(EventFilter(entity="Anies Baswedan"), other="Prabowo Subianto")
    assert reverse["total"] == 6
    consult = store.timeline(EventFilter(entity="Joko Widodo"), other="Prabowo Subianto")
    assert consult["total"] == 3  # "dia" is Joko Widodo


def test_store_network_co_occurrence_and_acts(store: Store) -> None:
    graph = store.network(Query(entity="Prabowo Subianto"))
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    assert set(names.values()) == {"Prabowo Subianto", "Anies Baswedan", "Joko Widodo", "Kota Surabaya"}
    assert all(n["articles"] == 3 for n in graph["nodes"])
    acts = {
        (names[e["source"]], e["type"], names[e["target"]], e["weight"])
        for e in graph["edges"]
        if e["kind"] == "acts"
    }
    assert acts == {
        ("Prabowo Subianto", "ACCUSE", "Anies Baswedan", 3),
        ("Anies Baswedan", "REJECT", "Prabowo Subianto", 3),
        ("Joko Widodo", "CONSULT", "Prabowo Subianto", 3),
    }
    co = [e for e in graph["edges"] if e["kind"] == "co"]
    assert len(co) == 6
    assert {e["weight"] for e in co} == {3}
    people = store.network(Query(), types=("PERSON",), limit=2)
    assert {n["type"] for n in people["nodes"]} == {"PERSON"}
    assert len(people["nodes"]) == 3  # the 2 most mentioned + Joko Widodo, an actor of an event between them
    flood = store.network(Query(text="banjir"))
    assert {e["weight"] for e in flood["edges"] if e["kind"] == "co"} == {8}


def test_network_exports(store: Store) -> None:
    graph = store.network(Query(entity="Prabowo Subianto"))
    rows = list(csv.DictReader(io.StringIO(network_csv(graph))))
    assert tuple(rows[0]) == EDGE_COLUMNS
    assert {"source_name": "Joko Widodo", "kind": "acts", "type": "CONSULT", "weight": "3"}.items() <= next(
        r for r in rows if r["type"] == "CONSULT"
    ).items()
    root = ET.fromstring(network_graphml(graph))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", ns)) == 4
    assert len(root.findall(".//g:edge", ns)) == len(graph["edges"])
    names = [d.text for d in root.findall(".//g:node/g:data[@key='name']", ns)]
    assert "Anies Baswedan" in names


def test_store_places_with_precision(store: Store) -> None:
    found = store.places(Query())
    by_name = {p["name"]: p for p in found["places"]}
    assert by_name["Kota Bekasi"]["geo"]["precision"] == "city"
    assert by_name["Kota Bekasi"]["geo"]["regency_code"] == "32.75"
    assert by_name["Kota Bekasi"]["events"] == 8
    assert by_name["Kota Bekasi"]["articles"] == 8
    assert by_name["Kabupaten Bandung"]["geo"]["precision"] == "regency"
    assert by_name["Jawa Barat"]["geo"] | {"lat": None, "lon": None} == {
        "precision": "province",
        "country": "IDN",
        "province_code": "32",
        "province": "Jawa Barat",
        "regency_code": None,
        "regency": None,
        "lat": None,
        "lon": None,
    }
    assert by_name["Malaysia"]["geo"]["precision"] == "country"
    assert by_name["Malaysia"]["articles"] == 29
    assert len(found["events"]) == 8
    assert {e["location"] for e in found["events"]} == {"Kota Bekasi"}
    assert {p["name"] for p in store.places(Query(text="debat"))["places"]} == {"Kota Surabaya"}


def test_store_story_and_top_stories(store: Store) -> None:
    top = store.top_stories()
    assert top[0]["id"] == "s-banjir-bekasi"
    assert (top[0]["articles"], top[0]["outlets"], top[0]["events"]) == (8, 3, 8)
    assert top[0]["title"] is None
    assert top[0]["lead"].startswith("Banjir kembali merendam")
    assert top[1]["id"] == "s-debat-surabaya"
    feb = store.top_stories("2024-02", "2024-02")
    assert feb[0]["id"] == "s-debat-surabaya"
    assert all(s["id"] != "s-banjir-bekasi" for s in feb)
    st = store.story("s-debat-surabaya")
    assert [a["id"] for a in st["articles"]] == ["wb-debate-0", "wb-debate-1", "wb-debate-2"]
    assert st["outlets"] == ["CNN Indonesia", "Detik", "Kompas"]
    assert {e["name"] for e in st["entities"] if e["articles"] == 3} >= {"Prabowo Subianto", "Anies Baswedan"}
    assert len(st["events"]) == 9
    assert len(st["story_events"]) == 3
    assert {e["articles"] for e in st["story_events"]} == {3}
    consult = next(e for e in st["story_events"] if e["type"] == "CONSULT")
    assert consult["source_name"] == "Joko Widodo"
    assert consult["source"] == "dia"
    assert st["timeline"]["total"] == 3
    with pytest.raises(NotFoundError):
        store.story("s-nope")


def test_event_rows_name_pronoun_actors(store: Store) -> None:
    rows = store.events(EventFilter(type="CONSULT")).items
    assert {(r["source"], r["source_name"], r["target_name"]) for r in rows} == {
        ("dia", "Joko Widodo", "Prabowo Subianto")
    }
    art = store.article("wb-debate-0")
    assert {e["source_name"] for e in art["events"]} == {"Prabowo Subianto", "Anies Baswedan", "Joko Widodo"}
