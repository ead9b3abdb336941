"""Writing records into the store, once for every backend (inside the caller's transaction).

An article's child rows are deleted and rewritten; its entities are upserted by key; entities no
longer mentioned anywhere are dropped; the stories it leaves or joins get their story events
recomputed. Entity ids are readable and stable: a new key takes ``<type>-<slug of its name>``
(the id the store gave before keys existed, so old URLs keep working), or that id plus its
country or a short hash when another key already has it.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from warta.model import normalise_name
from warta.store.dialect import Tx
from warta.store.rows import KEYED, RecordRows, entity_key, record_rows
from warta.store.schema import columns
from warta.store.story_events import group_of, refresh

__all__ = ["delete_article", "kb_aliases", "rebuild", "set_stories", "upsert_rows"]

#: child tables of an article, rewritten on every upsert
CHILD_TABLES = (
    "article_entities",
    "article_countries",
    "mentions",
    "aliases",
    "times",
    "amounts",
    "quotes",
    "events",
)
_ENTITY_CONFLICT = (
    "ON CONFLICT (id) DO UPDATE SET key = coalesce(entities.key, excluded.key), "
    "name = CASE WHEN length(excluded.name) > length(entities.name) THEN excluded.name "
    "ELSE entities.name END, country = coalesce(excluded.country, entities.country), "
    "sector = coalesce(excluded.sector, entities.sector)"
)
_DROP_ORPHAN = (
    "DELETE FROM entities WHERE id = ? AND NOT EXISTS (SELECT 1 FROM article_entities WHERE entity_id = ?)"
)


@cache
def _kb() -> Callable[[str], Iterable[str]] | None:
    """``warta.kb.aliases(key)`` when the knowledge base provides it (optional; never a stage)."""
    try:
        module = importlib.import_module("warta.kb")
    except ImportError:
        return None
    fn = getattr(module, "aliases", None)
    return fn if callable(fn) else None


def kb_aliases(key: str) -> list[str]:
    """The knowledge base's aliases of ``key`` (none without a knowledge base or for other keys)."""
    fn = _kb()
    if fn is None or not key.startswith("kb:"):
        return []
    return [a for a in fn(key) or () if isinstance(a, str) and normalise_name(a)]


def _insert(table: str, cols: list[str], conflict: str = "") -> str:
    names = ", ".join(f'"{c}"' for c in cols)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(cols))}) {conflict}".rstrip()


def _write_many(tx: Tx, table: str, items: list[dict[str, Any]], upto: str | None) -> None:
    if not items:
        return
    cols = [c for c in columns(table, tx.dialect, upto=upto) if c in items[0]]
    tx.many(_insert(table, cols), [[i[c] for c in cols] for i in items])


def _choose_id(tx: Tx, ent: dict[str, Any], assigned: set[str]) -> str:
    """A free readable id for a new key (adopting a pre-key row of the same id)."""
    base = entity_key(str(ent["type"]), str(ent["name"]))
    digest = hashlib.sha1(str(ent["key"]).encode("utf-8")).hexdigest()
    candidates = [base, *([f"{base}-{str(ent['country']).lower()}"] if ent.get("country") else [])]
    candidates += [f"{base}-{digest[:8]}", f"{base}-{digest}"]
    d = tx.dialect
    taken = dict(tx.tuples(f"SELECT id, key FROM entities WHERE {d.in_list('id')}", [d.values(candidates)]))
    for candidate in candidates:
        if candidate in assigned:
            continue
        if candidate not in taken:
            return candidate
        if taken[candidate] is None:  # a row stored before keys existed: the first key takes it
            tx.run("UPDATE entities SET key = ? WHERE id = ?", [ent["key"], candidate])
            return candidate
    return f"{base}-{digest}"  # pragma: no cover - a SHA-1 collision


def _entity_ids(tx: Tx, entities: list[dict[str, Any]]) -> dict[str, str]:
    """key → entity id for every entity of one record (new keys get a new id)."""
    if not entities:
        return {}
    d = tx.dialect
    keys = [e["key"] for e in entities]
    ids = dict(tx.tuples(f"SELECT key, id FROM entities WHERE {d.in_list('key')}", [d.values(keys)]))
    assigned = set(ids.values())
    for ent in entities:
        if ent["key"] not in ids:
            ids[ent["key"]] = _choose_id(tx, ent, assigned)
            assigned.add(ids[ent["key"]])
    return ids


def _link(rows: RecordRows, ids: dict[str, str]) -> None:
    """Replace the keys in the rows' entity fields by the store's entity ids."""
    for table, fields in KEYED.items():
        for item in getattr(rows, table):
            for name in fields:
                if item.get(name) is not None:
                    item[name] = ids.get(item[name])


def _old(tx: Tx, aid: str) -> tuple[str | None, list[str]]:
    """(the stored article's story group, its entity ids) before it is rewritten."""
    found = tx.tuples("SELECT story FROM articles WHERE id = ?", [aid])
    if not found:
        return None, []
    ents = [r[0] for r in tx.tuples("SELECT entity_id FROM article_entities WHERE article_id = ?", [aid])]
    return group_of(aid, found[0][0]), ents


def write_record(
    tx: Tx, rows: RecordRows, key: str | None, now: str, *, upto: str | None = None, rebuild: bool = False
) -> set[str]:
    """Write one record's rows; returns the story groups whose story events need refreshing.
    ``rebuild``: the article and record rows are stored already and stay (a migration's backfill:
    no full-text re-index, no re-stemming)."""
    aid = rows.article["id"]
    old_group, old_entities = _old(tx, aid)
    for table in CHILD_TABLES:
        tx.run(f"DELETE FROM {table} WHERE article_id = ?", [aid])
    if not rebuild:
        art = {c: rows.article[c] for c in columns("articles", tx.dialect, upto=upto) if c in rows.article}
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in art if c != "id")
        tx.run(
            _insert("articles", list(art), f"ON CONFLICT (id) DO UPDATE SET {updates}"), list(art.values())
        )
    ids = _entity_ids(tx, rows.entities)
    ent_cols = ["id", "key", "name", "type", "country", "sector"]
    tx.many(
        _insert("entities", ent_cols, _ENTITY_CONFLICT),
        [[ids[e["key"]], e["key"], e["name"], e["type"], e["country"], e["sector"]] for e in rows.entities],
    )
    _link(rows, ids)
    for table in CHILD_TABLES:
        _write_many(tx, table, getattr(rows, table), upto)
    if not rebuild:
        _write_record_row(tx, rows, key, now)
    kb = [[ids[e["key"]], a, normalise_name(a)] for e in rows.entities for a in kb_aliases(e["key"])]
    if kb:
        tx.many("INSERT INTO kb_aliases (entity_id, alias, norm) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", kb)
    tx.many(_DROP_ORPHAN, [[eid, eid] for eid in set(old_entities) - set(ids.values())])
    story = old_group if rebuild else group_of(aid, rows.article.get("story"))
    return {g for g in (old_group, story) if g}


def _write_record_row(tx: Tx, rows: RecordRows, key: str | None, now: str) -> None:
    aid = rows.article["id"]
    tx.run(
        _insert(
            "records",
            ["article_id", "input_key", "stages", "ingested", "record"],
            "ON CONFLICT (article_id) DO UPDATE SET input_key = excluded.input_key, "
            "stages = excluded.stages, ingested = excluded.ingested, record = excluded.record",
        ),
        [aid, key, rows.stages, now, rows.record_json],
    )


def upsert_rows(tx: Tx, prepared: list[tuple[RecordRows, str | None]], now: str) -> None:
    """Write records (already turned into rows) and refresh the story events they touch."""
    groups: set[str] = set()
    for rows, key in prepared:
        groups |= write_record(tx, rows, key, now)
    refresh(tx, groups)


def delete_article(tx: Tx, article_id: str) -> bool:
    group, entities = _old(tx, article_id)
    if group is None:
        return False
    tx.run("DELETE FROM articles WHERE id = ?", [article_id])
    tx.many(_DROP_ORPHAN, [[eid, eid] for eid in entities])
    refresh(tx, [group])
    return True


def set_stories(tx: Tx, stories: dict[str, str]) -> None:
    """Set ``document.story`` of stored articles (row and record), then refresh story events."""
    groups: set[str] = set()
    for aid, story in stories.items():
        found = tx.tuples(
            "SELECT a.story, r.record FROM articles a LEFT JOIN records r ON r.article_id = a.id "
            "WHERE a.id = ?",
            [aid],
        )
        if not found:
            continue
        old_story, text = found[0]
        tx.run("UPDATE articles SET story = ? WHERE id = ?", [story, aid])
        if text is not None:
            record = json.loads(text)
            record.setdefault("document", {})["story"] = story
            tx.run(
                "UPDATE records SET record = ? WHERE article_id = ?",
                [json.dumps(record, ensure_ascii=False), aid],
            )
        groups |= {group_of(aid, old_story), group_of(aid, story)}
    refresh(tx, groups)


def rebuild(tx: Tx, *, upto: str | None = None) -> int:
    """Rewrite every stored record's rows from its warta/1 record (a migration's backfill), in
    insertion order, so the first key of an id keeps it. Rows of articles without a record are
    left as they are, with keys filled in from their entities. Returns the records rebuilt."""
    seq = tx.dialect.seq
    found = tx.tuples(
        f"SELECT r.article_id, r.input_key, r.ingested, r.record FROM records r "
        f"JOIN articles a ON a.id = r.article_id ORDER BY a.{seq}"
    )
    groups: set[str] = set()
    for _aid, key, ingested, text in found:
        rows = record_rows(json.loads(text), stems=False)
        groups |= write_record(tx, rows, key, ingested, upto=upto, rebuild=True)
    _key_leftovers(tx)
    tx.run(
        "DELETE FROM entities WHERE key IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM article_entities ae WHERE ae.entity_id = entities.id)"
    )
    groups |= {group_of(r[0], r[1]) for r in tx.tuples("SELECT id, story FROM articles")}
    refresh(tx, groups)
    return len(found)


def _key_leftovers(tx: Tx) -> None:
    """Keys, aliases and event numbers for rows written before keys existed and with no record."""
    from warta.model import name_key

    for eid, etype, name, country in tx.tuples(
        "SELECT id, type, name, country FROM entities WHERE key IS NULL AND EXISTS "
        "(SELECT 1 FROM article_entities ae WHERE ae.entity_id = entities.id)"
    ):
        key = name_key(etype, name, country)
        if tx.tuples("SELECT 1 FROM entities WHERE key = ?", [key]):
            key = f"legacy:{eid}"
        tx.run("UPDATE entities SET key = ? WHERE id = ?", [key, eid])
    tx.run(
        "UPDATE mentions SET key = (SELECT e.key FROM entities e WHERE e.id = mentions.entity_id) "
        "WHERE key IS NULL"
    )
    forms = tx.tuples(
        "SELECT DISTINCT m.article_id, m.entity_id, m.text FROM mentions m "
        "WHERE NOT EXISTS (SELECT 1 FROM aliases s WHERE s.article_id = m.article_id)"
    )
    tx.many(
        "INSERT INTO aliases (article_id, entity_id, alias, norm) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [[aid, eid, text, normalise_name(text)] for aid, eid, text in forms if normalise_name(text)],
    )
    tx.run(
        "UPDATE events SET num = CAST(substr(local_id, 2) AS INTEGER) "
        "WHERE num IS NULL AND local_id LIKE 'v%'"
    )
