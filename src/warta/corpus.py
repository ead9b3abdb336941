"""Cross-document work, once for the CLI and the API: a corpus analysed in input order with the
configured backend, stories across it, and records written to a store in batches by one writer.

* :func:`analyze_corpus` — ``warta analyze``: records of a stream of inputs, in order, with
  ``document.story`` set across the run (``settings.stories``);
* :class:`StoreWriter` — the one writer of a store: stories against the stored ones, then
  upserts in transactions of ``settings.batch_size`` (``warta ingest``, ``POST /articles``);
* :func:`ingest` — ``warta ingest``: skips inputs already stored under the same pipeline,
  analyses the rest with the configured backend (local processes or Dask) and writes them;
* :func:`store_records` — ``warta ingest --records``: validated warta/1 records, no analysis.

Analysis may run anywhere (worker processes, a Dask cluster); stories and store writes happen
here, in the calling process, in input order — so the store has one writer (SQLite) and story
ids do not depend on how the work was split.
"""

from __future__ import annotations

import json
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from warta.batch import BatchItem, process
from warta.errors import InputError
from warta.ingest import Record
from warta.pipeline import _resolve
from warta.settings import Settings

if TYPE_CHECKING:  # the store and stories are imported only when used
    from warta.store import Store
    from warta.stories import StoryIndex

__all__ = ["IngestCounts", "StoreWriter", "analyze_corpus", "ingest", "store_records"]


def analyze_corpus(
    records: Iterable[Record],
    settings: Settings,
    *,
    stages: list[str] | None = None,
    paths: list[str] | None = None,
    published: str | None = None,
    stories: StoryIndex | None = None,
) -> Iterator[BatchItem]:
    """Every record's outcome in input order, analysed with ``settings.backend``; successful
    records get ``document.story`` from one index over the run when ``settings.stories``.

    ``paths``: the inputs ``records`` were read from (``published``: the date given for inputs
    without one); the Dask backend reads JSONL files itself, in partitions on the workers, when
    every input is one (``.jsonl``, ``.jsonl.gz``).
    """
    index = stories
    if index is None and settings.stories:
        from warta.stories import StoryIndex

        index = StoryIndex()
    for item in process(records, settings=settings, stages=stages, paths=paths, published=published):
        if index is not None and item.record is not None:
            index.assign_record(item.record)
        yield item


@dataclass(slots=True)
class IngestCounts:
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    #: stored articles that had no story and were given one (id -> story)
    backfilled: dict[str, str] = field(default_factory=dict)


class StoreWriter:
    """The one writer of ``store``: assigns stories against the stored ones (``stories``), then
    upserts records in transactions of ``batch_size``. Use as a context manager (flushes on exit);
    not thread-safe — the API holds a lock around it."""

    def __init__(self, store: Store, *, batch_size: int = 50, stories: bool = True) -> None:
        from warta.store.stories import StoreStories

        self.store = store
        self.batch_size = max(1, batch_size)
        self.counts = IngestCounts()
        self.stories = StoreStories(store) if stories else None
        self._pending: list[tuple[dict[str, Any], str | None]] = []

    def add(self, record: dict[str, Any], key: str | None = None) -> None:
        """Queue ``record`` (stored under input ``key`` when given); flushes a full batch."""
        if self.stories is not None:
            self.stories.assign(record)
        self._pending.append((record, key))
        if len(self._pending) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            records = [r for r, _ in self._pending]
            keys = [k for _, k in self._pending]
            self._pending.clear()
            self.counts.stored += self.store.upsert(records, input_keys=keys)
        if self.stories is not None:
            self.counts.backfilled = self.stories.backfilled

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()


def ingest(
    records: Iterable[Record],
    writer: StoreWriter,
    settings: Settings,
    *,
    update: bool = False,
    on_error: Callable[[str], None] | None = None,
    on_item: Callable[[], None] | None = None,
) -> IngestCounts:
    """Analyse the inputs not yet stored under this pipeline (all with ``update``) with
    ``settings.backend`` and write them with ``writer``, in input order."""
    from warta.store import input_key

    names = [cls.name for cls in _resolve(settings.stages)]
    counts = writer.counts
    keys: deque[str | None] = deque()

    def todo() -> Iterator[Record]:
        for rec in records:
            key = None
            if rec.error is None:
                key = input_key(rec.raw, rec.format, rec.published, rec.id, names)
                if not update and writer.store.has_input(key):
                    counts.skipped += 1
                    continue
            keys.append(key)
            yield rec

    for item in process(todo(), settings=settings):
        key = keys.popleft()
        if on_item is not None:
            on_item()
        if item.record is None:
            counts.failed += 1
            if on_error is not None:
                on_error(str(item.error))
            continue
        writer.add(item.record, key)
    writer.flush()
    return counts


def store_records(
    paths: Iterable[str], writer: StoreWriter, *, on_error: Callable[[str], None] | None = None
) -> IngestCounts:
    """Write warta/1 records from JSONL (or ``.json``) files as they are, each validated first."""
    from warta.schema import validation_errors

    def fail(message: str) -> None:
        writer.counts.failed += 1
        if on_error is not None:
            on_error(message)

    for path in paths:
        origin = "<stdin>" if path == "-" else path
        try:
            stream: TextIO = sys.stdin if path == "-" else Path(path).open(encoding="utf-8", errors="replace")  # noqa: SIM115
        except OSError as exc:
            fail(str(InputError(f"cannot read: {exc.strerror or exc}", source=path)))
            continue
        with stream:
            for number, record in _json_items(stream, origin, fail):
                problems = validation_errors(record) if isinstance(record, dict) else ["not a JSON object"]
                if problems:
                    problem = f"not a valid warta/1 record: {problems[0]}"
                    fail(str(InputError(problem, source=origin, line=number)))
                    continue
                writer.add(record, None)
    writer.flush()
    return writer.counts


def _json_items(stream: TextIO, origin: str, fail: Callable[[str], None]) -> Iterator[tuple[int, Any]]:
    """(line, object) for JSONL; a ``.json`` file holds one record or an array of them."""
    if origin.endswith(".json"):
        try:
            data = json.load(stream)
        except json.JSONDecodeError as exc:
            fail(str(InputError(f"invalid JSON ({exc.msg})", source=origin, line=exc.lineno)))
            return
        yield from ((1, item) for item in (data if isinstance(data, list) else [data]))
        return
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            fail(str(InputError(f"invalid JSON ({exc.msg})", source=origin, line=number)))
