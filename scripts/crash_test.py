"""Crash safety of `warta ingest`: kill -9 at random points, then check that nothing is broken.

    PYTHONPATH=src python scripts/crash_test.py                      # SQLite + PostgreSQL, 25 kills each
    PYTHONPATH=src python scripts/crash_test.py --backend sqlite --kills 40 --articles 60
    WARTA_TEST_POSTGRES=postgresql://… python scripts/crash_test.py --backend postgresql

Inputs are the fixture texts (numbered, new ids), or with ``--data`` the dev-split articles of
``articles.jsonl`` (``--skip-ids`` names ids never to read, e.g. held-out annotation sets).
For each backend: a calibration ingest measures how long a whole run takes; then ``--kills``
times, ``warta ingest`` (random ``--batch-size``, one run in four with ``--update`` so stored
articles are being replaced) is started against one database and its process group is killed
with SIGKILL after a random delay. After every kill the database is checked:

* SQLite: ``PRAGMA integrity_check`` is ``ok``, ``PRAGMA foreign_key_check`` is empty, the FTS5
  index passes its ``integrity-check``; a migration the kill interrupted left none of its tables;
* every stored article is whole: one row, one record, and exactly the entity, mention, alias,
  time, quote and event rows its record implies; no entity without an article; every event
  belongs to a story event and the story events count every event; only input ids are stored.

When a run completes before its kill, the database is started afresh. At the end a run without
kill must exit 0 and leave exactly ``--articles`` articles. Then ``--concurrent`` rounds start
two ingests of different inputs into one database at once: each must succeed or fail with the
one-line "database is busy" error; re-running the failed one completes; nothing is lost.
Prints a table per backend; exit status 1 when any check failed. tests/test_store_crash.py runs
a bounded version of the same checks. A quarter of the kills fall in start-up and migrations
(before the calibration run stored its first article), the rest while articles are written.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
BASIC = "clean,language,segment"


@dataclass
class Result:
    backend: str
    kills: int = 0
    killed_mid_run: int = 0
    finished_first: int = 0
    stored_after_kill: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    final_count: int | None = None
    concurrent: list[str] = field(default_factory=list)
    #: calibration: seconds to the first stored article, seconds of a whole ingest
    timing: tuple[float, float] = (0.0, 0.0)


def _dev_articles(data: Path, skip: set[str]) -> list[dict[str, Any]]:
    """The dev-split articles of ``data/articles.jsonl`` (ids in ``dev_ids.txt``), minus ``skip``."""
    dev = set((data / "dev_ids.txt").read_text("utf-8").split()) - skip
    out = []
    with (data / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if obj.get("id") in dev:
                out.append({k: obj[k] for k in ("title", "outlet", "text") if k in obj})
    return out


def _fixture_articles() -> list[dict[str, Any]]:
    lines = (FIXTURES / "store_articles.jsonl").read_text("utf-8").splitlines()
    texts = [{k: v for k, v in json.loads(line).items() if k != "id"} for line in lines]
    seed = (FIXTURES / "seed.txt").read_text("utf-8")
    return [*texts, {"title": "Panglima bicara", "source": "CNN Indonesia", "text": seed}]


def write_inputs(
    path: Path, n: int, prefix: str = "a", articles: list[dict[str, Any]] | None = None
) -> list[str]:
    """``n`` articles as JSONL (``articles`` cycled, numbered first lines, new ids); their ids."""
    texts = articles or _fixture_articles()
    ids = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            base = texts[i % len(texts)]
            aid = f"{prefix}{i:03d}"
            ids.append(aid)
            text = f"Berita nomor {i}.\n{base['text']}"
            obj = {**base, "id": aid, "published": f"2021-11-{1 + i % 27:02d}", "text": text}
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return ids


def ingest(
    inputs: Path, db: str, stages: str, batch: int, *, update: bool = False
) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    args = [
        sys.executable,
        "-m",
        "warta.cli.main",
        "ingest",
        str(inputs),
        "--db",
        db,
        "--batch-size",
        str(batch),
    ]
    if stages != "default":
        args += ["--stages", stages]
    if update:
        args.append("--update")
    return subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


# -- checks ----------------------------------------------------------------------------------


def sqlite_checks(path: str) -> list[str]:
    """File-level checks SQLite itself offers, before the store opens (and migrates) it."""
    if not Path(path).exists():
        return []
    problems = []
    conn = sqlite3.connect(path)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            problems.append(f"integrity_check: {result[:3]}")
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign_key_check found rows")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "articles_fts" in tables:
            try:
                conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
            except sqlite3.Error as exc:
                problems.append(f"FTS5 integrity-check: {exc}")
    finally:
        conn.close()
    return problems


def migration_checks(store: Any) -> tuple[list[str], bool]:
    """(problems, fully migrated): an interrupted migration must have left none of its tables."""
    from warta.store.migrations import pending
    from warta.store.schema import SCHEMA

    tx = store._reader()
    todo = pending(tx)
    problems = [
        f"table {t.name} exists but migration {t.since} is not recorded"
        for t in SCHEMA
        if t.since in todo and tx.q(tx.dialect.table_exists, [t.name])
    ]
    return problems, not todo


def _counts(tx: Any, table: str) -> dict[str, int]:
    return {
        aid: int(n) for aid, n in tx.tuples(f"SELECT article_id, count(*) FROM {table} GROUP BY article_id")
    }


def store_checks(store: Any, expected: set[str]) -> list[str]:
    """Every stored article whole, nothing orphaned, story events complete."""
    from warta.store.rows import record_rows

    tx = store._reader()
    problems: list[str] = []
    articles = [r[0] for r in tx.tuples("SELECT id FROM articles")]
    if len(articles) != len(set(articles)):
        problems.append("duplicate article ids")
    if set(articles) - expected:
        problems.append(f"unexpected articles {sorted(set(articles) - expected)[:3]}")
    counts = {
        t: _counts(tx, t) for t in ("mentions", "aliases", "times", "quotes", "events", "article_entities")
    }
    records = dict(tx.tuples("SELECT article_id, record FROM records"))
    for aid in articles:
        if aid not in records:
            problems.append(f"{aid}: article without a record")
            continue
        rows = record_rows(json.loads(records[aid]))
        for table, got in counts.items():
            want = len(getattr(rows, table))
            if got.get(aid, 0) != want:
                problems.append(f"{aid}: {got.get(aid, 0)} {table} rows, its record has {want}")
    if set(records) - set(articles):
        problems.append("records without an article")
    orphans = tx.tuples(
        "SELECT count(*) FROM entities e WHERE NOT EXISTS "
        "(SELECT 1 FROM article_entities ae WHERE ae.entity_id = e.id)"
    )[0][0]
    if orphans:
        problems.append(f"{orphans} entities without an article")
    loose = tx.tuples(
        "SELECT count(*) FROM events v WHERE v.story_event IS NULL OR NOT EXISTS "
        "(SELECT 1 FROM story_events s WHERE s.id = v.story_event)"
    )[0][0]
    told = tx.tuples("SELECT coalesce(sum(events), 0) FROM story_events")[0][0]
    total = tx.tuples("SELECT count(*) FROM events")[0][0]
    if loose or int(told) != int(total):
        problems.append(f"story events: {loose} events without one; they count {told} of {total}")
    return problems


def check(location: str, expected: set[str]) -> tuple[list[str], int]:
    """(problems, stored articles) for the database at ``location`` as a kill left it."""
    from warta.store.postgres import PostgresStore
    from warta.store.sqlite import SQLiteStore

    is_pg = location.startswith("postgres")
    problems = [] if is_pg else sqlite_checks(location)
    if not is_pg and not Path(location).exists():
        return problems, 0
    store = PostgresStore(location, migrate=False) if is_pg else SQLiteStore(location, migrate=False)
    try:
        found, migrated = migration_checks(store)
        problems += found
        if not migrated:
            return problems, 0
        problems += store_checks(store, expected)
        return problems, store.count("articles")
    finally:
        store.close()


# -- locations -------------------------------------------------------------------------------


class Locations:
    """Fresh databases for one backend: SQLite files in a temp dir, or PostgreSQL schemas."""

    def __init__(self, backend: str, dsn: str, workdir: Path) -> None:
        self.backend, self.dsn, self.workdir = backend, dsn, workdir
        self.schemas: list[str] = []
        self.n = 0

    def new(self) -> str:
        self.n += 1
        if self.backend == "sqlite":
            return str(self.workdir / f"crash-{self.n}.db")
        import psycopg

        schema = "crash_" + uuid.uuid4().hex[:10]
        with psycopg.connect(self.dsn, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        self.schemas.append(schema)
        sep = "&" if "?" in self.dsn else "?"
        return f"{self.dsn}{sep}options={quote(f'-csearch_path={schema}')}"

    def drop(self) -> None:
        if not self.schemas:
            return
        import psycopg

        with psycopg.connect(self.dsn, autocommit=True) as conn:
            for schema in self.schemas:
                conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


# -- the runs --------------------------------------------------------------------------------


def _stored(location: str) -> int:
    """Articles stored so far (0 while the database is still being created)."""
    if location.startswith("postgres"):
        import psycopg

        try:
            with psycopg.connect(location, connect_timeout=5) as conn:
                row = conn.execute("SELECT count(*) FROM articles").fetchone()
                return int(row[0]) if row else 0
        except psycopg.errors.UndefinedTable:
            return 0
    if not Path(location).exists():
        return 0
    with sqlite3.connect(location, timeout=5) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        except sqlite3.OperationalError:  # no such table yet
            return 0


def calibrate(inputs: Path, locations: Locations, stages: str) -> tuple[float, float]:
    """(seconds until the first article is stored, seconds of a whole ingest) of ``inputs``."""
    location = locations.new()
    start = time.monotonic()
    proc = ingest(inputs, location, stages, 5)
    first = None
    while proc.poll() is None:
        time.sleep(0.05)
        if first is None and _stored(location) > 0:
            first = time.monotonic() - start
    whole = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(
            f"calibration ingest failed: {proc.stderr.read().decode()[-500:] if proc.stderr else ''}"
        )
    return (first or whole / 2), whole


def kill_runs(args: argparse.Namespace, backend: str, locations: Locations, rng: random.Random) -> Result:
    result = Result(backend)
    work = locations.workdir
    inputs = work / f"in-{backend}.jsonl"
    expected = set(write_inputs(inputs, args.articles, articles=args.texts))
    first, whole = calibrate(inputs, locations, args.stages)
    result.timing = (first, whole)
    db = locations.new()
    for _ in range(args.kills):
        # a quarter of the kills in start-up and migrations, the rest while articles are written
        delay = rng.uniform(0, first) if rng.random() < 1 / 4 else rng.uniform(first, whole)
        proc = ingest(inputs, db, args.stages, rng.randint(1, 7), update=rng.random() < 0.25)
        time.sleep(delay)
        finished = proc.poll() is not None
        kill_group(proc)
        result.kills += 1
        problems, stored = check(db, expected)
        result.problems += [f"kill {result.kills} ({delay:.2f}s): {p}" for p in problems]
        result.stored_after_kill.append(stored)
        if finished and proc.returncode == 0:
            result.finished_first += 1
        else:
            result.killed_mid_run += 1
        if stored == len(expected):
            db = locations.new()  # complete: start afresh so later kills land in partial stores
    proc = ingest(inputs, db, args.stages, 5)
    _, err = proc.communicate(timeout=1800)
    if proc.returncode != 0:
        result.problems.append(f"final run exit {proc.returncode}: {err.decode().strip()[-300:]}")
    problems, result.final_count = check(db, expected)
    result.problems += [f"final: {p}" for p in problems]
    if result.final_count != len(expected):
        result.problems.append(f"final count {result.final_count}, expected {len(expected)}")
    return result


def _busy(err: str) -> bool:
    """The one acceptable failure: a single line saying the database is busy."""
    lines = [line for line in err.strip().splitlines() if line.strip()]
    return bool(lines) and "database is busy" in lines[-1] and "Traceback" not in err


def concurrent_runs(
    args: argparse.Namespace, result: Result, locations: Locations, rng: random.Random
) -> None:
    work = locations.workdir
    for round_ in range(args.concurrent):
        db = locations.new()
        files = [work / f"c{round_}-{p}.jsonl" for p in "xy"]
        ids = [set(write_inputs(path, args.articles // 2, path.stem[-1], args.texts)) for path in files]
        procs = [ingest(path, db, args.stages, rng.randint(1, 5)) for path in files]
        outcomes = []
        for path, proc in zip(files, procs, strict=True):
            _, err = proc.communicate(timeout=1800)
            text = err.decode()
            if proc.returncode == 0:
                outcomes.append("ok")
            elif _busy(text):
                outcomes.append("busy")
                again = ingest(path, db, args.stages, 5)
                _, err2 = again.communicate(timeout=1800)
                if again.returncode != 0:
                    result.problems.append(f"concurrent {round_}: re-run failed: {err2.decode()[-200:]}")
            else:
                outcomes.append(f"exit {proc.returncode}")
                result.problems.append(f"concurrent {round_}: unclear failure: {text.strip()[-300:]}")
        problems, stored = check(db, ids[0] | ids[1])
        result.problems += [f"concurrent {round_}: {p}" for p in problems]
        if stored != len(ids[0] | ids[1]):
            result.problems.append(f"concurrent {round_}: {stored} stored, expected {len(ids[0] | ids[1])}")
        result.concurrent.append("+".join(outcomes))


def report(results: list[Result], args: argparse.Namespace) -> None:
    source = f"dev articles of {args.data}" if getattr(args, "data", None) else "fixture texts"
    load = os.getloadavg()[0]
    print(f"\nload average at end: {load:.2f}; stages: {args.stages}; {args.articles} articles ({source})")
    print(f"{'backend':<11} {'kills':>5} {'mid-run':>7} {'done first':>10} {'stored after kills':<28} "
          f"{'final':>5} {'concurrent':<24} problems")  # fmt: skip
    for r in results:
        stored = f"{min(r.stored_after_kill)}..{max(r.stored_after_kill)}" if r.stored_after_kill else "-"
        distinct = len(set(r.stored_after_kill))
        print(
            f"{r.backend}: first article stored after {r.timing[0]:.1f} s, whole ingest {r.timing[1]:.1f} s"
        )
        print(
            f"{r.backend:<11} {r.kills:>5} {r.killed_mid_run:>7} {r.finished_first:>10} "
            f"{stored + f' ({distinct} distinct)':<28} {r.final_count!s:>5} "
            f"{','.join(r.concurrent) or '-':<24} {len(r.problems)}"
        )
        for problem in r.problems[:20]:
            print(f"    {problem}")


def _skip(path: Path | None) -> set[str]:
    if path is None:
        return set()
    text = path.read_text("utf-8")
    if path.suffix == ".json":
        data = json.loads(text)
        return {i for ids in data.values() if isinstance(ids, list) for i in ids if isinstance(i, str)}
    return set(text.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--kills", type=int, default=25)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--stages", default="default", help=f"'default' (the full pipeline) or e.g. {BASIC}")
    parser.add_argument("--concurrent", type=int, default=5, help="rounds of two concurrent ingests")
    parser.add_argument("--dsn", default=os.environ.get("WARTA_TEST_POSTGRES", ""), help="PostgreSQL server")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--data",
        type=Path,
        help="a folder with articles.jsonl + dev_ids.txt: ingest dev articles (default: fixtures)",
    )
    parser.add_argument(
        "--skip-ids",
        type=Path,
        help="JSON file of id lists (or one id a line) never to read, e.g. held-out sets",
    )
    args = parser.parse_args(argv)
    args.texts = _dev_articles(args.data, _skip(args.skip_ids)) if args.data else None
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if "postgresql" in backends and not args.dsn:
        print("note: no --dsn / WARTA_TEST_POSTGRES: PostgreSQL skipped", file=sys.stderr)
        backends.remove("postgresql")
    rng = random.Random(args.seed)
    results = []
    with tempfile.TemporaryDirectory(prefix="warta-crash-") as tmp:
        for backend in backends:
            locations = Locations(backend, args.dsn, Path(tmp))
            try:
                result = kill_runs(args, backend, locations, rng)
                concurrent_runs(args, result, locations, rng)
            finally:
                locations.drop()
            results.append(result)
            print(f"{backend}: done", file=sys.stderr)
    report(results, args)
    return 1 if any(r.problems for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
