"""ASGI middleware: refuse request bodies over ``max_request_bytes``; add security headers.

The headers go on every response — pages, JSON, static files, /docs and errors, a 500 included:
an unexpected exception is answered here (through the one error handler, no traceback) so that
its response passes through the same header code.
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from warta.errors import RequestTooLargeError

_CSP = (
    b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    b"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"content-security-policy", _CSP),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_NAMES = {name for name, _ in SECURITY_HEADERS}


class Limits:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _NAMES]
                message["headers"] = headers + SECURITY_HEADERS
            await send(message)

        try:
            await self._limited(scope, receive, send_with_headers)
        except Exception as exc:  # reported: logged by handle_error, answered 500 without details
            if started:
                raise
            await self._respond(scope, receive, send_with_headers, exc)

    async def _limited(self, scope: Scope, receive: Receive, send_with_headers: Send) -> None:
        if scope["method"] in {"GET", "HEAD", "OPTIONS"}:
            await self.app(scope, receive, send_with_headers)
            return
        length = dict(scope.get("headers", [])).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            await self._too_large(scope, receive, send_with_headers)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            more = bool(message.get("more_body", False))
            if len(body) > self.max_bytes:
                await self._too_large(scope, receive, send_with_headers)
                return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_headers)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        exc = RequestTooLargeError(f"request body over {self.max_bytes} bytes (settings.max_request_bytes)")
        await self._respond(scope, receive, send, exc)

    @staticmethod
    async def _respond(scope: Scope, receive: Receive, send: Send, exc: Exception) -> None:
        from starlette.requests import Request

        from warta.api.errors import handle_error

        response: Any = await handle_error(Request(scope, receive), exc)
        await response(scope, receive, send)
