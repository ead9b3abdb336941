"""One identity across the corpus (issue 11 item 6, store side): entities grouped by key, entity
pages by key, and full-text search that expands a known actor's name to its other names.

Records are written for the test with keys set by hand (``kb:…`` as the knowledge base gives
them; one older record without a key falls back to ``name_key``). Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from _server import live_server
from store_records import ent, record
from warta.api import create_app
from warta.model import name_key
from warta.settings import load_settings
from warta.store import EntityFilter, EventFilter, Query, Store, open_store, writer

JOKOWI = "kb:Q152865"
KPK = "kb:Q1260826"


def corpus() -> list[dict[str, Any]]:
    jokowi_full = ent("Joko Widodo", "PERSON", "IDN", JOKOWI, "Presiden Joko Widodo", "Joko Widodo")
    return [
        record("a-full", "Presiden Joko Widodo meninjau banjir di Bekasi pada Senin.", [jokowi_full]),
        record(
            "b-nick", "Jokowi meresmikan jalan tol baru di Sumatra.", [ent("Jokowi", "PERSON", "IDN", JOKOWI)]
        ),
        record(  # an older record: no key, so the fallback key (a separate entity)
            "c-nokey",
            "Joko Widodo menerima kunjungan perdana menteri Malaysia.",
            [ent("Joko Widodo", "PERSON", "IDN", None)],
        ),
        record(
            "d-kpk-both",
            "Komisi Pemberantasan Korupsi (KPK) menahan seorang bupati. KPK menyita uang tunai.",
            [
                ent(
                    "Komisi Pemberantasan Korupsi",
                    "ORGANIZATION",
                    "IDN",
                    KPK,
                    "Komisi Pemberantasan Korupsi",
                    "KPK",
                )
            ],
        ),
        record(
            "e-kpk-full",
            "Penyidik Komisi Pemberantasan Korupsi memeriksa saksi kasus suap.",
            [ent("Komisi Pemberantasan Korupsi", "ORGANIZATION", "IDN", KPK)],
        ),
        record("f-kpk-short", "KPK memanggil dua pejabat dinas.", [ent("KPK", "ORGANIZATION", "IDN", KPK)]),
        record(  # another Widodo: "Jokowi" must not reach him
            "g-other",
            "Budi Widodo, warga Bekasi, mengungsi karena banjir.",
            [ent("Budi Widodo", "PERSON", "IDN", None, "Budi Widodo")],
        ),
    ]


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    s = open_store(store_location)
    s.upsert(corpus()[:3])  # two batches: keys meet entities stored by an earlier transaction
    s.upsert(corpus()[3:])
    yield s
    s.close()


def ids(page: Any) -> set[str]:
    return {item["id"] for item in page.items}


def test_a_known_actors_name_finds_every_article_naming_it(store: Store) -> None:
    assert ids(store.search(Query(text="Jokowi"))) == {"a-full", "b-nick", "c-nokey"}
    assert ids(store.search(Query(text='"Joko Widodo"'))) == {"a-full", "b-nick", "c-nokey"}
    assert ids(store.search(Query(text="Joko Widodo"))) == {"a-full", "b-nick", "c-nokey"}
    assert ids(store.search(Query(text="KPK"))) == {"d-kpk-both", "e-kpk-full", "f-kpk-short"}
    assert ids(store.search(Query(text="Komisi Pemberantasan Korupsi"))) == {
        "d-kpk-both",
        "e-kpk-full",
        "f-kpk-short",
    }
    assert ids(store.search(Query(text="Jokowi banjir"))) == {"a-full"}  # the expansion is one term
    assert ids(store.search(Query(text="banjir -Jokowi"))) == {"g-other"}  # and excludes as one
    assert ids(store.search(Query(text="Jokowi OR KPK"))) == {
        "a-full",
        "b-nick",
        "c-nokey",
        "d-kpk-both",
        "e-kpk-full",
        "f-kpk-short",
    }
    assert ids(store.search(Query(text="Widodo"))) == {"a-full", "c-nokey", "g-other"}  # not an actor's name
    hit = next(i for i in store.search(Query(text="KPK")).items if i["id"] == "e-kpk-full")
    assert "<mark>Komisi Pemberantasan Korupsi</mark>" in hit["snippet_html"].replace("</mark> <mark>", " ")


def test_entities_are_grouped_by_key(store: Store) -> None:
    page = store.entities(EntityFilter(type="PERSON"))
    by_key = {e["key"]: e for e in page.items}
    assert set(by_key) == {
        JOKOWI,
        name_key("PERSON", "Joko Widodo", "IDN"),
        name_key("PERSON", "Budi Widodo", "IDN"),
    }
    jokowi = by_key[JOKOWI]
    assert jokowi["articles"] == 2
    assert jokowi["name"] == "Joko Widodo"  # the fuller of the names it was given
    assert jokowi["id"] == "person-joko-widodo"  # the first key with that id keeps it
    assert by_key[name_key("PERSON", "Joko Widodo", "IDN")]["id"] == "person-joko-widodo-idn"
    assert store.entities(EntityFilter(q="jokowi")).total == 1  # a name it was given, not its canonical one
    assert store.entities(EntityFilter(key=KPK)).items[0]["articles"] == 3
    keys = {(m["article_id"], m["key"]) for m in store.rows("mentions")}
    assert ("b-nick", JOKOWI) in keys  # every mention carries its entity's key
    assert ("c-nokey", name_key("PERSON", "Joko Widodo", "IDN")) in keys


def test_entity_pages_by_id_key_old_id_or_name(store: Store) -> None:
    page = store.entity(JOKOWI)
    assert page["id"] == "person-joko-widodo"
    assert page["articles"] == 2
    assert {n["name"] for n in page["names"]} == {"Joko Widodo", "Presiden Joko Widodo", "Jokowi"}
    assert store.entity("person-joko-widodo")["key"] == JOKOWI
    assert store.entity("person-jokowi")["key"] == JOKOWI  # the id "Jokowi" had before keys
    assert store.entity("Jokowi")["key"] == JOKOWI
    kpk = store.entity("KPK")
    assert kpk["key"] == KPK
    assert [a["id"] for a in kpk["recent_articles"]] != []
    assert store.search(Query(entity="Jokowi")).total == 2  # the entity filter: this key only
    assert store.search(Query(entity=KPK)).total == 3
    assert store.events(EventFilter(entity="Jokowi")).total == 0


def test_knowledge_base_aliases_reach_names_the_corpus_never_wrote(
    store_location: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = types.ModuleType("warta.kb")
    kb.aliases = lambda key: {JOKOWI: ["Jokowi", "Joko Widodo", "Pak Jokowi"]}.get(key, [])  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "warta.kb", kb)
    writer._kb.cache_clear()
    try:
        s = open_store(store_location)
        try:
            s.upsert([corpus()[0], corpus()[6]])  # only "Joko Widodo" is ever written
            assert ids(s.search(Query(text="Jokowi"))) == {"a-full"}
            assert "Pak Jokowi" in {n["name"] for n in s.entity("Jokowi")["names"]}
        finally:
            s.close()
    finally:
        writer._kb.cache_clear()


def test_deleting_an_article_drops_its_aliases(store: Store) -> None:
    store.delete("b-nick")
    assert ids(store.search(Query(text="Jokowi"))) == set()  # nobody is called Jokowi any more
    assert store.entity(JOKOWI)["articles"] == 1


def test_api_and_pages_group_by_key(store: Store) -> None:
    app = create_app(load_settings({"db": store.location}, environ={}), store=store)
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        assert client.get("/api/search", params={"q": "KPK"}).json()["total"] == 3
        ent_api = client.get(f"/api/entities/{JOKOWI}").json()
        assert ent_api["id"] == "person-joko-widodo"
        assert ent_api["articles"] == 2
        assert client.get("/api/entities", params={"key": KPK}).json()["total"] == 1
        for path in ("/entities/person-joko-widodo", "/entities/person-jokowi", f"/entities/{JOKOWI}"):
            page = client.get(path)
            assert page.status_code == 200, path
            assert "Jokowi" in page.text  # the names it goes by
        assert client.get("/api/entities/person-nobody").status_code == 404
