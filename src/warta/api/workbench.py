"""JSON endpoints of the analyst's workbench: timelines, actor networks, places, stories.

The pages under :mod:`warta.web.workbench` draw from these; docs/web.md describes both.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from warta.api import models as m
from warta.api.deps import DATE, clean
from warta.api.routes import EventFilterDep, FiltersDep, StoreDep
from warta.export.network import network_csv, network_graphml
from warta.model import Geo
from warta.store import Query as StoreQuery
from warta.store.fts import MAX_QUERY_CHARS
from warta.store.timeline import GRANULARITIES

__all__ = ["router", "search_query"]

router = APIRouter(prefix="/api", tags=["workbench"])

QText = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="search words (as /api/search)")]
Granularity = Annotated[
    str | None,
    Query(
        pattern=f"^({'|'.join(GRANULARITIES)})?$", description="day, week or month (default: from the span)"
    ),
]
Types = Annotated[
    str | None,
    Query(pattern=r"^([A-Za-z]+(,[A-Za-z]+)*)?$", description="entity types to keep, comma-separated"),
]
Limit = Annotated[int, Query(ge=2, le=200, description="most-mentioned entities shown")]
DateQ = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")]


class Bucket(BaseModel):
    start: str
    end: str
    label: str
    count: int
    z: float | None
    spike: bool


class Timeline(BaseModel):
    granularity: str
    #: first and last day covered
    start: str | None = None
    end: str | None = None
    total: int
    buckets: list[Bucket]


class Node(BaseModel):
    id: str
    key: str | None = None
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    articles: int


class Edge(BaseModel):
    source: str
    target: str
    kind: str
    type: str | None = None
    weight: int


class Network(BaseModel):
    nodes: list[Node]
    edges: list[Edge]


class Place(BaseModel):
    id: str
    key: str | None = None
    name: str
    country: str | None = None
    articles: int
    events: int
    geo: Geo | None = None


class Places(BaseModel):
    places: list[Place]
    unplaced: list[Place]
    events: list[dict[str, Any]]


def search_query(q: str | None, flt: Any) -> StoreQuery:
    return StoreQuery(text=clean(q), **flt.model_dump(), facets=False)


def _timeline(data: dict[str, Any]) -> Timeline:
    return Timeline(
        granularity=data["granularity"],
        start=data["from"],
        end=data["to"],
        total=data["total"],
        buckets=[Bucket(**b) for b in data["buckets"]],
    )


@router.get("/timeline", summary="Articles a search finds per day, week or month (zero-filled, with spikes)")
def article_timeline(
    store: StoreDep, flt: FiltersDep, q: QText = None, granularity: Granularity = None
) -> Timeline:
    return _timeline(store.timeline(search_query(q, flt), granularity=clean(granularity)))


@router.get(
    "/events/timeline",
    summary="Events per day, week or month (zero-filled, with spikes); entity + other: a pair of actors",
)
def event_timeline(
    store: StoreDep,
    flt: EventFilterDep,
    other: Annotated[
        str | None, Query(max_length=200, description="second actor: events between the two")
    ] = None,
    granularity: Granularity = None,
) -> Timeline:
    return _timeline(store.timeline(flt, other=clean(other), granularity=clean(granularity)))


def _network(store: Any, q: str | None, flt: Any, limit: int, types: str | None) -> dict[str, Any]:
    kinds = tuple(t for t in (types or "").split(",") if t)
    graph: dict[str, Any] = store.network(search_query(q, flt), limit=limit, types=kinds)
    return graph


@router.get("/network", summary="Actor network of a search or entity: co-occurrence and acts-on edges")
def network(
    store: StoreDep, flt: FiltersDep, q: QText = None, limit: Limit = 40, types: Types = None
) -> Network:
    return Network(**_network(store, q, flt, limit, types))


@router.get(
    "/network.csv",
    summary="The same network, one CSV row per edge",
    response_class=Response,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}},
)
def network_as_csv(
    store: StoreDep, flt: FiltersDep, q: QText = None, limit: Limit = 40, types: Types = None
) -> Response:
    return Response(
        network_csv(_network(store, q, flt, limit, types)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="warta-network.csv"'},
    )


@router.get(
    "/network.graphml",
    summary="The same network as GraphML",
    response_class=Response,
    responses={
        200: {
            "content": {"application/graphml+xml": {"schema": {"type": "string"}}},
            "description": "GraphML",
        }
    },
)
def network_as_graphml(
    store: StoreDep, flt: FiltersDep, q: QText = None, limit: Limit = 40, types: Types = None
) -> Response:
    return Response(
        network_graphml(_network(store, q, flt, limit, types)),
        media_type="application/graphml+xml; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="warta-network.graphml"'},
    )


@router.get("/places", summary="Places of a search's articles with resolved location and precision")
def places(store: StoreDep, flt: FiltersDep, q: QText = None) -> Places:
    return Places(**store.places(search_query(q, flt)))


@router.get(
    "/stories",
    summary="Top stories of a period: most articles, then most outlets",
    response_model=list[m.TopStory],
)
def top_stories(
    store: StoreDep,
    date_from: DateQ = None,
    date_to: DateQ = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[dict[str, Any]]:
    return store.top_stories(clean(date_from), clean(date_to), limit)


@router.get(
    "/stories/{story_id}",
    summary="One story: articles, shared entities, events, story events, timeline",
    response_model=m.StoryDetail,
)
def get_story(story_id: str, store: StoreDep) -> dict[str, Any]:
    return store.story(story_id)
