"""HTML pages. Each view asks the store, then renders one template (autoescaped)."""

from __future__ import annotations

import json
from functools import partial
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from warta.api.deps import Paging, clean, paging
from warta.api.routes import EventFilterDep, FiltersDep, StoreDep
from warta.store import DATE_SOURCES, STATUSES, EntityFilter
from warta.store import Query as StoreQuery
from warta.store.fts import MAX_QUERY_CHARS
from warta.store.timeline import timeline
from warta.web.format import FILTERS
from warta.web.i18n import LANGS, translate
from warta.web.render import annotated_html, highlights

router = APIRouter(include_in_schema=False)
PagingDep = Annotated[Paging, Depends(paging)]
_COOKIE = "warta_lang"

_env = Environment(
    loader=FileSystemLoader(str(resources.files("warta") / "web" / "templates")),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def http_url(value: Any) -> str | None:
    """``value`` when it is an absolute http(s) URL, else None: a link is only ever made from such
    a URL (``javascript:``, ``data:``, ``vbscript:``, relative and protocol-relative ones are shown
    as text, never as links)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc or any(ord(c) < 33 for c in url):
        return None
    return url


_env.filters["http_url"] = http_url
_env.filters.update(FILTERS)
#: an article page groups its entities in this order
TYPE_ORDER = ("PERSON", "ORGANIZATION", "LOCATION", "EVENT", "PRODUCT", "OTHER")


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def month_timeline(months: list[tuple[str, int]]) -> dict[str, Any]:
    """Month counts (YYYY-MM) as a zero-filled month timeline with burst scores."""
    return timeline([(f"{m}-01", c) for m, c in months if m], "month")


def _lang(request: Request) -> tuple[str, bool]:
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return asked, True
    cookie = request.cookies.get(_COOKIE)
    return (cookie if cookie in LANGS else "id"), False


def _url(request: Request, **changes: Any) -> str:
    """The current page's URL with some query parameters changed (None removes one)."""
    params = {k: v for k, v in request.query_params.items() if k != "lang"}
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return _path(request) + (f"?{query}" if query else "")


def _path(request: Request) -> str:
    """The request path as a same-site link: never '//host/…', which a browser reads as another site."""
    return "/" + request.url.path.lstrip("/\\")


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang, remember = _lang(request)
    body = _env.get_template(template).render(
        t=partial(translate, lang),
        lang=lang,
        other_lang="en" if lang == "id" else "id",
        url=partial(_url, request),
        path=_path(request),
        params=request.query_params,
        **context,
    )
    response = HTMLResponse(body, status_code=status)
    if remember:
        response.set_cookie(_COOKIE, lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status=status, status_code=status, message=message)


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: StoreDep,
    pg: PagingDep,
    flt: FiltersDep,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)] = None,
) -> HTMLResponse:
    result = store.search(StoreQuery(text=clean(q), **flt.model_dump(), page=pg.page, size=pg.size))
    months = [(m["value"], m["count"]) for m in result.facets.get("months", [])]
    tl = month_timeline(months)
    return render(request, "search.html", q=q or "", flt=flt, result=result, tl=tl, series=_json(tl))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: StoreDep) -> HTMLResponse:
    art = store.article(article_id)
    record = art["record"]
    body = annotated_html(record["document"]["text"], highlights(record, art["entity_ids"]))
    names = {e["id"]: e for e in record.get("entities", [])}
    sentences = record.get("sentences") or []
    summary = [sentences[i]["text"] for i in record.get("summary") or [] if 0 <= i < len(sentences)]
    groups: dict[str, list[dict[str, Any]]] = {}
    for ent in sorted(record.get("entities", []), key=lambda e: (-len(e.get("mentions") or []), e["name"])):
        groups.setdefault(ent.get("type") or "OTHER", []).append(ent)
    by_type = [(ty, groups[ty]) for ty in TYPE_ORDER if ty in groups]
    return render(
        request,
        "article.html",
        art=art,
        record=record,
        body=body,
        names=names,
        summary=summary,
        by_type=by_type,
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request,
    store: StoreDep,
    pg: PagingDep,
    q: Annotated[str | None, Query(max_length=200)] = None,
    type: Annotated[str | None, Query(pattern=r"^[A-Za-z]{0,20}$")] = None,
) -> HTMLResponse:
    result = store.entities(EntityFilter(q=clean(q), type=clean(type), page=pg.page, size=pg.size))
    return render(request, "entities.html", result=result, q=q or "", type=type or "")


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, store: StoreDep) -> HTMLResponse:
    ent = store.entity(entity_id)
    tl = month_timeline([(m["month"], m["mentions"]) for m in ent["timeline"]])
    return render(request, "entity.html", ent=ent, tl=tl, series=_json(tl))


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, store: StoreDep, pg: PagingDep, flt: EventFilterDep) -> HTMLResponse:
    flt.page, flt.size = pg.page, pg.size
    result = store.events(flt)
    tl = store.timeline(flt)
    csv_url = "/api/events.csv" + _url(request, page=None, size=None)[len(_path(request)) :]
    return render(
        request,
        "events.html",
        result=result,
        flt=flt,
        timeline=tl,
        series=_json(tl),
        csv_url=csv_url,
        statuses=STATUSES,
        date_sources=DATE_SOURCES,
    )
