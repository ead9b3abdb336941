"""The SQLite store against a real file: migrations, idempotent upserts, search, resume, export."""

from __future__ import annotations

import copy
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SEED, SEED_PUBLISHED
from warta import validate
from warta.cli.main import main
from warta.errors import NotFoundError, StoreError
from warta.pipeline import Pipeline
from warta.store import EntityFilter, EventFilter, Query, Store, open_store

ANNOTATED = FIXTURES / "seed_annotated.jsonl"


def annotated() -> dict[str, Any]:
    record: dict[str, Any] = json.loads(ANNOTATED.read_text("utf-8"))
    return record


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    """A fresh store, once per backend (SQLite file; PostgreSQL schema, skipped without a server)."""
    s = open_store(store_location)
    yield s
    s.close()


BASIC = ["clean", "language", "segment"]


@pytest.fixture(scope="module")
def basic() -> Pipeline:
    """Only the foundation stages: the store's tests must not depend on what annotators find."""
    return Pipeline(stages=BASIC)


def fixture_records(basic: Pipeline) -> list[dict[str, Any]]:
    records = [annotated()]
    for line in (FIXTURES / "store_articles.jsonl").read_text("utf-8").splitlines():
        obj = json.loads(line)
        text = obj.pop("text")
        records.append(basic.analyze(text, **obj).to_dict())
    return records


@pytest.fixture
def filled(store: Store, basic: Pipeline) -> Store:
    store.upsert(fixture_records(basic))
    return store


def test_fixture_record_is_valid() -> None:
    validate(annotated())


def test_upsert_is_idempotent_and_updates(store: Store) -> None:
    rec = annotated()
    store.upsert([rec])
    counts = {t: store.count(t) for t in ("articles", "entities", "mentions", "quotes", "events", "times")}
    store.upsert([rec])
    assert {t: store.count(t) for t in counts} == counts
    assert counts["articles"] == 1
    assert counts["entities"] == 8
    assert counts["events"] == 2

    changed = copy.deepcopy(rec)
    changed["document"]["title"] = "Judul Baru Tentang Kapal Selam"
    changed["entities"] = changed["entities"][:1]
    changed["quotes"], changed["events"] = [], []
    store.upsert([changed])
    assert store.count("articles") == 1
    assert store.count("entities") == 1  # entities no longer mentioned anywhere are dropped
    assert store.search(Query(text="kapal selam")).total == 1
    assert store.search(Query(text="Panglima Militer")).total == 1  # text still there
    assert store.record("seed-annotated")["document"]["title"] == "Judul Baru Tentang Kapal Selam"


def test_batch_is_one_transaction(store: Store) -> None:
    good = annotated()
    mention = {"start": 0, "end": 1, "text": None}  # violates NOT NULL when written, after `good`
    bad = {
        "document": {"id": "x", "text": "t"},
        "entities": [{"id": "e1", "name": "A", "mentions": [mention]}],
    }
    with pytest.raises(StoreError):
        store.upsert([good, bad])
    assert store.count("articles") == 0


def test_records_without_annotations_are_stored(store: Store, basic: Pipeline) -> None:
    seed_record = basic.analyze(SEED.read_text("utf-8"), published=SEED_PUBLISHED, id="seed").to_dict()
    store.upsert([seed_record])
    assert store.count("articles") == 1
    assert store.count("entities") == 0
    assert store.record(seed_record["document"]["id"]) == seed_record
    with pytest.raises(NotFoundError):
        store.record("missing")


def test_search_ranks_filters_and_paginates(filled: Store) -> None:
    page = filled.search(Query(text="Gerasimov"))
    assert page.total == 1
    assert "<mark>Gerasimov</mark>" in page.items[0]["snippet_html"]
    assert page.facets["outlets"] == [{"value": "CNN Indonesia", "count": 1}]
    assert {f["value"] for f in page.facets["event_types"]} == {"CONSULT", "ACCUSE"}
    assert page.facets["months"] == [{"value": "2021-11", "count": 1}]

    assert filled.search(Query(text="banjir Bekasi")).items[0]["id"] == "fx-banjir"
    assert filled.search(Query(text='"hujan deras"')).total == 1
    assert filled.search(Query(text="vaksin*")).total == 1
    assert filled.search(Query(text="banjir OR vaksinasi")).total == 2
    assert filled.search(Query(text="warga -banjir")).total == 0

    everything = filled.search(Query())
    assert everything.total == 4
    assert everything.items[0]["id"] == "fx-vaksin"  # newest first without text
    assert filled.search(Query(date_from="2021-11-06", date_to="2021-11-30")).total == 2
    assert filled.search(Query(date_to="2021-11")).total == 3  # a month prefix covers the whole month
    assert filled.search(Query(outlet="kompas")).total == 1
    assert filled.search(Query(entity="Valery Gerasimov")).total == 1
    assert filled.search(Query(entity="person-mark-milley")).total == 1
    assert filled.search(Query(country="rus")).total == 1
    assert filled.search(Query(country="IDN")).total == 0
    assert filled.search(Query(event_type="consult")).total == 1
    assert filled.search(Query(speaker="Sergei Shoigu")).total == 1
    assert filled.search(Query(text="Rusia", event_type="ASSAULT")).total == 0

    p1 = filled.search(Query(size=3, page=1))
    p2 = filled.search(Query(size=3, page=2))
    assert p1.pages == 2
    assert len(p1.items) == 3
    assert len(p2.items) == 1
    assert not {i["id"] for i in p1.items} & {i["id"] for i in p2.items}


def test_entity_page_data(filled: Store) -> None:
    ent = filled.entity("person-valery-gerasimov")
    assert ent["name"] == "Valery Gerasimov"
    assert ent["type"] == "PERSON"
    assert ent["country"] == "RUS"
    assert ent["mentions"] == 3
    assert ent["timeline"] == [{"month": "2021-11", "articles": 1, "mentions": 3}]
    assert "person-mark-milley" in {c["id"] for c in ent["cooccurring"]}
    assert [e["type"] for e in ent["events"]] == ["CONSULT"]
    shoigu = filled.entity("person-sergei-shoigu")
    assert len(shoigu["quotes"]) == 1
    assert filled.entities(EntityFilter(q="gera")).total == 1
    assert filled.entities(EntityFilter(type="person")).total == 4
    assert filled.entities(EntityFilter(q="%")).total == 0  # LIKE wildcards are literal
    assert filled.events(EventFilter(entity="Mark Milley")).total == 1
    assert filled.events(EventFilter(country="USA")).total == 2
    with pytest.raises(NotFoundError):
        filled.entity("person-nobody")


def test_hostile_text_is_escaped_in_snippets(store: Store, pipeline: Pipeline) -> None:
    doc = pipeline.analyze(
        (FIXTURES / "hostile.txt").read_text("utf-8"), published="2021-11-22", id="hostile"
    )
    store.upsert([doc.to_dict()])
    hit = store.search(Query(text="gangguan situs")).items[0]
    assert "<mark>gangguan</mark>" in hit["snippet_html"]
    assert "<script>" not in hit["snippet_html"]
    assert "<img" not in hit["snippet_html"]
    if store.dialect.name == "sqlite":  # PostgreSQL's parser reads <script> as markup (docs/store.md)
        hit = store.search(Query(text="script gangguan")).items[0]
        assert "&lt;<mark>script</mark>&gt;" in hit["snippet_html"]
    assert store.search(Query(text="'; DROP TABLE articles; --")).total == 1
    assert store.count("articles") == 1


def _write_jsonl(path: Path, n: int) -> None:
    base = SEED.read_text("utf-8")
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(
                json.dumps(
                    {"id": f"a{i:03d}", "published": SEED_PUBLISHED, "text": f"Berita nomor {i}.\n{base}"}
                )
            )
            fh.write("\n")


def _cli(*args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "warta.cli.main", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_ingest_killed_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    src, db = tmp_path / "in.jsonl", tmp_path / "k.db"
    _write_jsonl(src, 60)
    proc = _cli("ingest", str(src), "--db", str(db), "--batch-size", "2", "--stages", ",".join(BASIC))
    committed = 0
    for _ in range(600):  # wait (up to ~60 s) for some batches to be committed, then kill -9
        time.sleep(0.1)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    committed = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                continue
        if committed >= 4 or proc.poll() is not None:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        after_kill = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert after_kill >= committed >= 2
    assert after_kill % 2 == 0 or after_kill == 60  # whole batches only
    resumed = _cli("ingest", str(src), "--db", str(db), "--batch-size", "2", "--stages", ",".join(BASIC))
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err.decode()
    assert f"{after_kill} already stored" in err.decode()
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (60, 60)


def test_ingest_cli_reports_errors_and_exit_codes(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    capsys = capfd  # fd-level capture: also sees streams bound before the test started
    db = str(tmp_path / "c.db")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\nnot json\n', encoding="utf-8")
    assert main(["ingest", str(FIXTURES / "store_articles.jsonl"), "--db", db]) == 0
    assert main(["ingest", str(FIXTURES / "store_articles.jsonl"), "--db", db]) == 0
    assert "0 stored, 3 already stored" in capsys.readouterr().err
    assert main(["ingest", str(bad), "--db", db]) == 1
    err = capsys.readouterr().err
    assert "bad.jsonl:1" in err
    assert "bad.jsonl:2" in err
    assert main(["ingest", "--records", str(ANNOTATED), "--db", db]) == 0
    assert main(["ingest", "--records", str(FIXTURES / "store_articles.jsonl"), "--db", db]) == 1
    assert "not a valid warta/1 record" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["ingest", "--db", db])
    assert exc.value.code == 2
    s = open_store(db)
    assert s.count("articles") == 4
    s.close()


def test_export_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "e.db")
    assert main(["ingest", "--records", str(ANNOTATED), "--db", db]) == 0
    capsys.readouterr()
    assert main(["export", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    exported = json.loads(lines[0])
    assert exported["document"].pop("story").startswith("s-")  # the store assigns its own stories
    expected = annotated()
    expected["document"].pop("story")
    assert exported == expected
    assert main(["export", "--db", db, "--format", "csv", "--table", "events"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("article_id,url,published,event_id,date,date_source,source_name")
    assert len(out) == 3
    assert main(["export", "--db", db, "--format", "csv", "--table", "entities"]) == 0
    assert "person-valery-gerasimov" in capsys.readouterr().out
    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "q.parquet"
    assert main(["export", "--db", db, "--format", "parquet", "--table", "quotes", "-o", str(target)]) == 0
    table = pq.read_table(target)
    assert table.num_rows == 2
    assert "speaker" in table.column_names
    assert main(["export", "--db", str(tmp_path / "none.db")]) == 2
    assert main(["export", "--db", db, "--format", "parquet"]) == 2


def test_stemmed_search_finds_inflected_forms(filled: Store) -> None:
    from warta.store.stem import available

    if not available():
        pytest.skip("PySastrawi not installed (pip install 'warta[stem]')")
    # fx-banjir says "mengungsi" and "merendam": the roots match other forms of the same words
    assert [i["id"] for i in filled.search(Query(text="pengungsian")).items] == ["fx-banjir"]
    assert filled.search(Query(text="rendaman banjir")).total == 1
    assert filled.search(Query(text="pengungsian -hujan")).total == 0


def test_ctrl_c_keeps_what_is_analysed(tmp_path: Path) -> None:
    src, db = tmp_path / "in.jsonl", tmp_path / "i.db"
    _write_jsonl(src, 60)
    proc = _cli("ingest", str(src), "--db", str(db), "--batch-size", "7", "--stages", ",".join(BASIC))
    for _ in range(600):
        time.sleep(0.1)
        try:
            with sqlite3.connect(db, timeout=1) as conn:
                if conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 7:
                    break
        except sqlite3.Error:
            continue
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    text = err.decode()
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    if proc.returncode == 0:  # finished before the signal arrived
        assert stored == 60
        return
    assert proc.returncode == 130, text
    assert f"interrupted; {stored} stored" in text  # the partial batch was committed, not dropped


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.sets(st.integers(0, 7)), min_size=1, max_size=3),
    st.sets(st.integers(0, 1)),
    st.booleans(),
)
def test_any_sequence_of_upserts_leaves_exactly_the_last_record(
    store: Store, entity_sets: list[set[int]], keep_events: set[int], keep_times: bool
) -> None:
    for kept in entity_sets:  # the store carries over between examples: longer sequences still
        rec = annotated()
        rec["entities"] = [e for i, e in enumerate(rec["entities"]) if i in kept]
        ids = {e["id"] for e in rec["entities"]}
        rec["quotes"] = [q for q in rec["quotes"] if q["speaker"] in ids]
        rec["events"] = [v for i, v in enumerate(rec["events"]) if i in keep_events]
        rec["times"] = rec["times"] if keep_times else []
        store.upsert([rec])
    assert store.record("seed-annotated") == rec
    assert store.count("articles") == 1
    assert store.count("entities") == len(rec["entities"])
    assert store.count("mentions") == sum(len(e["mentions"]) for e in rec["entities"])
    assert store.count("quotes") == len(rec["quotes"])
    assert store.count("events") == len(rec["events"])
    assert store.count("story_events") == len(rec["events"])  # two different acts
    assert store.count("times") == len(rec["times"])
    facet = store.search(Query(text="Rusia")).facets["entities"]
    assert {f["value"] for f in facet} <= {r["id"] for r in store.rows("entities")}


def test_cached_aggregates_follow_writes_from_any_connection(store_location: str) -> None:
    """Event counts, facets and entity pages are memoised per write generation: a write through
    another connection (another process, here another store object) or through this one is seen
    at the next read, never a stale count."""
    reader, writer = open_store(store_location), open_store(store_location)
    try:
        writer.upsert([annotated()])
        first = reader.events(EventFilter())
        assert first.total > 0
        assert reader.events(EventFilter()).total == first.total  # answered from the memo
        top = reader.entities(EntityFilter()).items[0]["id"]
        articles_before = reader.entity(top)["articles"]
        second = copy.deepcopy(annotated())
        second["document"]["id"] = "copy-of-seed"
        writer.upsert([second])  # another connection
        assert reader.events(EventFilter()).total == 2 * first.total
        by_type = {f["value"]: f["count"] for f in reader.events(EventFilter()).facets["types"]}
        assert sum(by_type.values()) == 2 * first.total
        assert reader.entity(top)["articles"] == articles_before + 1
        reader.delete("copy-of-seed")  # this connection
        assert reader.events(EventFilter()).total == first.total
        assert reader.entity(top)["articles"] == articles_before
        page = reader.entity(top)
        page["name"] = "changed by a caller"
        assert reader.entity(top)["name"] != "changed by a caller"  # callers get copies
    finally:
        reader.close()
        writer.close()
