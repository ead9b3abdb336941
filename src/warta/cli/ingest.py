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
    HelpFormatter,
    add_analysis_options,
    check_published,
    count_inputs,
    positive_int,
    progress,
    report_error,
    with_published,
)

EXAMPLES = """examples:
  warta ingest ../shared/data/articles/articles.jsonl --db warta.db
  warta ingest pages/ --published 2025-11-17 --workers 2
  warta analyze corpus.jsonl -o records.jsonl && warta ingest --records records.jsonl
  warta ingest corpus.jsonl --db postgresql://user@host/warta
After storing, every saved search (`warta alerts`) prints the articles that newly match it.
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "ingest",
        help="analyse articles and store them in a database",
        description="Analyse articles and store their warta/1 records in a SQLite database. "
        "Inputs already stored are skipped, so re-running resumes an interrupted ingest. "
        "Exit 0 when all succeed, 1 when any record failed, 2 for usage errors.",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
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
    p.add_argument(
        "--no-alerts",
        action="store_true",
        help="do not report saved searches' new matches at the end (`warta alerts run` does later)",
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
            total = count_inputs(args.paths) if sys.stderr.isatty() else None
            with progress(True, "ingest", total) as bar:
                records = with_published(iter_records(args.paths), published)

                processed = 0

                def on_item() -> None:
                    nonlocal processed
                    processed += 1
                    if bar is not None:  # skipped inputs count as done too
                        bar.failures = counts.failed
                        bar.set(counts.skipped + processed)

                ingest(records, writer, settings, update=args.update, on_error=report_error, on_item=on_item)
                if bar is not None:
                    bar.failures = counts.failed
                    bar.set(counts.skipped + processed)
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
    if not args.no_alerts and counts.stored:
        _alerts(settings.db)
    return 1 if counts.failed else 0


def _alerts(db: str) -> None:
    """Each saved search's new matches, on stderr (they are then marked reported)."""
    from warta.cli.alerts import report_new
    from warta.errors import WartaError
    from warta.store import open_store

    store = open_store(db)
    try:
        report_new(store, sys.stderr)
    except WartaError as exc:  # a saved search that no longer runs must not fail the ingest
        report_error(f"alerts: {exc}")
    finally:
        store.close()


def store_count(db: str) -> int:
    from warta.store import open_store

    store = open_store(db)
    try:
        return store.count("articles")
    finally:
        store.close()
