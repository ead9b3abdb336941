"""The PostgreSQL backend (``pip install 'warta[postgres]'``, psycopg 3): ``--db postgresql://…``.

Everything the store does is in the core (:mod:`warta.store.core`); this module connects it.
One transaction per :meth:`upsert` under an advisory lock (writers take turns, as in SQLite, so
two ingests never deadlock on shared entity rows); one connection per thread; exports stream
through a server-side cursor on a connection of their own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from warta.errors import MissingDependencyError, StoreError
from warta.store.core import SQLStore
from warta.store.dialect import POSTGRES
from warta.store.fulltext import TsVectorIndex

try:
    import psycopg
    from psycopg.rows import dict_row, tuple_row
except ImportError:  # pragma: no cover - the extra is not installed
    psycopg = None  # type: ignore[assignment]

__all__ = ["WRITE_LOCK", "PostgresStore"]

#: the advisory lock every write transaction (and migration) holds: one writer at a time
WRITE_LOCK = 7413299


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class _Tx:
    """Statements on one psycopg connection (see :class:`warta.store.dialect.Tx`)."""

    dialect = POSTGRES

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def _execute(self, sql: str, params: Sequence[Any], factory: Any) -> Any:
        cur = self.conn.cursor(row_factory=factory)
        try:
            if params:
                cur.execute(POSTGRES.sql(sql), tuple(params))
            else:
                cur.execute(sql)
        except psycopg.Error as exc:
            raise StoreError(f"PostgreSQL: {_first_line(exc)}") from None
        return cur

    def q(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self._execute(sql, params, dict_row)
        return cur.fetchall() if cur.description else []

    def tuples(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self._execute(sql, params, tuple_row)
        return cur.fetchall() if cur.description else []

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        return int(self._execute(sql, params, tuple_row).rowcount)

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            with self.conn.cursor() as cur:  # one pipelined round of statements
                cur.executemany(POSTGRES.sql(sql), [tuple(r) for r in rows])
        except psycopg.Error as exc:
            raise StoreError(f"PostgreSQL: {_first_line(exc)}") from None


class PostgresStore(SQLStore):
    """A warta corpus in a PostgreSQL database (its current schema)."""

    dialect = POSTGRES
    index = TsVectorIndex()

    def __init__(self, dsn: str, *, readonly: bool = False, migrate: bool = True) -> None:
        if psycopg is None:
            raise MissingDependencyError("psycopg", "postgres")
        self.location = dsn
        self.readonly = readonly
        self._open(migrate)

    def _connect(self) -> Any:
        try:
            conn = psycopg.connect(self.location, autocommit=True)
            if self.readonly:
                conn.execute("SET default_transaction_read_only = on")
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {_first_line(exc)}") from None
        return conn

    def _reader(self) -> _Tx:
        return _Tx(self._conn())

    @contextmanager
    def _transaction(self) -> Iterator[_Tx]:
        conn = self._conn()
        try:
            with conn.transaction():
                tx = _Tx(conn)
                tx.run(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
                yield tx
        except psycopg.Error as exc:
            raise StoreError(f"cannot write to PostgreSQL: {_first_line(exc)}") from None

    def _generation(self) -> Any:
        # the snapshot (xmin:xmax:in-progress ids) moves whenever any transaction starts writing
        # or commits in the cluster: a conservative, correct write generation
        return self._reader().tuples("SELECT txid_current_snapshot()::text")[0][0]

    def _stream(self, sql: str) -> Iterator[dict[str, Any]]:
        try:
            conn = psycopg.connect(self.location, row_factory=dict_row)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {_first_line(exc)}") from None
        try:
            with conn.transaction(), conn.cursor(name="warta_rows") as cur:
                cur.execute(sql)
                yield from cur
        finally:
            conn.close()
