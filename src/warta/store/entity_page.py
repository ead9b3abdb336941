"""What the store knows about one entity (one key): the data of its page and API answer."""

from __future__ import annotations

from typing import Any

from warta.store.aliases import names_of
from warta.store.dialect import Tx

__all__ = ["COOCCURRENCE_SAMPLE", "entity_page"]

#: co-occurring entities are counted over an entity's newest this-many articles
COOCCURRENCE_SAMPLE = 1000


def entity_page(tx: Tx, eid: str) -> dict[str, Any]:
    """The entity row plus ``names`` (every name and surface form, with article counts),
    ``mentions``, ``articles``, ``titles``, ``timeline``, ``cooccurring``, ``quotes``, ``events``
    and ``recent_articles``."""
    out = tx.q("SELECT id, key, name, type, country, sector FROM entities WHERE id = ?", [eid])[0]
    mentions, articles = tx.tuples(
        "SELECT coalesce(sum(mentions), 0), count(*) FROM article_entities WHERE entity_id = ?", [eid]
    )[0]
    out["mentions"], out["articles"] = int(mentions), int(articles)
    out["names"] = [{"name": n, "articles": c} for n, c in names_of(tx, [eid]).get(eid, [])]
    out["titles"] = [
        r[0]
        for r in tx.tuples(
            "SELECT title FROM mentions WHERE entity_id = ? AND title IS NOT NULL "
            "GROUP BY title ORDER BY count(*) DESC, title LIMIT 5",
            [eid],
        )
    ]
    out["timeline"] = [
        {"month": m, "articles": int(a), "mentions": int(n)}
        for m, a, n in tx.tuples(
            "SELECT substr(a.date, 1, 7), count(*), sum(ae.mentions) FROM article_entities ae "
            "JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ? AND a.date IS NOT NULL "
            "GROUP BY 1 ORDER BY 1",
            [eid],
        )
    ]
    out["cooccurring"] = [
        {**r, "articles": int(r["articles"])}
        for r in tx.q(
            "SELECT e.id, e.key, e.name, e.type, e.country, top.n AS articles FROM "
            "(SELECT b.entity_id, count(*) AS n FROM "
            "(SELECT ae.article_id FROM article_entities ae JOIN articles x ON x.id = ae.article_id "
            f"WHERE ae.entity_id = ? ORDER BY x.date DESC NULLS LAST LIMIT {COOCCURRENCE_SAMPLE}) AS a "
            "JOIN article_entities b ON b.article_id = a.article_id AND b.entity_id != ? "
            "GROUP BY b.entity_id ORDER BY n DESC, b.entity_id LIMIT 20) AS top "
            "JOIN entities e ON e.id = top.entity_id ORDER BY top.n DESC, e.name",
            [eid, eid],
        )
    ]
    out["quotes"] = tx.q(
        "SELECT q.*, a.title AS article_title, a.date AS article_date FROM quotes q "
        "JOIN articles a ON a.id = q.article_id WHERE q.speaker_id = ? "
        "ORDER BY a.date DESC NULLS LAST, q.article_id, q.idx LIMIT 100",
        [eid],
    )
    out["events"] = tx.q(
        "SELECT v.*, a.title AS article_title, a.date AS article_date, se.name AS source_name, "
        "te.name AS target_name FROM events v JOIN articles a ON a.id = v.article_id "
        "LEFT JOIN entities se ON se.id = v.source_id LEFT JOIN entities te ON te.id = v.target_id "
        "WHERE v.source_id = ? OR v.target_id = ? "
        "ORDER BY a.date DESC NULLS LAST, v.article_id, v.num LIMIT 200",
        [eid, eid],
    )
    out["recent_articles"] = tx.q(
        "SELECT a.id, a.title, a.date, a.outlet, ae.mentions FROM article_entities ae "
        "JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = ? "
        "ORDER BY a.date DESC NULLS LAST, a.id LIMIT 20",
        [eid],
    )
    return out
