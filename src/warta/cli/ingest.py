"""``warta ingest PATH... [--db warta.db]``: analyse articles and store them for search and export.

Records are committed in transactions of ``batch_size``; running the same command again skips
inputs already stored under the same pipeline (so an interrupted ingest resumes), and an article
whose input changed is re-analysed and replaced (same id → updated, never duplicated).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warta.batch import run_batch
from warta.cli.common import (
    add_analysis_options,
    check_published,
    positive_int,
    progress,
    report_error,
    with_published,
)
from warta.errors import InputError
from warta.ingest import Record, iter_records
from warta.pipeline import _resolve
from warta.schema import validation_errors
from warta.settings import Settings
from warta.store import Store, input_key, open_store, shown
from warta.store.stories import StoreStories


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "ingest",
        help="analyse articles and store them in a database",
        description="Analyse articles and store their warta/1 records in a SQLite database. "
        "Inputs already stored are skipped, so re-running resumes an interrupted ingest. "
        "Exit 0 when all succeed, 1 when any record failed, 2 for usage errors.",
    )
    add_analysis_options(p)
    p.add_argument("--db", metavar="DB", help="SQLite file or postgresql:// URL (default: warta.db)")
    p.add_argument(
        "--batch-size", type=positive_int, metavar="N", help="records per transaction (default 50)"
    )
    p.add_argument("--update", action="store_true", help="re-analyse inputs that are already stored")
    p.add_argument(
        "--records",
        action="store_true",
        help="inputs are warta/1 JSONL records (e.g. from `warta analyze`): validate and store, no analysis",
    )
    p.add_argument(
        "--no-stories",
        action="store_true",
        help="do not assign story ids (document.story); by default new articles join the stored stories",
    )
    p.set_defaults(run=run)


class _Ingest:
    def __init__(self, store: Store, batch_size: int, *, stories: bool = True) -> None:
        self.store = store
        self.batch_size = max(1, batch_size)
        self.pending: list[tuple[dict[str, Any], str | None]] = []
        self.stored = self.skipped = self.failed = 0
        self.stories = StoreStories(store) if stories else None

    def add(self, record: dict[str, Any], key: str | None) -> None:
        if self.stories is not None:
            self.stories.assign(record)
        self.pending.append((record, key))
        if len(self.pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.stored += self.store.upsert(
                [r for r, _ in self.pending], input_keys=[k for _, k in self.pending]
            )
            self.pending.clear()

    def fail(self, message: str) -> None:
        self.failed += 1
        report_error(message, sys.stderr)


def _stored_records(paths: list[str], job: _Ingest) -> None:
    """``--records``: store warta/1 records as they are (validated)."""
    for path in paths:
        try:
            stream = sys.stdin if path == "-" else Path(path).open(encoding="utf-8", errors="replace")  # noqa: SIM115
        except OSError as exc:
            job.fail(str(InputError(f"cannot read: {exc.strerror or exc}", source=path)))
            continue
        origin = "<stdin>" if path == "-" else path
        with stream:
            for number, record in _json_items(stream, origin, job):
                problems = validation_errors(record) if isinstance(record, dict) else ["not a JSON object"]
                if problems:
                    job.fail(
                        str(
                            InputError(
                                f"not a valid warta/1 record: {problems[0]}", source=origin, line=number
                            )
                        )
                    )
                    continue
                job.add(record, None)


def _json_items(stream: Any, origin: str, job: _Ingest) -> Iterator[tuple[int, Any]]:
    """(line, object) for JSONL; a ``.json`` file holds one record or an array of them."""
    if origin.endswith(".json"):
        try:
            data = json.load(stream)
        except json.JSONDecodeError as exc:
            job.fail(str(InputError(f"invalid JSON ({exc.msg})", source=origin, line=exc.lineno)))
            return
        yield from ((1, item) for item in (data if isinstance(data, list) else [data]))
        return
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            job.fail(str(InputError(f"invalid JSON ({exc.msg})", source=origin, line=number)))


def _analysed(args: argparse.Namespace, settings: Settings, job: _Ingest) -> None:
    names = [cls.name for cls in _resolve(settings.stages)]
    keys: deque[str | None] = deque()

    def todo() -> Iterator[Record]:
        published = check_published(args.published)
        for rec in with_published(iter_records(args.paths), published):
            key = None
            if rec.error is None:
                key = input_key(rec.raw, rec.format, rec.published, rec.id, names)
                if not args.update and job.store.has_input(key):
                    job.skipped += 1
                    continue
            keys.append(key)
            yield rec

    with progress(True, "ingesting") as bar:
        for item in run_batch(todo(), settings=settings, workers=settings.workers):
            key = keys.popleft()
            if bar is not None:
                bar[0].advance(bar[1])
            if not item.ok or item.record is None:
                job.fail(str(item.error))
                continue
            job.add(item.record, key)


def run(args: argparse.Namespace) -> int:
    from warta.cli.main import settings_from_args

    settings = settings_from_args(args)
    store = open_store(settings.db)
    job = _Ingest(store, settings.batch_size, stories=settings.stories)
    try:
        if args.records:
            _stored_records(args.paths, job)
        else:
            _analysed(args, settings, job)
    except KeyboardInterrupt:
        job.flush()  # what is analysed is kept; re-running resumes after it
        print(f"warta: interrupted; {job.stored} stored in {shown(settings.db)}", file=sys.stderr)
        raise
    finally:
        try:
            job.flush()
        finally:
            store.close()
    backfilled = len(job.stories.backfilled) if job.stories is not None else 0
    print(
        f"warta: {job.stored} stored, {job.skipped} already stored (skipped), {job.failed} failed "
        f"→ {shown(settings.db)} ({store_count(settings.db)} articles"
        + (f"; stories given to {backfilled} stored articles without one" if backfilled else "")
        + ")",
        file=sys.stderr,
    )
    return 1 if job.failed else 0


def store_count(db: str) -> int:
    store = open_store(db)
    try:
        return store.count("articles")
    finally:
        store.close()
