"""``--backend dask`` on a real cluster: JSONL read in partitions by the workers, results in order,
``warta ingest`` analysing on the cluster's worker processes while the CLI writes the store."""

from __future__ import annotations

import gzip
import itertools
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import shared_path
from test_ingest_cli import INPUTS, error_lines, records, run
from warta.ingest import iter_records
from warta.settings import load_settings

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from warta.batch.dask import parts, read_corpus, read_part, run_dask  # noqa: E402

BROKEN = INPUTS / "broken.jsonl"


def _summary(recs: list[Any]) -> list[tuple[Any, ...]]:
    return [(r.id, r.line, r.origin, str(r.error) if r.error else None, r.raw) for r in recs]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A LocalCluster of 2 single-threaded worker processes, like the CLI starts by default."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as cluster:
        yield cluster


def _corpus(tmp_path: Path, n: int) -> Path:
    """``n`` real-looking records (the broken file's good ones, repeated with new ids)."""
    good = [
        {"text": r.raw, "title": r.title, "published": r.published}
        for r in iter_records([BROKEN])
        if r.error is None
    ]
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, rec in zip(range(n), itertools.cycle(good), strict=False):
            fh.write(json.dumps({**rec, "id": f"a{i}"}, ensure_ascii=False) + "\n")
    return path


@pytest.mark.parametrize("block", [1, 200, 1 << 20])
def test_partitions_read_what_iter_records_reads(tmp_path: Path, block: int) -> None:
    big = tmp_path / "big.jsonl"
    big.write_text(BROKEN.read_text("utf-8") * 3, encoding="utf-8")
    specs = parts(str(big), block)
    assert len(specs) >= (2 if block < 1000 else 1)
    read = [rec for spec in specs for rec in read_part(spec)]
    assert _summary(read) == _summary(list(iter_records([big])))


def test_gzip_is_one_partition(tmp_path: Path) -> None:
    gz = tmp_path / "berita.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(BROKEN.read_text("utf-8"))
    assert len(parts(str(gz), 1)) == 1
    plain = [(r.id, r.line, str(r.error) if r.error else None) for r in iter_records([BROKEN])]
    assert [(r.id, r.line, str(r.error) if r.error else None) for r in read_part(parts(str(gz))[0])] == [
        (i, n, e.replace(str(BROKEN), str(gz)) if e else None) for i, n, e in plain
    ]
    bag = read_corpus([gz, BROKEN], published="2025-01-01")
    assert bag.npartitions == 2
    assert len(bag.compute(scheduler="sync")) == 2 * len(plain)


def test_run_dask_on_a_cluster_reads_files_in_partitions(cluster: Any, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, 40)
    settings = load_settings(
        {"backend": "dask", "scheduler": cluster.scheduler_address, "chunk_size": 4}, environ={}
    )
    with distributed.Client(cluster) as client, distributed.get_task_stream(client) as stream:
        streamed = list(run_dask(iter_records([corpus]), settings=settings, stages=["segment"]))
        by_files = list(run_dask(iter(()), settings=settings, stages=["segment"], paths=[str(corpus)]))
    assert [i.record_id for i in by_files] == [f"a{i}" for i in range(40)] == [i.record_id for i in streamed]
    assert [i.record for i in by_files] == [i.record for i in streamed]
    names = {task["key"][0] if isinstance(task["key"], tuple) else task["key"] for task in stream.data}
    assert any("read_part" in str(n) for n in names)
    assert any("analyze_partition" in str(n) for n in names)
    assert len({task["worker"] for task in stream.data}) == 2  # both worker processes analysed


def test_ingest_backend_dask_runs_on_the_cluster(cluster: Any, tmp_path: Path) -> None:
    """`warta ingest --backend dask --scheduler ADDRESS`: the cluster's workers analyse, the CLI
    writes the store; the records equal the local backend's, a bad line is reported, re-runs skip."""
    corpus = _corpus(tmp_path, 12)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    db_dask, db_local = tmp_path / "dask.db", tmp_path / "local.db"
    args = ["--stages", "clean,language,segment,entities,times"]
    on_dask = ["--backend", "dask", "--scheduler", cluster.scheduler_address]
    with distributed.Client(cluster) as client, distributed.get_task_stream(client) as stream:
        proc = run("ingest", corpus, bad, "--db", db_dask, *on_dask, *args)
    assert any("analyze_partition" in str(task["key"]) for task in stream.data)  # it ran on the cluster
    assert proc.returncode == 1, proc.stderr
    assert any("bad.jsonl:1" in line for line in error_lines(proc.stderr))
    assert "12 stored" in proc.stderr
    assert run("ingest", corpus, "--db", db_local, *args).returncode == 0
    again = run("ingest", corpus, "--db", db_dask, *on_dask, *args)
    assert "0 stored, 12 already stored" in again.stderr

    def stored(db: Path) -> list[tuple[Any, ...]]:
        with sqlite3.connect(db) as con:
            return con.execute("SELECT id, title, published FROM articles ORDER BY id").fetchall()

    assert stored(db_dask) == stored(db_local)


def test_analyze_backend_dask_local_cluster_keeps_order(tmp_path: Path) -> None:
    """No --scheduler: the CLI starts a LocalCluster of --workers processes itself."""
    corpus = _corpus(tmp_path, 10)
    args = ["--stages", "clean,language,segment"]
    local = records(run("analyze", corpus, *args).stdout)
    proc = run("analyze", corpus, "--backend", "dask", "--workers", "2", *args)
    assert proc.returncode == 0, proc.stderr
    assert records(proc.stdout) == local
    assert [r["document"]["id"] for r in local] == [f"a{i}" for i in range(10)]


def test_real_articles_on_two_workers(cluster: Any) -> None:
    """Real news (the first 24 development articles) through the full pipeline on the cluster."""
    path = shared_path("data", "articles", "articles.jsonl")
    dev = set(shared_path("data", "articles", "dev_ids.txt").read_text("utf-8").split())
    recs = [r for r in iter_records([path]) if r.id in dev][:24]
    settings = load_settings({"backend": "dask", "scheduler": cluster.scheduler_address}, environ={})
    items = list(run_dask(recs, settings=settings))
    assert [i.record_id for i in items] == [r.id for r in recs]
    assert all(i.ok and i.record and i.record["entities"] and i.record["sentences"] for i in items)
