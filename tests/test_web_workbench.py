"""The analyst's workbench in headless Chromium: timeline, network, map, stories, and the article
and events pages fit for reading, over the corpus of tests/workbench_records.py.

Each test asserts what the page shows (numbers, labels, nodes, shapes) and saves a screenshot
under tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _server import live_server
from test_web_browser import ARTIFACTS, browser, page  # noqa: F401  (fixtures)
from warta.api import create_app
from warta.settings import load_settings
from warta.store import open_store
from workbench_records import FLOOD_DAY, corpus

pytestmark = pytest.mark.browser
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("workbench") / "wb.db")
    store = open_store(db)
    store.upsert(corpus())
    store.close()
    with live_server(create_app(load_settings({"db": db}, environ={}))) as url:
        yield url


def _local_only(pg: Any, site: str) -> list[str]:
    """Every URL the page requests (checked afterwards to be this server's)."""
    seen: list[str] = []
    pg.on("request", lambda r: seen.append(r.url))
    return seen


def _no_overlap(boxes: list[dict[str, float]]) -> bool:
    xs = sorted((b["x"], b["x"] + b["width"]) for b in boxes)
    return all(a[1] <= b[0] + 0.5 for a, b in itertools.pairwise(xs))


def test_timeline_page_zero_fills_and_marks_the_spike(site: str, page: Any) -> None:  # noqa: F811
    seen = _local_only(page, site)
    page.goto(site + "/timeline")
    page.wait_for_selector("svg.tl rect.tl-bar")
    assert page.locator("rect.tl-bar").count() == 85  # 2024-01-01 … 2024-03-25, every day
    assert page.locator("rect.tl-bar[data-count='0']").count() == 85 - 30
    spike = page.locator("rect.tl-spike")
    assert spike.count() == 1
    assert spike.get_attribute("data-label") == FLOOD_DAY
    assert spike.get_attribute("data-count") == "9"
    assert page.locator("path.tl-marker").count() == 1
    assert page.locator(".tl-total").inner_text() == "40"
    assert page.locator(".spike-table tbody tr").count() == 1
    assert page.locator(".spike-table a").inner_text() == "10 Maret 2024"
    labels = page.locator("svg.tl text.tl-axis").all()
    assert _no_overlap([t.bounding_box() for t in labels if t.get_attribute("text-anchor") == "middle"])
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=True)

    page.set_viewport_size({"width": 390, "height": 800})  # redrawn to the new width, still readable
    # polled from Python: wait_for_function's polling evaluates strings, which the pages' CSP forbids
    chart = page.locator("svg.tl")
    for _ in range(100):
        if float(chart.get_attribute("width") or 1e9) < 400:
            break
        page.wait_for_timeout(50)
    assert float(chart.get_attribute("width") or 1e9) < 400
    small = [t.bounding_box() for t in page.locator("svg.tl text.tl-axis[text-anchor=middle]").all()]
    assert 2 <= len(small) < 12
    assert _no_overlap(small)
    page.screenshot(path=str(ARTIFACTS / "timeline-phone.png"), full_page=True)

    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(site + "/timeline?subject=events&entity=Prabowo+Subianto&other=Anies+Baswedan&granularity=week")
    page.wait_for_selector("svg.tl")
    assert page.locator(".tl-total").inner_text() == "6"
    assert [r.get_attribute("data-label") for r in page.locator("rect.tl-bar").all()] == ["2024-W06"]
    page.goto(site + "/timeline?q=banjir&granularity=week&date_from=2024-01-01&date_to=2024-03-31")
    page.wait_for_selector("svg.tl")
    assert page.locator("rect.tl-bar").count() == 13  # Mondays 2024-01-01 … 2024-03-25
    assert page.locator("rect.tl-bar[data-count='8']").get_attribute("data-label") == "2024-W10"
    assert all(u.startswith(site) for u in seen), [u for u in seen if not u.startswith(site)]


def test_network_page_draws_actors_and_exports(site: str, page: Any, tmp_path: Path) -> None:  # noqa: F811
    page.goto(site + "/network?entity=Prabowo+Subianto")
    page.wait_for_selector("svg.net g.net-node")
    nodes = page.locator("g.net-node")
    assert nodes.count() == 4
    assert {n.text_content() for n in page.locator("g.net-node > text").all()} == {
        "Prabowo Subianto",
        "Anies Baswedan",
        "Joko Widodo",
        "Kota Surabaya",
    }
    assert page.locator("path.net-acts").count() == 3
    assert page.locator("line.net-co").count() == 6
    assert page.locator("path.net-accuse[marker-end]").count() == 1
    assert page.locator(".acts-table tbody tr").count() == 3
    assert "Joko Widodo" in page.locator(".acts-table tr", has_text="CONSULT").inner_text()
    page.screenshot(path=str(ARTIFACTS / "network-prabowo.png"), full_page=True)

    downloads = {}
    for link in ("export-csv", "export-graphml", "export-json"):
        with page.expect_download() as info:
            page.click(f"#{link}")
        target = tmp_path / link
        info.value.save_as(target)
        downloads[link] = target.read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(downloads["export-csv"])))
    assert len(rows) == 9
    assert {(r["source_name"], r["type"], r["target_name"]) for r in rows if r["kind"] == "acts"} == {
        ("Prabowo Subianto", "ACCUSE", "Anies Baswedan"),
        ("Anies Baswedan", "REJECT", "Prabowo Subianto"),
        ("Joko Widodo", "CONSULT", "Prabowo Subianto"),
    }
    graphml = ET.fromstring(downloads["export-graphml"])
    assert len(graphml.findall(".//{http://graphml.graphdrawing.org/xmlns}node")) == 4
    assert len(json.loads(downloads["export-json"])["edges"]) == 9

    page.goto(site + "/network")
    page.wait_for_selector("svg.net g.net-node")
    assert page.locator("g.net-node").count() == 11
    page.hover("g.net-node[data-id='location-malaysia']")
    dimmed = {g.get_attribute("data-id") for g in page.locator("g.net-node.net-dim").all()}
    assert "person-prabowo-subianto" in dimmed
    assert "location-malaysia" not in dimmed
    page.mouse.move(5, 5)
    page.uncheck("input[data-edge-kind=acts]")
    assert page.locator("path.net-acts.net-hidden").count() == 3
    page.check("input[data-edge-kind=acts]")
    page.screenshot(path=str(ARTIFACTS / "network-all.png"), full_page=True)


def test_map_page_offline_with_precision(site: str, page: Any) -> None:  # noqa: F811
    seen = _local_only(page, site)
    page.goto(site + "/map")
    page.wait_for_selector("#map[data-ready='1']")
    assert page.locator("path.map-country").count() >= 200
    assert page.locator("path.map-province").count() == 38
    dots = page.locator("circle.map-dot")
    assert dots.count() == 5  # 2 cities, 1 regency, 2 provinces with coordinates; countries are shaded
    assert page.locator("circle.prec-city").count() == 2
    assert page.locator("circle.prec-regency").count() == 1
    assert page.locator("circle.prec-province").count() == 2
    assert "shade-5" in (page.locator("path.map-province[data-id='32']").get_attribute("class") or "")
    assert "shade" not in (page.locator("path.map-province[data-id='51']").get_attribute("class") or "")
    assert "shade" in (page.locator("path.map-country[data-id='MYS']").get_attribute("class") or "")
    page.locator("circle.map-dot[data-id='location-kota-bekasi']").dispatch_event("click")
    panel = page.locator("#map-panel").inner_text()
    assert "Kota Bekasi" in panel
    assert "kota" in panel
    assert "32.75" in panel
    rows = page.locator(".places-table tbody tr")
    assert rows.count() == 6
    assert page.locator(".places-table tr[data-precision=country]", has_text="Malaysia").count() == 1
    page.screenshot(path=str(ARTIFACTS / "map-indonesia.png"), full_page=True)
    page.click("button[data-map-view=world]")
    assert page.locator("svg.map-svg").get_attribute("viewBox").startswith("-180 ")
    page.screenshot(path=str(ARTIFACTS / "map-world.png"))
    assert all(u.startswith(site) for u in seen), [u for u in seen if not u.startswith(site)]
    assert site + "/static/geo/provinces.json" in seen


def test_stories_front_page_and_story_page(site: str, page: Any) -> None:  # noqa: F811
    page.goto(site + "/stories")
    cards = page.locator(".story-card")
    assert cards.first.get_attribute("data-story") == "s-banjir-bekasi"
    assert page.locator(".period").inner_text() == "Periode: 25 Februari 2024 – 25 Maret 2024"
    first = cards.first.locator(".story-title").inner_text()
    assert first.startswith("Banjir kembali merendam ratusan rumah di Kota Bekasi")
    assert cards.first.locator(".story-articles").inner_text() == "8"
    page.screenshot(path=str(ARTIFACTS / "stories.png"), full_page=True)
    page.click(".periods a[data-days='7']")
    assert page.locator(".period").inner_text() == "Periode: 19 Maret 2024 – 25 Maret 2024"
    assert page.locator(".story-card").first.get_attribute("data-story") == "s-daily-28"
    page.click(".periods a[data-days='all']")
    assert page.locator(".story-card").count() == 20
    page.goto(site + "/stories?date_from=2024-02&date_to=2024-02")
    assert page.locator(".story-card").first.get_attribute("data-story") == "s-debat-surabaya"

    page.click(".story-card >> nth=0 >> a.story-title")
    page.wait_for_selector("h1.story-heading")
    assert page.locator("#story-count").inner_text() == "3"
    assert page.locator(".story-articles li").count() == 3
    shared = {a.inner_text() for a in page.locator(".shared-entities a").all()}
    assert shared == {"Prabowo Subianto", "Anies Baswedan", "Joko Widodo", "Kota Surabaya"}
    acts = page.locator(".story-events-table tbody tr")
    assert acts.count() == 3
    consult = page.locator(".story-events-table tr[data-type=CONSULT]")
    assert "Joko Widodo" in consult.inner_text()
    assert "direncanakan" in consult.inner_text()
    assert "3 artikel" in consult.inner_text()
    assert page.locator("svg.tl rect.tl-bar").count() == 2  # 5 and 6 February
    page.wait_for_selector("svg.tl")
    page.screenshot(path=str(ARTIFACTS / "story-debate.png"), full_page=True)


def test_article_page_fit_for_reading(site: str, page: Any) -> None:  # noqa: F811
    page.goto(site + "/articles/wb-flood-0")  # the one article with no title
    title = page.locator("h1.article-title").inner_text()
    assert title == "Banjir kembali merendam ratusan rumah di Kota Bekasi, Jawa Barat, pada laporan ke-1."
    assert page.title().startswith("Banjir kembali merendam")
    assert page.locator(".summary li").count() == 2
    assert [k.inner_text() for k in page.locator(".keywords a").all()] == ["banjir", "Bekasi"]
    places = page.locator(".entity-group[data-type=LOCATION]")
    assert places.locator("h3").inner_text().startswith("Tempat")
    assert places.locator("li").count() == 3
    assert places.locator(".prec-city", has_text="kota").count() == 1
    assert page.locator(".entity-group[data-type=ORGANIZATION] li").count() == 1
    meta = page.locator(".article .meta").first.inner_text()
    assert "10 Maret 2024" in meta
    main = page.locator("main").inner_text()
    assert not ISO_DAY.search(main), ISO_DAY.findall(main)
    assert "asserted" not in main
    assert "terjadi" in page.locator(".events-table").inner_text()
    assert page.locator("#open-story").get_attribute("href") == "/stories/s-banjir-bekasi"
    page.screenshot(path=str(ARTIFACTS / "article-untitled.png"), full_page=True)
    page.goto(site + "/articles/wb-flood-0?lang=en")
    assert page.locator(".entity-group[data-type=LOCATION] h3").inner_text().startswith("Places")
    assert "10 March 2024" in page.locator(".article .meta").first.inner_text()
    assert "happened" in page.locator(".events-table").inner_text()
    page.goto(site + "/?lang=id")


def test_events_page_status_filter_date_source_and_pronouns(site: str, page: Any) -> None:  # noqa: F811
    page.goto(site + "/events")
    page.select_option("#status-filter", "planned")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**status=planned**")
    rows = page.locator(".events-table tbody tr")
    assert rows.count() == 3
    assert {r.get_attribute("data-status") for r in rows.all()} == {"planned"}
    assert {r.locator(".ev-source").inner_text().strip() for r in rows.all()} == {"Joko Widodo IDN"}
    assert page.locator(".ev-source a").first.get_attribute("title") == "dia"
    notes = page.locator(".ev-date .date-note")
    assert notes.count() == 3
    assert notes.first.inner_text() == "(tanggal artikel)"
    assert rows.first.locator(".status").inner_text() == "direncanakan"
    page.screenshot(path=str(ARTIFACTS / "events-planned.png"), full_page=True)
    page.goto(site + "/events?type=ACCUSE")
    first = page.locator(".events-table tbody tr").first
    assert first.locator(".date-source").inner_text() == "dari kalimatnya"
    assert "(tanggal artikel)" not in first.inner_text()
    text = page.locator("main").inner_text()
    assert not ISO_DAY.search(text)
    assert page.locator("svg.tl rect.tl-bar").count() == 2


def test_phone_layout_puts_results_before_facets(site: str, browser: Any) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    pg.goto(site + "/?q=banjir")
    pg.wait_for_selector(".hit")
    results, facets = pg.locator(".results").bounding_box(), pg.locator(".facets").bounding_box()
    assert results["y"] + results["height"] <= facets["y"] + 1
    assert pg.locator(".hit").count() == 8
    width = pg.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    pg.screenshot(path=str(ARTIFACTS / "search-phone.png"), full_page=True)
    context.close()


def test_pages_reference_no_external_url(site: str, page: Any) -> None:  # noqa: F811
    for path in ("/", "/timeline", "/network", "/map", "/stories", "/stories/s-banjir-bekasi", "/events"):
        html = page.request.get(site + path).text()
        external = re.findall(r"""(?:src|href)=["'](?:https?:)?//[^"']+""", html)
        assert not external, (path, external)
    for path in ("/static/timeline.js", "/static/network.js", "/static/map.js", "/static/style.css"):
        body = page.request.get(site + path).text()
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", body), path


def test_entity_page_leads_to_its_timeline_network_and_pairs(site: str, page: Any) -> None:  # noqa: F811
    page.goto(site + "/entities/person-prabowo-subianto")
    page.wait_for_selector("svg.tl rect.tl-bar")
    assert page.locator("svg.tl rect.tl-bar").count() == 1  # February 2024, by month
    page.locator(".cooccurring li", has_text="Anies Baswedan").locator("a.pair-link").click()
    page.wait_for_selector("svg.tl rect.tl-bar")
    assert page.locator(".tl-total").inner_text() == "6"
    page.go_back()
    page.click("#entity-network")
    page.wait_for_selector("svg.net g.net-node")
    assert page.locator("g.net-node").count() == 4
