"""``warta export --db warta.db --format jsonl|csv|parquet [--table events]``: hand the data on."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from warta.cli.common import HelpFormatter
from warta.errors import ConfigError
from warta.export import FORMATS, export
from warta.store import TABLES, is_url, open_store

EXAMPLES = """examples:
  warta export --db warta.db > records.jsonl                  # full warta/1 records
  warta export --db warta.db --format csv > events.csv        # the events table
  warta export --db warta.db --format csv --table entities -o entities.csv
  warta export --db warta.db --format parquet --table mentions -o mentions.parquet
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "export",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
        help="write a database table as JSONL, CSV or Parquet",
        description="Write one table of a warta database. jsonl defaults to the full warta/1 records; "
        "csv and parquet default to the events table (who did what to whom, when, where).",
    )
    p.add_argument("--db", metavar="DB", help="SQLite file or postgresql:// URL (default: warta.db)")
    p.add_argument("--format", default="jsonl", choices=FORMATS, help="output format (default jsonl)")
    p.add_argument("--table", choices=TABLES, help="table to write (default: records for jsonl, else events)")
    p.add_argument("-o", "--output", metavar="OUT", help="output file (default stdout; required for parquet)")
    p.add_argument("--config", metavar="FILE", help="settings file (TOML)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from warta.cli.main import settings_from_args

    settings = settings_from_args(args)
    if not is_url(settings.db) and not Path(settings.db).exists():
        raise ConfigError(f"no such database: {settings.db} (create it with `warta ingest`)")
    table = args.table or ("records" if args.format == "jsonl" else "events")
    if args.format == "parquet" and not args.output:
        raise ConfigError("parquet is binary: give an output file with -o FILE.parquet")
    store = open_store(settings.db, readonly=True)
    try:
        n = export(store, table, args.format, args.output or sys.stdout)
    finally:
        store.close()
    print(f"warta: {n} rows of {table} written", file=sys.stderr)
    return 0
