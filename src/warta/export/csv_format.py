"""CSV with a header row; ``events`` reads like a GDELT event table (who, what, whom, when)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from warta.errors import ConfigError
from warta.store import Store

#: formula-leading characters spreadsheet programs would execute (CSV injection)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


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
    return write_rows(store.rows(table), store.columns(table), out)


def dumps_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
