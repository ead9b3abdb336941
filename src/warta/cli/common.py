"""Options and helpers shared by commands that analyse input."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from warta.errors import ConfigError, InputError
from warta.ingest import Record, normalise_published


def add_analysis_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="file (.txt .html .jsonl), directory, or - for stdin"
    )
    p.add_argument(
        "--published",
        metavar="DATE",
        help="publication date for inputs without one (ISO 8601, '24/11/2021', '24 November 2021', …)",
    )
    p.add_argument(
        "--workers", type=positive_int, metavar="N", help="worker processes, 1 or more (default: 1)"
    )
    p.add_argument(
        "--stages",
        metavar="LIST",
        help="comma-separated stages to run (required ones are added), e.g. clean,segment,entities",
    )
    p.add_argument("--force", action="store_true", help="analyse articles not detected as Indonesian")
    p.add_argument(
        "--backend",
        choices=("local", "dask"),
        help="batch backend: local worker processes (default) or a Dask cluster (warta[dask])",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --backend dask: the scheduler of an existing cluster (tcp://host:8786); "
        "default: a LocalCluster of --workers processes",
    )
    p.add_argument("--config", metavar="FILE", help="settings file (TOML)")


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 (``--workers 0`` is a usage error)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid int value: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def check_published(value: str | None) -> str | None:
    try:
        return normalise_published(value, source="--published")
    except InputError as exc:
        raise ConfigError(str(exc)) from None


def with_published(records: Iterator[Record], published: str | None) -> Iterator[Record]:
    """Fill ``published`` from the command line where the input has none (an input whose own
    date could not be read keeps null); report each record's reading warnings on stderr."""
    for rec in records:
        for warning in rec.warnings:
            report_warning(f"{rec.where()}: {warning}")
        if published and rec.error is None and not rec.published and "published" not in rec.meta:
            rec.published = published
        yield rec


@contextmanager
def progress(enabled: bool, description: str) -> Iterator[Any]:
    """A rich progress display on stderr when it is a terminal; otherwise a no-op."""
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        yield (bar, bar.add_task(description, total=None))


def report_error(message: str, stream: TextIO | None = None) -> None:
    """One line on ``stream`` (standard error as it is when called)."""
    print(f"warta: error: {message}", file=stream or sys.stderr, flush=True)


def report_warning(message: str, stream: TextIO | None = None) -> None:
    """One line on ``stream`` (standard error as it is when called)."""
    print(f"warta: warning: {message}", file=stream or sys.stderr, flush=True)
