"""Reading inputs into :class:`Record` objects, streaming and never dying on one bad record.

Inputs: ``.txt`` (one article), ``.html``/``.htm`` (one page), ``.jsonl`` (one article per line
with ``text`` or ``html``; ``id``, ``title``, ``url``, ``published`` optional; the outlet from
``outlet``, ``site_name`` or ``source``; other fields kept as ``meta``), each of them also
compressed (``.gz``; ``.zst`` with ``warta[zst]``) and read streaming, a directory (every such
file inside, sorted) and ``-`` (stdin, plain or compressed).

A record that cannot be read is yielded with its :class:`~warta.errors.InputError` attached; a
record that can be read with a repair carries one-line ``warnings`` instead: a ``published``
value that names no date (kept as ``published: null``, the value in ``meta["published"]``) and
lone UTF-16 surrogates (``"\\ud83d"``, half an emoji) replaced by U+FFFD.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from warta.compressed import READ_ERRORS, inner_suffix, open_binary, open_text, sniff_compression
from warta.errors import InputError
from warta.model import Document
from warta.published import PublishedReader, normalise_published

__all__ = ["SUFFIXES", "Record", "iter_records", "normalise_published", "sanitise"]

SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
#: input fields that name the outlet, most specific first; the first one given is document.source
OUTLET_FIELDS = ("outlet", "site_name", "source")
_KNOWN_FIELDS = {"id", "text", "html", "title", "url", "published"}
#: a single compressed article is refused above this size once decompressed
MAX_ARTICLE_BYTES = 64 * 1024 * 1024


def sanitise(value: Any) -> tuple[Any, int]:
    """``value`` with every lone UTF-16 surrogate replaced by U+FFFD (in nested lists and dicts
    too), and how many were replaced. Valid surrogate pairs become the character they encode."""
    if isinstance(value, str):
        if value.isascii():
            return value, 0
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            fixed = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
            return fixed, fixed.count("\ufffd") - value.count("\ufffd")
        return value, 0
    if isinstance(value, dict):
        total, out = 0, {}
        for key, item in value.items():
            (clean_key, n_key), (clean_item, n_item) = sanitise(key), sanitise(item)
            out[clean_key] = clean_item
            total += n_key + n_item
        return out, total
    if isinstance(value, list):
        items = [sanitise(v) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    return value, 0


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
    #: one-line messages about repairs made while reading (the record is still analysed)
    warnings: list[str] = field(default_factory=list)

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
        """A record from an article's fields; ``published`` must name a date (or be empty).

        The outlet comes from ``outlet``, ``site_name`` or ``source`` (the first given); the
        others stay in ``meta``. Lone surrogates in any string are replaced, with a warning.
        """
        given = {k: meta.pop(k, None) for k in ("id", "title", "url")}
        outlet_key = next((k for k in OUTLET_FIELDS if meta.get(k) not in (None, "")), None)
        given["source"] = meta.pop(outlet_key) if outlet_key else meta.pop("source", None)
        as_str = {k: (None if v is None else str(v)) for k, v in given.items()}
        raw = html if html is not None else (text or "")
        fields_: dict[str, Any] = {"raw": raw, **as_str, "meta": meta}
        warnings: list[str] = []
        for name, value in fields_.items():
            fields_[name], replaced = sanitise(value)
            if replaced:
                where = "html" if name == "raw" and html is not None else "text" if name == "raw" else name
                warnings.append(f"replaced {replaced} lone surrogate(s) in '{where}' with U+FFFD")
        rec = cls(
            format="html" if html is not None else "text",
            origin=origin,
            line=line,
            warnings=warnings,
            **fields_,
        )
        rec.published = normalise_published(published, source=origin)
        return rec

    def where(self) -> str:
        """``file:line [id=…]`` for messages about this record."""
        place = self.origin or "<input>"
        if self.line is not None:
            place += f":{self.line}"
        return place + (f" [id={self.id}]" if self.id else "")

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


def _published(obj: dict[str, Any], reader: PublishedReader) -> tuple[str | None, str | None]:
    """(ISO date or None, warning or None): an unreadable date is a warning, never a lost record."""
    value = obj.get("published")
    try:
        return reader(value), None
    except InputError as exc:
        message = exc.message.split(" (known: ")[0]
        return None, f"{message}: kept with published null (value in document.meta.published)"


def _jsonl_record(obj: Any, name: str, number: int, reader: PublishedReader) -> Record:
    if not isinstance(obj, dict):
        return _error(name, f"a record must be a JSON object, got {type(obj).__name__}", line=number)
    rid = None if obj.get("id") is None else str(obj.get("id"))
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return _error(name, "record has neither a 'text' nor an 'html' string", line=number, record_id=rid)
    published, warning = _published(obj, reader)
    fields_ = {k: obj[k] for k in ("id", "title", "url") if obj.get(k) is not None}
    meta = {k: v for k, v in obj.items() if k not in _KNOWN_FIELDS}
    rec = Record.from_fields(
        text=text if isinstance(text, str) else None,
        html=html if isinstance(html, str) and not isinstance(text, str) else None,
        published=published,
        origin=name,
        line=number,
        **fields_,
        **meta,
    )
    if warning is not None:
        rec.meta["published"] = sanitise(obj["published"])[0]
        rec.warnings.insert(0, warning)
    return rec


def _jsonl_records(lines: Iterable[str], name: str) -> Iterator[Record]:
    reader = PublishedReader(name)
    number = 0
    try:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line.strip())
            except json.JSONDecodeError as exc:
                yield _error(name, f"invalid JSON: {exc.msg} (column {exc.colno})", line=number)
                continue
            except RecursionError:
                yield _error(name, "invalid JSON: nested too deeply", line=number)
                continue
            yield _jsonl_record(obj, name, number, reader)
    except READ_ERRORS as exc:
        yield _error(name, f"cannot read past line {number}: {_reason(exc)}", line=number + 1)


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc or type(exc).__name__)


def _read_limited(stream: IO[bytes], name: str) -> bytes:
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(f"article over {MAX_ARTICLE_BYTES // 2**20} MB once decompressed", source=name)
    return data


def _file_records(path: Path, kind: str, compression: str | None) -> Iterator[Record]:
    name = str(path)
    try:
        if kind == "jsonl":
            with open_text(path, compression) as fh:
                yield from _jsonl_records(fh, name)
            return
        with open_binary(path, compression) as fh:
            data = _read_limited(fh, name)
        text = _decode(data, name)
    except InputError as exc:
        yield Record(origin=name, error=exc)
        return
    except READ_ERRORS as exc:
        yield _error(name, f"cannot read: {_reason(exc)}")
        return
    yield Record(raw=text, format=kind, origin=name, id=None)


def _stdin_records() -> Iterator[Record]:
    """Standard input: JSONL (streamed line by line) when it starts with '{', else one article.

    gzip or Zstandard input is recognised by its first bytes and decompressed as it is read.
    """
    buf: Any = sys.stdin.buffer
    head = buf.peek(4096)[:4096] if hasattr(buf, "peek") else b""
    compression = sniff_compression(head)
    try:
        if compression is not None:
            buf = io.BufferedReader(open_binary(buf, compression))
            head = buf.peek(4096)[:4096]
        if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
            yield from _jsonl_records(
                io.TextIOWrapper(buf, encoding="utf-8-sig", errors="replace"), "<stdin>"
            )
            return
        data = _read_limited(buf, "<stdin>")
        text = _decode(data, "<stdin>")
    except InputError as exc:
        yield Record(origin="<stdin>", error=exc)
        return
    except READ_ERRORS as exc:
        yield _error("<stdin>", f"cannot read: {_reason(exc)}")
        return
    head_char = text.lstrip()[:1]
    if head_char == "{":
        yield from _jsonl_records(text.splitlines(), "<stdin>")
    else:
        yield Record(raw=text, format="html" if head_char == "<" else "text", origin="<stdin>")


def _kind(path: Path) -> tuple[str | None, str | None]:
    """(kind, compression) of a file by its name; kind None when warta does not read such files."""
    suffix, compression = inner_suffix(path)
    return SUFFIXES.get(suffix), compression


def expand_paths(paths: Iterable[str | Path]) -> Iterator[tuple[Path | None, str | None, str | None]]:
    """(path, kind, compression) for each input file; directories expand to their supported
    files (plain or compressed), sorted."""
    for p in paths:
        if str(p) == "-":
            yield None, None, None
            continue
        path = Path(p)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                kind, compression = _kind(child)
                if kind is not None and child.is_file():
                    found = True
                    yield child, kind, compression
            if not found:
                yield path, "empty-dir", None
        else:
            kind, compression = _kind(path)
            yield path, kind or "text", compression


def iter_records(paths: Iterable[str | Path]) -> Iterator[Record]:
    """Every record of every input, in order, streaming (never the whole corpus in memory)."""
    for path, kind, compression in expand_paths(paths):
        if path is None:
            yield from _stdin_records()
        elif not path.exists():
            yield _error(str(path), "no such file or directory")
        elif kind == "empty-dir":
            known = sorted(SUFFIXES) + [f"{s}{c}" for s in sorted(SUFFIXES) for c in (".gz", ".zst")]
            yield _error(str(path), f"directory has no {', '.join(known[:4])} files (plain, .gz or .zst)")
        else:
            yield from _file_records(path, kind or "text", compression)
