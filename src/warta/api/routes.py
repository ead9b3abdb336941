"""REST endpoints under /api (JSON; OpenAPI at /docs)."""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from warta.api import models as m
from warta.api.deps import DATE, Paging, clean, get_store, paging, require_token
from warta.api.paging import ERRORS, WRITE_ERRORS, checked_enum, paged, sort_param
from warta.errors import InputError
from warta.export.events_csv import rows_of_events, write_rows
from warta.store import (
    ARTICLE_SORTS,
    DATE_SOURCES,
    ENTITY_SORTS,
    EVENT_SORTS,
    STATUSES,
    STORY_EVENT_SORTS,
    EntityFilter,
    EventFilter,
    Store,
)
from warta.store import Query as StoreQuery
from warta.store.fts import MAX_QUERY_CHARS, MAX_QUERY_WORDS

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)

StoreDep = Annotated[Store, Depends(get_store)]
PagingDep = Annotated[Paging, Depends(paging)]
DateParam = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Text = Annotated[str | None, Query(max_length=200)]
_CSV_LIMIT = 100_000


class Filters(BaseModel):
    """Filters shared by article listing and search."""

    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    entity: str | None = None
    country: str | None = None
    event_type: str | None = None
    speaker: str | None = None
    story: str | None = None


def filters(
    *,
    date_from: DateParam = None,
    date_to: DateParam = None,
    outlet: Text = None,
    entity: Annotated[str | None, Query(max_length=200, description="entity id or name")] = None,
    country: Annotated[
        str | None, Query(pattern=r"^([A-Za-z]{3})?$", description="ISO 3166-1 alpha-3")
    ] = None,
    event_type: Annotated[
        str | None, Query(max_length=20, description="PLOVER type (AGREE … ASSAULT; any case); else 422")
    ] = None,
    speaker: Annotated[
        str | None, Query(max_length=200, description="quote speaker: entity id or name")
    ] = None,
    story: Annotated[
        str | None, Query(max_length=200, description="story id (document.story): one story's articles")
    ] = None,
) -> Filters:
    return Filters(
        date_from=clean(date_from),
        date_to=clean(date_to),
        outlet=clean(outlet),
        entity=clean(entity),
        country=clean(country),
        event_type=checked_enum(clean(event_type), "event_type"),
        speaker=clean(speaker),
        story=clean(story),
    )


FiltersDep = Annotated[Filters, Depends(filters)]


ArticleSort = Annotated[str | None, sort_param(ARTICLE_SORTS, "-date (relevance when searching with words)")]


@router.get(
    "/articles",
    summary="List articles, newest first, with filters",
    response_model=m.ArticlePage,
    response_model_exclude_unset=True,
)
def list_articles(
    *,
    request: Request,
    store: StoreDep,
    pg: PagingDep,
    flt: FiltersDep,
    sort: ArticleSort = None,
) -> JSONResponse:
    query = StoreQuery(**flt.model_dump(), page=pg.page, size=pg.size, facets=False, sort=clean(sort))
    return paged(request, store.articles(query).to_dict())


@router.get(
    "/articles/{article_id}",
    summary="One article's full warta/1 record",
    response_model=m.Record,
    response_model_exclude_unset=True,
)
def get_article(article_id: str, store: StoreDep) -> JSONResponse:
    return JSONResponse(store.record(article_id))


@router.get(
    "/search",
    summary="Full-text search (bm25-ranked) with filters, snippets and facets",
    response_model=m.ArticlePage,
    response_model_exclude_unset=True,
)
def search(
    *,
    request: Request,
    store: StoreDep,
    pg: PagingDep,
    flt: FiltersDep,
    sort: ArticleSort = None,
    q: Annotated[
        str | None,
        Query(
            max_length=MAX_QUERY_CHARS,
            description=f'words (AND), "phrase", prefix*, OR, -not; at most {MAX_QUERY_WORDS} words',
        ),
    ] = None,
    facets: bool = True,
) -> JSONResponse:
    query = StoreQuery(
        text=q, **flt.model_dump(), page=pg.page, size=pg.size, facets=facets, sort=clean(sort)
    )
    return paged(request, store.search(query).to_dict())


@router.get(
    "/entities", summary="Entities across the corpus, most-mentioned first", response_model=m.EntityPage
)
def list_entities(
    request: Request,
    store: StoreDep,
    pg: PagingDep,
    *,
    q: Text = None,
    type: Annotated[
        str | None,
        Query(max_length=20, description="PERSON, ORGANIZATION, LOCATION, EVENT, PRODUCT, OTHER; else 422"),
    ] = None,
    country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{3})?$")] = None,
    key: Annotated[str | None, Query(max_length=300, description="exact entity key (kb:… or n:…)")] = None,
    sort: Annotated[str | None, sort_param(ENTITY_SORTS, "-articles")] = None,
) -> JSONResponse:
    flt = EntityFilter(
        q=clean(q),
        type=checked_enum(clean(type), "entity_type"),
        country=clean(country),
        key=clean(key),
        page=pg.page,
        size=pg.size,
        sort=clean(sort),
    )
    return paged(request, store.entities(flt).to_dict())


@router.get(
    "/entities/{entity_id:path}",
    summary="One entity (by id, key or any name): its names, timeline, co-occurring entities, quotes, events",
    response_model=m.EntityDetail,
    response_model_exclude_unset=True,
)
def get_entity(entity_id: str, store: StoreDep) -> JSONResponse:
    return JSONResponse(store.entity(entity_id))


def event_filter(  # noqa: PLR0913 — one keyword argument per query parameter (FastAPI dependency)
    *,
    type: Annotated[
        str | None, Query(max_length=20, description="PLOVER type (AGREE … ASSAULT; any case); else 422")
    ] = None,
    entity: Annotated[
        str | None, Query(max_length=200, description="source or target: entity id or name")
    ] = None,
    country: Annotated[str | None, Query(pattern=r"^([A-Za-z]{3})?$")] = None,
    date_from: DateParam = None,
    date_to: DateParam = None,
    article: Annotated[str | None, Query(max_length=200)] = None,
    status: Annotated[
        str | None, Query(max_length=20, description=f"event status: {', '.join(STATUSES)}; else 422")
    ] = None,
    date_source: Annotated[
        str | None,
        Query(max_length=20, description=f"where the event's date came from: {', '.join(DATE_SOURCES)}"),
    ] = None,
    story: Annotated[str | None, Query(max_length=200, description="story id (document.story)")] = None,
) -> EventFilter:
    return EventFilter(
        type=checked_enum(clean(type), "event_type"),
        entity=clean(entity),
        country=clean(country),
        date_from=clean(date_from),
        date_to=clean(date_to),
        article_id=clean(article),
        status=checked_enum(clean(status), "status", STATUSES),
        date_source=checked_enum(clean(date_source), "date_source", DATE_SOURCES),
        story=clean(story),
    )


EventFilterDep = Annotated[EventFilter, Depends(event_filter)]


@router.get(
    "/events",
    summary="PLOVER events (who did what to whom), filtered",
    response_model=m.EventPage,
    response_model_exclude_unset=True,
)
def list_events(
    *,
    request: Request,
    store: StoreDep,
    pg: PagingDep,
    flt: EventFilterDep,
    sort: Annotated[str | None, sort_param(EVENT_SORTS, "-date (the article's)")] = None,
) -> JSONResponse:
    flt.page, flt.size, flt.sort = pg.page, pg.size, clean(sort)
    return paged(request, store.events(flt).to_dict())


@router.get(
    "/story-events",
    summary="Acts across the articles of a story: one row per act, with its source counts",
    response_model=m.StoryEventPage,
    response_model_exclude_unset=True,
)
def list_story_events(
    *,
    request: Request,
    store: StoreDep,
    pg: PagingDep,
    flt: EventFilterDep,
    sort: Annotated[str | None, sort_param(STORY_EVENT_SORTS, "-date")] = None,
) -> JSONResponse:
    flt.page, flt.size, flt.sort = pg.page, pg.size, clean(sort)
    return paged(request, store.story_events(flt).to_dict())


@router.get(
    "/story-events/{story_event_id}",
    summary="One act and every event (article, sentence) reporting it",
    response_model=m.StoryEventDetail,
    response_model_exclude_unset=True,
)
def get_story_event(story_event_id: str, store: StoreDep) -> JSONResponse:
    return JSONResponse(store.story_event(story_event_id))


def events_csv_text(store: Store, flt: EventFilter) -> str:
    """The filtered events in the one events schema (``export/events_csv.py``, docs/events.md)."""
    flt.page, flt.size = 1, _CSV_LIMIT
    buf = io.StringIO()
    write_rows(rows_of_events(store, store.events(flt).items), buf)
    return buf.getvalue()


@router.get(
    "/events.csv",
    summary="The same events as CSV (GDELT-like columns)",
    response_class=Response,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "CSV"}},
)
def events_csv(store: StoreDep, flt: EventFilterDep) -> Response:
    return Response(
        events_csv_text(store, flt),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="warta-events.csv"'},
    )


class AnalyzeIn(BaseModel):
    """One article: exactly one of ``text`` or ``html``."""

    text: str | None = None
    html: str | None = None
    published: str | None = Field(None, description="ISO 8601 date")
    id: str | None = Field(None, max_length=200)
    title: str | None = None
    url: str | None = None
    source: str | None = None


def _analyze(request: Request, body: AnalyzeIn) -> dict[str, Any]:
    pipeline = request.app.state.pipeline
    if (body.text is None) == (body.html is None):
        raise InputError("give exactly one of 'text' or 'html'")
    meta = {
        k: v for k, v in body.model_dump().items() if k not in {"text", "html", "published"} and v is not None
    }
    doc = pipeline.analyze(body.text, html=body.html, published=body.published, **meta)
    record: dict[str, Any] = doc.to_dict()
    return record


@router.post(
    "/analyze",
    summary="Analyse one article (text or HTML) → warta/1; needs the token",
    response_model=m.Record,
    response_model_exclude_unset=True,
    responses=WRITE_ERRORS,
)
async def analyze(
    request: Request, body: AnalyzeIn, _: Annotated[None, Depends(require_token)]
) -> JSONResponse:
    # on the analysis executor (warta.api.analysis), never on the threads that serve reads; the
    # record (validated against warta/1 by the tests) is answered as it is, not re-validated here
    record: dict[str, Any] = await request.app.state.analysis.run(_analyze, request, body)
    return JSONResponse(record)


@router.post(
    "/articles",
    summary="Analyse and store one article (same id → replaced); needs the token",
    status_code=201,
    response_model=m.Stored,
    response_model_exclude_unset=True,
    responses=WRITE_ERRORS,
)
async def add_article(
    request: Request,
    response: Response,
    body: AnalyzeIn,
    store: StoreDep,
    _: Annotated[None, Depends(require_token)],
) -> dict[str, Any]:
    stored: dict[str, Any] = await request.app.state.analysis.run(_store_article, request, body, store)
    response.headers["Location"] = str(request.url_for("get_article", article_id=stored["id"]))
    return stored


def _store_article(request: Request, body: AnalyzeIn, store: Store) -> dict[str, Any]:
    record = _analyze(request, body)
    with request.app.state.writer_lock:  # one writer: the story index is not thread-safe
        request.app.state.writer.add(record)
    return {"id": record["document"]["id"], "stored": True}


@router.get("/", summary="Store summary", response_model=m.Summary, response_model_exclude_unset=True)
def summary(request: Request, store: StoreDep) -> dict[str, Any]:
    return {
        "articles": store.count("articles"),
        "entities": store.count("entities"),
        "events": store.count("events"),
        "quotes": store.count("quotes"),
        "migrations": store.migrations(),
        "read_only": request.app.state.token is None,
    }


from warta.api.saved import router as saved_router  # noqa: E402 - after the shared dependencies

router.include_router(saved_router)
