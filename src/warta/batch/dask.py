"""The single-article pipeline on a Dask cluster (``pip install 'warta[dask]'``).

:func:`run_dask` is what ``--backend dask`` runs: it connects to the scheduler at
``settings.scheduler`` (an existing cluster, e.g. ``tcp://10.0.0.5:8786``) or starts a
``LocalCluster`` of ``settings.workers`` worker processes, and analyses the input in partitions
of ``settings.chunk_size`` records, at most ``4 × workers`` partitions in flight, yielding the
results in input order. Each worker builds its :class:`~warta.pipeline.Pipeline` once, when it
starts (a worker plugin), and reuses it for every partition.

Partitions come from one of two places:

* **files** — when every input is a JSONL file (``.jsonl`` or ``.jsonl.gz``), :func:`read_corpus`
  makes a ``dask.bag`` whose partitions the *workers* read: line-aligned byte ranges of
  uncompressed files, one partition per compressed file (gzip cannot be split: shard large
  corpora into several files). The workers must see the same paths (a shared filesystem);
* **a stream** — otherwise (directories, text/HTML files, stdin, ``warta ingest``, which first
  skips what is stored), the client reads the records and sends each partition with its task.

Either way only results travel back, and the caller writes them (one writer for a store).
:func:`analyze_bag` maps the pipeline over any bag of :class:`~warta.ingest.Record` for use in
your own Dask code.
"""

from __future__ import annotations

import gzip
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from warta.batch.local import BatchItem, analyze_one
from warta.errors import MissingDependencyError
from warta.ingest import Record, _jsonl_records
from warta.pipeline import Pipeline
from warta.settings import Settings

__all__ = ["analyze_bag", "jsonl_inputs", "read_corpus", "run_dask"]

#: pipelines built in this (worker) process, by (settings, stages): built once, reused
_PIPELINES: dict[tuple[Settings, tuple[str, ...] | None], Pipeline] = {}
#: bytes per partition of an uncompressed JSONL file (~250 articles of news)
BLOCK_BYTES = 4 << 20


def _dask() -> tuple[Any, Any]:
    try:
        import dask
        import dask.bag
    except ImportError:
        raise MissingDependencyError("dask", "dask") from None
    return dask, dask.bag


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise MissingDependencyError("distributed", "dask") from None
    return distributed


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


# -- reading JSONL in partitions -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Part:
    """Lines ``[start, end)`` (bytes) of one JSONL file, the first being line ``first_line``;
    ``end=None``: to the end (a compressed file is always read whole)."""

    path: str
    start: int = 0
    end: int | None = None
    first_line: int = 1


def jsonl_inputs(paths: Iterable[str | Path]) -> list[str] | None:
    """The paths when every one is a JSONL file (``.jsonl``, ``.jsonl.gz``), else None."""
    out = [str(p) for p in paths]
    if not out or any(not p.endswith((".jsonl", ".jsonl.gz")) or not Path(p).is_file() for p in out):
        return None
    return out


def parts(path: str, block_bytes: int = BLOCK_BYTES) -> list[Part]:
    """Line-aligned partitions of one file (one scan for newlines, no parsing)."""
    if path.endswith(".gz"):
        return [Part(path)]
    out: list[Part] = []
    start = offset = 0
    line = lines_before = 1
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            at = 0
            while offset + len(chunk) - start >= block_bytes:
                cut = chunk.find(b"\n", max(at, start + block_bytes - offset - 1))
                if cut < 0:
                    break
                line += chunk.count(b"\n", at, cut + 1)
                at = cut + 1
                out.append(Part(path, start, offset + at, lines_before))
                start, lines_before = offset + at, line
            line += chunk.count(b"\n", at)
            offset += len(chunk)
    if offset > start or not out:
        out.append(Part(path, start, None, lines_before))
    return out


def read_part(part: Part, published: str | None = None) -> list[Record]:
    """The records of one partition (read where it runs), line numbers as in the whole file."""
    if part.path.endswith(".gz"):
        with gzip.open(part.path, "rt", encoding="utf-8", errors="replace") as fh:
            lines = fh.read().split("\n")  # not splitlines(): U+2028 and U+0085 may sit inside a string
    else:
        with open(part.path, "rb") as fh:
            fh.seek(part.start)
            data = fh.read() if part.end is None else fh.read(part.end - part.start)
        lines = data.decode("utf-8", errors="replace").split("\n")
    records = []
    for rec in _jsonl_records(lines, part.path):
        if rec.line is not None:
            rec.line += part.first_line - 1
        if rec.error is not None and rec.error.line is not None:
            rec.error.line += part.first_line - 1
        if published and rec.error is None and not rec.published and "published" not in rec.meta:
            rec.published = published
        records.append(rec)
    return records


def read_corpus(
    paths: Iterable[str | Path], *, published: str | None = None, block_bytes: int = BLOCK_BYTES
) -> Any:
    """A ``dask.bag`` of :class:`Record` over JSONL files (``.gz`` or not), read in partitions by
    the workers: line-aligned blocks of ``block_bytes`` of each plain file, one per ``.gz`` file."""
    dask, bag = _dask()
    specs = [p for path in paths for p in parts(str(path), block_bytes)]
    return bag.from_delayed([dask.delayed(read_part)(p, published) for p in specs])


def analyze_bag(bag: Any, *, settings: Settings, stages: Iterable[str] | None = None) -> Any:
    """A lazy Dask bag of :class:`BatchItem` from a bag of :class:`Record` (one per input article)."""
    _dask()
    return bag.map_partitions(_analyze_partition, settings, tuple(stages) if stages is not None else None)


# -- the cluster ---------------------------------------------------------------------------------
def connect(settings: Settings, workers: int) -> tuple[Any, Any]:
    """``(client, cluster)``: a client of ``settings.scheduler``, or of a new LocalCluster of
    ``workers`` single-threaded worker processes (``cluster`` is then closed by the caller)."""
    dist = _distributed()
    if settings.scheduler:
        return dist.Client(settings.scheduler, set_as_default=False), None
    cluster = dist.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",  # any free port: never collides with a cluster already running
        # CRITICAL, not ERROR: at shutdown a worker's heartbeat can race the scheduler's close and
        # log a traceback ("Failed to communicate with scheduler during heartbeat") although nothing
        # failed; a task's real error still reaches warta through its future
        silence_logs=logging.CRITICAL,
    )
    return dist.Client(cluster, set_as_default=False), cluster


def _slots(client: Any) -> int:
    """Tasks the cluster runs at once (its worker threads)."""
    info = client.scheduler_info()
    return max(1, sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values()))


def run_dask(
    records: Iterable[Record],
    *,
    settings: Settings,
    stages: Iterable[str] | None = None,
    workers: int | None = None,
    paths: list[str] | None = None,
    published: str | None = None,
) -> Iterator[BatchItem]:
    """Analyse on Dask in input order, at most ``4 × workers`` partitions in flight.

    With ``paths`` that are all JSONL files the workers read them (``records`` is not used);
    otherwise ``records`` is streamed to the cluster ``settings.chunk_size`` at a time.
    """
    _dask()
    names = tuple(stages) if stages is not None else None
    workers = max(1, settings.workers if workers is None else workers)
    client, cluster = connect(settings, workers)
    try:
        from warta.batch._dask_plugin import PipelinePlugin

        client.register_plugin(PipelinePlugin(settings, names))
        window = 4 * _slots(client)
        files = jsonl_inputs(paths) if paths else None
        if files is not None:
            delayed = analyze_bag(read_corpus(files, published=published), settings=settings, stages=names)
            tasks: Iterator[Any] = (client.compute(d) for d in delayed.to_delayed())
        else:
            tasks = _stream_tasks(client, records, settings, names)
        pending: deque[Any] = deque()
        for future in tasks:
            pending.append(future)
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _stream_tasks(
    client: Any, records: Iterable[Record], settings: Settings, names: tuple[str, ...] | None
) -> Iterator[Any]:
    it = iter(records)
    size = max(1, settings.chunk_size)
    while chunk := list(islice(it, size)):
        yield client.submit(_analyze_partition, chunk, settings, names, pure=False)
