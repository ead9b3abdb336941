"""Ordered, memory-bounded parallel analysis with worker processes."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from warta.errors import InputError, WartaError
from warta.ingest import Record
from warta.pipeline import Pipeline
from warta.settings import Settings

if TYPE_CHECKING:  # multiprocessing is imported only for several workers (15 ms of start-up)
    from concurrent.futures import Future

__all__ = ["BatchItem", "analyze_one", "run_batch"]


@dataclass(slots=True)
class BatchItem:
    """One record's outcome, ready to write: the warta/1 dict or a one-line error."""

    origin: str | None
    line: int | None
    record_id: str | None
    record: dict[str, Any] | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


_worker_pipeline: Pipeline | None = None


def _init_worker(settings: Settings, stages: list[str] | None) -> None:
    global _worker_pipeline  # noqa: PLW0603 - one pipeline per worker process
    _worker_pipeline = Pipeline(settings, stages=stages)


def analyze_one(pipeline: Pipeline, record: Record) -> BatchItem:
    """Analyse one record into a :class:`BatchItem`; unexpected failures are contained too."""
    try:
        result = pipeline.analyze_record(record)
    except Exception as exc:  # a bug must not kill the batch: report it on the record
        err: WartaError = InputError(
            f"internal error ({type(exc).__name__}: {exc})", source=record.origin, line=record.line
        )
        err.record_id = record.id  # type: ignore[attr-defined]
        return BatchItem(record.origin, record.line, record.id, error=str(err))
    if result.error is not None:
        return BatchItem(record.origin, record.line, record.id, error=str(result.error))
    assert result.document is not None
    return BatchItem(record.origin, record.line, result.document.id, record=result.document.to_dict())


def mp_context() -> Any:
    """forkserver where available (safe with threads), else spawn.

    The forkserver preloads :mod:`warta.batch.warm`, which loads the models once: every worker
    is forked from it with them in memory (shared copy-on-write) instead of loading its own.
    """
    import multiprocessing as mp

    if "forkserver" not in mp.get_all_start_methods():
        return mp.get_context("spawn")
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["warta.batch.warm"])
    return ctx


def _work(record: Record) -> BatchItem:
    assert _worker_pipeline is not None
    return analyze_one(_worker_pipeline, record)


def run_batch(
    records: Iterable[Record],
    *,
    settings: Settings,
    stages: list[str] | None = None,
    workers: int = 1,
    pipeline: Pipeline | None = None,
) -> Iterator[BatchItem]:
    """Analyse ``records`` in input order; at most ``workers * chunk_size * 2`` are in flight."""
    if workers <= 1:
        pipe = pipeline or Pipeline(settings, stages=stages)
        for record in records:
            yield analyze_one(pipe, record)
        return
    from concurrent.futures import ProcessPoolExecutor

    window = max(2, workers * max(1, settings.chunk_size) * 2)
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=mp_context(), initializer=_init_worker, initargs=(settings, stages)
    ) as pool:
        pending: deque[Future[BatchItem]] = deque()
        for record in records:
            if record.error is not None and not pending:
                yield BatchItem(record.origin, record.line, record.id, error=str(record.error))
                continue
            pending.append(pool.submit(_work, record))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
