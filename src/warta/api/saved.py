"""Saved searches over the API: create (201), list, read, delete, new matches, run, Atom feed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlencode
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from warta.api import models as m
from warta.api.deps import get_store, require_token
from warta.api.paging import WRITE_ERRORS, checked_enum
from warta.store import Store

router = APIRouter(prefix="/saved-searches")

StoreDep = Annotated[Store, Depends(get_store)]
TokenDep = Annotated[None, Depends(require_token)]
ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
Size = Annotated[int, Query(ge=0, le=1000, description="matches shown (0: all); total counts all")]


def _shown(request: Request, ss: dict[str, Any]) -> dict[str, Any]:
    sid = ss["id"]
    return {
        **ss,
        "links": {
            "self": str(request.url_for("get_saved_search", search_id=sid)),
            "new": str(request.url_for("new_matches", search_id=sid)),
            "feed": str(request.url_for("saved_search_feed", search_id=sid)),
        },
    }


def _writing(request: Request) -> Any:
    return request.app.state.writer_lock


@router.get(
    "", summary="Saved searches, by name", response_model=m.SavedSearchList, response_model_exclude_unset=True
)
def list_saved_searches(request: Request, store: StoreDep) -> dict[str, Any]:
    items = [_shown(request, ss) for ss in store.saved_searches()]
    return {"total": len(items), "items": items}


@router.post(
    "",
    summary="Save a search (name, q, filters); its alerts start after the newest stored article",
    status_code=201,
    response_model=m.SavedSearch,
    response_model_exclude_unset=True,
    responses=WRITE_ERRORS,
)
def create_saved_search(
    request: Request, response: Response, body: m.SavedSearchIn, store: StoreDep, _: TokenDep
) -> dict[str, Any]:
    filters = body.filters.model_dump(exclude_none=True) if body.filters else {}
    if "event_type" in filters:
        filters["event_type"] = checked_enum(filters["event_type"], "event_type")
    with _writing(request):
        ss = store.save_search(body.name, body.q, filters)
    shown = _shown(request, ss)
    response.headers["Location"] = shown["links"]["self"]
    return shown


@router.get(
    "/{search_id}",
    summary="One saved search (by id or name)",
    response_model=m.SavedSearch,
    response_model_exclude_unset=True,
)
def get_saved_search(request: Request, search_id: str, store: StoreDep) -> dict[str, Any]:
    return _shown(request, store.saved_search(search_id))


@router.delete(
    "/{search_id}",
    summary="Delete a saved search",
    status_code=204,
    response_class=Response,
    responses=WRITE_ERRORS,
)
def delete_saved_search(request: Request, search_id: str, store: StoreDep, _: TokenDep) -> Response:
    with _writing(request):
        store.delete_saved_search(search_id)
    return Response(status_code=204)


def _matches(request: Request, found: dict[str, Any]) -> dict[str, Any]:
    return {**found, "saved_search": _shown(request, found["saved_search"])}


@router.get(
    "/{search_id}/new",
    summary="Articles stored since the last run that match (the mark does not move)",
    response_model=m.NewMatches,
    response_model_exclude_unset=True,
)
def new_matches(request: Request, search_id: str, store: StoreDep, size: Size = 100) -> dict[str, Any]:
    return _matches(request, store.new_matches(search_id, size=size))


@router.post(
    "/{search_id}/run",
    summary="The new matches, then mark them reported (as `warta alerts run`)",
    response_model=m.NewMatches,
    response_model_exclude_unset=True,
    responses=WRITE_ERRORS,
)
def run_saved_search(
    request: Request, search_id: str, store: StoreDep, _: TokenDep, size: Size = 100
) -> dict[str, Any]:
    with _writing(request):
        return _matches(request, store.new_matches(search_id, advance=True, size=size))


@router.get(
    "/{search_id}/feed.atom",
    summary="Atom feed of the saved search's latest matches (newest stored first)",
    response_class=Response,
    responses={
        200: {"content": {"application/atom+xml": {"schema": {"type": "string"}}}, "description": "Atom"}
    },
)
def saved_search_feed(request: Request, search_id: str, store: StoreDep) -> Response:
    latest = store.saved_search_latest(search_id, FEED_SIZE)
    return Response(atom_feed(request, latest), media_type="application/atom+xml; charset=utf-8")


def _rfc3339(value: str | None) -> str | None:
    """An RFC 3339 date-time for an ISO date or date-time (a date is midnight UTC)."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.isoformat(timespec="seconds")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def atom_feed(request: Request, latest: dict[str, Any]) -> bytes:
    """RFC 4287 Atom: one entry per article (id = its page's URL); text escaped by ElementTree."""
    ss, items = latest["saved_search"], latest["items"]
    base = str(request.base_url).rstrip("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", f"{base}/api/saved-searches/{ss['id']}")
    _sub(feed, "title", f"warta: {ss['name']}")
    stamps = [s for s in (_rfc3339(i.get("ingested")) for i in items) if s]
    _sub(feed, "updated", max(stamps) if stamps else _rfc3339(ss["created"]))
    _sub(_sub(feed, "author"), "name", "warta")
    _sub(feed, "generator", "warta")
    _sub(feed, "link", rel="self", href=str(request.url), type="application/atom+xml")
    query = {"q": ss["q"] or "", **ss["filters"]}
    _sub(feed, "link", rel="alternate", href=f"{base}/?{urlencode(query)}", type="text/html")
    for item in items:
        entry = _sub(feed, "entry")
        url = f"{base}/articles/{item['id']}"
        _sub(entry, "id", url)
        _sub(entry, "title", item.get("title") or (item.get("lead") or item["id"]).strip())
        _sub(entry, "updated", _rfc3339(item.get("ingested")) or _rfc3339(ss["created"]))
        published = _rfc3339(item.get("published") or item.get("date"))
        if published:
            _sub(entry, "published", published)
        _sub(entry, "link", rel="alternate", href=url, type="text/html")
        if item.get("url", "") and str(item["url"]).startswith(("http://", "https://")):
            _sub(entry, "link", rel="related", href=str(item["url"]), type="text/html")
        if item.get("outlet"):
            _sub(_sub(entry, "author"), "name", str(item["outlet"]))
        _sub(entry, "summary", item.get("snippet_html") or "", type="html")
    data: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return data
