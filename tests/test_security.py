"""Security review, tested on a real server: escaping, links, headers, errors, limits, auth, binding."""

from __future__ import annotations

import copy
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from _server import live_server
from conftest import FIXTURES, SEED
from warta.api import create_app
from warta.api.analysis import ANALYSIS_QUEUE, ANALYSIS_THREADS
from warta.cli.main import main
from warta.cli.serve import bind_warning, is_loopback
from warta.settings import load_settings
from warta.web.views import http_url

TOKEN = "s3cret-token"
XSS = "<script>alert('x')</script>"
HOSTILE_URLS = {
    "hostile-js": "javascript:alert(document.cookie)",
    "hostile-data": "data:text/html,<script>alert(1)</script>",
    "hostile-upper": "  JaVaScRiPt:alert(1)",
    "hostile-relative": "//evil.example/phish",
    "hostile-ok": "https://contoh.example.id/berita?a=1&b=<b>",
}


def _hostile_records() -> list[dict[str, Any]]:
    seed = json.loads((FIXTURES / "seed_annotated.jsonl").read_text("utf-8").splitlines()[0])
    out = []
    for rid, url in HOSTILE_URLS.items():
        rec = copy.deepcopy(seed)
        rec["document"].update(id=rid, url=url, title=f"Judul {XSS} {rid}", source=f"<b>{XSS}</b>")
        rec["document"]["story"] = None
        rec["entities"][0]["name"] = f"Valery {XSS}"
        rec["entities"][0]["title"] = '" onmouseover="alert(1)'
        for q in rec["quotes"]:
            q["speaker"], q["speaker_text"] = None, "<img src=x onerror=alert(1)>"
        out.append(rec)
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("sec")
    path = folder / "hostile.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in _hostile_records()), "utf-8")
    db = str(folder / "sec.db")
    assert main(["ingest", "--records", str(path), "--db", db, "--no-stories"]) == 0
    return db


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[httpx.Client]:
    app = create_app(load_settings({"db": db}, environ={}))
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as c:
        yield c


def _pages(client: httpx.Client) -> dict[str, httpx.Response]:
    ent = client.get("/api/entities", params={"q": "Valery"}).json()["items"][0]["id"]
    paths = ["/", "/?q=Gerasimov", f"/?q={XSS}", "/entities", f"/entities/{ent}", "/events", "/nope"]
    paths += [f"/articles/{rid}" for rid in HOSTILE_URLS] + [f"/articles/{XSS}", f"/entities/{XSS}"]
    return {p: client.get(p, headers={"accept": "text/html"}) for p in paths}


def test_every_page_escapes_text_titles_names_and_urls(client: httpx.Client) -> None:
    for path, page in _pages(client).items():
        assert "text/html" in page.headers["content-type"], path
        body = page.text
        assert "<script>alert" not in body, path
        assert "<img src=x" not in body, path
        assert "<b>" not in body, path
        assert 'onmouseover="alert' not in body, path
        assert 'href="javascript:' not in body.lower(), path
        assert 'href="data:' not in body.lower(), path
        assert 'href="//' not in body, path
    pages = _pages(client)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in pages["/articles/hostile-js"].text


def test_only_http_urls_become_links(client: httpx.Client) -> None:
    for rid, url in HOSTILE_URLS.items():
        page = client.get(f"/articles/{rid}").text
        if rid == "hostile-ok":
            assert 'href="https://contoh.example.id/berita?a=1&amp;b=&lt;b&gt;"' in page
        else:
            assert f'<span class="url">{url.replace("<", "&lt;").replace(">", "&gt;")}</span>' in page
    for good in ("http://a.id/x", "https://a.id", " https://a.id/ "):
        assert http_url(good) == good.strip()
    for bad in (
        "javascript:alert(1)",
        "data:,x",
        "vbscript:x",
        "//a.id",
        "/x",
        "https:///x",
        "http://a\nb",
        None,
        3,
    ):
        assert http_url(bad) is None


def test_protocol_relative_paths_give_no_offsite_links(client: httpx.Client) -> None:
    page = client.get("//evil.example/x", headers={"accept": "text/html"})
    assert page.status_code == 404
    assert 'href="//' not in page.text


def _check_headers(response: httpx.Response, what: str) -> None:
    h = response.headers
    assert h.get("x-content-type-options") == "nosniff", what
    assert "frame-ancestors 'none'" in h.get("content-security-policy", ""), what
    assert "script-src 'self'" in h["content-security-policy"], what
    assert "unsafe-inline" not in h["content-security-policy"], what
    assert h.get("x-frame-options") == "DENY", what
    assert len(h.get_list("content-security-policy")) == 1, what


def test_security_headers_on_every_response(client: httpx.Client) -> None:
    requests = [
        ("GET", "/"),
        ("GET", "/api/"),
        ("GET", "/api/articles"),
        ("GET", "/openapi.json"),
        ("GET", "/docs"),
        ("GET", "/static/style.css"),
        ("GET", "/static/swagger-init.js"),
        ("GET", "/static/swagger-ui/swagger-ui-bundle.js"),
        ("GET", "/static/nope.css"),
        ("GET", "/api/articles/nope"),
        ("GET", "/articles/nope"),
        ("GET", "/api/articles?size=0"),
        ("DELETE", "/api/articles"),
        ("POST", "/api/analyze"),
        ("HEAD", "/"),
        ("GET", "/favicon.ico"),
    ]
    for method, path in requests:
        _check_headers(client.request(method, path, headers={"accept": "text/html"}), f"{method} {path}")
    assert "<script>" not in client.get("/docs").text.split("</head>")[1].replace('<script src="', "")


class _BrokenStore:
    """A store whose every read fails with an internal detail that must never reach a client."""

    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("secret internal detail /etc/warta.db line 42")

        return fail


def test_internal_errors_show_no_traceback(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(load_settings({"db": str(tmp_path / "x.db")}, environ={}), store=_BrokenStore())  # type: ignore[arg-type]
    with live_server(app) as url, httpx.Client(base_url=url, timeout=30) as c:
        for path, accept in (("/api/articles", "application/json"), ("/", "text/html"), ("/api/", "*/*")):
            r = c.get(path, headers={"accept": accept})
            assert r.status_code == 500, path
            assert "Traceback" not in r.text, path
            assert "secret internal detail" not in r.text, path
            assert "RuntimeError" not in r.text, path
            _check_headers(r, path)
        assert c.get("/api/articles").json()["error"]["type"] == "InternalError"
    assert "secret internal detail" in caplog.text  # logged for the operator


@pytest.fixture(scope="module")
def rw(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, Any]]:
    path = str(tmp_path_factory.mktemp("sec-rw") / "rw.db")
    main(["ingest", "--records", str(FIXTURES / "seed_annotated.jsonl"), "--db", path])
    settings = load_settings({"db": path, "max_request_bytes": 50_000, "stages": "clean,segment"}, environ={})
    app = create_app(settings, token=TOKEN)
    with live_server(app) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c, app


def test_token_is_compared_in_constant_time(
    rw: tuple[httpx.Client, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from warta.api import deps

    calls: list[tuple[bytes, bytes]] = []
    real = deps.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(deps.hmac, "compare_digest", spy)
    client, _ = rw
    for given in ("s3cret-toke", "s3cret-token-", "S3CRET-TOKEN", "x", "s3cret-token s3cret-token"):
        r = client.post("/api/analyze", json={"text": "x"}, headers={"Authorization": f"Bearer {given}"})
        assert r.status_code == 401, given
    assert len(calls) == 5
    assert (
        client.post("/api/analyze", json={"text": "x"}, headers={"Authorization": "Basic abc"}).status_code
        == 401
    )


def test_body_limit_on_every_write(rw: tuple[httpx.Client, Any]) -> None:
    client, _ = rw
    big = json.dumps({"text": "kata " * 20_000}).encode()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for path in ("/api/analyze", "/api/articles", "/api/search", "/nowhere"):
        r = client.post(path, content=big, headers=auth)
        assert r.status_code == 413, path
        _check_headers(r, path)


def test_slow_analysis_never_blocks_reads(rw: tuple[httpx.Client, Any]) -> None:
    """50 slow analyses at once (more than the server's 40 request threads): reads stay fast,
    the analyses beyond the executor's queue get 503 at once, none gets a 500."""
    client, app = rw
    pipeline = app.state.pipeline
    real = pipeline.analyze

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(1.5)
        return real(*args, **kwargs)

    pipeline.analyze = slow
    statuses: list[int] = []
    auth = {"Authorization": f"Bearer {TOKEN}"}

    def post() -> None:
        with httpx.Client(base_url=str(client.base_url), timeout=120) as c:
            statuses.append(
                c.post("/api/analyze", json={"text": SEED.read_text("utf-8")}, headers=auth).status_code
            )

    # one search before: its first-call costs (indexes, alias tables) are not what is measured
    assert client.get("/api/search", params={"q": "Gerasimov"}).status_code == 200
    threads = [threading.Thread(target=post) for _ in range(50)]
    try:
        for t in threads:
            t.start()
        time.sleep(0.5)
        latencies = []
        for _ in range(20):
            start = time.perf_counter()
            assert client.get("/api/search", params={"q": "Gerasimov"}).status_code == 200
            latencies.append(time.perf_counter() - start)
        for t in threads:
            t.join(timeout=120)
    finally:
        pipeline.analyze = real
    # reads queued behind the analyses would wait for them (16 queued x 1.5 s): the typical read
    # stays fast, and none waits anywhere near that (single reads of 1.9-2.1 s were seen at load
    # average 11 on 2 cores, from CPU starvation, not from queueing)
    assert sorted(latencies)[len(latencies) // 2] < 0.5, latencies
    assert max(latencies) < 5.0, latencies
    assert set(statuses) <= {200, 503}
    assert statuses.count(200) >= ANALYSIS_THREADS + ANALYSIS_QUEUE - 1
    assert statuses.count(503) >= 50 - ANALYSIS_THREADS - ANALYSIS_QUEUE - 2


@pytest.mark.parametrize(
    ("host", "token", "warns"),
    [
        ("127.0.0.1", None, None),
        ("127.0.0.2", None, None),
        ("localhost", None, None),
        ("::1", None, None),
        ("[::1]", None, None),
        ("0.0.0.0", None, "without WARTA_TOKEN"),
        ("::", None, "without WARTA_TOKEN"),
        ("192.168.1.10", None, "anyone who can reach"),
        ("warta.example", None, "without WARTA_TOKEN"),
        ("0.0.0.0", "t", "clear text"),
    ],
)
def test_binding_elsewhere_warns(host: str, token: str | None, warns: str | None) -> None:
    warning = bind_warning(host, token)
    if warns is None:
        assert warning is None
        assert is_loopback(host)
    else:
        assert warning is not None
        assert warns in warning


def test_default_bind_is_loopback() -> None:
    assert load_settings({}, environ={}).host == "127.0.0.1"


def test_cached_responses_keep_headers_and_writes_clear_the_cache(rw: tuple[httpx.Client, Any]) -> None:
    client, _ = rw
    first = client.get("/api/articles")
    again = client.get("/api/articles")
    assert again.json() == first.json()
    _check_headers(again, "cached GET")
    assert client.get("/api/articles", params={"lang": "en"}).status_code == 200
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {"text": SEED.read_text("utf-8"), "id": "cache-1", "published": "2021-11-24"}
    assert client.post("/api/articles", json=body, headers=auth).status_code == 201
    assert client.get("/api/articles").json()["total"] == first.json()["total"] + 1
