"""The single-article pipeline mapped over Dask bag partitions (``pip install 'warta[dask]'``).

:func:`analyze_bag` turns a bag of :class:`~warta.ingest.Record` into a bag of
:class:`~warta.batch.local.BatchItem` - use it on your own cluster. :func:`run_dask` is what
``warta analyze --backend dask`` uses: it streams the input through windows of bags (so the
corpus is never held in memory), keeps the input order and reuses one process pool, in which
each worker builds its :class:`~warta.pipeline.Pipeline` once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Any

from warta.batch.local import BatchItem, analyze_one, mp_context
from warta.errors import MissingDependencyError
from warta.ingest import Record
from warta.pipeline import Pipeline
from warta.settings import Settings

__all__ = ["analyze_bag", "run_dask"]

#: pipelines built in this process, by (settings, stages): built once, reused by every partition
_PIPELINES: dict[tuple[Settings, tuple[str, ...] | None], Pipeline] = {}


def _dask_bag() -> Any:
    try:
        import dask.bag
    except ImportError:
        raise MissingDependencyError("dask", "dask") from None
    return dask.bag


def _pipeline(settings: Settings, stages: tuple[str, ...] | None) -> Pipeline:
    key = (settings, stages)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(settings, stages=stages)
    return _PIPELINES[key]


def _analyze_partition(
    records: Iterable[Record], settings: Settings, stages: tuple[str, ...] | None
) -> list[BatchItem]:
    pipeline = _pipeline(settings, stages)
    return [analyze_one(pipeline, record) for record in records]


def analyze_bag(bag: Any, *, settings: Settings, stages: Iterable[str] | None = None) -> Any:
    """A lazy Dask bag of :class:`BatchItem` from a bag of :class:`Record` (one per input article)."""
    _dask_bag()
    return bag.map_partitions(_analyze_partition, settings, tuple(stages) if stages is not None else None)


def run_dask(
    records: Iterable[Record],
    *,
    settings: Settings,
    stages: Iterable[str] | None = None,
    workers: int | None = None,
) -> Iterator[BatchItem]:
    """Analyse ``records`` with Dask in input order; at most ``workers * chunk_size * 4`` in memory."""
    bag_module = _dask_bag()
    workers = max(1, settings.workers if workers is None else workers)
    partition = max(1, settings.chunk_size)
    window = workers * partition * 4
    names = tuple(stages) if stages is not None else None
    it = iter(records)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp_context()) if workers > 1 else None
    try:
        while True:
            chunk = list(islice(it, window))
            if not chunk:
                return
            npartitions = max(1, min(workers * 4, -(-len(chunk) // partition)))
            bag = bag_module.from_sequence(chunk, npartitions=npartitions)
            result = analyze_bag(bag, settings=settings, stages=names)
            if pool is None:
                items = result.compute(scheduler="synchronous")
            else:
                items = result.compute(scheduler="processes", pool=pool)
            yield from items
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
