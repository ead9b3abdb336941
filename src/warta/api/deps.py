"""Request-scoped helpers shared by the REST routes and the web pages: the store, paging, auth."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from warta.errors import AuthError, InputError, ReadOnlyError
from warta.settings import Settings
from warta.store import Store

__all__ = ["DATE", "Paging", "get_settings", "get_store", "paging", "require_token"]

#: ISO date or a prefix of one (2021, 2021-11, 2021-11-24)
DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


@dataclass(slots=True)
class Paging:
    page: int
    size: int


def paging(
    settings: Annotated[Settings, Depends(get_settings)],
    page: Annotated[int, Query(ge=1, le=1_000_000, description="page number, from 1")] = 1,
    size: Annotated[
        int | None, Query(ge=1, description="items per page (settings.max_page_size at most)")
    ] = None,
) -> Paging:
    size = size or settings.page_size
    if size > settings.max_page_size:
        raise InputError(
            f"{size} is over the limit of {settings.max_page_size} (settings.max_page_size)", source="size"
        )
    return Paging(page, size)


def require_token(request: Request) -> None:
    """Writes and analysis need ``Authorization: Bearer <WARTA_TOKEN>``; without a token set, never."""
    token: str | None = request.app.state.token
    if not token:
        raise ReadOnlyError(
            "this server is read-only: start it with WARTA_TOKEN set to allow writes and analysis"
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise AuthError("missing or wrong token: send 'Authorization: Bearer <token>'")


def clean(value: Any) -> Any:
    """Empty form fields mean 'no filter'."""
    return value if value not in ("", None) else None
