"""The SQLite backend: one file, WAL journal, FTS5 full-text index (stdlib ``sqlite3`` only).

Everything the store does is in the core (:mod:`warta.store.core`); this module connects it.
Writes happen in ``BEGIN IMMEDIATE`` transactions (one per :meth:`upsert` call), so a killed
ingest loses at most the batch in flight and two writers take turns; WAL lets the web server
read while an ingest writes. Each thread gets its own connection (the server answers from a
thread pool). A writer that waits longer than ``BUSY_SECONDS`` for another one gets a one-line
"database is busy" error.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from warta.errors import StoreError
from warta.store.core import SQLStore
from warta.store.dialect import SQLITE
from warta.store.fulltext import FTS5Index

__all__ = ["BUSY_SECONDS", "SQLiteStore"]

#: per connection (the web server has one per thread): memory-mapped bytes, page cache KiB
MMAP_BYTES = 256 * 1024 * 1024
CACHE_KIB = 16 * 1024
#: how long a writer waits for another process's write transaction before giving up
BUSY_SECONDS = 30.0


class _Tx:
    """Statements on one sqlite3 connection (see :class:`warta.store.dialect.Tx`)."""

    dialect = SQLITE

    def __init__(self, conn: sqlite3.Connection, location: str) -> None:
        self.conn = conn
        self.location = location

    def _cursor(self, sql: str, params: Sequence[Any]) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise _error(exc, self.location) from None

    def q(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self._cursor(sql, params)
        names = [d[0] for d in cur.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._cursor(sql, params).fetchall()

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._cursor(sql, params).rowcount

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            try:
                self.conn.executemany(sql, [tuple(r) for r in rows])
            except sqlite3.Error as exc:
                raise _error(exc, self.location) from None


def _error(exc: sqlite3.Error, location: str) -> StoreError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreError(
            f"{location}: database is busy (another process is writing to it); try again when it has finished"
        )
    return StoreError(f"{location}: {text}")


class SQLiteStore(SQLStore):
    """A warta corpus in one SQLite file."""

    dialect = SQLITE
    index = FTS5Index()

    def __init__(self, path: str | Path, *, readonly: bool = False, migrate: bool = True) -> None:
        self.location = str(path)
        self.readonly = readonly
        if readonly and not Path(path).exists():
            raise StoreError(f"no such database: {path} (create it with `warta ingest`)")
        self._open(migrate)

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.location, isolation_level=None, check_same_thread=False, timeout=BUSY_SECONDS
            )
            if not self.readonly:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            # reads through a memory map and a larger page cache: fewer read() calls per search
            conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            if self.readonly:
                conn.execute("PRAGMA query_only = ON")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {self.location}: {_error(exc, self.location).message}") from None
        return conn

    def _reader(self) -> _Tx:
        return _Tx(self._conn(), self.location)

    @contextmanager
    def _transaction(self) -> Iterator[_Tx]:
        conn = self._conn()
        tx = _Tx(conn, self.location)
        tx.run("BEGIN IMMEDIATE")
        try:
            yield tx
            tx.run("COMMIT")
        except BaseException:  # KeyboardInterrupt too: never leave a half-written batch
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _generation(self) -> Any:
        # PRAGMA data_version moves when another connection commits, total_changes when this one
        # writes; both are per connection, so the connection is part of the generation
        conn = self._conn()
        return (id(conn), conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)

    def _stream(self, sql: str) -> Iterator[dict[str, Any]]:
        cur = _Tx(self._conn(), self.location)._cursor(sql, ())
        names = [d[0] for d in cur.description or ()]
        for row in cur:
            yield dict(zip(names, row, strict=True))
