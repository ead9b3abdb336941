"""The web UI in headless Chromium (Debian's chromium driven by Playwright; skipped without it).

Screenshots go to tests/artifacts/ (git-ignored), for people to look at after a run.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _server import live_server
from conftest import FIXTURES, SEED, SEED_PUBLISHED
from warta.api import create_app
from warta.cli.main import main
from warta.pipeline import STAGES
from warta.settings import load_settings

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("web") / "web.db")
    assert main(["ingest", str(SEED), "--published", SEED_PUBLISHED, "--db", db]) == 0
    assert main(["ingest", "--records", str(FIXTURES / "seed_annotated.jsonl"), "--db", db]) == 0
    assert main(["ingest", str(FIXTURES / "store_articles.jsonl"), "--db", db]) == 0
    assert main(["ingest", str(FIXTURES / "hostile.txt"), "--published", "2021-11-22", "--db", db]) == 0
    with live_server(create_app(load_settings({"db": db}, environ={}))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"chromium not installed ({CHROMIUM}); scripts/test.sh installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900})
    pg = context.new_page()
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()
    assert not dialogs, f"a script ran in the page: {dialogs}"


def test_search_article_entity_and_events_csv(site: str, page: Any, tmp_path: Path) -> None:
    page.goto(site + "/")
    page.fill("#q", "Gerasimov")
    page.press("#q", "Enter")
    page.wait_for_selector(".hit")
    assert page.locator(".hit").count() == 2
    assert page.locator(".hit mark", has_text="Gerasimov").count() >= 1
    assert page.locator(".facet[data-facet=outlets]").is_visible()
    page.screenshot(path=str(ARTIFACTS / "search-gerasimov.png"), full_page=True)

    page.click("a.hit-title:has-text('Panglima Militer Rusia dan AS')")
    person = page.locator("#article-text a.ent[data-type=PERSON]", has_text="Valery Gerasimov").first
    person.wait_for()
    assert "RUS" in (person.get_attribute("title") or "")
    assert page.locator("#article-text .time").first.get_attribute("title") == "TIMEX3 DATE 2021-11-23"
    assert page.locator(".quotes li").count() == 2
    assert page.locator(".events-table tbody tr").count() == 2
    page.screenshot(path=str(ARTIFACTS / "article-annotated.png"), full_page=True)

    person.click()
    page.wait_for_selector("h1.entity-name")
    assert page.locator("h1.entity-name").inner_text() == "Valery Gerasimov"
    page.wait_for_selector("svg.tl")
    assert page.locator("svg.tl rect.tl-bar").count() == 1  # one month, zero-filled timeline
    assert page.locator(".cooccurring a", has_text="Mark Milley").count() == 1
    assert page.locator(".events-table td", has_text="CONSULT").count() == 1
    page.screenshot(path=str(ARTIFACTS / "entity-gerasimov.png"), full_page=True)

    page.click("header nav a[href='/events']")
    page.wait_for_selector(".events-table")
    page.screenshot(path=str(ARTIFACTS / "events.png"), full_page=True)
    with page.expect_download() as info:
        page.click("#events-csv")
    target = tmp_path / "events.csv"
    info.value.save_as(target)
    lines = target.read_text("utf-8").splitlines()
    assert lines[0].startswith("article_id,url,published,event_id,date,date_source,source_name")
    assert any(",CONSULT," in line and "Valery Gerasimov" in line for line in lines[1:])


@pytest.mark.skipif("entities" not in STAGES, reason="no entities stage registered yet (branch `entities`)")
def test_pipeline_highlights_gerasimov_as_person(site: str, page: Any) -> None:
    page.goto(site + "/?q=Gerasimov")
    page.click("a.hit-title:not(:has-text('Panglima Militer Rusia dan AS'))")
    person = page.locator("#article-text a.ent[data-type=PERSON]", has_text="Valery Gerasimov").first
    person.wait_for()
    page.screenshot(path=str(ARTIFACTS / "article-pipeline.png"), full_page=True)


def test_hostile_article_changes_nothing(site: str, page: Any) -> None:
    before = page.request.get(site + "/api/").json()
    page.goto(site + "/?q=DROP+TABLE")
    page.click("a.hit-title")
    page.wait_for_selector("#article-text")
    text = page.locator("#article-text").inner_text()
    assert "<script>document.title='HACKED';alert(1)</script>" in text
    assert "<img src=x onerror=\"document.body.innerHTML='PWNED'\">" in text
    assert page.title() != "HACKED"
    assert page.locator("img").count() == 0  # the <img onerror> is text, never an element
    keywords = page.locator(".keywords").inner_text() if page.locator(".keywords").count() else ""
    body = page.locator("body").inner_text().replace(keywords, "")  # keywords are words of the text
    assert "PWNED" not in body.replace("innerHTML='PWNED'", "")
    page.screenshot(path=str(ARTIFACTS / "article-hostile.png"), full_page=True)
    page.goto(site + "/?q=" + "%3Cscript%3Ealert(2)%3C%2Fscript%3E")
    assert page.locator("#q").input_value() == "<script>alert(2)</script>"
    assert page.request.get(site + "/api/").json() == before


def test_language_toggle(site: str, page: Any) -> None:
    page.goto(site + "/")
    assert page.locator("header nav a").first.inner_text() == "Cari"
    page.click("#lang-toggle")
    page.wait_for_url("**lang=en**")
    assert page.locator("header nav a").first.inner_text() == "Search"
    page.goto(site + "/events")  # remembered in a cookie
    assert page.locator("#events-csv").inner_text() == "Download CSV"
    page.screenshot(path=str(ARTIFACTS / "events-en.png"))


def test_openapi_docs_render_offline(site: str, page: Any) -> None:
    page.goto(site + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".opblock-summary-path", has_text="/api/search").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "api-docs.png"))
