"""Stage ``summary``: behaviour on odd input, and a ROUGE-L quality gate on IndoSum dev articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness import HARNESS
from warta import Pipeline, validate
from warta.model import Document
from warta.settings import load_settings
from warta.stages.summary import SummaryStage, candidates, summarize

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLES = [
    json.loads(line)
    for line in (FIXTURES / "summary" / "indosum_dev.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]
#: measured 0.786 (warta) vs 0.700 (Lead-3) on these 8 articles when written; a regression below fails
MIN_ROUGE_L = 0.76


rouge_l = HARNESS.rouge_l  # ROUGE-L F1 over lower-cased word tokens, as in benchmarks/summary.py


@pytest.fixture(scope="module")
def docs(pipeline: Pipeline) -> list[Document]:
    return [
        pipeline.analyze(a["text"], published=a["published"][:10], id=a["id"], title=a["title"])
        for a in ARTICLES
    ]


def _text(doc: Document, picks: list[int]) -> str:
    return " ".join(doc.sentences[i].text for i in picks)


def test_quality_gate_rouge_l(docs: list[Document]) -> None:
    ours = [rouge_l(a["summary"], _text(d, d.summary)) for a, d in zip(ARTICLES, docs, strict=True)]
    lead = [
        rouge_l(a["summary"], _text(d, list(range(min(3, len(d.sentences))))))
        for a, d in zip(ARTICLES, docs, strict=True)
    ]
    mean_ours, mean_lead = sum(ours) / len(ours), sum(lead) / len(lead)
    assert mean_ours >= MIN_ROUGE_L, f"ROUGE-L {mean_ours:.3f} < {MIN_ROUGE_L}"
    assert mean_ours >= mean_lead - 0.02, f"ROUGE-L {mean_ours:.3f} fell behind Lead-3 {mean_lead:.3f}"


def test_summary_is_three_sentence_indices_in_text_order(docs: list[Document]) -> None:
    for doc in docs:
        assert len(doc.summary) == 3
        assert doc.summary == sorted(set(doc.summary))
        assert all(0 <= i < len(doc.sentences) for i in doc.summary)
        validate(doc.to_dict())


def test_summary_length_follows_settings(docs: list[Document]) -> None:
    doc = docs[0]
    assert len(summarize(doc, 1)) == 1
    assert summarize(doc, 0) == []
    stage = SummaryStage(load_settings({"summary_sentences": 2}))
    stage(doc)
    assert len(doc.summary) == 2


def test_captions_bylines_links_and_short_lines_are_never_candidates(pipeline: Pipeline) -> None:
    text = (
        "Foto: Petugas memadamkan api di Pasar Senen, Jakarta Pusat, pada Kamis malam (ANTARA).\n\n"
        "Kebakaran melanda Pasar Senen di Jakarta Pusat pada Kamis malam dan menghanguskan ratusan kios.\n\n"
        "Baca juga: Kebakaran Pasar Senen Bukan yang Pertama Kali Terjadi di Jakarta\n\n"
        "Api diduga berasal dari korsleting listrik di lantai dua gedung pasar, kata polisi setempat.\n\n"
        "Kerugian.\n\n"
        "Petugas pemadam kebakaran mengerahkan dua puluh mobil untuk menjinakkan api selama lima jam.\n\n"
        "(ant/bay)"
    )
    doc = pipeline.analyze(text, id="fire")
    texts = [doc.sentences[i].text for i in candidates(doc)]
    assert not any(t.startswith(("Foto", "Baca juga", "Kerugian", "(ant")) for t in texts)
    assert all(doc.sentences[i].text.startswith(("Kebakaran", "Api", "Petugas")) for i in doc.summary)


@pytest.mark.parametrize(
    "text", ["", "   ", "Oke.", "Ya ya ya ya ya ya ya ya ya ya ya.\n\n!!!", "123 456 789."]
)
def test_odd_input_never_crashes(pipeline: Pipeline, text: str) -> None:
    doc = Document(raw=text, text=text)
    summarize(doc, 3)  # no sentences at all
    if text.strip():
        doc = pipeline.analyze(text, id="odd")
        assert all(0 <= i < len(doc.sentences) for i in doc.summary)


def test_summary_runs_after_events_in_the_pipeline_order() -> None:
    from warta.pipeline import STAGES

    order = list(STAGES)
    assert order.index("summary") < order.index("keywords")
    assert order[-2:] == ["summary", "keywords"]
