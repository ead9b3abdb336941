"""The analyst's workbench reads: timelines, actor networks, places and stories, written once.

Read-only queries over the existing tables (no migration of their own), used by
:class:`warta.store.core.SQLStore`'s ``timeline``, ``network``, ``places``, ``story`` and
``top_stories``. A search (text and filters) selects its articles with :func:`article_scope`: the
filters as SQL and, with search words, the best ``SCOPE_LIMIT`` matches of the full-text index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from warta.store.aliases import expansions
from warta.store.base import EventFilter, Query
from warta.store.dialect import Tx
from warta.store.filters import article_filters, date_to, event_filters
from warta.store.fts import check_query
from warta.store.fulltext import FullText

__all__ = [
    "CO_LIMIT",
    "NETWORK_LIMIT",
    "PLACE_LIMIT",
    "SCOPE_LIMIT",
    "article_days",
    "article_scope",
    "event_days",
    "network",
    "places",
    "story",
    "top_stories",
]

Resolve = Callable[[str], list[str]]
#: networks and maps of a text search count over its best this-many matches (timelines: all)
SCOPE_LIMIT = 5000
#: a network shows at most this many entities (the most-mentioned in its articles)
NETWORK_LIMIT = 40
#: a map shows at most this many places
PLACE_LIMIT = 500
_ACT_LIMIT = 300
#: a network keeps its strongest this-many co-occurrence edges
CO_LIMIT = 600
#: an event's own day when its date is a full day, else its article's
EVENT_DAY = "CASE WHEN v.date LIKE '____-__-__%' THEN substr(v.date, 1, 10) ELSE a.date END"


def article_scope(
    tx: Tx, query: Query, index: FullText, resolve: Resolve, limit: int | None = SCOPE_LIMIT
) -> tuple[str, list[Any]]:
    """A SQL condition on ``a`` (articles) selecting what ``query`` finds, and its parameters."""
    d = tx.dialect
    where, params = article_filters(query, d, resolve)
    check_query(query.text)
    match = index.match(query.text, expansions(tx, query.text)) if query.text else None
    if match is None:
        return " AND ".join(["TRUE", *where]), params
    cond = "".join(f" AND {w}" for w in where)
    hits = index.hits(tx, match, cond, params)
    seqs = [h[0] for h in (hits if limit is None else hits[:limit])]
    return d.in_list(f"a.{d.seq}"), [d.values(seqs)]


def article_days(tx: Tx, cond: str, params: list[Any]) -> list[tuple[str, int]]:
    """(day, articles) of the articles ``cond`` selects."""
    rows = tx.tuples(
        f"SELECT a.date, count(*) FROM articles a WHERE {cond} AND a.date IS NOT NULL GROUP BY a.date",
        params,
    )
    return [(str(day), int(n)) for day, n in rows]


def _pair(tx: Tx, flt: EventFilter, other: str | None, resolve: Resolve) -> tuple[list[str], list[Any]]:
    """Event conditions of ``flt``; with ``other``, only events between ``flt.entity`` and it."""
    d = tx.dialect
    if not other:
        return event_filters(flt, d, resolve)
    first = flt.entity
    flt = EventFilter(**{**{k: getattr(flt, k) for k in EventFilter.__dataclass_fields__}, "entity": None})
    where, params = event_filters(flt, d, resolve)
    a, b = d.values(resolve(first or "")), d.values(resolve(other))
    src, tgt = d.in_list("v.source_id"), d.in_list("v.target_id")
    where.append(f"(({src} AND {tgt}) OR ({src} AND {tgt}))")
    params += [a, b, b, a]
    return where, params


def event_days(tx: Tx, flt: EventFilter, resolve: Resolve, other: str | None = None) -> list[tuple[str, int]]:
    """(day, events) of the events ``flt`` selects (``other``: between ``flt.entity`` and it),
    each on its own day when its date is a full day, else on its article's."""
    where, params = _pair(tx, flt, other, resolve)
    cond = "".join(f" AND {w}" for w in where)
    rows = tx.tuples(
        f"SELECT {EVENT_DAY} AS day, count(*) FROM events v JOIN articles a ON a.id = v.article_id "
        f"WHERE TRUE{cond} AND ({EVENT_DAY}) IS NOT NULL GROUP BY 1",
        params,
    )
    return [(str(day), int(n)) for day, n in rows]


def _entities(tx: Tx, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    d = tx.dialect
    rows = tx.q(
        f"SELECT id, key, name, type, country, sector FROM entities WHERE {d.in_list('id')}", [d.values(ids)]
    )
    return {r["id"]: r for r in rows}


def network(
    tx: Tx, cond: str, params: list[Any], limit: int = NETWORK_LIMIT, types: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Who appears with whom (``co``: articles naming both) and who acts on whom (``acts``: events
    from source to target, one edge per PLOVER type) among the articles ``cond`` selects."""
    d = tx.dialect
    kind = f" AND {d.in_list('e.type')}" if types else ""
    extra = [d.values(list(types))] if types else []
    top = tx.tuples(
        "SELECT ae.entity_id, count(*) AS n FROM article_entities ae JOIN articles a ON a.id = ae.article_id "
        f"JOIN entities e ON e.id = ae.entity_id WHERE {cond}{kind} "
        "GROUP BY ae.entity_id ORDER BY n DESC, ae.entity_id LIMIT ?",
        [*params, *extra, limit],
    )
    counts = {str(eid): int(n) for eid, n in top}
    ids = d.values(list(counts))
    co = tx.tuples(
        "SELECT x.entity_id, y.entity_id, count(*) FROM article_entities x "
        "JOIN article_entities y ON y.article_id = x.article_id AND x.entity_id < y.entity_id "
        f"JOIN articles a ON a.id = x.article_id WHERE {cond} AND {d.in_list('x.entity_id')} "
        f"AND {d.in_list('y.entity_id')} GROUP BY x.entity_id, y.entity_id "
        f"ORDER BY count(*) DESC, x.entity_id, y.entity_id LIMIT {CO_LIMIT}",
        [*params, ids, ids],
    )
    acts = tx.tuples(
        "SELECT v.source_id, v.target_id, v.type, count(*) AS n FROM events v "
        f"JOIN articles a ON a.id = v.article_id WHERE {cond} AND v.source_id IS NOT NULL "
        "AND v.target_id IS NOT NULL AND v.source_id != v.target_id "
        "GROUP BY v.source_id, v.target_id, v.type "
        f"ORDER BY n DESC, v.source_id, v.target_id LIMIT {_ACT_LIMIT}",
        params,
    )
    rows = _entities(tx, sorted(set(counts) | {str(r[0]) for r in acts} | {str(r[1]) for r in acts}))
    if types:
        acts = [
            r
            for r in acts
            if rows.get(r[0], {}).get("type") in types and rows.get(r[1], {}).get("type") in types
        ]
    used = set(counts) | {str(r[0]) for r in acts} | {str(r[1]) for r in acts}
    nodes = [
        {**rows[i], "articles": counts.get(i, 0)}
        for i in sorted(used, key=lambda i: (-counts.get(i, 0), i))
        if i in rows
    ]
    edges = [{"source": a, "target": b, "kind": "co", "type": None, "weight": int(n)} for a, b, n in co]
    edges += [{"source": a, "target": b, "kind": "acts", "type": t, "weight": int(n)} for a, b, t, n in acts]
    return {"nodes": nodes, "edges": edges}


def _geo(key: str | None, country: str | None) -> dict[str, Any] | None:
    """Where an entity is: its knowledge-base entry's resolved place, else its country."""
    if key and key.startswith("kb:"):
        from warta.kb import entry as kb_entry

        entry = kb_entry(key)
        geo = getattr(entry, "geo", None)
        if geo is not None:
            fields = (
                "precision",
                "country",
                "province_code",
                "province",
                "regency_code",
                "regency",
                "lat",
                "lon",
            )
            return {f: getattr(geo, f, None) for f in fields}
    if country and len(country) == 3:
        return {"precision": "country", "country": country}
    return None


def places(tx: Tx, cond: str, params: list[Any], limit: int = PLACE_LIMIT) -> dict[str, Any]:
    """The places (LOCATION entities) of the articles ``cond`` selects, each with its resolved
    location and precision, article and event counts, and the events located at a place."""
    located = tx.q(
        "SELECT v.article_id, v.local_id, v.type, v.status, v.date, v.date_source, v.location_id, "
        "v.location, "
        "a.date AS article_date, a.title AS article_title, coalesce(se.name, v.source) AS source, "
        "coalesce(te.name, v.target) AS target FROM events v JOIN articles a ON a.id = v.article_id "
        "LEFT JOIN entities se ON se.id = v.source_id LEFT JOIN entities te ON te.id = v.target_id "
        f"WHERE {cond} AND v.location_id IS NOT NULL ORDER BY a.date DESC NULLS LAST, v.article_id, v.num "
        f"LIMIT {_ACT_LIMIT}",
        params,
    )
    rows = tx.q(
        "SELECT e.id, e.key, e.name, e.country, count(*) AS articles FROM article_entities ae "
        f"JOIN entities e ON e.id = ae.entity_id JOIN articles a ON a.id = ae.article_id WHERE {cond} "
        "AND e.type = 'LOCATION' GROUP BY e.id, e.key, e.name, e.country "
        "ORDER BY articles DESC, e.id LIMIT ?",
        [*params, limit],
    )
    events: dict[str, int] = defaultdict(int)
    for ev in located:
        events[ev["location_id"]] += 1
    known = {r["id"] for r in rows}
    rows += [{**r, "articles": 0} for i, r in _entities(tx, sorted(set(events) - known)).items()]
    out: list[dict[str, Any]] = []
    unplaced: list[dict[str, Any]] = []
    for r in rows:
        item = {k: r[k] for k in ("id", "key", "name", "country")}
        item |= {
            "articles": int(r["articles"]),
            "events": events.get(r["id"], 0),
            "geo": _geo(r["key"], r["country"]),
        }
        (out if item["geo"] else unplaced).append(item)
    return {"places": out, "unplaced": unplaced, "events": located}


def story(tx: Tx, story_id: str) -> dict[str, Any] | None:
    """One story: its articles (oldest first), the entities they share, its event rows."""
    articles = tx.q(
        "SELECT a.id, a.title, a.outlet, a.date, a.published, a.url, substr(a.text, 1, 300) AS lead, "
        "a.n_entities, a.n_events FROM articles a WHERE a.story = ? ORDER BY a.date IS NULL, a.date, a.id",
        [story_id],
    )
    if not articles:
        return None
    entities = tx.q(
        "SELECT e.id, e.key, e.name, e.type, e.country, count(*) AS articles, sum(ae.mentions) AS mentions "
        "FROM article_entities ae JOIN articles a ON a.id = ae.article_id "
        "JOIN entities e ON e.id = ae.entity_id WHERE a.story = ? "
        "GROUP BY e.id, e.key, e.name, e.type, e.country "
        "ORDER BY articles DESC, mentions DESC, e.name LIMIT 40",
        [story_id],
    )
    dates = [a["date"] for a in articles if a["date"]]
    return {
        "id": story_id,
        "articles": articles,
        "outlets": sorted({a["outlet"] for a in articles if a["outlet"]}),
        "first_date": min(dates) if dates else None,
        "last_date": max(dates) if dates else None,
        "entities": [
            {**e, "articles": int(e["articles"]), "mentions": int(e["mentions"] or 0)} for e in entities
        ],
    }


def top_stories(
    tx: Tx, date_from: str | None = None, date_to_: str | None = None, limit: int = 20
) -> list[dict[str, Any]]:
    """The stories with the most articles in a period (articles dated within it), then the most
    outlets, newest first; each with its first article's title and its top entities."""
    where, params = ["a.story IS NOT NULL"], []
    if date_from:
        where.append("a.date >= ?")
        params.append(date_from)
    if date_to_:
        where.append("a.date <= ?")
        params.append(date_to(date_to_))
    d = tx.dialect
    rows = tx.q(
        "SELECT a.story AS id, count(*) AS articles, count(DISTINCT a.outlet) AS outlets, "
        "min(a.date) AS first_date, max(a.date) AS last_date, sum(a.n_events) AS events "
        f"FROM articles a WHERE {' AND '.join(where)} GROUP BY a.story "
        "ORDER BY articles DESC, outlets DESC, last_date DESC NULLS LAST, a.story LIMIT ?",
        [*params, limit],
    )
    if not rows:
        return []
    ids = d.values([r["id"] for r in rows])
    firsts: dict[str, dict[str, Any]] = {}
    for r in tx.q(
        "SELECT a.story, a.id, a.title, substr(a.text, 1, 300) AS lead FROM articles a "
        f"WHERE {d.in_list('a.story')} ORDER BY a.date IS NULL, a.date, a.id",
        [ids],
    ):
        firsts.setdefault(r["story"], r)
    names: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in tx.q(
        "SELECT a.story, e.id, e.name, e.type, count(*) AS n FROM article_entities ae "
        "JOIN articles a ON a.id = ae.article_id JOIN entities e ON e.id = ae.entity_id "
        f"WHERE {d.in_list('a.story')} GROUP BY a.story, e.id, e.name, e.type ORDER BY n DESC, e.name",
        [ids],
    ):
        if len(names[r["story"]]) < 5:
            names[r["story"]].append(
                {"id": r["id"], "name": r["name"], "type": r["type"], "articles": int(r["n"])}
            )
    out = []
    for r in rows:
        first = firsts.get(r["id"], {})
        out.append(
            {
                **r,
                "articles": int(r["articles"]),
                "outlets": int(r["outlets"]),
                "events": int(r["events"] or 0),
            }
            | {"title": first.get("title"), "lead": first.get("lead"), "first_article": first.get("id")}
            | {"entities": names.get(r["id"], [])}
        )
    return out
