"""Writing store tables out: one module per format (jsonl, csv, parquet).

Every writer takes a :class:`~warta.store.Store`, a table name and an output path (or a text
stream for the text formats) and returns the number of rows written.
"""

from __future__ import annotations

import importlib
from typing import Any, TextIO

from warta.errors import ConfigError
from warta.store import Store

__all__ = ["FORMATS", "export"]

FORMATS = ("jsonl", "csv", "parquet")


def export(store: Store, table: str, fmt: str, out: TextIO | str) -> int:
    """Write ``table`` of ``store`` in format ``fmt`` to ``out`` (a path for parquet)."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r} (formats: {', '.join(FORMATS)})")
    module: Any = importlib.import_module(f"warta.export.{fmt}_format")
    count: int = module.write(store, table, out)
    return count
