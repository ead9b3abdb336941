"""A GDELT-like event table: one CSV row per event of a warta/1 record.

Columns (documented in ``docs/events.md``): the article, the event's date, source and target actors
(name, country, sector), PLOVER type and mode, status, whether it is only reported, the location and
its country, a QuadClass-like category and a Goldstein-like score from the PLOVER manual, and the
sentence that tells it. Works on warta/1 dicts, so the store and the web UI can reuse it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from warta.stages.events.lexicon import load_lexicon

__all__ = ["COLUMNS", "QUAD_NAMES", "event_rows", "write_events_csv"]

COLUMNS = (
    "article_id", "url", "published", "event_id", "date", "source_name", "source_country",
    "source_sector", "type", "mode", "target_name", "target_country", "target_sector", "status",
    "reported", "location", "location_country", "quad_class", "goldstein", "mentions", "trigger", "sentence",
)  # fmt: skip

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def _actor_name(actor: dict[str, Any] | None, entities: dict[str, dict[str, Any]]) -> str:
    if not actor:
        return ""
    ent = entities.get(actor.get("entity") or "")
    if ent and ent.get("type") in ("PERSON", "ORGANIZATION"):
        return str(ent["name"])
    return str(actor.get("text") or "")


def event_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The CSV rows (dicts keyed by :data:`COLUMNS`) of one warta/1 record."""
    plover = load_lexicon().plover
    doc = record.get("document", {})
    entities = {e["id"]: e for e in record.get("entities", [])}
    sentences = record.get("sentences", [])
    rows = []
    for ev in record.get("events", []):
        src, tgt = ev.get("source") or {}, ev.get("target")
        loc = entities.get(ev.get("location") or "")
        code = plover.get(ev["type"])
        idx = ev.get("sentence", -1)
        sentence = sentences[idx]["text"] if 0 <= idx < len(sentences) else ""
        rows.append(
            {
                "article_id": doc.get("id") or "",
                "url": doc.get("url") or "",
                "published": doc.get("published") or "",
                "event_id": ev["id"],
                "date": ev.get("date") or "",
                "source_name": _actor_name(src, entities),
                "source_country": src.get("country") or "",
                "source_sector": src.get("sector") or "",
                "type": ev["type"],
                "mode": ev.get("mode") or "",
                "target_name": _actor_name(tgt, entities),
                "target_country": (tgt or {}).get("country") or "",
                "target_sector": (tgt or {}).get("sector") or "",
                "status": ev.get("status") or "",
                "reported": int(bool(ev.get("reported"))),
                "location": loc["name"] if loc else "",
                "location_country": (loc or {}).get("country") or "",
                "quad_class": code.quad if code else "",
                "goldstein": code.goldstein(ev.get("mode")) if code else "",
                "mentions": len(ev.get("mentions") or []) or 1,
                "trigger": (ev.get("trigger") or {}).get("text", ""),
                "sentence": " ".join(sentence.split()),
            }
        )
    return rows


def write_events_csv(records: Iterable[dict[str, Any]], out: TextIO, *, header: bool = True) -> int:
    """Write the events of ``records`` to ``out`` as CSV; returns the number of rows written."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    if header:
        writer.writeheader()
    count = 0
    for record in records:
        for row in event_rows(record):
            writer.writerow(row)
            count += 1
    return count
