"""Batch processing: the single-article pipeline mapped over a stream of records.

:func:`run_batch` runs in-process (``workers=1``) or over a pool of worker processes with the
output order kept and memory bounded; :mod:`warta.batch.dask` maps the same function over Dask
partitions on a Dask cluster — an existing one (``settings.scheduler``) or a LocalCluster
(``pip install 'warta[dask]'``). :func:`process` picks one by the ``backend`` setting; stories
and store writes over the results live in :mod:`warta.corpus`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from warta.batch.local import BatchItem, run_batch
from warta.errors import ConfigError
from warta.ingest import Record
from warta.settings import Settings

__all__ = ["BACKENDS", "BatchItem", "process", "run_batch"]

BACKENDS = ("local", "dask")


def process(
    records: Iterable[Record],
    *,
    settings: Settings,
    stages: list[str] | None = None,
    paths: list[str] | None = None,
    published: str | None = None,
) -> Iterator[BatchItem]:
    """Analyse ``records`` in input order with the backend the settings name.

    ``paths`` (and ``published``, the date for inputs without one) say where ``records`` came
    from: the Dask backend reads JSONL files in partitions on its workers instead.
    """
    if settings.backend == "local":
        return run_batch(records, settings=settings, stages=stages, workers=settings.workers)
    if settings.backend == "dask":
        from warta.batch.dask import run_dask

        return run_dask(records, settings=settings, stages=stages, paths=paths, published=published)
    raise ConfigError(f"unknown backend {settings.backend!r} (known: {', '.join(BACKENDS)})")
