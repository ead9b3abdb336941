"""The one place where errors become HTTP responses (JSON under /api, an HTML page elsewhere)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from warta.errors import AuthError, WartaError

__all__ = ["error_status", "handle_error"]

log = logging.getLogger("warta.api")


def error_status(exc: BaseException) -> tuple[int, str, str, Any]:
    """(status, type, message, details) for any exception."""
    if isinstance(exc, WartaError):
        return exc.status, type(exc).__name__, str(exc), None
    if isinstance(exc, RequestValidationError):
        details = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
            for e in exc.errors()
        ]
        first = details[0] if details else {"where": "", "message": "invalid request"}
        return 422, "ValidationError", f"{first['where']}: {first['message']}", details
    if isinstance(exc, StarletteHTTPException):
        return exc.status_code, "HTTPError", str(exc.detail), None
    log.exception("internal error", exc_info=exc)
    return 500, "InternalError", "internal error (see the server log)", None


async def handle_error(request: Request, exc: Exception) -> Response:
    status, kind, message, details = error_status(exc)
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, AuthError) else None
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        body: dict[str, Any] = {"error": {"status": status, "type": kind, "message": message}}
        if details:
            body["error"]["details"] = details
        return JSONResponse(body, status_code=status, headers=headers)
    from warta.web.views import error_page

    return error_page(request, status, message)
