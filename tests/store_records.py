"""warta/1 records written by hand for the store tests (keys, stories and events set explicitly)."""

from __future__ import annotations

from typing import Any

from warta import validate


def ent(
    name: str, type_: str = "PERSON", country: str | None = "IDN", key: str | None = None, *forms: str
) -> dict:  # type: ignore[type-arg]
    """An entity spec: its canonical name, type, country, key (None: no key) and surface forms."""
    return {"name": name, "type": type_, "country": country, "key": key, "forms": list(forms) or [name]}


def record(
    aid: str,
    text: str,
    entities: list[dict[str, Any]] = (),  # type: ignore[assignment]
    *,
    published: str = "2024-03-01",
    story: str | None = None,
    events: list[dict[str, Any]] = (),  # type: ignore[assignment]
    title: str | None = None,
) -> dict[str, Any]:
    """A valid warta/1 record: every surface form of an entity is found in ``text`` as a mention."""
    sentences = [{"start": 0, "end": len(text), "text": text}]
    out_entities = []
    for i, spec in enumerate(entities, 1):
        mentions = []
        for form in spec["forms"]:
            start = text.find(form)
            assert start >= 0, f"{form!r} not in the text of {aid}"
            mentions.append({"start": start, "end": start + len(form), "text": form})
        entity: dict[str, Any] = {
            "id": f"e{i}",
            "name": spec["name"],
            "type": spec["type"],
            "country": spec["country"],
            "sector": None,
            "title": None,
            "mentions": mentions,
        }
        if spec["key"] is not None:
            entity["key"] = spec["key"]
        out_entities.append(entity)
    rec: dict[str, Any] = {
        "schema": "warta/1",
        "document": {
            "id": aid,
            "title": title or text[:40],
            "text": text,
            "published": published,
            "source": "Uji",
            "language": "id",
            "story": story,
        },
        "paragraphs": [{"start": 0, "end": len(text), "text": text}],
        "sentences": sentences,
        "entities": out_entities,
        "times": [],
        "quotes": [],
        "events": [_event(text, out_entities, i, e) for i, e in enumerate(events, 1)],
        "amounts": [],
        "summary": [],
        "keywords": [],
    }
    validate(rec)
    return rec


def _event(text: str, entities: list[dict[str, Any]], i: int, spec: dict[str, Any]) -> dict[str, Any]:
    """An event from ``{"type", "trigger", "source": entity index or text, "target", "status", ...}``."""

    def actor(value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, int):
            e = entities[value]
            return {"entity": e["id"], "text": e["name"], "country": e["country"], "sector": None}
        return {"entity": None, "text": value, "country": spec.get("country"), "sector": None}

    start = text.find(spec["trigger"])
    assert start >= 0, spec["trigger"]
    event = {
        "id": f"v{i}",
        "type": spec["type"],
        "mode": spec.get("mode"),
        "source": actor(spec.get("source")) or {"entity": None, "text": "", "country": None, "sector": None},
        "target": actor(spec.get("target")),
        "date": spec.get("date"),
        "location": None,
        "status": spec.get("status", "asserted"),
        "trigger": {"start": start, "end": start + len(spec["trigger"]), "text": spec["trigger"]},
        "sentence": 0,
    }
    if "date_source" in spec:
        event["date_source"] = spec["date_source"]
    return event
