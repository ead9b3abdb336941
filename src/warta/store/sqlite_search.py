"""Full-text search with filters and facets over the SQLite store.

With search words, one pass reads every match's rowid and bm25 score from the FTS5 index, and the
filters select their rowids on their own indexes (the two sets are intersected). Ranking and
paging happen on that list, only the page shown gets snippets, and the facets count the best
``FACET_SAMPLE`` matches (``json_each`` over their ids), which bounds their cost on broad queries
(the API reports it as ``facets_from``); one read of that sample gives the outlet, month and
story facets. Without search words, SQL pages and counts on the indexes; outlet and month facets
count every matching article, the others the newest ``FACET_SAMPLE``. Bulk reads return plain
tuples (``raw``), a third cheaper than ``sqlite3.Row`` on thousands of rows.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from warta.store.base import Page, Query
from warta.store.filters import article_filters
from warta.store.fts import MARK_END, MARK_START, marked_html, match_expression

__all__ = ["search"]

Run = Callable[[str, Sequence[Any]], list[Any]]
FACET_LIMIT = 10
#: facets count the best this-many results (without search words, outlets and months count all)
FACET_SAMPLE = 1000
#: the facet sample: id, outlet, month, story
_SAMPLE = "a.id, a.outlet, substr(a.date, 1, 7), a.story"
_WEIGHTS = "5.0, 1.0, 0.5"  # title, text as written, stemmed title + text
_CARD = (
    "a.id, a.title, substr(a.text, 1, 90) AS lead, a.outlet, a.published, a.date, a.url, a.story, "
    "a.n_entities, a.n_quotes, a.n_events"
)


def search(run: Run, query: Query, raw: Run | None = None) -> Page:
    """``run`` answers rows addressable by column name; ``raw`` (default ``run``) plain tuples, for
    the bulk reads (every match's rowid and score, filter rowids, the facet sample)."""
    raw = raw or run
    where, params = article_filters(query)
    match = match_expression(query.text)
    size, page = query.size, max(1, query.page)
    cond = "".join(f" AND {w}" for w in where)
    facets: dict[str, list[dict[str, Any]]] = {}
    sample: list[tuple[str, str | None, str | None, str | None]] = []
    if match:
        hits = raw(
            f"SELECT rowid, bm25(articles_fts, {_WEIGHTS}) FROM articles_fts WHERE articles_fts MATCH ?",
            [match],
        )
        if where:  # filters on their own indexes, intersected: cheaper than a row lookup per match
            allowed = {r[0] for r in raw(f"SELECT a.rowid FROM articles a WHERE 1{cond}", params)}
            hits = [h for h in hits if h[0] in allowed]
        hits.sort(key=lambda h: (h[1], -h[0]))  # best first (bm25: lower is better), then newest stored
        total = len(hits)
        chosen = [(h[0], h[1]) for h in hits[(page - 1) * size : page * size]]
        if query.facets:  # one read of the best matches feeds the outlet, month and story facets
            top = json.dumps([h[0] for h in hits[:FACET_SAMPLE]])
            sample = raw(
                f"SELECT {_SAMPLE} FROM articles a WHERE a.rowid IN (SELECT value FROM json_each(?))", [top]
            )
            facets = _sample_facets(sample)
    else:
        base = f"FROM articles a WHERE 1{cond}"
        order = "ORDER BY a.date DESC, a.rowid DESC"
        total = int(run(f"SELECT count(*) {base}", params)[0][0])
        chosen = [
            (r[0], None)
            for r in raw(
                f"SELECT a.rowid {base} {order} LIMIT ? OFFSET ?", [*params, size, (page - 1) * size]
            )
        ]
        if query.facets:
            facets = counted_facets(run, base, params)
            sample = raw(f"SELECT {_SAMPLE} {base} {order} LIMIT {FACET_SAMPLE}", params)
    items = _cards(run, chosen, match)
    if query.facets:
        facets.update(_annotation_facets(run, [r[0] for r in sample]))
        facets["stories"] = _story_facet(run, sample)
    return Page(
        items=items, total=total, page=page, size=size, facets=facets, facets_from=min(total, FACET_SAMPLE)
    )


def _sample_facets(sample: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """Outlet and month facets counted over the facet sample (``_SAMPLE`` rows)."""
    outlets = Counter(r[1] for r in sample if r[1] is not None)
    months = Counter(r[2] for r in sample if r[2] is not None)
    return {
        "outlets": [
            {"value": v, "count": c} for v, c in sorted(outlets.items(), key=lambda vc: (-vc[1], vc[0]))
        ][:FACET_LIMIT],
        "months": [{"value": v, "count": c} for v, c in sorted(months.items())],
    }


def _story_facet(run: Run, sample: list[Any]) -> list[dict[str, Any]]:
    """Stories told by at least two sampled results, named after their earliest article's title."""
    counts = Counter(r[3] for r in sample if r[3] is not None)
    top = sorted(((s, c) for s, c in counts.items() if c > 1), key=lambda sc: (-sc[1], sc[0]))[:FACET_LIMIT]
    if not top:
        return []
    names = {
        r[0]: r[1]
        for r in run(
            "SELECT s.value, (SELECT a.title FROM articles a WHERE a.story = s.value "
            "ORDER BY a.date IS NULL, a.date LIMIT 1) FROM json_each(?) s",
            [json.dumps([story for story, _ in top])],
        )
    }
    return [{"value": story, "count": count, "name": names.get(story)} for story, count in top]


def _rows(rows: list[Any]) -> list[dict[str, Any]]:
    return [dict(r) for r in rows]


def _cards(run: Run, chosen: list[tuple[int, float | None]], match: str | None) -> list[dict[str, Any]]:
    if not chosen:
        return []
    rids = json.dumps([rowid for rowid, _ in chosen])
    if match:
        rows = run(
            f"SELECT a.rowid AS rid, {_CARD}, "
            f"highlight(articles_fts, 0, '{MARK_START}', '{MARK_END}') AS title_marked, "
            f"snippet(articles_fts, 1, '{MARK_START}', '{MARK_END}', '…', 24) AS snippet "
            f"FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            f"WHERE articles_fts MATCH ? AND articles_fts.rowid IN (SELECT value FROM json_each(?))",
            [match, rids],
        )
    else:
        rows = run(
            f"SELECT a.rowid AS rid, {_CARD}, NULL AS title_marked, substr(a.text, 1, 200) AS snippet "
            f"FROM articles a WHERE a.rowid IN (SELECT value FROM json_each(?))",
            [rids],
        )
    by_rid = {r["rid"]: dict(r) for r in rows}
    items = []
    for rowid, score in chosen:
        item = by_rid.get(rowid)
        if item is None:
            continue
        item.pop("rid")
        item["title_html"] = marked_html(item.pop("title_marked") or item["title"] or "")
        snippet = item.pop("snippet") or ""
        item["snippet_html"] = marked_html(
            snippet if match else snippet + ("…" if len(snippet) >= 200 else "")
        )
        item["score"] = None if score is None else round(-float(score), 4)
        items.append(item)
    return items


def counted_facets(run: Run, base: str, params: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """Outlet and month facets of the articles ``base`` (``FROM articles a WHERE ...``) selects.

    Plain SQL valid in SQLite and PostgreSQL; both backends use it.
    """
    outlets = run(
        f"SELECT a.outlet AS value, count(*) AS count {base} AND a.outlet IS NOT NULL "
        f"GROUP BY a.outlet ORDER BY count DESC, value LIMIT {FACET_LIMIT}",
        params,
    )
    months = run(
        f"SELECT substr(a.date, 1, 7) AS value, count(*) AS count {base} AND a.date IS NOT NULL "
        f"GROUP BY 1 ORDER BY 1",
        params,
    )
    return {"outlets": _counts(outlets), "months": _counts(months)}


def _counts(rows: list[Any]) -> list[dict[str, Any]]:
    """Rows (sqlite3.Row or dict) as dicts with an int ``count``."""
    return [{k: int(v) if k == "count" else v for k, v in dict(r).items()} for r in rows]


def _annotation_facets(run: Run, sample: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Entity and event-type facets over the best ``FACET_SAMPLE`` results."""
    if not sample:
        return {"entities": [], "event_types": []}
    ids = json.dumps(sample)
    entities = run(
        f"SELECT e.id AS value, e.name AS name, e.type AS type, top.count AS count FROM "
        f"(SELECT ae.entity_id, count(*) AS count FROM article_entities ae "
        f"WHERE ae.article_id IN (SELECT value FROM json_each(?)) "
        f"GROUP BY ae.entity_id ORDER BY count DESC LIMIT {FACET_LIMIT}) AS top "
        f"JOIN entities e ON e.id = top.entity_id ORDER BY count DESC, name",
        [ids],
    )
    events = run(
        f"SELECT v.type AS value, count(*) AS count FROM events v "
        f"WHERE v.article_id IN (SELECT value FROM json_each(?)) "
        f"GROUP BY v.type ORDER BY count DESC, value LIMIT {FACET_LIMIT}",
        [ids],
    )
    return {"entities": _rows(entities), "event_types": _rows(events)}
