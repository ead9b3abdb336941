"""``warta ingest PATH... [--db warta.db]``: analyse articles and store them for search and export.

Records are committed in transactions of ``batch_size``; running the same command again skips
inputs already stored under the same pipeline (so an interrupted ingest resumes), and an article
whose input changed is re-analysed and replaced (same id → updated, never duplicated).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from warta.cli.common import (
    add_analysis_options,
    check_published,
    positive_int,
    progress,
    report_error,
    with_published,
)


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


def run(args: argparse.Namespace) -> int:
    from warta.cli.main import settings_from_args
    from warta.corpus import StoreWriter, ingest, store_records
    from warta.ingest import iter_records
    from warta.store import open_store, shown

    settings = settings_from_args(args)
    published = None if args.records else check_published(args.published)
    store = open_store(settings.db)
    writer = StoreWriter(store, batch_size=settings.batch_size, stories=settings.stories)
    counts = writer.counts
    try:
        if args.records:
            store_records(args.paths, writer, on_error=report_error)
        else:
            with progress(True, "ingesting") as bar:
                records = with_published(iter_records(args.paths), published)
                ingest(
                    records,
                    writer,
                    settings,
                    update=args.update,
                    on_error=report_error,
                    on_item=None if bar is None else lambda: bar[0].advance(bar[1]),
                )
    except KeyboardInterrupt:
        writer.flush()  # what is analysed is kept; re-running resumes after it
        print(f"warta: interrupted; {counts.stored} stored in {shown(settings.db)}", file=sys.stderr)
        raise
    finally:
        try:
            writer.flush()
        finally:
            store.close()
    backfilled = len(counts.backfilled)
    print(
        f"warta: {counts.stored} stored, {counts.skipped} already stored (skipped), {counts.failed} failed "
        f"→ {shown(settings.db)} ({store_count(settings.db)} articles"
        + (f"; stories given to {backfilled} stored articles without one" if backfilled else "")
        + ")",
        file=sys.stderr,
    )
    return 1 if counts.failed else 0


def store_count(db: str) -> int:
    from warta.store import open_store

    store = open_store(db)
    try:
        return store.count("articles")
    finally:
        store.close()
