"""Names ↔ entities in the store: which entities a name or id means, and every name of an entity.

The names of an entity are every name and surface form an article gave it (``aliases``, one row
per article, so they stay exact as articles come and go) plus the knowledge base's aliases of its
key (``kb_aliases``, when ``warta.kb.aliases`` exists). Search uses them to expand a query that
names a known actor (``q=Jokowi`` also finds "Joko Widodo"; ``q=KPK`` finds "Komisi
Pemberantasan Korupsi"); filters and entity pages use them to accept any name of an entity.
"""

from __future__ import annotations

import re
from collections import defaultdict

from warta.model import normalise_name
from warta.store.dialect import Tx
from warta.store.fts import candidates

__all__ = ["MAX_FORMS", "MAX_KEYS", "MAX_TOTAL", "expansions", "names_of", "resolve"]

#: a name seen for more entities than this is ambiguous: it is not expanded
MAX_KEYS = 5
#: a query term expands to at most this many names per entity (the most used first)
MAX_FORMS = 20
#: and a whole query to at most this many names (bounds the cost of a long query)
MAX_TOTAL = 200
_WORD = re.compile(r"\w+")
_TYPES = ("person", "organization", "location", "event", "product", "other")


def names_of(tx: Tx, entity_ids: list[str]) -> dict[str, list[tuple[str, int]]]:
    """entity id → [(name, articles using it)], most used first; one spelling per normalised name."""
    if not entity_ids:
        return {}
    d = tx.dialect
    rows = tx.tuples(
        f"SELECT entity_id, alias, count(*) FROM aliases WHERE {d.in_list('entity_id')} "
        f"GROUP BY entity_id, alias UNION ALL "
        f"SELECT entity_id, alias, 0 FROM kb_aliases WHERE {d.in_list('entity_id')}",
        [d.values(entity_ids), d.values(entity_ids)],
    )
    best: dict[str, dict[str, tuple[str, int, int]]] = defaultdict(dict)  # id → norm → (form, n, total)
    for eid, alias, n in rows:
        norm = normalise_name(alias)
        form, count, total = best[eid].get(norm, (alias, -1, 0))
        best[eid][norm] = (alias, int(n), total + int(n)) if int(n) > count else (form, count, total + int(n))
    return {
        eid: sorted(((form, total) for form, _, total in forms.values()), key=lambda ft: (-ft[1], ft[0]))
        for eid, forms in best.items()
    }


def expansions(tx: Tx, text: str | None) -> dict[str, list[list[str]]]:
    """Normalised name in the query → the words of every other name of the entities it names."""
    names = candidates(text)
    if not names:
        return {}
    d = tx.dialect
    rows = tx.tuples(
        f"SELECT norm, entity_id, count(*) FROM aliases WHERE {d.in_list('norm')} GROUP BY norm, entity_id "
        f"UNION ALL SELECT norm, entity_id, 0 FROM kb_aliases WHERE {d.in_list('norm')}",
        [d.values(names), d.values(names)],
    )
    by_norm: dict[str, dict[str, int]] = defaultdict(dict)
    for norm, eid, n in rows:
        by_norm[norm][eid] = by_norm[norm].get(eid, 0) + int(n)
    chosen = {
        norm: sorted(ids, key=lambda e: -ids[e]) for norm, ids in by_norm.items() if len(ids) <= MAX_KEYS
    }
    forms = names_of(tx, sorted({e for ids in chosen.values() for e in ids}))
    out: dict[str, list[list[str]]] = {}
    left = MAX_TOTAL
    for norm, ids in sorted(chosen.items()):
        words = [_WORD.findall(form) for eid in ids for form, _ in forms.get(eid, [])[:MAX_FORMS]]
        out[norm] = [w for w in words if w][: max(0, left)]
        left -= len(out[norm])
    return out


def resolve(tx: Tx, value: str) -> list[str]:
    """The entity ids ``value`` means: an id, a key, an id the store gave before keys existed
    (``person-joko-widodo``), or any name of an entity. Most-mentioned first."""
    found = [r[0] for r in tx.tuples("SELECT id FROM entities WHERE id = ? OR key = ?", [value, value])]
    if found:
        return found
    kind, _, rest = value.partition("-")
    norm = normalise_name(value)
    params: list[str] = [norm, norm]
    legacy = ""
    if kind in _TYPES and rest:
        legacy = " OR (e.type = ? AND e.id IN (SELECT entity_id FROM aliases WHERE norm = ?))"
        params += [kind.upper(), rest.replace("-", " ")]
    rows = tx.tuples(
        "SELECT e.id, (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id) AS n "
        "FROM entities e "
        "WHERE e.id IN (SELECT entity_id FROM aliases WHERE norm = ?) "
        "OR e.id IN (SELECT entity_id FROM kb_aliases WHERE norm = ?)" + legacy + " ORDER BY n DESC, e.id",
        params,
    )
    if rows:
        return [r[0] for r in rows]
    d = tx.dialect
    return [r[0] for r in tx.tuples(f"SELECT id FROM entities WHERE {d.eq_nocase('name')}", [value])]
