"""A warta/1 record as rows of the store's tables (backend-independent).

Entity ids in a record are local to one analysis (``e1``, ``e2``...). Across the corpus an entity
is its **key** (``entities[].key``: ``kb:<id>`` for a knowledge-base entry, else
:func:`warta.model.name_key` of type, name and country — the fallback for records without keys).
The rows here refer to entities by key (in their ``*_id`` fields); the writer turns keys into the
store's entity ids (:func:`warta.store.writer.write_record`).
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from warta.errors import InputError
from warta.model import name_key, normalise_name
from warta.store.stem import stem_text

__all__ = ["KEYED", "RecordRows", "entity_key", "entity_of", "input_key", "record_rows"]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_EVENT_NUMBER = re.compile(r"^v(\d+)$")
#: the row fields that hold an entity key until the writer replaces it with the entity's id
KEYED = {
    "mentions": ("entity_id",),
    "article_entities": ("entity_id",),
    "aliases": ("entity_id",),
    "quotes": ("speaker_id",),
    "events": ("source_id", "target_id", "location_id"),
}


def _slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", ascii_.lower()).strip("-")


def entity_key(entity_type: str, name: str) -> str:
    """The readable id an entity gets in the store (and its URL): ``<type>-<slug of name>``, a
    hash when the name has no ASCII letters. The writer adds a suffix when another key has it."""
    slug = _slug(name)[:80]
    if not slug:
        slug = hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    return f"{_slug(entity_type) or 'other'}-{slug}"


def entity_of(ent: dict[str, Any]) -> str:
    """The corpus-wide key of a record's entity (its ``key``, else the fallback ``name_key``)."""
    key = ent.get("key")
    if isinstance(key, str) and key:
        return key
    return name_key(str(ent.get("type") or "OTHER"), str(ent.get("name") or ""), ent.get("country") or None)


def input_key(raw: str, fmt: str, published: str | None, given_id: str | None, stages: list[str]) -> str:
    """Identity of one ingest input under one pipeline: same key → already stored, skip."""
    h = hashlib.sha256()
    for part in (fmt, published or "", given_id or "", ",".join(stages), raw):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _meta_str(doc: dict[str, Any], key: str) -> str | None:
    value = (doc.get("meta") or {}).get(key)
    return value if isinstance(value, str) and value else None


def _day(published: str | None) -> str | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).isoformat()
    except ValueError:
        return None


@dataclass(slots=True)
class RecordRows:
    article: dict[str, Any]
    #: one per key: ``key``, ``name``, ``type``, ``country``, ``sector``
    entities: list[dict[str, Any]] = field(default_factory=list)
    #: one row per (article, entity) with its mention count: facets and filters read this
    article_entities: list[dict[str, Any]] = field(default_factory=list)
    article_countries: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    #: the names and surface forms this article gives each entity (alias-aware search)
    aliases: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    amounts: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    record_json: str = ""
    #: comma-separated stage names when the record says which ran
    stages: str | None = None


def _named(form: str) -> bool:
    """A surface form that names someone (capitalised or with a digit), not "dia" or "sang menteri"."""
    return any(ch.isupper() or ch.isdigit() for ch in form) and len(normalise_name(form)) >= 2


def _article_row(doc: dict[str, Any], record: dict[str, Any], stems: bool) -> dict[str, Any]:
    text = doc["text"]
    return {
        "id": doc["id"],
        "title": doc.get("title"),
        "url": doc.get("url"),
        "outlet": doc.get("source") or _meta_str(doc, "outlet"),
        "byline": doc.get("byline"),
        "published": doc.get("published"),
        "date": _day(doc.get("published")),
        "place": doc.get("place"),
        "language": doc.get("language"),
        "story": doc.get("story"),
        "text": text,
        "n_entities": len(record.get("entities") or []),
        "n_quotes": len(record.get("quotes") or []),
        "n_events": len(record.get("events") or []),
        "stems": stem_text(f"{doc.get('title') or ''}\n{text}") if stems else None,
    }


def _entities(out: RecordRows, entities: list[dict[str, Any]]) -> dict[str, str]:
    """Entity, mention and alias rows; returns local id → key."""
    aid = out.article["id"]
    keys: dict[str, str] = {}
    by_key: dict[str, dict[str, Any]] = {}
    forms: dict[tuple[str, str], str] = {}
    for ent in entities:
        key = entity_of(ent)
        keys[str(ent.get("id"))] = key
        name = str(ent.get("name") or "")
        row = {"key": key, "name": name, "type": ent.get("type") or "OTHER"}
        row |= {"country": ent.get("country"), "sector": ent.get("sector")}
        known = by_key.setdefault(key, row)
        if len(name) > len(known["name"]):  # two local entities with one key: the fuller name
            known["name"] = name
        if name:
            forms.setdefault((key, name), name)
        for m in ent.get("mentions") or []:
            out.mentions.append(
                {"article_id": aid, "entity_id": key, "local_id": ent.get("id"), "title": ent.get("title")}
                | {"start": m["start"], "end": m["end"], "text": m["text"], "key": key}
            )
            if isinstance(m["text"], str) and _named(m["text"]):
                forms.setdefault((key, m["text"]), m["text"])
    out.entities = list(by_key.values())
    counts: dict[str, int] = {}
    for m in out.mentions:
        counts[m["entity_id"]] = counts.get(m["entity_id"], 0) + 1
    out.article_entities = [{"article_id": aid, "entity_id": k, "mentions": v} for k, v in counts.items()]
    countries = sorted({str(e["country"]) for e in out.entities if e.get("country") and e["key"] in counts})
    out.article_countries = [{"country": c, "article_id": aid} for c in countries]
    out.aliases = [
        {"article_id": aid, "entity_id": key, "alias": alias, "norm": normalise_name(alias)}
        for (key, alias) in forms
        if key in counts and normalise_name(alias)
    ]
    return keys


def _actor(prefix: str, actor: dict[str, Any] | None, keys: dict[str, str]) -> dict[str, Any]:
    actor = actor or {}
    key = keys.get(actor.get("entity") or "")
    given = actor.get("key")
    return {
        f"{prefix}_id": key,
        prefix: actor.get("text"),
        f"{prefix}_country": actor.get("country"),
        f"{prefix}_sector": actor.get("sector"),
        f"{prefix}_key": given if isinstance(given, str) and given else key,
    }


def _event_row(
    aid: str, i: int, v: dict[str, Any], keys: dict[str, str], sentences: list[Any]
) -> dict[str, Any]:
    trig = v.get("trigger") or {}
    sent = v.get("sentence")
    sent_text = sentences[sent]["text"] if isinstance(sent, int) and 0 <= sent < len(sentences) else None
    number = _EVENT_NUMBER.match(str(v.get("id") or ""))
    return (
        {"article_id": aid, "local_id": v.get("id"), "type": v.get("type"), "mode": v.get("mode")}
        | _actor("source", v.get("source"), keys)
        | _actor("target", v.get("target"), keys)
        | {
            "date": v.get("date"),
            "location_id": keys.get(v.get("location") or ""),
            "status": v.get("status"),
            "reported": 1 if v.get("reported") else 0,
            "trigger": trig.get("text"),
            "trigger_start": trig.get("start"),
            "trigger_end": trig.get("end"),
            "sentence": sent,
            "sentence_text": sent_text,
            "num": int(number.group(1)) if number else i + 1,
            "date_source": v.get("date_source"),
            "mentions": len(v.get("mentions") or []) or 1,
        }
    )


def record_rows(record: dict[str, Any], *, stems: bool = True) -> RecordRows:
    """Rows for every table from one warta/1 record (missing stages give empty lists);
    ``stems=False`` skips stemming the text (the article row is not written)."""
    if not isinstance(record, dict) or not isinstance(record.get("document"), dict):
        raise InputError("not a warta/1 record (no 'document' object)")
    doc = record["document"]
    aid = doc.get("id")
    if not isinstance(aid, str) or not aid or not isinstance(doc.get("text"), str):
        raise InputError("warta/1 record without a document id or text")
    out = RecordRows(
        article=_article_row(doc, record, stems),
        record_json=json.dumps(record, ensure_ascii=False),
        stages=",".join(map(str, record["stages"])) if isinstance(record.get("stages"), list) else None,
    )
    entities = record.get("entities") or []
    keys = _entities(out, entities)
    names = {str(e.get("id")): str(e.get("name") or "") for e in entities}
    for i, t in enumerate(record.get("times") or []):
        out.times.append(
            {"article_id": aid, "idx": i, "start": t["start"], "end": t["end"], "text": t["text"]}
            | {"type": t.get("type"), "value": t.get("value")}
        )
    for i, a in enumerate(record.get("amounts") or []):
        out.amounts.append(
            {"article_id": aid, "idx": i, "start": a["start"], "end": a["end"], "text": a["text"]}
            | {"value": a.get("value"), "unit": a.get("unit"), "kind": a.get("kind")}
        )
    for i, q in enumerate(record.get("quotes") or []):
        spk = q.get("speaker") or ""
        out.quotes.append(
            {"article_id": aid, "idx": i, "start": q["start"], "end": q["end"], "text": q["text"]}
            | {"direct": 1 if q.get("direct") else 0, "speaker_id": keys.get(spk)}
            | {"speaker": names.get(spk) or q.get("speaker_text"), "speaker_text": q.get("speaker_text")}
            | {"cue": q.get("cue")}
        )
    sentences = record.get("sentences") or []
    for i, v in enumerate(record.get("events") or []):
        row = _event_row(aid, i, v, keys, sentences)
        row["location"] = names.get(v.get("location") or "")
        out.events.append(row)
    return out
