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


def print_table(record: dict[str, Any], out: TextIO) -> None:  # noqa: C901, PLR0912 — too long, to split (issue #15)
    """The record as tables that fit :func:`table_width` (long cells wrap, never overflow)."""
    width = table_width(out)
    console = Console(file=out, width=width, highlight=False, soft_wrap=False)
    d = record["document"]
    console.rule(f"[bold]{d.get('title') or d['id']}")
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
    console.print("  ".join(f"[dim]{k}[/dim] {v}" for k, v in facts if v))
    names = {e["id"]: e["name"] for e in record["entities"]}

    if record["entities"]:
        t = Table(title="Entities", title_justify="left")
        for col in ("id", "name", "type", "country", "sector", "title", "mentions"):
            t.add_column(col)
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
        console.print(t)
    if record["times"]:
        t = Table(title="Times", title_justify="left")
        for col in ("text", "type", "value"):
            t.add_column(col)
        for x in record["times"]:
            t.add_row(x["text"], x["type"], x["value"])
        console.print(t)
    if record["amounts"]:
        t = Table(title="Amounts", title_justify="left")
        for col in ("text", "value", "unit", "kind"):
            t.add_column(col)
        for a in record["amounts"]:
            t.add_row(a["text"], _number(a["value"]), a.get("unit") or "", a.get("kind") or "")
        console.print(t)
    if record["quotes"]:
        t = Table(title="Quotes", title_justify="left")
        for col in ("speaker", "cue", "kind", "quote"):
            t.add_column(col, overflow="fold")
        for q in record["quotes"]:
            if q.get("speaker") in names:
                speaker = f"{names[q['speaker']]} [dim]{q['speaker']}[/dim]"
            elif q.get("speaker_text"):
                speaker = f"{q['speaker_text']} [dim](no entity)[/dim]"
            else:
                speaker = "[dim]?[/dim]"
            text = _clip(q["text"], 100)
            t.add_row(
                speaker,
                q.get("cue") or "[dim]—[/dim]",
                "direct" if q["direct"] else "reported",
                f"“{text}”" if q["direct"] else text,
            )
        console.print(t)
    if record["events"]:
        t = Table(title="Events", title_justify="left")
        for col in ("type", "mode", "source", "target", "status", "date", "location", "trigger"):
            t.add_column(col)
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
        console.print(t)
    if record["summary"]:
        console.print("[bold]Summary[/bold]")
        for i in record["summary"]:
            console.print("  • " + _clip(record["sentences"][i]["text"], 130))
    if record["keywords"]:
        console.print("[bold]Keywords[/bold] " + ", ".join(record["keywords"]))
