"""The analyst's workbench pages: timeline, actor network, map, stories (docs/web.md).

Each page asks the store, then renders one template; the data a chart draws travels in a
``data-*`` attribute (autoescaped JSON) and a small script under ``web/static/`` draws it as SVG,
with no library and nothing from another site. Every page also shows its numbers as text.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from warta.api.deps import DATE, clean
from warta.api.routes import EventFilterDep, FiltersDep, StoreDep
from warta.api.workbench import Granularity, Limit, QText, Types, search_query
from warta.store import Query as StoreQuery
from warta.web.views import render

router = APIRouter(include_in_schema=False)
DateQ = Annotated[str | None, Query(pattern=DATE)]
#: the front page's default period: this many days up to the newest article
FRONT_DAYS = 30
ENTITY_TYPES = ("PERSON", "ORGANIZATION", "LOCATION", "EVENT", "PRODUCT", "OTHER")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _query_string(**params: Any) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return urlencode(kept)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    *,
    store: StoreDep,
    flt: FiltersDep,
    eflt: EventFilterDep,
    q: QText = None,
    subject: Annotated[str, Query(pattern=r"^(articles|events)?$")] = "articles",
    other: Annotated[str | None, Query(max_length=200)] = None,
    granularity: Granularity = None,
) -> HTMLResponse:
    """Articles of a search or an entity, or events of a type or between a pair of actors."""
    if subject == "events":
        data = store.timeline(eflt, other=clean(other), granularity=clean(granularity))
    else:
        data = store.timeline(search_query(q, flt), granularity=clean(granularity))
    spikes = [b for b in data["buckets"] if b["spike"]]

    def spike_url(bucket: dict[str, Any]) -> str:
        """The search (or events list) of one spike's period."""
        if subject == "events":
            return "/events?" + _query_string(
                entity=eflt.entity, type=eflt.type, date_from=bucket["start"], date_to=bucket["end"]
            )
        return "/?" + _query_string(q=q, entity=flt.entity, date_from=bucket["start"], date_to=bucket["end"])

    return render(
        request,
        "timeline.html",
        data=data,
        series=_json(data),
        spikes=spikes,
        spike_url=spike_url,
        subject=subject or "articles",
        q=q or "",
        flt=flt,
        eflt=eflt,
        other=other or "",
        granularity=granularity or "",
        peak=max(data["buckets"], key=lambda b: b["count"]) if data["buckets"] else None,
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    store: StoreDep,
    flt: FiltersDep,
    *,
    q: QText = None,
    limit: Limit = 40,
    types: Types = None,
) -> HTMLResponse:
    kinds = tuple(t for t in (types or "").split(",") if t)
    graph = store.network(search_query(q, flt), limit=limit, types=kinds)
    names = {n["id"]: n["name"] for n in graph["nodes"]}
    acts = sorted((e for e in graph["edges"] if e["kind"] == "acts"), key=lambda e: -e["weight"])
    co = sorted((e for e in graph["edges"] if e["kind"] == "co"), key=lambda e: -e["weight"])
    params = _query_string(q=q, **flt.model_dump(), limit=limit if limit != 40 else None, types=types)
    return render(
        request,
        "network.html",
        graph=graph,
        graph_json=_json(graph),
        names=names,
        acts=acts[:30],
        co=co[:30],
        q=q or "",
        flt=flt,
        types=kinds,
        all_types=ENTITY_TYPES,
        limit=limit,
        export=params,
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: StoreDep, flt: FiltersDep, q: QText = None) -> HTMLResponse:
    data = store.places(search_query(q, flt))
    by_precision: dict[str, int] = {}
    for p in data["places"]:
        by_precision[p["geo"]["precision"]] = by_precision.get(p["geo"]["precision"], 0) + 1
    return render(
        request,
        "map.html",
        data=data,
        places_json=_json({"places": data["places"], "events": data["events"]}),
        by_precision=by_precision,
        q=q or "",
        flt=flt,
    )


def _newest(store: Any) -> str | None:
    items = store.articles(StoreQuery(size=1, facets=False)).items
    return items[0]["date"] if items else None


@router.get("/stories", response_class=HTMLResponse)
def stories_page(
    request: Request,
    store: StoreDep,
    date_from: DateQ = None,
    date_to: DateQ = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> HTMLResponse:
    """The top stories of a period (default: the 30 days up to the newest article)."""
    date_from, date_to = clean(date_from), clean(date_to)
    newest = _newest(store)
    periods = [
        (days, (date.fromisoformat(newest) - timedelta(days=days - 1)).isoformat(), newest)
        for days in (7, FRONT_DAYS, 90)
        if newest
    ]
    if not date_from and not date_to and newest:
        date_from, date_to = periods[1][1], newest
    stories = store.top_stories(date_from, date_to, limit)
    return render(
        request,
        "stories.html",
        stories=stories,
        date_from=date_from or "",
        date_to=date_to or "",
        periods=periods,
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str, store: StoreDep) -> HTMLResponse:
    st = store.story(story_id)
    shared = [e for e in st["entities"] if e["articles"] > 1] or st["entities"][:10]
    return render(
        request,
        "story.html",
        st=st,
        shared=shared,
        series=_json(st["timeline"]),
        first=st["articles"][0],
    )
