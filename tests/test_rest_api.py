"""The REST API and HTML pages through a real uvicorn server on localhost (httpx)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from _server import live_server
from conftest import FIXTURES, SEED
from warta import validate
from warta.api import create_app
from warta.cli.main import main
from warta.settings import load_settings

TOKEN = "test-token-123"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("api") / "api.db")
    assert main(["ingest", "--records", str(FIXTURES / "seed_annotated.jsonl"), "--db", path]) == 0
    basic = ["--stages", "clean,language,segment"]  # counts below must not depend on the annotators
    assert main(["ingest", str(FIXTURES / "store_articles.jsonl"), "--db", path, *basic]) == 0
    assert (
        main(["ingest", str(FIXTURES / "hostile.txt"), "--published", "2021-11-22", "--db", path, *basic])
        == 0
    )
    return path


@pytest.fixture(scope="module")
def ro(db: str) -> Iterator[httpx.Client]:
    """A read-only server (no token)."""
    app = create_app(load_settings({"db": db}, environ={}))
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def rw(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A server with a token and a small request limit, over its own database."""
    path = str(tmp_path_factory.mktemp("rw") / "rw.db")
    settings = load_settings({"db": path, "max_request_bytes": 20_000}, environ={})
    with (
        live_server(create_app(settings, token=TOKEN)) as url,
        httpx.Client(base_url=url, timeout=60) as client,
    ):
        yield client


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_summary_and_openapi(ro: httpx.Client) -> None:
    summary = ro.get("/api/").json()
    assert summary["articles"] == 5
    assert summary["read_only"] is True
    assert summary["migrations"][0] == "0001_initial"
    spec = ro.get("/openapi.json").json()
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/entities",
        "/api/events",
    ):
        assert path in spec["paths"]
    assert "post" in spec["paths"]["/api/analyze"]
    docs = ro.get("/docs")
    assert docs.status_code == 200
    assert "/static/swagger-ui/swagger-ui-bundle.js" in docs.text  # served locally: no CDN offline
    assert ro.get("/static/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_articles_and_pagination(ro: httpx.Client) -> None:
    page = ro.get("/api/articles", params={"size": 2, "page": 2}).json()
    assert page["total"] == 5
    assert page["pages"] == 3
    assert len(page["items"]) == 2
    record = ro.get("/api/articles/seed-annotated").json()
    validate(record)
    assert record["document"]["source"] == "CNN Indonesia"
    assert ro.get("/api/articles", params={"outlet": "Kompas"}).json()["total"] == 1


@pytest.mark.parametrize(
    ("path", "params", "status", "kind"),
    [
        ("/api/articles/nope", {}, 404, "NotFoundError"),
        ("/api/entities/person-nobody", {}, 404, "NotFoundError"),
        ("/api/nothing-here", {}, 404, "HTTPError"),
        ("/api/articles", {"size": 201}, 422, "InputError"),
        ("/api/articles", {"size": 0}, 422, "ValidationError"),
        ("/api/articles", {"page": -1}, 422, "ValidationError"),
        ("/api/search", {"date_from": "24-11-2021"}, 422, "ValidationError"),
        ("/api/search", {"country": "Indonesia"}, 422, "ValidationError"),
        ("/api/search", {"q": "x" * 501}, 422, "ValidationError"),
        ("/api/events", {"type": "DROP TABLE"}, 422, "InputError"),
        ("/api/events", {"type": "BOMB"}, 422, "InputError"),
        ("/api/events", {"status": "maybe"}, 422, "InputError"),
        ("/api/articles", {"sort": "colour"}, 422, "ValidationError"),
    ],
)
def test_errors_are_json_with_status(
    ro: httpx.Client, path: str, params: dict[str, Any], status: int, kind: str
) -> None:
    response = ro.get(path, params=params)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["status"] == status
    assert error["type"] == kind
    assert error["message"]


def test_search_with_filters_and_facets(ro: httpx.Client) -> None:
    result = ro.get("/api/search", params={"q": "Gerasimov"}).json()
    ids = [i["id"] for i in result["items"]]
    assert ids == ["seed-annotated"]
    assert "<mark>Gerasimov</mark>" in result["items"][0]["snippet_html"]
    assert {f["value"] for f in result["facets"]["entities"]} >= {"person-valery-gerasimov"}
    assert ro.get("/api/search", params={"q": "Gerasimov", "country": "RUS"}).json()["total"] == 1
    assert ro.get("/api/search", params={"q": "Gerasimov", "date_from": "2022"}).json()["total"] == 0
    assert ro.get("/api/search", params={"speaker": "Pentagon"}).json()["total"] == 1
    assert ro.get("/api/search", params={"event_type": "CONSULT"}).json()["total"] == 1
    assert ro.get("/api/search", params={"q": "warga", "size": 1}).json()["pages"] >= 2
    assert "facets" not in ro.get("/api/search", params={"q": "warga", "facets": False}).json()


def test_entities_and_events(ro: httpx.Client) -> None:
    people = ro.get("/api/entities", params={"type": "PERSON"}).json()
    assert {e["name"] for e in people["items"]} >= {"Valery Gerasimov", "Mark Milley"}
    ent = ro.get("/api/entities/person-valery-gerasimov").json()
    assert ent["country"] == "RUS"
    assert ent["events"][0]["target"] == "Mark Milley"
    events = ro.get("/api/events", params={"type": "consult"}).json()
    assert events["total"] == 1
    assert events["items"][0]["source_id"] == "person-valery-gerasimov"
    csv_response = ro.get("/api/events.csv")
    assert csv_response.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_response.headers["content-disposition"]
    lines = csv_response.text.splitlines()
    assert lines[0].startswith("article_id,url,published,event_id,date,date_source,source_name")
    assert len(lines) == 3


def test_read_only_server_refuses_writes(ro: httpx.Client) -> None:
    for path in ("/api/analyze", "/api/articles"):
        response = ro.post(path, json={"text": SEED.read_text("utf-8")}, headers=auth())
        assert response.status_code == 403
        assert response.json()["error"]["type"] == "ReadOnlyError"


def test_token_guards_analysis_and_writes(rw: httpx.Client) -> None:
    text = SEED.read_text("utf-8")
    assert rw.post("/api/analyze", json={"text": text}).status_code == 401
    wrong = rw.post("/api/analyze", json={"text": text}, headers=auth("nope"))
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"] == "Bearer"
    ok = rw.post("/api/analyze", json={"text": text, "published": "2021-11-24", "id": "x1"}, headers=auth())
    assert ok.status_code == 200, ok.text
    record = ok.json()
    validate(record)
    assert record["document"]["id"] == "x1"
    html = rw.post("/api/analyze", json={"html": f"<html><body><p>{text}</p></body></html>"}, headers=auth())
    assert html.status_code == 200
    assert rw.post("/api/analyze", json={"text": text, "html": "<p>x</p>"}, headers=auth()).status_code == 422
    assert rw.post("/api/analyze", json={"text": ""}, headers=auth()).status_code == 422
    assert rw.post("/api/analyze", content=b"{not json", headers=auth()).status_code == 422
    stored = rw.post(
        "/api/articles", json={"text": text, "id": "stored-1", "published": "2021-11-24"}, headers=auth()
    )
    assert stored.status_code == 201
    assert stored.json() == {"id": "stored-1", "stored": True}
    assert stored.headers["location"].endswith("/api/articles/stored-1")
    assert rw.get("/api/articles/stored-1").status_code == 200


def test_request_size_limit(rw: httpx.Client) -> None:
    big = {"text": "kata " * 10_000}
    response = rw.post("/api/analyze", content=json.dumps(big).encode(), headers=auth())
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "RequestTooLargeError"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the body is counted as it arrives
        yield json.dumps(big).encode()

    streamed = rw.post("/api/analyze", content=chunks(), headers=auth())
    assert streamed.status_code == 413


def test_html_pages_escape_hostile_content(ro: httpx.Client, db: str) -> None:
    hit = ro.get("/api/search", params={"q": "DROP TABLE"}).json()["items"][0]
    page = ro.get(f"/articles/{hit['id']}")
    assert page.status_code == 200
    assert "<script>document.title" not in page.text
    assert "&lt;script&gt;document.title" in page.text
    assert "<img src=x" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert ro.get("/api/").json()["articles"] == 5  # the SQL in the text did nothing
    search = ro.get("/", params={"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)" not in search.text


def test_pages_and_language_toggle(ro: httpx.Client) -> None:
    home = ro.get("/", params={"q": "Gerasimov"}, headers={"accept": "text/html"})
    assert home.status_code == 200
    assert "Cari" in home.text
    english = ro.get("/", params={"q": "Gerasimov", "lang": "en"})
    assert ">Search<" in english.text
    assert english.cookies.get("warta_lang") == "en"
    ro.cookies.set("warta_lang", "en")
    again = ro.get("/events")
    assert "Download CSV" in again.text
    ro.cookies.clear()
    for path in ("/articles/seed-annotated", "/entities/person-valery-gerasimov", "/entities", "/events"):
        assert ro.get(path).status_code == 200, path
    missing = ro.get("/articles/nope", headers={"accept": "text/html"})
    assert missing.status_code == 404
    assert "text/html" in missing.headers["content-type"]
    article = ro.get("/articles/seed-annotated").text
    assert 'data-type="PERSON"' in article
    assert "TIMEX3 DATE 2021-11-23" in article


def test_serve_command_parses(tmp_path: Path) -> None:
    from warta.cli.main import build_parser

    args = build_parser().parse_args(["serve", "--db", str(tmp_path / "x.db")])
    assert args.host is None  # falls back to settings.host = 127.0.0.1
    assert load_settings({}, environ={}).host == "127.0.0.1"
