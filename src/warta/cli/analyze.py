"""``warta analyze PATH...``: print warta/1 records (JSON, JSONL) or a readable table."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from warta.cli.common import (
    HelpFormatter,
    add_analysis_options,
    check_published,
    count_inputs,
    progress,
    report_error,
    with_published,
)
from warta.errors import ConfigError
from warta.model.serialize import json_line

FORMATS = ("jsonl", "json", "table", "events-csv")
EXAMPLES = """examples:
  warta analyze ../shared/samples/000_c92660f1e988c349.txt --published 2021-11-24 --format json
  warta analyze article.txt --format table          # fits the terminal (COLUMNS)
  warta analyze corpus.jsonl --workers 2 -o records.jsonl
  warta analyze pages/ --format events-csv > events.csv
  cat article.txt | warta analyze - --published 2025-11-17
"""


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "analyze",
        help="analyse articles and print warta/1 records",
        description="Analyse articles; one record per article, in input order. "
        "Exit 0 when all succeed, 1 when any record failed, 2 for usage errors. On a terminal, a "
        "progress bar (done/total, rate, ETA) ends as a summary line on stderr.",
        epilog=EXAMPLES,
        formatter_class=HelpFormatter,
    )
    add_analysis_options(p)
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    p.add_argument(
        "--no-stories",
        action="store_true",
        help="do not group the run's articles into stories (document.story stays null)",
    )
    p.add_argument(
        "--format",
        default="jsonl",
        choices=FORMATS,
        help="jsonl: one compact record per line (default); json: pretty (an array when several); "
        "table: a readable summary; events-csv: one GDELT-like row per event (docs/events.md)",
    )
    p.set_defaults(run=run)


class _JsonWriter:
    """Pretty JSON: a single object for one record, an array for several."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.held: dict[str, Any] | None = None
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        self.count += 1
        if self.count == 1:
            self.held = record
            return
        if self.count == 2:
            self.out.write("[\n" + json.dumps(self.held, ensure_ascii=False, indent=2))
            self.held = None
        self.out.write(",\n" + json.dumps(record, ensure_ascii=False, indent=2))

    def close(self) -> None:
        if self.count == 1:
            self.out.write(json.dumps(self.held, ensure_ascii=False, indent=2) + "\n")
        elif self.count > 1:
            self.out.write("\n]\n")


def run(args: argparse.Namespace) -> int:
    from warta.cli.main import settings_from_args
    from warta.corpus import analyze_corpus
    from warta.ingest import iter_records

    settings = settings_from_args(args)
    published = check_published(args.published)
    out: TextIO = sys.stdout
    if args.output:
        try:
            out = Path(args.output).open("w", encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise ConfigError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    failed = 0
    writer = _JsonWriter(out) if args.format == "json" else None
    csv_header = True
    records = with_published(iter_records(args.paths), published)
    try:
        total = count_inputs(args.paths) if sys.stderr.isatty() else None
        with progress(True, "analyze", total) as bar:
            for item in analyze_corpus(records, settings, paths=args.paths, published=published):
                if bar is not None:
                    bar.advance()
                if not item.ok:
                    failed += 1
                    if bar is not None:
                        bar.failed()
                    report_error(str(item.error))
                    continue
                assert item.record is not None
                if writer is not None:
                    writer.write(item.record)
                elif args.format == "events-csv":
                    from warta.export.events_csv import write_events_csv

                    write_events_csv([item.record], out, header=csv_header)
                    csv_header = False
                    out.flush()
                elif args.format == "table":
                    from warta.cli.table import print_table

                    print_table(item.record, out)
                else:
                    out.write(json_line(item.record) + "\n")
                    out.flush()
        if writer is not None:
            writer.close()
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failed else 0
