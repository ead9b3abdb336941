"""Full-text search over the PostgreSQL store: tsquery from user input, filters, facets, snippets.

The same behaviour as :mod:`warta.store.sqlite_search`: words ANDed, ``"phrase"``, ``prefix*``,
``a OR b``, ``-excluded``; a word matches as written (title, text: weights A, B) or by its
Sastrawi root (stems: weight C); ``ts_rank`` with weights title 1.0, text 0.2, stems 0.1 (the
SQLite bm25 weights 5 : 1 : 0.5); ties newest first; snippets from ``ts_headline`` escaped with
``<mark>`` around matches; facets over the best ``FACET_SAMPLE`` results.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from warta.store.base import Page, Query
from warta.store.filters import POSTGRES, article_filters
from warta.store.fts import MARK_END, MARK_START, QuerySyntax, build_query, marked_html
from warta.store.sqlite_search import FACET_LIMIT, FACET_SAMPLE, counted_facets

__all__ = ["pg_search", "ts_query"]

Run = Callable[[str, Sequence[Any]], list[dict[str, Any]]]
_RANK_WEIGHTS = "'{0.0, 0.1, 0.2, 1.0}'"  # D, C (stems), B (text), A (title)
_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}"
_CARD = (
    "a.id, a.title, substr(a.text, 1, 90) AS lead, a.outlet, a.published, a.date, a.url, a.story, "
    "a.n_entities, a.n_quotes, a.n_events"
)


def _lexeme(word: str, weights: str, prefix: bool = False) -> str:
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "':" + ("*" if prefix else "") + weights


def ts_query(text: str | None, word: Callable[[str], str] = str, weights: str = "AB") -> str | None:
    """A ``to_tsquery`` expression from user input (words quoted: no syntax gets through)."""
    syntax = QuerySyntax(
        term=lambda w, prefix: _lexeme(w, weights, prefix),
        phrase=lambda ws: "(" + " <-> ".join(_lexeme(w, weights) for w in ws) + ")",
        or_=" | ",
        and_=" & ",
        not_=" & !",
    )
    return build_query(text, syntax, word)


def match_query(text: str | None) -> str | None:
    """Words as written in title/text, or their roots in the stems."""
    from warta.store.stem import available, stem_word

    plain = ts_query(text)
    if plain is None or not available():
        return plain
    return f"({plain}) | ({ts_query(text, stem_word, 'C')})"


def pg_search(run: Run, query: Query) -> Page:
    where, params = article_filters(query, POSTGRES)
    match = match_query(query.text)
    size, page = query.size, max(1, query.page)
    cond = "".join(f" AND {w}" for w in where)
    facets: dict[str, list[dict[str, Any]]] = {}
    sample: list[dict[str, Any]] = []
    chosen: list[tuple[str, float | None]]
    if match:
        hits = run(
            f"SELECT a.id, a.outlet, substr(a.date, 1, 7) AS month, a.story, "
            f"ts_rank({_RANK_WEIGHTS}, a.fts, q) AS score "
            f"FROM articles a, to_tsquery('warta_id', %s) q WHERE a.fts @@ q{cond} "
            f"ORDER BY score DESC, a.seq DESC",
            [match, *params],
        )
        total = len(hits)
        chosen = [(h["id"], float(h["score"])) for h in hits[(page - 1) * size : page * size]]
        sample = hits[:FACET_SAMPLE]
        if query.facets:
            facets = _sample_facets(sample)
    else:
        base = f"FROM articles a WHERE TRUE{cond}"
        order = "ORDER BY a.date DESC NULLS LAST, a.seq DESC"
        total = int(run(f"SELECT count(*) AS n {base}", params)[0]["n"])
        chosen = [
            (r["id"], None)
            for r in run(f"SELECT a.id {base} {order} LIMIT %s OFFSET %s", [*params, size, (page - 1) * size])
        ]
        if query.facets:
            facets = counted_facets(run, base, params)
            sample = run(
                f"SELECT a.id, a.story {base} {order} LIMIT {FACET_SAMPLE}",
                params,
            )
    items = _cards(run, chosen, match)
    if query.facets:
        facets.update(_annotation_facets(run, [r["id"] for r in sample]))
        facets["stories"] = _story_facet(run, sample)
    return Page(
        items=items, total=total, page=page, size=size, facets=facets, facets_from=min(total, FACET_SAMPLE)
    )


def _sample_facets(sample: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    outlets = Counter(r["outlet"] for r in sample if r["outlet"] is not None)
    months = Counter(r["month"] for r in sample if r["month"] is not None)
    return {
        "outlets": [
            {"value": v, "count": c} for v, c in sorted(outlets.items(), key=lambda vc: (-vc[1], vc[0]))
        ][:FACET_LIMIT],
        "months": [{"value": v, "count": c} for v, c in sorted(months.items())],
    }


def _ints(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: int(v) if k == "count" else v for k, v in r.items()} for r in rows]


def _story_facet(run: Run, sample: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter(r["story"] for r in sample if r["story"] is not None)
    top = sorted(((s, c) for s, c in counts.items() if c > 1), key=lambda sc: (-sc[1], sc[0]))[:FACET_LIMIT]
    if not top:
        return []
    names = {
        r["value"]: r["name"]
        for r in run(
            "SELECT s AS value, (SELECT a.title FROM articles a WHERE a.story = s "
            "ORDER BY a.date IS NULL, a.date LIMIT 1) AS name FROM unnest(%s::text[]) AS s",
            [[story for story, _ in top]],
        )
    }
    return [{"value": story, "count": count, "name": names.get(story)} for story, count in top]


def _annotation_facets(run: Run, sample: list[str]) -> dict[str, list[dict[str, Any]]]:
    if not sample:
        return {"entities": [], "event_types": []}
    entities = run(
        f"SELECT e.id AS value, e.name AS name, e.type AS type, top.count AS count FROM "
        f"(SELECT ae.entity_id, count(*) AS count FROM article_entities ae "
        f"WHERE ae.article_id = ANY(%s) GROUP BY ae.entity_id ORDER BY count DESC, ae.entity_id "
        f"LIMIT {FACET_LIMIT}) AS top "
        f"JOIN entities e ON e.id = top.entity_id ORDER BY count DESC, name",
        [sample],
    )
    events = run(
        f"SELECT v.type AS value, count(*) AS count FROM events v WHERE v.article_id = ANY(%s) "
        f"GROUP BY v.type ORDER BY count DESC, value LIMIT {FACET_LIMIT}",
        [sample],
    )
    return {"entities": _ints(entities), "event_types": _ints(events)}


def _cards(run: Run, chosen: list[tuple[str, float | None]], match: str | None) -> list[dict[str, Any]]:
    if not chosen:
        return []
    ids = [aid for aid, _ in chosen]
    if match:
        rows = run(
            f"SELECT {_CARD}, "
            f"ts_headline('warta_id', coalesce(a.title, ''), q, 'HighlightAll=true, {_HEADLINE}') "
            f"AS title_marked, "
            f"ts_headline('warta_id', a.text, q, 'MaxWords=35, MinWords=15, MaxFragments=2, "
            f"FragmentDelimiter=…, {_HEADLINE}') AS snippet "
            f"FROM articles a, to_tsquery('warta_id', %s) q WHERE a.id = ANY(%s)",
            [match, ids],
        )
    else:
        rows = run(
            f"SELECT {_CARD}, NULL AS title_marked, substr(a.text, 1, 200) AS snippet "
            f"FROM articles a WHERE a.id = ANY(%s)",
            [ids],
        )
    by_id = {r["id"]: dict(r) for r in rows}
    items = []
    for aid, score in chosen:
        item = by_id.get(aid)
        if item is None:
            continue
        item["title_html"] = marked_html(item.pop("title_marked") or item["title"] or "")
        snippet = item.pop("snippet") or ""
        item["snippet_html"] = marked_html(
            snippet if match else snippet + ("…" if len(snippet) >= 200 else "")
        )
        item["score"] = None if score is None else round(score, 4)
        items.append(item)
    return items
