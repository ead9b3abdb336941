"""The workbench's JSON endpoints through a real uvicorn server on localhost (httpx)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import httpx
import pytest

from _server import live_server
from warta.api import create_app
from warta.settings import load_settings
from warta.store import open_store
from workbench_records import FLOOD_DAY, corpus


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = str(tmp_path_factory.mktemp("wbapi") / "wb.db")
    store = open_store(db)
    store.upsert(corpus())
    store.close()
    app = create_app(load_settings({"db": db}, environ={}))
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def test_timelines(api: httpx.Client) -> None:
    tl = api.get("/api/timeline", params={"q": "banjir", "granularity": "month"}).json()
    assert tl["granularity"] == "month"
    assert [(b["label"], b["count"], b["spike"]) for b in tl["buckets"]] == [("2024-03", 8, False)]
    full = api.get("/api/timeline").json()
    assert [b["label"] for b in full["buckets"] if b["spike"]] == [FLOOD_DAY]
    ev = api.get("/api/events/timeline", params={"type": "AID"}).json()
    assert (ev["total"], ev["start"], ev["end"]) == (8, FLOOD_DAY, FLOOD_DAY)
    pair = api.get("/api/events/timeline", params={"entity": "Joko Widodo", "other": "Prabowo Subianto"})
    assert pair.json()["total"] == 3


def test_network_formats(api: httpx.Client) -> None:
    params = {"entity": "Prabowo Subianto"}
    graph = api.get("/api/network", params=params).json()
    assert len(graph["nodes"]) == 4
    assert len(graph["edges"]) == 9
    text = api.get("/api/network.csv", params=params)
    assert text.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text.text)))
    assert sum(r["kind"] == "acts" for r in rows) == 3
    graphml = api.get("/api/network.graphml", params=params)
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    assert len(ET.fromstring(graphml.text).findall(".//{http://graphml.graphdrawing.org/xmlns}edge")) == 9
    people = api.get("/api/network", params={"types": "PERSON", "limit": 2}).json()
    assert {n["type"] for n in people["nodes"]} == {"PERSON"}


def test_places_and_stories(api: httpx.Client) -> None:
    places = api.get("/api/places").json()
    bekasi = next(p for p in places["places"] if p["name"] == "Kota Bekasi")
    assert bekasi["geo"]["precision"] == "city"
    assert bekasi["geo"]["province_code"] == "32"
    assert bekasi["events"] == 8
    top = api.get("/api/stories", params={"date_from": "2024-03"}).json()
    assert top[0]["id"] == "s-banjir-bekasi"
    story = api.get("/api/stories/s-debat-surabaya").json()
    assert len(story["articles"]) == 3
    assert len(story["story_events"]) == 3


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/timeline?granularity=hour", 422),
        ("/api/timeline?granularity=day&date_from=1990&date_to=2024", 422),
        ("/api/network?limit=1", 422),
        ("/api/network?types=PERSON;DROP", 422),
        ("/api/stories/s-nope", 404),
        ("/api/stories?date_from=yesterday", 422),
    ],
)
def test_bad_requests(api: httpx.Client, path: str, status: int) -> None:
    answer = api.get(path)
    assert answer.status_code == status
    assert answer.json()["error"]["status"] == status


def test_openapi_types_the_workbench(api: httpx.Client) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    for path, model in (
        ("/api/network", "Network"),
        ("/api/timeline", "Timeline"),
        ("/api/places", "Places"),
    ):
        schema = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema["$ref"].endswith("/" + model)


def test_every_workbench_route_is_documented() -> None:
    from pathlib import Path

    from warta.api.workbench import router as api_router
    from warta.web.workbench import router as page_router

    docs = Path(__file__).resolve().parents[1] / "docs"
    api_md, web_md = (docs / "api.md").read_text("utf-8"), (docs / "web.md").read_text("utf-8")
    for route in api_router.routes:
        assert getattr(route, "path", "") in api_md, f"{route} missing from docs/api.md"
    for route in page_router.routes:
        assert getattr(route, "path", "") in web_md, f"{route} missing from docs/web.md"
