"""Apache Parquet via pyarrow (``pip install 'warta[parquet]'``), written in row groups."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any, TextIO

from warta.errors import ConfigError, MissingDependencyError
from warta.export.events_csv import COLUMNS, event_rows
from warta.store import Store

_CHUNK = 10_000


def _schema(pa: Any, columns: list[str], sample: list[dict[str, Any]]) -> Any:
    fields = []
    for col in columns:
        value = next((r[col] for r in sample if r.get(col) is not None), None)
        kind = (
            pa.int64()
            if isinstance(value, int)
            else pa.float64()
            if isinstance(value, float)
            else pa.string()
        )
        fields.append(pa.field(col, kind))
    return pa.schema(fields)


def write(store: Store, table: str, out: TextIO | str) -> int:
    if not isinstance(out, str):
        raise ConfigError("parquet is binary: give an output file with -o")
    if table == "records":
        raise ConfigError("the records table holds nested JSON: export it as jsonl")
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependencyError("pyarrow", "parquet") from None
    if table == "events":  # the one events schema, built from the stored warta/1 records
        columns = list(COLUMNS)
        rows: Iterator[dict[str, Any]] = (r for rec in store.rows("records") for r in event_rows(rec))
    else:
        columns = store.columns(table)
        rows = store.rows(table)
    chunk = list(islice(rows, _CHUNK))
    schema = _schema(pa, columns, chunk)
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        while True:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
            chunk = list(islice(rows, _CHUNK))
            if not chunk:
                break
    return n
