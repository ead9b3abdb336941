"""Document <-> warta/1 JSON (``resources/schema/warta-1.schema.json`` is the contract)."""

from __future__ import annotations

import json
from typing import Any

from warta.model.document import (
    Actor,
    Amount,
    Document,
    Entity,
    Event,
    Geo,
    Quote,
    Reference,
    Sentence,
    Span,
    TimeExpr,
)

SCHEMA_ID = "warta/1"


def _span(s: Span) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "text": s.text}


def _actor(a: Actor | None) -> dict[str, Any] | None:
    if a is None:
        return None
    out: dict[str, Any] = {"entity": a.entity, "text": a.text, "country": a.country, "sector": a.sector}
    if a.name is not None:
        out["name"] = a.name
    if a.key is not None:
        out["key"] = a.key
    return out


_GEO_FIELDS = ("precision", "country", "province_code", "province", "regency_code", "regency", "lat", "lon")


def _geo(g: Geo | None) -> dict[str, Any] | None:
    if g is None:
        return None
    return {k: getattr(g, k) for k in _GEO_FIELDS}


def _entity(e: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "country": e.country,
        "sector": e.sector,
        "title": e.title,
        "key": e.key,
        "mentions": [_span(m) for m in e.mentions],
    }
    if e.geo is not None:
        out["geo"] = _geo(e.geo)
    return out


def to_dict(doc: Document) -> dict[str, Any]:
    """The warta/1 record of ``doc`` (stages that did not run leave their lists empty)."""
    document: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title,
        "url": doc.url,
        "source": doc.source,
        "byline": doc.byline,
        "published": doc.published,
        "place": doc.place,
        "language": doc.language or "und",
        "story": doc.story,
        "text": doc.text,
    }
    if doc.meta:
        document["meta"] = doc.meta
    return {
        "schema": SCHEMA_ID,
        "document": document,
        "paragraphs": [_span(p) for p in doc.paragraphs],
        "sentences": [_span(s) for s in doc.sentences],
        "entities": [_entity(e) for e in doc.entities],
        "references": [{**_span(r), "entity": r.entity, "kind": r.kind} for r in doc.references],
        "times": [{**_span(t), "type": t.type, "value": t.value} for t in doc.times],
        "quotes": [
            {
                **_span(q),
                "direct": q.direct,
                "speaker": q.speaker,
                "speaker_text": q.speaker_text,
                "cue": q.cue,
            }
            for q in doc.quotes
        ],
        "events": [
            {
                "id": v.id,
                "type": v.type,
                "mode": v.mode,
                "source": _actor(v.source),
                "target": _actor(v.target),
                "other_sources": [_actor(a) for a in v.other_sources],
                "other_targets": [_actor(a) for a in v.other_targets],
                "date": v.date,
                "location": v.location,
                "status": v.status,
                "reported": v.reported,
                "date_source": v.date_source,
                "trigger": _span(v.trigger),
                "sentence": v.sentence,
                "mentions": v.mentions,
            }
            for v in doc.events
        ],
        "amounts": [{**_span(a), "value": a.value, "unit": a.unit, "kind": a.kind} for a in doc.amounts],
        "summary": list(doc.summary),
        "keywords": list(doc.keywords),
    }


def to_json(doc: Document, *, indent: int | None = None) -> str:
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=indent)


#: line breaks JSON leaves unescaped but ``str.splitlines`` (and older JavaScript) split on
_LINE_BREAKS = {ord("\x85"): "\\u0085", ord("\u2028"): "\\u2028", ord("\u2029"): "\\u2029"}


def json_line(obj: Any) -> str:
    """``obj`` as compact JSON on exactly one line, whatever line splitter reads it (JSON Lines)."""
    return json.dumps(obj, ensure_ascii=False).translate(_LINE_BREAKS)


def _mk_span(d: dict[str, Any]) -> Span:
    return Span(d["start"], d["end"], d["text"])


def _mk_actor(d: dict[str, Any] | None) -> Actor | None:
    if d is None:
        return None
    return Actor(
        text=d["text"],
        entity=d.get("entity"),
        country=d.get("country"),
        sector=d.get("sector"),
        name=d.get("name"),
        key=d.get("key"),
    )


def _mk_geo(d: dict[str, Any] | None) -> Geo | None:
    if not d:
        return None
    fields: dict[str, Any] = {k: d.get(k) for k in _GEO_FIELDS}
    return Geo(**fields)


def _mk_event(v: dict[str, Any]) -> Event:
    source = _mk_actor(v["source"])
    assert source is not None
    return Event(
        id=v["id"],
        type=v["type"],
        source=source,
        trigger=_mk_span(v["trigger"]),
        sentence=v["sentence"],
        target=_mk_actor(v.get("target")),
        mode=v.get("mode"),
        date=v.get("date"),
        location=v.get("location"),
        status=v.get("status", "asserted"),
        mentions=list(v.get("mentions", [])),
        other_sources=[a for a in map(_mk_actor, v.get("other_sources", [])) if a],
        other_targets=[a for a in map(_mk_actor, v.get("other_targets", [])) if a],
        reported=bool(v.get("reported", False)),
        date_source=v.get("date_source") or "none",
    )


def _mk_entity(e: dict[str, Any]) -> Entity:
    return Entity(
        id=e["id"],
        name=e["name"],
        type=e["type"],
        mentions=[_mk_span(m) for m in e["mentions"]],
        country=e.get("country"),
        sector=e.get("sector"),
        title=e.get("title"),
        key=e.get("key"),
        geo=_mk_geo(e.get("geo")),
    )


def from_dict(record: dict[str, Any]) -> Document:
    """Rebuild a :class:`Document` from a warta/1 record (tokens are not part of the record)."""
    d = record["document"]
    doc = Document(
        raw=d["text"],
        id=d.get("id"),
        text=d["text"],
        title=d.get("title"),
        url=d.get("url"),
        source=d.get("source"),
        byline=d.get("byline"),
        published=d.get("published"),
        place=d.get("place"),
        language=d.get("language"),
        story=d.get("story"),
        meta=dict(d.get("meta") or {}),
    )
    doc.paragraphs = [_mk_span(p) for p in record.get("paragraphs", [])]
    doc.sentences = [Sentence(s["start"], s["end"], s["text"]) for s in record.get("sentences", [])]
    doc.entities = [_mk_entity(e) for e in record.get("entities", [])]
    doc.references = [
        Reference(r["start"], r["end"], r["text"], entity=r["entity"], kind=r.get("kind", "pronoun"))
        for r in record.get("references", [])
    ]
    doc.times = [
        TimeExpr(t["start"], t["end"], t["text"], type=t["type"], value=t["value"])
        for t in record.get("times", [])
    ]
    doc.amounts = [
        Amount(a["start"], a["end"], a["text"], value=a["value"], unit=a.get("unit"), kind=a.get("kind"))
        for a in record.get("amounts", [])
    ]
    doc.quotes = [
        Quote(
            q["start"],
            q["end"],
            q["text"],
            direct=q["direct"],
            speaker=q.get("speaker"),
            speaker_text=q.get("speaker_text"),
            cue=q.get("cue"),
        )
        for q in record.get("quotes", [])
    ]
    doc.events = [_mk_event(v) for v in record.get("events", [])]
    doc.summary = list(record.get("summary", []))
    doc.keywords = list(record.get("keywords", []))
    return doc
