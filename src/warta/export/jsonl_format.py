"""JSON Lines: one object per row (``records`` gives the full warta/1 records)."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from warta.model.serialize import json_line
from warta.store import Store


def write(store: Store, table: str, out: TextIO | str) -> int:
    if isinstance(out, str):
        with Path(out).open("w", encoding="utf-8") as fh:
            return write(store, table, fh)
    n = 0
    for row in store.rows(table):
        out.write(json_line(row) + "\n")
        n += 1
    return n
