"""Reading inputs into :class:`Record` objects, streaming and never dying on one bad record.

Inputs: ``.txt`` (one article), ``.html``/``.htm`` (one page), ``.jsonl`` (one article per line
with ``text`` or ``html``; ``id``, ``title``, ``url``, ``source``, ``published`` optional; other
fields kept as ``meta``), a directory (every such file inside, sorted) and ``-`` (stdin).
A record that cannot be read is yielded with its :class:`~warta.errors.InputError` attached.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from warta.errors import InputError
from warta.model import Document

__all__ = ["SUFFIXES", "Record", "iter_records", "normalise_published"]

SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
_KNOWN_FIELDS = {"id", "text", "html", "title", "url", "source", "published"}


def normalise_published(value: Any, *, source: str | None = None) -> str | None:
    """An ISO 8601 date or date-time string, or None; anything else is an :class:`InputError`."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if not isinstance(value, str):
        raise InputError(
            f"'published' must be an ISO 8601 date string, got {type(value).__name__}", source=source
        )
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"'published' is not an ISO 8601 date: {value!r}", source=source) from None
    return text


@dataclass(slots=True)
class Record:
    """One input article before analysis (or the error that prevents reading it)."""

    raw: str = ""
    format: str = "text"  # "text" or "html"
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    origin: str | None = None  # file name, "<stdin>", ...
    line: int | None = None  # 1-based line in a JSONL file
    error: InputError | None = None

    @classmethod
    def from_fields(
        cls,
        *,
        text: str | None = None,
        html: str | None = None,
        published: Any = None,
        origin: str | None = None,
        line: int | None = None,
        **meta: Any,
    ) -> Record:
        given = {k: meta.pop(k, None) for k in ("id", "title", "url", "source")}
        as_str = {k: (None if v is None else str(v)) for k, v in given.items()}
        rec = cls(
            raw=html if html is not None else (text or ""),
            format="html" if html is not None else "text",
            origin=origin,
            line=line,
            meta=meta,
            id=as_str["id"],
            title=as_str["title"],
            url=as_str["url"],
            source=as_str["source"],
        )
        rec.published = normalise_published(published, source=origin)
        return rec

    def to_document(self) -> Document:
        return Document(
            raw=self.raw,
            raw_format=self.format,
            id=self.id,
            title=self.title,
            url=self.url,
            source=self.source,
            published=self.published,
            meta=dict(self.meta),
        )


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError("empty file", source=name)
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text (it contains NUL bytes)", source=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > 0.01 * min(len(text), 8192):
        raise InputError("binary file, not text (too many control characters)", source=name)
    return text


def _error(name: str, message: str, *, line: int | None = None, record_id: str | None = None) -> Record:
    return Record(
        origin=name, line=line, error=InputError(message, source=name, line=line, record_id=record_id)
    )


def _jsonl_records(lines: Iterable[str], name: str) -> Iterator[Record]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line.strip())
        except json.JSONDecodeError as exc:
            yield _error(name, f"invalid JSON: {exc.msg} (column {exc.colno})", line=number)
            continue
        if not isinstance(obj, dict):
            yield _error(name, f"a record must be a JSON object, got {type(obj).__name__}", line=number)
            continue
        rid = None if obj.get("id") is None else str(obj.get("id"))
        text, html = obj.get("text"), obj.get("html")
        if not isinstance(text, str) and not isinstance(html, str):
            yield _error(name, "record has neither a 'text' nor an 'html' string", line=number, record_id=rid)
            continue
        fields_ = {k: obj[k] for k in ("id", "title", "url", "source") if obj.get(k) is not None}
        meta = {k: v for k, v in obj.items() if k not in _KNOWN_FIELDS}
        try:
            rec = Record.from_fields(
                text=text if isinstance(text, str) else None,
                html=html if isinstance(html, str) and not isinstance(text, str) else None,
                published=obj.get("published"),
                origin=name,
                line=number,
                **fields_,
                **meta,
            )
        except InputError as exc:
            yield _error(name, exc.message, line=number, record_id=rid)
            continue
        yield rec


def _file_records(path: Path, kind: str) -> Iterator[Record]:
    name = str(path)
    try:
        if kind == "jsonl":
            with path.open("r", encoding="utf-8", errors="replace") as fh:
                yield from _jsonl_records(fh, name)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _error(name, f"cannot read: {exc.strerror or exc}")
        return
    try:
        text = _decode(data, name)
    except InputError as exc:
        yield Record(origin=name, error=exc)
        return
    yield Record(raw=text, format=kind, origin=name, id=None)


def _stdin_records() -> Iterator[Record]:
    """Standard input: JSONL (streamed line by line) when it starts with '{', else one article."""
    buf: Any = sys.stdin.buffer
    head = buf.peek(4096)[:4096] if hasattr(buf, "peek") else b""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        yield from _jsonl_records(io.TextIOWrapper(buf, encoding="utf-8-sig", errors="replace"), "<stdin>")
        return
    data = buf.read()
    try:
        text = _decode(data, "<stdin>")
    except InputError as exc:
        yield Record(origin="<stdin>", error=exc)
        return
    head = text.lstrip()[:1]
    if head == "{":
        yield from _jsonl_records(text.splitlines(), "<stdin>")
    else:
        yield Record(raw=text, format="html" if head == "<" else "text", origin="<stdin>")


def expand_paths(paths: Iterable[str | Path]) -> Iterator[tuple[Path | None, str | None]]:
    """(path, kind) for each input file; directories expand to their supported files, sorted."""
    for p in paths:
        if str(p) == "-":
            yield None, None
            continue
        path = Path(p)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES:
                    found = True
                    yield child, SUFFIXES[child.suffix.lower()]
            if not found:
                yield path, "empty-dir"
        else:
            yield path, SUFFIXES.get(path.suffix.lower(), "text")


def iter_records(paths: Iterable[str | Path]) -> Iterator[Record]:
    """Every record of every input, in order, streaming (never the whole corpus in memory)."""
    for path, kind in expand_paths(paths):
        if path is None:
            yield from _stdin_records()
        elif not path.exists():
            yield _error(str(path), "no such file or directory")
        elif kind == "empty-dir":
            yield _error(str(path), f"directory has no {', '.join(sorted(SUFFIXES))} files")
        else:
            yield from _file_records(path, kind or "text")
