"""The Python API: warta.analyze for one article, warta.Pipeline built once for many."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import warta
from warta import InputError, Pipeline, validate
from warta.ingest import iter_records
from warta.settings import load_settings

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
TEXT = (INPUTS / "article.txt").read_text("utf-8")


def test_analyze_text() -> None:
    doc = warta.analyze(TEXT, published="2025-11-17", id="bmkg-1", category="cuaca")
    record = doc.to_dict()
    validate(record)
    assert record["schema"] == "warta/1"
    assert record["document"]["id"] == "bmkg-1"
    assert record["document"]["published"] == "2025-11-17"
    assert record["document"]["meta"] == {"category": "cuaca"}
    assert json.loads(doc.to_json()) == record
    assert doc.to_json(indent=2).startswith("{\n  ")
    assert [s.text for s in doc.sentences][2].startswith('"Curah hujan')


def test_analyze_html() -> None:
    doc = warta.analyze(html=(INPUTS / "article.html").read_text("utf-8"))
    validate(doc.to_dict())
    assert doc.title == "Pemkot Bandung Tambah 40 Bus Listrik untuk Layanan Trans Metro Pasundan"


def test_published_is_never_guessed() -> None:
    assert warta.analyze(TEXT).published is None


def test_bad_published_and_empty_text() -> None:
    with pytest.raises(InputError, match="not a date warta can read: 'besok'"):
        warta.analyze(TEXT, published="besok")
    with pytest.raises(InputError, match="empty article"):
        warta.analyze(" \n\n ADVERTISEMENT \n")


def test_pipeline_is_built_once_and_reused() -> None:
    pipe = Pipeline(load_settings(environ={}))
    stages_before = [id(s) for s in pipe.stages]
    docs = [pipe.analyze(TEXT, id=str(i)) for i in range(3)]
    assert [id(s) for s in pipe.stages] == stages_before
    assert all(d.to_dict()["sentences"] == docs[0].to_dict()["sentences"] for d in docs)
    assert pipe.stage_names[:3] == ["clean", "language", "segment"]
    assert all(t > 0 for t in pipe.timings.values())
    assert docs[0].stages == pipe.stage_names


def test_pipe_streams_results_with_errors_attached() -> None:
    pipe = Pipeline(stages=["segment"])
    results = list(pipe.pipe(iter_records([INPUTS / "broken.jsonl"])))
    assert [r.ok for r in results] == [True, False, True, False, False, True, True]
    assert results[5].document is not None
    assert results[5].document.published is None  # "kemarin sore" names no date: kept as null
    bad = results[4].error
    assert isinstance(bad, InputError)
    assert (bad.source, bad.line, bad.record_id) == (str(INPUTS / "broken.jsonl"), 6, "tanpa-teks")
    for r in results:
        if r.document is not None:
            validate(r.document.to_dict())


def test_unknown_or_no_stage() -> None:
    with pytest.raises(warta.WartaError, match="unknown stage 'ner'"):
        Pipeline(stages=["ner"])
    with pytest.raises(warta.WartaError, match="no stages to run"):
        Pipeline(stages=[])
