"""The one events table: a GDELT-like CSV row per event of a warta/1 record.

Columns (documented once, in ``docs/events.md``): the article, the event's date and where that date
came from, source and target actors (name, country, sector, corpus-wide key), PLOVER type and mode,
status, whether it is only reported, the location and its country, a QuadClass-like category and a
Goldstein-like score from the PLOVER manual, and the sentence that tells it. Rows are built from
warta/1 records only, so ``warta analyze --format events-csv``, ``/api/events.csv`` and
``warta export --table events`` write the same schema.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any, Protocol, TextIO

from warta.stages.events.lexicon import load_lexicon

__all__ = [
    "COLUMNS",
    "QUAD_NAMES",
    "event_rows",
    "rows_of_events",
    "safe_cell",
    "write_events_csv",
    "write_rows",
]

COLUMNS = (
    "article_id", "url", "published", "event_id", "date", "date_source", "source_name", "source_country",
    "source_sector", "source_key", "type", "mode", "target_name", "target_country", "target_sector",
    "target_key", "status", "reported", "location", "location_country", "quad_class", "goldstein",
    "mentions", "trigger", "sentence",
)  # fmt: skip

#: formula-leading characters spreadsheet programs would execute (CSV injection)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A cell value a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def _actor_name(actor: dict[str, Any] | None, entities: dict[str, dict[str, Any]]) -> str:
    if not actor:
        return ""
    if actor.get("name"):
        return str(actor["name"])
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
                "date_source": ev.get("date_source") or ("clause" if ev.get("date") else "none"),
                "source_name": _actor_name(src, entities),
                "source_country": src.get("country") or "",
                "source_sector": src.get("sector") or "",
                "source_key": src.get("key") or "",
                "type": ev["type"],
                "mode": ev.get("mode") or "",
                "target_name": _actor_name(tgt, entities),
                "target_country": (tgt or {}).get("country") or "",
                "target_sector": (tgt or {}).get("sector") or "",
                "target_key": (tgt or {}).get("key") or "",
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


class _Records(Protocol):
    def record(self, article_id: str) -> dict[str, Any]: ...


def rows_of_events(store: _Records, items: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The rows of stored events (``article_id`` and ``local_id`` of each, in order), read from their
    articles' warta/1 records: what a store query selected, in the one events schema."""
    cache: tuple[str, dict[str, dict[str, Any]]] | None = None
    for item in items:
        article = str(item["article_id"])
        if cache is None or cache[0] != article:
            cache = (article, {r["event_id"]: r for r in event_rows(store.record(article))})
        row = cache[1].get(str(item["local_id"]))
        if row is not None:
            yield row


def write_rows(rows: Iterable[dict[str, Any]], out: TextIO, *, header: bool = True) -> int:
    """Write event rows (:data:`COLUMNS`) as CSV; returns the number of rows written."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    if header:
        writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
        count += 1
    return count


def write_events_csv(records: Iterable[dict[str, Any]], out: TextIO, *, header: bool = True) -> int:
    """Write the events of ``records`` to ``out`` as CSV; returns the number of rows written."""
    return write_rows((row for record in records for row in event_rows(record)), out, header=header)
