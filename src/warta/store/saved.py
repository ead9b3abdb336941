"""Saved searches and alerts: a named query (words + article filters) and a high-water mark.

The mark is the insertion order (``seq``: SQLite's rowid, PostgreSQL's identity column) of the
newest article the search has reported; a new search starts at the newest stored article, so it
reports what is stored after it. :func:`new_matches` answers the matches stored after the mark
and, with ``advance``, moves the mark to the newest article it saw, in the same transaction — an
article stored while it runs is reported next time, never skipped. A replaced article (same id)
keeps its place in that order and is not reported again.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from datetime import UTC, datetime
from typing import Any

from warta.errors import ConflictError, InputError, NotFoundError
from warta.store import aliases
from warta.store.base import SEARCH_FILTERS, Query
from warta.store.dialect import Tx
from warta.store.fts import check_query
from warta.store.fulltext import FullText
from warta.store.search import search

__all__ = ["MAX_NAME", "create", "delete", "get", "latest", "listed", "new_matches", "slug"]

MAX_NAME = 100
_COLS = "id, name, q, filters, created, mark, last_run"


def slug(name: str) -> str:
    """``Gerasimov & Milley`` → ``gerasimov-milley``; a hash when nothing is left."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    return text or "s-" + hashlib.sha1(name.encode()).hexdigest()[:10]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _row(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "filters": json.loads(row["filters"] or "{}"), "mark": int(row["mark"])}


def _top(tx: Tx) -> int:
    return int(tx.tuples(f"SELECT coalesce(max({tx.dialect.seq}), 0) FROM articles")[0][0])


def create(tx: Tx, name: str, q: str | None, filters: dict[str, Any]) -> dict[str, Any]:
    name = " ".join((name or "").split())
    if not name or len(name) > MAX_NAME:
        raise InputError(f"a saved search needs a name of 1 to {MAX_NAME} characters", source="name")
    unknown = sorted(set(filters) - set(SEARCH_FILTERS))
    if unknown:
        raise InputError(
            f"unknown filters {unknown} (filters: {', '.join(SEARCH_FILTERS)})", source="filters"
        )
    q = (q or "").strip() or None
    check_query(q)
    kept = {k: v for k, v in filters.items() if v not in (None, "")}
    if q is None and not kept:
        raise InputError("a saved search needs words (q) or at least one filter", source="q")
    sid = slug(name)
    if tx.tuples(f"SELECT 1 FROM saved_searches WHERE id = ? OR {tx.dialect.eq_nocase('name')}", [sid, name]):
        raise ConflictError(f"a saved search named {name!r} (id {sid!r}) already exists")
    tx.run(
        f"INSERT INTO saved_searches ({_COLS}) VALUES (?, ?, ?, ?, ?, ?, NULL)",
        [sid, name, q, json.dumps(kept, ensure_ascii=False, sort_keys=True), _now(), _top(tx)],
    )
    return get(tx, sid)


def listed(tx: Tx) -> list[dict[str, Any]]:
    return [_row(r) for r in tx.q(f"SELECT {_COLS} FROM saved_searches ORDER BY name, id")]


def get(tx: Tx, search_id: str) -> dict[str, Any]:
    """By id, else by name (case-insensitive)."""
    found = tx.q(f"SELECT {_COLS} FROM saved_searches WHERE id = ?", [search_id]) or tx.q(
        f"SELECT {_COLS} FROM saved_searches WHERE {tx.dialect.eq_nocase('name')}", [search_id]
    )
    if not found:
        raise NotFoundError(f"no saved search {search_id!r}")
    return _row(found[0])


def delete(tx: Tx, search_id: str) -> None:
    tx.run("DELETE FROM saved_searches WHERE id = ?", [get(tx, search_id)["id"]])


def _query(ss: dict[str, Any], size: int, **bounds: Any) -> Query:
    return Query(text=ss["q"], **ss["filters"], size=size, facets=False, sort="-stored", **bounds)


def new_matches(
    tx: Tx, search_id: str, index: FullText, size: int = 100, *, advance: bool = False
) -> dict[str, Any]:
    """``{"saved_search", "since", "upto", "total", "items"}``: matches stored after the mark,
    newest stored first (``size <= 0``: every one)."""
    ss = get(tx, search_id)
    top = _top(tx)
    query = _query(ss, size if size > 0 else max(1, top), stored_after=ss["mark"], stored_upto=top)
    page = search(tx, query, index, lambda v: aliases.resolve(tx, v))
    if advance:
        tx.run("UPDATE saved_searches SET mark = ?, last_run = ? WHERE id = ?", [top, _now(), ss["id"]])
        ss = {**ss, "mark": top}
    return {
        "saved_search": ss,
        "since": query.stored_after,
        "upto": top,
        "total": page.total,
        "items": page.items,
    }


def latest(tx: Tx, search_id: str, index: FullText, size: int = 50) -> dict[str, Any]:
    """The search and its ``size`` most recently stored matches, each with ``ingested``."""
    ss = get(tx, search_id)
    items = search(tx, _query(ss, size), index, lambda v: aliases.resolve(tx, v)).items
    if items:
        d = tx.dialect
        when = dict(
            tx.tuples(
                f"SELECT article_id, ingested FROM records WHERE {d.in_list('article_id')}",
                [d.values([i["id"] for i in items])],
            )
        )
        for item in items:
            item["ingested"] = when.get(item["id"])
    return {"saved_search": ss, "items": items}
