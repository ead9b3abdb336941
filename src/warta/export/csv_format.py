"""CSV with a header row; ``events`` is the GDELT-like event table of ``export/events_csv.py``."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from warta.errors import ConfigError
from warta.export.events_csv import safe_cell as _cell
from warta.export.events_csv import write_events_csv
from warta.store import Store


def write_rows(rows: Iterable[dict[str, Any]], columns: list[str], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
        n += 1
    return n


def write(store: Store, table: str, out: TextIO | str) -> int:
    if isinstance(out, str):
        with Path(out).open("w", encoding="utf-8", newline="") as fh:
            return write(store, table, fh)
    if table == "records":
        raise ConfigError("the records table holds nested JSON: export it as jsonl")
    if table == "events":  # the one events schema, built from the stored warta/1 records
        return write_events_csv(store.rows("records"), out)
    return write_rows(store.rows(table), store.columns(table), out)


def dumps_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
