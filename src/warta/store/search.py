"""Full-text search with filters and facets, written once for every backend.

With search words, the backend's index (:mod:`warta.store.fulltext`) gives every match's article
and score, filtered; ranking and paging happen on that list, only the page shown gets snippets,
and the facets count the best ``FACET_SAMPLE`` matches (the API reports it as ``facets_from``),
which bounds their cost on broad queries; one read of that sample gives the outlet, month and
story facets. Without search words, SQL pages and counts on the indexes; outlet and month facets
count every matching article, the others the newest ``FACET_SAMPLE``. A query that names a known
actor also matches the actor's other names (:func:`warta.store.aliases.expansions`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from warta.store.aliases import expansions
from warta.store.base import ARTICLE_SORTS, Page, Query
from warta.store.dialect import Tx
from warta.store.filters import article_filters
from warta.store.fts import check_query, marked_html
from warta.store.fulltext import CARD, FullText
from warta.store.sorting import order_sql, parse_sort

__all__ = ["FACET_LIMIT", "FACET_SAMPLE", "search"]

FACET_LIMIT = 10
#: facets count the best this-many results (without search words, outlets and months count all)
FACET_SAMPLE = 1000


def search(tx: Tx, query: Query, index: FullText, resolve: Callable[[str], list[str]]) -> Page:
    check_query(query.text)
    d = tx.dialect
    where, params = article_filters(query, d, resolve)
    match = index.match(query.text, expansions(tx, query.text)) if query.text else None
    field, desc = parse_sort(query.sort, ARTICLE_SORTS, "relevance" if match else "-date")
    if field == "relevance" and not match:  # nothing to rank: newest first
        field, desc = "date", True
    size, page = query.size, max(1, query.page)
    cond = "".join(f" AND {w}" for w in where)
    facets: dict[str, list[dict[str, Any]]] = {}
    sample_sql = f"SELECT a.{d.seq}, a.id, a.outlet, substr(a.date, 1, 7), a.story FROM articles a "
    sample: list[tuple[Any, ...]] = []
    if match:
        hits = index.hits(tx, match, cond, params)
        if field != "relevance":
            hits = _sorted_hits(tx, hits, field, desc)
        total = len(hits)
        chosen: list[tuple[int, float | None]] = list(hits[(page - 1) * size : page * size])
        if query.facets:
            top = [h[0] for h in hits[:FACET_SAMPLE]]
            order = {seq: i for i, seq in enumerate(top)}
            sample = tx.tuples(sample_sql + f"WHERE {d.in_list('a.' + d.seq)}", [d.values(top)])
            sample.sort(key=lambda r: order[r[0]])
            facets = _sample_facets(sample)
    else:
        base = f"FROM articles a WHERE TRUE{cond}"
        column = f"a.{d.seq}" if field == "stored" else f"a.{field}"
        order_by = "ORDER BY " + order_sql(column, desc, f"a.{d.seq}")
        total = int(tx.tuples(f"SELECT count(*) {base}", params)[0][0])
        chosen = [
            (int(r[0]), None)
            for r in tx.tuples(
                f"SELECT a.{d.seq} {base} {order_by} LIMIT ? OFFSET ?", [*params, size, (page - 1) * size]
            )
        ]
        if query.facets:
            facets = counted_facets(tx, base, params)
            sample = tx.tuples(f"{sample_sql}WHERE TRUE{cond} {order_by} LIMIT {FACET_SAMPLE}", params)
    items = _cards(tx, index, chosen, match)
    if query.facets:
        facets.update(_annotation_facets(tx, [r[1] for r in sample]))
        facets["stories"] = _story_facet(tx, sample)
    return Page(
        items=items, total=total, page=page, size=size, facets=facets, facets_from=min(total, FACET_SAMPLE)
    )


def _sorted_hits(tx: Tx, hits: list[tuple[int, float]], field: str, desc: bool) -> list[tuple[int, float]]:
    """Matches ordered by an article column instead of their score (NULLs last either way)."""
    if field == "stored":
        return sorted(hits, key=lambda h: h[0], reverse=desc)
    d = tx.dialect
    keys = dict(
        tx.tuples(
            f"SELECT a.{d.seq}, a.{field} FROM articles a WHERE {d.in_list('a.' + d.seq)}",
            [d.values([h[0] for h in hits])],
        )
    )
    present = sorted(
        (h for h in hits if keys.get(h[0]) is not None), key=lambda h: (keys[h[0]], h[0]), reverse=desc
    )
    return present + [h for h in hits if keys.get(h[0]) is None]


def _sample_facets(sample: list[tuple[Any, ...]]) -> dict[str, list[dict[str, Any]]]:
    """Outlet and month facets counted over the facet sample."""
    outlets = Counter(r[2] for r in sample if r[2] is not None)
    months = Counter(r[3] for r in sample if r[3] is not None)
    return {
        "outlets": [
            {"value": v, "count": c} for v, c in sorted(outlets.items(), key=lambda vc: (-vc[1], vc[0]))
        ][:FACET_LIMIT],
        "months": [{"value": v, "count": c} for v, c in sorted(months.items())],
    }


def counted_facets(tx: Tx, base: str, params: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """Outlet and month facets of the articles ``base`` (``FROM articles a WHERE ...``) selects."""
    outlets = tx.tuples(
        f"SELECT a.outlet, count(*) AS n {base} AND a.outlet IS NOT NULL "
        f"GROUP BY a.outlet ORDER BY n DESC, a.outlet LIMIT {FACET_LIMIT}",
        params,
    )
    months = tx.tuples(
        f"SELECT substr(a.date, 1, 7), count(*) {base} AND a.date IS NOT NULL GROUP BY 1 ORDER BY 1", params
    )
    return {
        "outlets": [{"value": v, "count": int(c)} for v, c in outlets],
        "months": [{"value": v, "count": int(c)} for v, c in months],
    }


def _story_facet(tx: Tx, sample: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Stories told by at least two sampled results, named after their earliest article's title."""
    counts = Counter(r[4] for r in sample if r[4] is not None)
    top = sorted(((s, c) for s, c in counts.items() if c > 1), key=lambda sc: (-sc[1], sc[0]))[:FACET_LIMIT]
    if not top:
        return []
    d = tx.dialect
    names: dict[str, str | None] = {}
    for story, title in tx.tuples(
        f"SELECT a.story, a.title FROM articles a WHERE {d.in_list('a.story')} "
        f"ORDER BY a.date IS NULL, a.date, a.{d.seq}",
        [d.values([story for story, _ in top])],
    ):
        names.setdefault(story, title)
    return [{"value": story, "count": count, "name": names.get(story)} for story, count in top]


def _annotation_facets(tx: Tx, sample: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Entity and event-type facets over the best ``FACET_SAMPLE`` results."""
    if not sample:
        return {"entities": [], "event_types": []}
    d = tx.dialect
    ids = d.values(sample)
    entities = tx.q(
        f"SELECT e.id AS value, e.name AS name, e.type AS type, e.key AS key, top.n AS count FROM "
        f"(SELECT ae.entity_id, count(*) AS n FROM article_entities ae "
        f"WHERE {d.in_list('ae.article_id')} GROUP BY ae.entity_id ORDER BY n DESC, ae.entity_id "
        f"LIMIT {FACET_LIMIT}) AS top JOIN entities e ON e.id = top.entity_id ORDER BY count DESC, name",
        [ids],
    )
    events = tx.tuples(
        f"SELECT v.type, count(*) AS n FROM events v WHERE {d.in_list('v.article_id')} "
        f"GROUP BY v.type ORDER BY n DESC, v.type LIMIT {FACET_LIMIT}",
        [ids],
    )
    return {
        "entities": [{**r, "count": int(r["count"])} for r in entities],
        "event_types": [{"value": v, "count": int(c)} for v, c in events],
    }


def _cards(tx: Tx, index: FullText, chosen: list[tuple[int, float | None]], match: str | None) -> list[Any]:
    if not chosen:
        return []
    seqs = [seq for seq, _ in chosen]
    d = tx.dialect
    if match:
        rows = index.cards(tx, seqs, match)
    else:
        rows = tx.q(
            f"SELECT a.{d.seq} AS rid, {CARD}, NULL AS title_marked, substr(a.text, 1, 200) AS snippet "
            f"FROM articles a WHERE {d.in_list('a.' + d.seq)}",
            [d.values(seqs)],
        )
    by_rid = {r["rid"]: r for r in rows}
    items = []
    for seq, score in chosen:
        item = by_rid.get(seq)
        if item is None:
            continue
        item.pop("rid")
        item["title_html"] = marked_html(item.pop("title_marked") or item["title"] or "")
        snippet = item.pop("snippet") or ""
        item["snippet_html"] = marked_html(
            snippet if match else snippet + ("…" if len(snippet) >= 200 else "")
        )
        item["score"] = None if score is None else round(score, 4)
        items.append(item)
    return items
