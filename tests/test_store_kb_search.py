"""Alias-aware search end to end: records the pipeline writes (real knowledge base, no keys set by
hand) stored on SQLite and PostgreSQL, searched through the REST API by a name the article never
wrote (``Jokowi`` for "Presiden Joko Widodo", ``KPK`` for "Komisi Pemberantasan Korupsi")."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from _server import live_server
from warta import Pipeline, validate
from warta.api import create_app
from warta.settings import load_settings
from warta.store import Query, Store, open_store

TEXTS = {
    "full-name": "Presiden Joko Widodo meresmikan Bendungan Sepaku di Penajam Paser Utara, Kalimantan Timur.",
    "nickname": "Jokowi meninjau banjir di Kabupaten Bekasi bersama Bupati Bekasi.",
    "kpk-long": "Komisi Pemberantasan Korupsi memeriksa dua pejabat Dinas Pekerjaan Umum Kota Medan.",
    "other": "Budi Widodo, warga Kota Bekasi, mengungsi karena banjir.",
}


@pytest.fixture(scope="module")
def records() -> list[dict[str, object]]:
    pipe = Pipeline(stages=["clean", "segment", "entities", "coref", "quotes"])
    out = []
    for ident, text in TEXTS.items():
        rec = pipe.analyze(text, published="2019-05-01", id=ident).to_dict()
        validate(rec)
        out.append(rec)
    return out


@pytest.fixture
def store(store_location: str, records: list[dict[str, object]]) -> Iterator[Store]:
    s = open_store(store_location)
    s.upsert(records)
    yield s
    s.close()


def test_nickname_finds_the_full_name_and_back(store: Store) -> None:
    assert {i["id"] for i in store.search(Query(text="Jokowi")).items} == {"full-name", "nickname"}
    assert {i["id"] for i in store.search(Query(text="Joko Widodo")).items} == {"full-name", "nickname"}


def test_api_search_expands_known_actors(store: Store) -> None:
    app = create_app(load_settings({"db": store.location}, environ={}), store=store)
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        found = client.get("/api/search", params={"q": "Jokowi"}).json()
        assert {i["id"] for i in found["items"]} == {"full-name", "nickname"}  # not Budi Widodo
        kpk = client.get("/api/search", params={"q": "KPK"}).json()
        assert {i["id"] for i in kpk["items"]} == {"kpk-long"}
        # knowledge-base keys hold a slash: the API and the page take them as written
        ent = client.get("/api/entities/kb:person/joko-widodo").json()
        assert ent["articles"] == 2
        assert client.get("/api/entities/kb:org/komisi-pemberantasan-korupsi").json()["articles"] == 1
        page = client.get("/entities/kb:person/joko-widodo")
        assert page.status_code == 200
        assert "Jokowi" in page.text
