"""The warta/1 JSON Schema shipped with the package, and validation against it."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["schema", "validate", "validation_errors"]


@cache
def schema() -> dict[str, Any]:
    text = (resources.files("warta") / "resources" / "schema" / "warta-1.schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


def _span_error(text: str, span: dict[str, Any], where: str) -> str | None:
    s, e = span.get("start"), span.get("end")
    if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s <= e <= len(text):
        return f"{where}: offsets {s}..{e} out of range"
    if text[s:e] != span.get("text"):
        return f"{where}: text {span.get('text')!r} != document.text[{s}:{e}] {text[s:e]!r}"
    return None


def _span_errors(record: dict[str, Any], text: str) -> list[str]:
    """Every span (events' triggers aside) whose offsets or text do not match ``document.text``."""
    found = [
        _span_error(text, span, f"{key}/{i}")
        for key in ("paragraphs", "sentences", "times", "quotes", "amounts", "references")
        for i, span in enumerate(record.get(key, []))
    ]
    found += [
        _span_error(text, m, f"entities/{i}/mentions/{j}")
        for i, ent in enumerate(record.get("entities", []))
        for j, m in enumerate(ent.get("mentions", []))
    ]
    return [e for e in found if e is not None]


def _event_errors(record: dict[str, Any], text: str, ids: set[Any], n_sent: int) -> list[str]:
    errors = []
    for i, v in enumerate(record.get("events", [])):
        trigger = _span_error(text, v.get("trigger", {}), f"events/{i}/trigger")
        if trigger is not None:
            errors.append(trigger)
        if not 0 <= v.get("sentence", -1) < max(n_sent, 1):
            errors.append(f"events/{i}: sentence index {v.get('sentence')} out of range")
        for role in ("source", "target"):
            actor = v.get(role) or {}
            if actor.get("entity") is not None and actor["entity"] not in ids:
                errors.append(f"events/{i}/{role}: entity {actor['entity']!r} is not an entity id")
        if v.get("location") is not None and v["location"] not in ids:
            errors.append(f"events/{i}: location {v['location']!r} is not an entity id")
    return errors


def validation_errors(record: dict[str, Any]) -> list[str]:
    """Schema violations plus span checks (every span's text equals document.text[start:end]) and
    references to entity ids and sentence indices that exist."""
    errors = [
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
        for e in _validator().iter_errors(record)
    ]
    text = record.get("document", {}).get("text", "")
    errors += _span_errors(record, text)
    ids = {e.get("id") for e in record.get("entities", [])}
    for i, ref in enumerate(record.get("references", [])):
        if ref.get("entity") not in ids:
            errors.append(f"references/{i}: entity {ref.get('entity')!r} is not an entity id")
    for i, q in enumerate(record.get("quotes", [])):
        if q.get("speaker") is not None and q["speaker"] not in ids:
            errors.append(f"quotes/{i}: speaker {q['speaker']!r} is not an entity id")
    n_sent = len(record.get("sentences", []))
    errors += _event_errors(record, text, ids, n_sent)
    for i in record.get("summary", []):
        if not 0 <= i < n_sent:
            errors.append(f"summary: sentence index {i} out of range")
    return errors


def validate(record: dict[str, Any]) -> None:
    """Raise ``ValueError`` listing every problem when ``record`` is not valid warta/1."""
    errors = validation_errors(record)
    if errors:
        raise ValueError("invalid warta/1 record:\n  " + "\n  ".join(errors[:20]))
