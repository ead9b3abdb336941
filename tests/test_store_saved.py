"""Saved searches and alerts in the store (SQLite file and PostgreSQL): high-water marks, sort."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from store_records import ent, record
from warta.errors import ConflictError, InputError, NotFoundError
from warta.store import EntityFilter, EventFilter, Query, Store, open_store

BANJIR = "Banjir merendam ratusan rumah warga di Bekasi setelah hujan deras semalam."
GEMPA = "Gempa bermagnitudo 5,6 mengguncang Cianjur dan warga mengungsi ke tenda darurat."
BANJIR_2 = "Banjir kembali melanda Bekasi; warga mengungsi ke masjid terdekat."
RUSIA = "Panglima militer Rusia Valery Gerasimov berbicara dengan Mark Milley lewat telepon."


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    s = open_store(store_location)
    try:
        yield s
    finally:
        s.close()


def test_a_saved_search_reports_each_new_match_once(store: Store) -> None:
    store.upsert([record("a1", BANJIR, [ent("Bekasi", "LOCATION")], published="2021-11-10")])
    ss = store.save_search("Banjir Bekasi", q="banjir", filters={"entity": "Bekasi"})
    assert ss["id"] == "banjir-bekasi"
    assert ss["filters"] == {"entity": "Bekasi"}
    assert store.new_matches("banjir-bekasi")["total"] == 0  # a1 was stored before: not new
    store.upsert(
        [
            record("a2", GEMPA, [ent("Cianjur", "LOCATION")], published="2021-11-21"),
            record("a3", BANJIR_2, [ent("Bekasi", "LOCATION")], published="2021-11-30"),
        ]
    )
    peek = store.new_matches("Banjir Bekasi")  # by name too
    assert [i["id"] for i in peek["items"]] == ["a3"]
    assert store.new_matches("banjir-bekasi")["total"] == 1  # peeking does not move the mark
    ran = store.new_matches("banjir-bekasi", advance=True)
    assert [i["id"] for i in ran["items"]] == ["a3"]
    assert ran["saved_search"]["mark"] == ran["upto"] > ss["mark"]
    assert store.new_matches("banjir-bekasi")["total"] == 0  # reported once
    store.upsert([record("a3", BANJIR_2 + " Air mulai surut.", [ent("Bekasi", "LOCATION")])])
    assert store.new_matches("banjir-bekasi")["total"] == 0  # a replaced article is not new
    store.upsert([record("a4", "Banjir di Bekasi belum surut juga hari ini.", [ent("Bekasi", "LOCATION")])])
    assert [i["id"] for i in store.new_matches("banjir-bekasi", advance=True)["items"]] == ["a4"]
    assert store.saved_search("banjir-bekasi")["last_run"]


def test_saved_searches_list_latest_delete_and_refuse_bad_ones(store: Store) -> None:
    store.save_search("Rusia", q="Gerasimov")
    store.save_search("Kompas saja", filters={"outlet": "Uji"})
    store.upsert([record("r1", RUSIA), record("b1", BANJIR)])
    assert [s["id"] for s in store.saved_searches()] == ["kompas-saja", "rusia"]
    latest = store.saved_search_latest("kompas-saja")
    assert [i["id"] for i in latest["items"]] == ["b1", "r1"]  # newest stored first
    assert all(i["ingested"] for i in latest["items"])
    with pytest.raises(ConflictError):
        store.save_search("RUSIA", q="Milley")
    with pytest.raises(InputError, match="words"):
        store.save_search("kosong")
    with pytest.raises(InputError, match="unknown filters"):
        store.save_search("x", q="a", filters={"colour": "red"})
    with pytest.raises(InputError):
        store.save_search("", q="a")
    store.delete_saved_search("rusia")
    with pytest.raises(NotFoundError):
        store.saved_search("rusia")
    with pytest.raises(NotFoundError):
        store.new_matches("rusia")
    assert "0009_saved_searches" in store.migrations()


def test_sort_fields_on_every_listing(store: Store) -> None:
    store.upsert(
        [
            record("a", BANJIR, [ent("Bekasi", "LOCATION")], published="2021-11-10", title="Cuaca"),
            record("b", GEMPA, [ent("Cianjur", "LOCATION")], published="2021-11-21", title="Bencana"),
            record("c", BANJIR_2, [ent("Bekasi", "LOCATION")], published="2021-11-30", title="Air"),
        ]
    )
    ids = lambda page: [i["id"] for i in page.items]  # noqa: E731
    assert ids(store.search(Query())) == ["c", "b", "a"]  # default: newest first
    assert ids(store.search(Query(sort="date"))) == ["a", "b", "c"]
    assert ids(store.search(Query(sort="title"))) == ["c", "b", "a"]
    assert ids(store.search(Query(sort="-stored"))) == ["c", "b", "a"]
    assert ids(store.search(Query(text="warga", sort="date"))) == ["a", "b", "c"]
    assert ids(store.search(Query(text="warga", sort="-title"))) == ["a", "b", "c"]
    names = [e["name"] for e in store.entities(EntityFilter(sort="name")).items]
    assert names == ["Bekasi", "Cianjur"]
    assert store.entities(EntityFilter()).items[0]["name"] == "Bekasi"  # most articles
    assert store.events(EventFilter(sort="-mentions")).total == 0
    for bad in ("colour", "-", "date;DROP"):
        with pytest.raises(InputError, match="unknown sort field"):
            store.search(Query(sort=bad))
    with pytest.raises(InputError, match="unknown sort field"):
        store.entities(EntityFilter(sort="date"))
    with pytest.raises(InputError, match="unknown sort field"):
        store.story_events(EventFilter(sort="status"))
