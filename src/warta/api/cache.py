"""ASGI middleware: a small in-memory cache of successful GET responses, for ``cache_seconds``.

Search, list and entity pages cost tens to hundreds of milliseconds on a 10,000-article store;
many readers ask for the same ones. A response is kept when it is a ``200`` with no
``Set-Cookie``, under a key of path, query string and UI language; at most ``MAX_ENTRIES``
responses of at most ``MAX_BODY`` bytes each, least recently used dropped first. Any write
through this server (a non-GET request that succeeds) empties it; an ingest by another process
shows after at most ``cache_seconds``. ``cache_seconds = 0`` turns it off.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["MAX_BODY", "MAX_ENTRIES", "ResponseCache"]

MAX_ENTRIES = 2048
MAX_BODY = 1_000_000
_Entry = tuple[float, list[tuple[bytes, bytes]], bytes]


def _key(scope: Scope) -> tuple[str, bytes, bytes]:
    cookies = b""
    for name, value in scope.get("headers", []):
        if name == b"cookie" and b"warta_lang=" in value:
            cookies = value.split(b"warta_lang=", 1)[1][:2]
    return scope["path"], scope.get("query_string", b""), cookies


class ResponseCache:
    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds
        self._entries: OrderedDict[tuple[str, bytes, bytes], _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.seconds <= 0 or scope["method"] in {"HEAD", "OPTIONS"}:
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            await self._write(scope, receive, send)
            return
        key = _key(scope)
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry[0] > now:
                self._entries.move_to_end(key)
        if entry is not None and entry[0] > now:
            await send({"type": "http.response.start", "status": 200, "headers": entry[1]})
            await send({"type": "http.response.body", "body": entry[2]})
            return
        await self._fill(scope, receive, send, key, now)

    async def _fill(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[str, bytes, bytes], now: float
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if not message.get("more_body", False):
                    self._keep(key, start, b"".join(chunks), size, now)
            await send(message)

        await self.app(scope, receive, capture)

    def _keep(
        self, key: tuple[str, bytes, bytes], start: Message, body: bytes, size: int, now: float
    ) -> None:
        headers = list(start.get("headers", []))
        if start["status"] != 200 or size > MAX_BODY or any(k.lower() == b"set-cookie" for k, _ in headers):
            return
        with self._lock:
            self._entries[key] = (now + self.seconds, headers, body)
            self._entries.move_to_end(key)
            while len(self._entries) > MAX_ENTRIES:
                self._entries.popitem(last=False)

    async def _write(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def after(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] < 400:
                self.clear()
            await send(message)

        await self.app(scope, receive, after)
