"""Options and helpers shared by commands that analyse input."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from warta.errors import ConfigError, InputError
from warta.ingest import Record, normalise_published


class HelpFormatter(argparse.HelpFormatter):
    """Descriptions wrap to the terminal; an epilog of examples keeps its lines as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith(("examples:", "example:")):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


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


def count_inputs(paths: list[str]) -> int | None:
    """How many records ``paths`` hold, when that is cheap to know: a text or HTML file is one, a
    plain JSONL file one per non-blank line; None for standard input and compressed JSONL."""
    from warta.ingest import expand_paths

    total = 0
    for path, kind, compression in expand_paths(paths):
        if path is None or (kind == "jsonl" and compression):
            return None
        if kind == "jsonl" and path.is_file():
            try:
                with path.open("rb") as stream:
                    total += sum(1 for line in stream if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


class Bar:
    """The progress display of one command: ``advance`` per record, ``failed`` per failure; on exit
    its line turns into the closing summary (records, failures, time) and stays on screen."""

    def __init__(self, progress: Any, task: Any, label: str) -> None:
        self.progress, self.task, self.label = progress, task, label
        self.done = 0
        self.failures = 0

    def advance(self, n: int = 1) -> None:
        self.done += n
        self.progress.update(self.task, completed=self.done)

    def set(self, done: int) -> None:
        self.done = done
        self.progress.update(self.task, completed=done)

    def failed(self) -> None:
        self.failures += 1

    def summary(self) -> str:
        task = self.progress.tasks[self.task]
        seconds = task.finished_time or task.elapsed or 0.0
        return f"{self.label}: {self.done} records, {self.failures} failed, {seconds:.1f} s"

    def finish(self) -> None:
        self.progress.update(self.task, total=self.done, completed=self.done)
        self.progress.update(self.task, description=self.summary())


def _rate_column() -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f}/s" if speed else "–/s", style="progress.data.speed")

    return RateColumn()


@contextmanager
def progress(enabled: bool, label: str, total: int | None = None) -> Iterator[Bar | None]:
    """A progress bar on stderr when it is a terminal (otherwise None): done/total (total when
    known), rate and ETA; lines printed to stderr meanwhile (errors) appear above it, and at the
    end it stays as the closing summary line."""
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        SpinnerColumn(finished_text="✓"),
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        _rate_column(),
        "ETA",
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=False,
    ) as shown:
        bar = Bar(shown, shown.add_task(label, total=total), label)
        try:
            yield bar
        finally:
            bar.finish()


def report_error(message: str, stream: TextIO | None = None) -> None:
    """One line on ``stream`` (standard error as it is when called)."""
    print(f"warta: error: {message}", file=stream or sys.stderr, flush=True)


def report_warning(message: str, stream: TextIO | None = None) -> None:
    """One line on ``stream`` (standard error as it is when called)."""
    print(f"warta: warning: {message}", file=stream or sys.stderr, flush=True)
