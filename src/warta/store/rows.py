"""A warta/1 record as rows of the store's tables (backend-independent).

Entity ids in a record are local to one analysis (``e1``, ``e2``...). The store gives each entity
a corpus-wide id from its type and canonical name (``person-valery-gerasimov``), so one person can
be followed across articles.
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
from warta.store.stem import stem_text

__all__ = ["RecordRows", "entity_key", "input_key", "record_rows"]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub("-", ascii_.lower()).strip("-")


def entity_key(entity_type: str, name: str) -> str:
    """Corpus-wide entity id: ``<type>-<slug of name>`` (a hash when the name has no ASCII letters)."""
    slug = _slug(name)[:80]
    if not slug:
        slug = hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    return f"{_slug(entity_type) or 'other'}-{slug}"


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
    entities: list[dict[str, Any]] = field(default_factory=list)
    #: one row per (article, entity) with its mention count: facets and filters read this
    article_entities: list[dict[str, Any]] = field(default_factory=list)
    article_countries: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    amounts: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    record_json: str = ""
    #: comma-separated stage names when the record says which ran
    stages: str | None = None


def _actor(prefix: str, actor: dict[str, Any] | None, ids: dict[str, str]) -> dict[str, Any]:
    actor = actor or {}
    return {
        f"{prefix}_id": ids.get(actor.get("entity") or ""),
        prefix: actor.get("text"),
        f"{prefix}_country": actor.get("country"),
        f"{prefix}_sector": actor.get("sector"),
    }


def record_rows(record: dict[str, Any]) -> RecordRows:
    """Rows for every table from one warta/1 record (missing stages give empty lists)."""
    if not isinstance(record, dict) or not isinstance(record.get("document"), dict):
        raise InputError("not a warta/1 record (no 'document' object)")
    doc = record["document"]
    aid = doc.get("id")
    text = doc.get("text")
    if not isinstance(aid, str) or not aid or not isinstance(text, str):
        raise InputError("warta/1 record without a document id or text")
    entities = record.get("entities") or []
    quotes = record.get("quotes") or []
    events = record.get("events") or []
    sentences = record.get("sentences") or []
    out = RecordRows(
        article={
            "id": aid,
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
            "n_entities": len(entities),
            "n_quotes": len(quotes),
            "n_events": len(events),
            "stems": stem_text(f"{doc.get('title') or ''}\n{text}"),
        },
        record_json=json.dumps(record, ensure_ascii=False),
        stages=",".join(map(str, record["stages"])) if isinstance(record.get("stages"), list) else None,
    )
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    for ent in entities:
        key = entity_key(str(ent.get("type") or "OTHER"), str(ent.get("name") or ""))
        ids[str(ent.get("id"))] = key
        names[str(ent.get("id"))] = str(ent.get("name") or "")
        out.entities.append(
            {
                "id": key,
                "name": ent.get("name") or "",
                "type": ent.get("type") or "OTHER",
                "country": ent.get("country"),
                "sector": ent.get("sector"),
            }
        )
        for m in ent.get("mentions") or []:
            out.mentions.append(
                {
                    "article_id": aid,
                    "entity_id": key,
                    "local_id": ent.get("id"),
                    "title": ent.get("title"),
                    "start": m["start"],
                    "end": m["end"],
                    "text": m["text"],
                }
            )
    counts: dict[str, int] = {}
    for m in out.mentions:
        counts[m["entity_id"]] = counts.get(m["entity_id"], 0) + 1
    out.article_entities = [{"article_id": aid, "entity_id": k, "mentions": v} for k, v in counts.items()]
    countries = sorted({str(e["country"]) for e in out.entities if e.get("country") and e["id"] in counts})
    out.article_countries = [{"country": c, "article_id": aid} for c in countries]
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
    for i, q in enumerate(quotes):
        spk = q.get("speaker")
        out.quotes.append(
            {"article_id": aid, "idx": i, "start": q["start"], "end": q["end"], "text": q["text"]}
            | {
                "direct": 1 if q.get("direct") else 0,
                "speaker_id": ids.get(spk or ""),
                "speaker": names.get(spk or "") or q.get("speaker_text"),
                "speaker_text": q.get("speaker_text"),
                "cue": q.get("cue"),
            }
        )
    for v in events:
        trig = v.get("trigger") or {}
        sent = v.get("sentence")
        sent_text = sentences[sent]["text"] if isinstance(sent, int) and 0 <= sent < len(sentences) else None
        loc = v.get("location")
        out.events.append(
            {"article_id": aid, "local_id": v.get("id"), "type": v.get("type"), "mode": v.get("mode")}
            | _actor("source", v.get("source"), ids)
            | _actor("target", v.get("target"), ids)
            | {
                "date": v.get("date"),
                "location_id": ids.get(loc or ""),
                "location": names.get(loc or ""),
                "status": v.get("status"),
                "reported": 1 if v.get("reported") else 0,
                "trigger": trig.get("text"),
                "trigger_start": trig.get("start"),
                "trigger_end": trig.get("end"),
                "sentence": sent,
                "sentence_text": sent_text,
            }
        )
    return out
