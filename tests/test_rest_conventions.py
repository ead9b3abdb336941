"""REST conventions through a real server: sort, page links, 422 for unknown enum values, 201
for creation, typed OpenAPI that validates, one error schema matching every real error body,
and saved searches with their Atom feed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree as ET

import httpx
import jsonschema
import pytest

from _server import live_server
from conftest import FIXTURES, SEED
from test_rest_api import TOKEN, auth, db, ro  # noqa: F401 - the read-only server over the fixture db
from warta.api import create_app
from warta.api.analysis import AnalysisExecutor
from warta.settings import load_settings

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_TITLE = '<script>alert("x")</script> & Banjir ]]> Bekasi'


@pytest.fixture(scope="module")
def rw(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Any]]:
    """A server with a token and a small request limit over its own database, and its app."""
    path = str(tmp_path_factory.mktemp("conv") / "conv.db")
    app = create_app(load_settings({"db": path, "max_request_bytes": 20_000}, environ={}), token=TOKEN)
    with live_server(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client, app


def _spec_schema(spec: dict[str, Any], name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}


def test_sort_fields_and_unknown_ones(ro: httpx.Client) -> None:  # noqa: F811
    dates = [i["date"] for i in ro.get("/api/articles", params={"sort": "date"}).json()["items"]]
    assert dates == sorted(dates)
    newest = [i["date"] for i in ro.get("/api/articles").json()["items"]]
    assert newest == sorted(newest, reverse=True)
    titles = [i["title"] for i in ro.get("/api/articles", params={"sort": "-title"}).json()["items"]]
    assert [t for t in titles if t] == sorted((t for t in titles if t), reverse=True)
    names = [e["name"] for e in ro.get("/api/entities", params={"sort": "name", "size": 200}).json()["items"]]
    assert names == sorted(names)
    ranked = ro.get("/api/search", params={"q": "warga", "sort": "date"}).json()["items"]
    assert [i["date"] for i in ranked] == sorted(i["date"] for i in ranked)
    for path, bad in (("/api/articles", "colour"), ("/api/entities", "date"), ("/api/events", "-title")):
        response = ro.get(path, params={"sort": bad})
        assert response.status_code == 422, path
        assert response.json()["error"]["message"].startswith("query.sort:")


def test_page_links_in_body_and_link_header(ro: httpx.Client) -> None:  # noqa: F811
    first = ro.get("/api/articles", params={"size": 2, "outlet": ""})
    body = first.json()
    assert body["links"]["prev"] is None
    assert "page=2" in body["links"]["next"]
    assert "page=3" in body["links"]["last"]
    assert 'rel="next"' in first.headers["link"]
    assert 'rel="prev"' not in first.headers["link"]
    seen, url = [], body["links"]["self"]
    while url:  # following next visits every article once
        page = ro.get(url).json()
        seen += [i["id"] for i in page["items"]]
        url = page["links"]["next"]
    assert len(seen) == len(set(seen)) == body["total"] == 5
    last = ro.get(body["links"]["last"])
    assert last.json()["links"]["next"] is None
    assert "page=2" in last.json()["links"]["prev"]
    assert 'rel="prev"' in last.headers["link"]
    events = ro.get("/api/events", params={"size": 1})
    assert events.json()["links"]["self"].endswith("page=1")


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/events", {"type": "BOMB"}),
        ("/api/story-events", {"type": "bomb"}),
        ("/api/events", {"status": "maybe"}),
        ("/api/events", {"date_source": "rumour"}),
        ("/api/search", {"event_type": "BOMB"}),
        ("/api/articles", {"event_type": "bomb"}),
        ("/api/entities", {"type": "ALIEN"}),
    ],
)
def test_unknown_enum_values_are_422(ro: httpx.Client, path: str, params: dict[str, str]) -> None:  # noqa: F811
    response = ro.get(path, params=params)
    assert response.status_code == 422
    error = response.json()["error"]
    assert next(iter(params.values())) in error["message"]


def test_known_enum_values_in_any_case(ro: httpx.Client) -> None:  # noqa: F811
    assert ro.get("/api/events", params={"type": "consult"}).json()["total"] == 1
    assert ro.get("/api/search", params={"event_type": "Consult"}).json()["total"] == 1
    assert ro.get("/api/entities", params={"type": "person"}).json()["total"] >= 2


def test_openapi_validates_and_every_response_is_typed(ro: httpx.Client) -> None:  # noqa: F811
    from openapi_spec_validator import validate

    spec = ro.get("/openapi.json").json()
    validate(spec)
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for path, ops in spec["paths"].items():
        if not path.startswith("/api"):
            continue
        for method, op in ops.items():
            where = f"{method.upper()} {path}"
            ok = next(code for code in op["responses"] if code.startswith("2"))
            if ok != "204":
                content = op["responses"][ok]["content"]
                schema = next(iter(content.values()))["schema"]
                typed = "$ref" in schema or "$ref" in schema.get("items", {})  # a model or a list of one
                assert typed or schema.get("type") == "string", where  # else CSV, GraphML, Atom
            for code in ("404", "422", "500"):
                err = op["responses"][code]["content"]["application/json"]["schema"]
                assert err == {"$ref": "#/components/schemas/ErrorBody"}, f"{where} {code}"
    creates = [(p, op["post"]) for p, op in spec["paths"].items() if "post" in op and p.startswith("/api")]
    assert {p for p, op in creates if "201" in op["responses"]} == {"/api/articles", "/api/saved-searches"}
    article = spec["components"]["schemas"]["ArticlePage"]["properties"]
    assert {"total", "page", "pages", "links", "items", "facets"} <= set(article)


def test_error_schema_matches_real_404_422_413_503(rw: tuple[httpx.Client, Any]) -> None:
    client, app = rw
    spec = client.get("/openapi.json").json()
    schema = _spec_schema(spec, "ErrorBody")
    bodies = {
        404: client.get("/api/articles/nope"),
        422: client.get("/api/articles", params={"page": -1}),
        413: client.post("/api/analyze", content=json.dumps({"text": "kata " * 10_000}), headers=auth()),
        401: client.post("/api/analyze", json={"text": "x"}),
    }
    saved, app.state.analysis = app.state.analysis, AnalysisExecutor(threads=1, queue=0)
    app.state.analysis._slots.acquire()  # every slot taken: the next analysis is refused at once
    try:
        bodies[503] = client.post("/api/analyze", json={"text": SEED.read_text("utf-8")}, headers=auth())
    finally:
        app.state.analysis = saved
    for status, response in bodies.items():
        assert response.status_code == status
        body = response.json()
        jsonschema.validate(body, schema)
        assert body["error"]["status"] == status
    assert bodies[422].json()["error"]["details"][0]["where"] == "query.page"
    assert bodies[503].json()["error"]["type"] == "BusyError"


def test_saved_searches_over_the_api_with_feed(rw: tuple[httpx.Client, Any]) -> None:
    client, _ = rw
    body = {"name": "Gerasimov", "q": "Gerasimov", "filters": {"country": "RUS"}}
    assert client.post("/api/saved-searches", json=body).status_code == 401
    created = client.post("/api/saved-searches", json=body, headers=auth())
    assert created.status_code == 201, created.text
    ss = created.json()
    assert ss["id"] == "gerasimov"
    assert created.headers["location"] == ss["links"]["self"]
    assert client.post("/api/saved-searches", json=body, headers=auth()).status_code == 409
    bad = client.post("/api/saved-searches", json={**body, "filters": {"event_type": "BOMB"}}, headers=auth())
    assert bad.status_code == 422
    unknown = {"name": "x", "filters": {"colour": "red"}}
    assert client.post("/api/saved-searches", json=unknown, headers=auth()).status_code == 422

    assert client.get(ss["links"]["new"]).json()["total"] == 0
    text = SEED.read_text("utf-8")
    stored = client.post(
        "/api/articles", json={"text": text, "id": "seed-1", "published": "2021-11-24"}, headers=auth()
    )
    assert stored.status_code == 201
    new = client.get(ss["links"]["new"]).json()
    assert [i["id"] for i in new["items"]] == ["seed-1"]
    ran = client.post(f"/api/saved-searches/{ss['id']}/run", headers=auth()).json()
    assert ran["total"] == 1
    assert ran["saved_search"]["mark"] == ran["upto"]
    assert client.get(ss["links"]["new"]).json()["total"] == 0
    listed = client.get("/api/saved-searches").json()
    assert [s["id"] for s in listed["items"]] == ["gerasimov"]

    feed = client.get(ss["links"]["feed"])
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = ET.fromstring(feed.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    (entry,) = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}id").text.endswith("/articles/seed-1")  # type: ignore[union-attr]
    assert entry.find(f"{ATOM}updated").text  # type: ignore[union-attr]
    assert "<mark>" in (entry.find(f"{ATOM}summary").text or "")  # type: ignore[union-attr]

    assert client.delete("/api/saved-searches/gerasimov").status_code == 401
    assert client.delete("/api/saved-searches/gerasimov", headers=auth()).status_code == 204
    assert client.get("/api/saved-searches/gerasimov").status_code == 404
    assert client.get("/api/saved-searches/gerasimov/feed.atom").status_code == 404


def test_feed_escapes_hostile_titles(rw: tuple[httpx.Client, Any]) -> None:
    client, _ = rw
    created = client.post("/api/saved-searches", json={"name": "Bekasi", "q": "Bekasi"}, headers=auth())
    assert created.status_code == 201
    hostile = (FIXTURES / "hostile.txt").read_text("utf-8") + "\nBanjir merendam Bekasi."
    stored = client.post(
        "/api/articles", json={"text": hostile, "id": "h-1", "title": HOSTILE_TITLE}, headers=auth()
    )
    assert stored.status_code == 201, stored.text
    feed = client.get("/api/saved-searches/bekasi/feed.atom")
    assert b"<script>" not in feed.content
    root = ET.fromstring(feed.content)  # well-formed despite <, &, ]]> in the title
    titles = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert HOSTILE_TITLE in titles


def test_read_only_server_refuses_saved_search_writes(ro: httpx.Client) -> None:  # noqa: F811
    response = ro.post("/api/saved-searches", json={"name": "x", "q": "y"}, headers=auth())
    assert response.status_code == 403
    assert ro.get("/api/saved-searches").json() == {"total": 0, "items": []}


@pytest.mark.parametrize(
    ("path", "params", "model"),
    [
        ("/api/articles", {"size": 3}, "ArticlePage"),
        ("/api/search", {"q": "Gerasimov"}, "ArticlePage"),
        ("/api/search", {"q": "warga", "facets": "false"}, "ArticlePage"),
        ("/api/entities", {}, "EntityPage"),
        ("/api/entities/person-valery-gerasimov", {}, "EntityDetail"),
        ("/api/events", {}, "EventPage"),
        ("/api/story-events", {}, "StoryEventPage"),
        ("/api/articles/seed-annotated", {}, "Record"),
        ("/api/", {}, "Summary"),
        ("/api/saved-searches", {}, "SavedSearchList"),
    ],
)
def test_real_bodies_match_their_openapi_schema(
    ro: httpx.Client,  # noqa: F811
    path: str,
    params: dict[str, str],
    model: str,
) -> None:
    spec = ro.get("/openapi.json").json()
    response = ro.get(path, params=params)
    assert response.status_code == 200
    jsonschema.validate(response.json(), _spec_schema(spec, model))
    template = path if path != "/api/entities/person-valery-gerasimov" else "/api/entities/{entity_id}"
    template = "/api/articles/{article_id}" if path == "/api/articles/seed-annotated" else template
    ok = spec["paths"][template]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": f"#/components/schemas/{model}"}


def test_story_event_body_matches_its_schema(ro: httpx.Client) -> None:  # noqa: F811
    spec = ro.get("/openapi.json").json()
    acts = ro.get("/api/story-events").json()["items"]
    assert acts
    one = ro.get(f"/api/story-events/{acts[0]['id']}").json()
    jsonschema.validate(one, _spec_schema(spec, "StoryEventDetail"))
    assert one["sources"]
