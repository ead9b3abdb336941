"""Batch backends: local worker processes and Dask bag partitions give the same records in order."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from warta import validate
from warta.batch import process, run_batch
from warta.batch.local import BatchItem
from warta.errors import ConfigError, MissingDependencyError
from warta.ingest import Record, iter_records
from warta.settings import load_settings

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
PATHS = [INPUTS / "broken.jsonl", INPUTS / "corpus", INPUTS / "article.txt", INPUTS / "english.txt"]


def summary(items: list[BatchItem]) -> list[tuple[str | None, str | None]]:
    return [(i.record_id if i.ok else None, i.error) for i in items]


@pytest.fixture(scope="module")
def serial() -> list[BatchItem]:
    return list(run_batch(iter_records(PATHS), settings=load_settings(environ={}), workers=1))


def test_serial_results(serial: list[BatchItem]) -> None:
    assert sum(i.ok for i in serial) == 8  # broken.jsonl's unreadable date is kept as null
    assert sum(not i.ok for i in serial) == 4
    for item in serial:
        if item.record is not None:
            validate(item.record)


def test_local_pool_keeps_order(serial: list[BatchItem]) -> None:
    settings = load_settings({"workers": 2, "chunk_size": 1}, environ={})
    assert summary(list(process(iter_records(PATHS), settings=settings))) == summary(serial)


def test_dask_keeps_order(serial: list[BatchItem]) -> None:
    pytest.importorskip("dask.bag")
    pytest.importorskip("distributed")
    for workers in (1, 2):
        settings = load_settings({"backend": "dask", "workers": workers, "chunk_size": 2}, environ={})
        items = list(process(iter_records(PATHS), settings=settings))
        assert summary(items) == summary(serial)
        assert [i.record for i in items] == [i.record for i in serial]


def test_analyze_bag_on_your_own_bag() -> None:
    db = pytest.importorskip("dask.bag")
    from warta.batch.dask import analyze_bag

    records = list(iter_records([INPUTS / "broken.jsonl"]))
    bag = db.from_sequence(records, npartitions=3)
    items = analyze_bag(bag, settings=load_settings(environ={}), stages=["segment"]).compute(scheduler="sync")
    assert [i.record_id for i in items if i.ok] == ["berita-1", "berita-2", "tanggal-salah", "3"]
    assert all(i.record is None or i.record["sentences"] for i in items)


def test_missing_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from warta.batch.dask import run_dask

    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.bag", None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'warta\[dask\]'"):
        list(run_dask(iter_records([INPUTS / "article.txt"]), settings=load_settings(environ={})))


def test_unknown_backend() -> None:
    settings = load_settings(environ={}).replace(backend="spark")
    with pytest.raises(ConfigError, match="unknown backend"):
        list(process([], settings=settings))


@pytest.mark.parametrize(
    ("backend", "workers", "bound"),
    [("local", 1, 1), ("local", 2, 4), ("dask", 1, 4), ("dask", 2, 8)],
)
def test_input_is_streamed_not_loaded(backend: str, workers: int, bound: int) -> None:
    """The first result comes out before more than a small window of the input has been read."""
    if backend == "dask":
        pytest.importorskip("dask.bag")
        pytest.importorskip("distributed")
    text = (INPUTS / "article.txt").read_text("utf-8")
    pulled = 0

    def endless_enough() -> Iterator[Record]:
        nonlocal pulled
        for i in range(12):
            pulled += 1
            yield Record(raw=text, id=str(i), origin="gen")

    settings = load_settings({"backend": backend, "workers": workers, "chunk_size": 1}, environ={})
    results = process(endless_enough(), settings=settings, stages=["segment"])
    first = next(results)
    assert first.ok
    assert first.record_id == "0"
    assert pulled <= bound
    assert [i.record_id for i in results] == [str(i) for i in range(1, 12)]
