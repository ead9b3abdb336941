"""``--format table``: a readable summary of one warta/1 record for a person."""

from __future__ import annotations

import os
import shutil
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _number(value: float) -> str:
    """1200000000000 -> '1,200,000,000,000'; 4.7 -> '4.7'."""
    if float(value).is_integer() and abs(value) < 1e18:
        return f"{int(value):,}"
    return f"{value:,.6g}"


def table_width(out: TextIO) -> int:
    """``COLUMNS`` when set, else the terminal's width when ``out`` is one (at least 40), else 140
    (a file or a pipe: wide enough that names stay on one line for grep)."""
    if os.environ.get("COLUMNS", "").isdigit() or out.isatty():
        return max(40, shutil.get_terminal_size((100, 24)).columns)
    return 140


def _table(title: str, columns: tuple[str, ...], *, fold: bool = False) -> Table:
    """An empty table with these columns; ``fold``: long cells wrap anywhere."""
    t = Table(title=title, title_justify="left")
    for col in columns:
        if fold:
            t.add_column(col, overflow="fold")
        else:
            t.add_column(col)
    return t


def _facts(record: dict[str, Any]) -> str:
    d = record["document"]
    facts = [
        ("id", d["id"]),
        ("source", d.get("source")),
        ("place", d.get("place")),
        ("published", d.get("published")),
        ("byline", d.get("byline")),
        ("story", d.get("story")),
        ("language", d.get("language")),
        ("sentences", str(len(record["sentences"]))),
    ]
    return "  ".join(f"[dim]{k}[/dim] {v}" for k, v in facts if v)


def _entities(record: dict[str, Any]) -> Table:
    t = _table("Entities", ("id", "name", "type", "country", "sector", "title", "mentions"))
    for e in record["entities"]:
        t.add_row(
            e["id"],
            e["name"],
            e["type"],
            e.get("country") or "",
            e.get("sector") or "",
            e.get("title") or "",
            ", ".join(sorted({m["text"] for m in e["mentions"]})),
        )
    return t


def _times(record: dict[str, Any]) -> Table:
    t = _table("Times", ("text", "type", "value"))
    for x in record["times"]:
        t.add_row(x["text"], x["type"], x["value"])
    return t


def _amounts(record: dict[str, Any]) -> Table:
    t = _table("Amounts", ("text", "value", "unit", "kind"))
    for a in record["amounts"]:
        t.add_row(a["text"], _number(a["value"]), a.get("unit") or "", a.get("kind") or "")
    return t


def _speaker(q: dict[str, Any], names: dict[str, str]) -> str:
    if q.get("speaker") in names:
        return f"{names[q['speaker']]} [dim]{q['speaker']}[/dim]"
    if q.get("speaker_text"):
        return f"{q['speaker_text']} [dim](no entity)[/dim]"
    return "[dim]?[/dim]"


def _quotes(record: dict[str, Any], names: dict[str, str]) -> Table:
    t = _table("Quotes", ("speaker", "cue", "kind", "quote"), fold=True)
    for q in record["quotes"]:
        text = _clip(q["text"], 100)
        t.add_row(
            _speaker(q, names),
            q.get("cue") or "[dim]—[/dim]",
            "direct" if q["direct"] else "reported",
            f"“{text}”" if q["direct"] else text,
        )
    return t


def _events(record: dict[str, Any], names: dict[str, str]) -> Table:
    t = _table("Events", ("type", "mode", "source", "target", "status", "date", "location", "trigger"))
    for v in record["events"]:
        src, tgt = v["source"], v.get("target")
        t.add_row(
            v["type"],
            v.get("mode") or "",
            f"{src['text']} ({src.get('country') or '?'})",
            f"{tgt['text']} ({tgt.get('country') or '?'})" if tgt else "",
            v["status"],
            v.get("date") or "",
            names.get(v.get("location") or "", ""),
            v["trigger"]["text"],
        )
    return t


def print_table(record: dict[str, Any], out: TextIO) -> None:
    """The record as tables that fit :func:`table_width` (long cells wrap, never overflow)."""
    width = table_width(out)
    console = Console(file=out, width=width, highlight=False, soft_wrap=False)
    d = record["document"]
    console.rule(f"[bold]{d.get('title') or d['id']}")
    console.print(_facts(record))
    names = {e["id"]: e["name"] for e in record["entities"]}
    if record["entities"]:
        console.print(_entities(record))
    if record["times"]:
        console.print(_times(record))
    if record["amounts"]:
        console.print(_amounts(record))
    if record["quotes"]:
        console.print(_quotes(record, names))
    if record["events"]:
        console.print(_events(record, names))
    if record["summary"]:
        console.print("[bold]Summary[/bold]")
        for i in record["summary"]:
            console.print("  • " + _clip(record["sentences"][i]["text"], 130))
    if record["keywords"]:
        console.print("[bold]Keywords[/bold] " + ", ".join(record["keywords"]))
