"""Crash safety (issue 16 item 3): a bounded run of scripts/crash_test.py on both backends, and the
one-line "database is busy" error when a second writer waits too long."""

from __future__ import annotations

import argparse
import importlib.util
import random
import sqlite3
import sys
from pathlib import Path
from types import ModuleType

import pytest

from store_records import ent, record
from warta.cli.main import main
from warta.errors import StoreError
from warta.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crash_test", ROOT / "scripts" / "crash_test.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["crash_test"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_kill_9_during_ingest_leaves_whole_articles_and_resumes(backend: str, tmp_path: Path) -> None:
    crash = _script()
    dsn = ""
    if backend == "postgresql":
        from _pg import DSN, NO_SERVER

        if not DSN:
            pytest.skip(NO_SERVER)
        dsn = DSN
    args = argparse.Namespace(kills=4, articles=12, stages=crash.BASIC, concurrent=1, texts=None)
    locations = crash.Locations(backend, dsn, tmp_path)
    try:
        result = crash.kill_runs(args, backend, locations, random.Random(7))
        crash.concurrent_runs(args, result, locations, random.Random(7))
    finally:
        locations.drop()
    assert result.problems == []
    assert result.kills == 4
    assert result.final_count == 12
    assert all(outcome in ("ok+ok", "ok+busy", "busy+ok") for outcome in result.concurrent)


def _locked(path: Path) -> sqlite3.Connection:
    """Another process's write transaction, held open."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def test_a_writer_that_waits_too_long_gets_a_one_line_busy_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("warta.store.sqlite.BUSY_SECONDS", 0.3)
    path = tmp_path / "busy.db"
    open_store(path).close()
    holder = _locked(path)
    try:
        store = open_store(path)
        with pytest.raises(StoreError, match="database is busy"):
            store.upsert([record("x", "KPK menahan bupati.", [ent("KPK", "ORGANIZATION")])])
        store.close()
        src = tmp_path / "in.jsonl"
        src.write_text('{"id": "a", "published": "2021-11-24", "text": "Banjir merendam Bekasi."}\n', "utf-8")
        assert main(["ingest", str(src), "--db", str(path), "--stages", "clean,language,segment"]) == 2
        err = capfd.readouterr().err.strip().splitlines()
        assert len(err) == 1
        assert err[0].startswith("warta: error: ")
        assert "database is busy" in err[0]
    finally:
        holder.rollback()
        holder.close()
    assert main(["ingest", str(src), "--db", str(path), "--stages", "clean,language,segment"]) == 0
    again = open_store(path)
    assert again.count("articles") == 1
    again.close()
