"""REST conventions shared by the endpoints: page links (body + ``Link`` header), ``sort``
parameters, enum checks (422 for an unknown value) and the documented error answers."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import Query, Request
from fastapi.responses import JSONResponse

from warta.api.models import ErrorBody
from warta.errors import InputError
from warta.store.sorting import sort_pattern

__all__ = ["ERRORS", "WRITE_ERRORS", "checked_enum", "enum_values", "page_links", "paged", "sort_param"]


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


#: every /api endpoint can answer these, all with the one error body (ErrorBody)
ERRORS: dict[int | str, dict[str, Any]] = {
    404: _error("not found: unknown id or route (NotFoundError, HTTPError)"),
    422: _error("invalid parameter or body: unknown enum or sort value, bad date, page size over the limit"),
    500: _error("database problem or unexpected error (logged, never shown)"),
}
#: writes and analyses add these
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: _error("missing or wrong bearer token (AuthError)"),
    403: _error("the server is read-only: started without WARTA_TOKEN (ReadOnlyError)"),
    409: _error("conflicts with what exists (ConflictError)"),
    413: _error("request body over max_request_bytes (RequestTooLargeError)"),
    503: _error("too many analyses waiting: send again shortly (BusyError)"),
}


@cache
def enum_values(name: str) -> tuple[str, ...]:
    """The values warta/1 allows for ``event_type`` or ``entity_type`` (from the shipped schema)."""
    from warta.schema import schema

    items = schema()["properties"]["events" if name == "event_type" else "entities"]["items"]
    return tuple(items["properties"]["type"]["enum"])


def checked_enum(value: str | None, name: str, allowed: tuple[str, ...] | None = None) -> str | None:
    """``value`` in the case warta/1 writes it (any case accepted) when it is one of ``allowed``
    (default: warta/1's ``event_type`` or ``entity_type``); else InputError (422) naming them."""
    if value is None:
        return None
    allowed = allowed or enum_values(name)
    by_fold = {a.casefold(): a for a in allowed}
    if value.casefold() not in by_fold:
        raise InputError(f"{value!r} is not one of {', '.join(allowed)}", source=name)
    return by_fold[value.casefold()]


def sort_param(allowed: tuple[str, ...], default: str) -> Any:
    """The ``sort`` query parameter of a listing: a field, ``-field`` for descending."""
    return Query(
        pattern=sort_pattern(allowed),
        description=f"one of {', '.join(allowed)}; '-field' for descending (default {default})",
    )


def page_links(request: Request, page: int, pages: int) -> dict[str, str | None]:
    """self/first/last/prev/next URLs: this request's URL with another ``page``."""

    def at(n: int) -> str:
        return str(request.url.include_query_params(page=n))

    return {
        "self": at(page),
        "first": at(1),
        "last": at(pages),
        "prev": at(min(page - 1, pages)) if page > 1 else None,
        "next": at(page + 1) if page < pages else None,
    }


def paged(request: Request, body: dict[str, Any]) -> JSONResponse:
    """``body`` (a store Page as a dict) with ``links``, and the same links in a ``Link`` header.

    Read endpoints answer their JSON directly: the response model documents the body in OpenAPI
    (tests check real bodies against it) without a second validation pass per request."""
    links = page_links(request, int(body["page"]), int(body["pages"]))
    body["links"] = links
    header = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url)
    return JSONResponse(body, headers={"Link": header})
