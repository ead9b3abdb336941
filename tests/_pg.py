"""A PostgreSQL schema of its own per test, on the server ``WARTA_TEST_POSTGRES`` names.

``scripts/test.sh`` starts a throwaway cluster and sets the variable; without it (or without
psycopg) the PostgreSQL side of every store test skips with the reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest

DSN = os.environ.get("WARTA_TEST_POSTGRES", "")
NO_SERVER = "no PostgreSQL server: set WARTA_TEST_POSTGRES to a DSN (scripts/test.sh starts one)"


@contextmanager
def pg_schema() -> Iterator[str]:
    """A DSN whose search_path is a fresh schema, dropped afterwards (or skip with the reason)."""
    if not DSN:
        pytest.skip(NO_SERVER)
    psycopg = pytest.importorskip("psycopg", reason="psycopg not installed (pip install 'warta[postgres]')")
    schema = "t_" + uuid.uuid4().hex[:12]
    try:
        with psycopg.connect(DSN, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL at WARTA_TEST_POSTGRES not usable: {str(exc).strip().splitlines()[0]}")
    sep = "&" if "?" in DSN else "?"
    try:
        yield f"{DSN}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(DSN, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
