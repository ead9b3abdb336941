"""Stage ``keywords``: key phrases per article, stop words and entity names left out, odd input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from warta import Pipeline, validate
from warta.lang.terms import stopwords
from warta.model import Document, Entity, Span
from warta.settings import load_settings
from warta.stages.keywords import KeywordsStage, keywords

FIXTURES = Path(__file__).parent / "fixtures" / "summary"
ARTICLES = [
    json.loads(line)
    for line in (FIXTURES / "indosum_dev.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]
GOLD: dict[str, list[str]] = {
    k: v for k, v in json.loads((FIXTURES / "keywords_gold.json").read_text("utf-8")).items() if k != "about"
}
#: share of hand-picked key terms found among the keywords: 0.94 when written (the terms were picked
#: after seeing early output, so this guards against regressions; it is not a blind score)
MIN_RECALL = 0.8


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w-]+", text.lower()))


@pytest.fixture(scope="module")
def docs(pipeline: Pipeline) -> dict[str, Document]:
    return {
        a["id"]: pipeline.analyze(a["text"], published=a["published"][:10], id=a["id"], title=a["title"])
        for a in ARTICLES
    }


def test_quality_gate_recall_of_hand_picked_terms(docs: dict[str, Document]) -> None:
    found = total = 0
    for doc_id, gold in GOLD.items():
        predicted = [_words(k) for k in docs[doc_id].keywords]
        for term in gold:
            total += 1
            found += any(_words(term) <= p for p in predicted)
    assert found / total >= MIN_RECALL, f"recall {found / total:.2f} < {MIN_RECALL}"


def test_five_to_ten_phrases_without_stop_words(docs: dict[str, Document]) -> None:
    stop = stopwords()
    for doc in docs.values():
        assert 5 <= len(doc.keywords) <= 10
        assert len(set(doc.keywords)) == len(doc.keywords)
        for phrase in doc.keywords:
            assert phrase == phrase.strip()
            assert 1 <= len(phrase.split()) <= 3
            assert not _words(phrase) & stop, phrase
        validate(doc.to_dict())


def test_limit_follows_settings(docs: dict[str, Document]) -> None:
    doc = next(iter(docs.values()))
    KeywordsStage(load_settings({"max_keywords": 3}))(doc)
    assert len(doc.keywords) == 3
    assert keywords(doc, 0) == []


def test_entity_names_and_their_parts_are_left_out() -> None:
    text = (
        "Kementerian Pertahanan Rusia menyatakan latihan militer di perbatasan Ukraina selesai. "
        "Latihan militer itu melibatkan ribuan tentara. Kementerian Pertahanan Rusia menyebut "
        "latihan militer berikutnya digelar bulan depan, sementara tentara kembali ke barak."
    )
    doc = Document(raw=text, text=text)
    plain = keywords(doc, 10)
    assert "Pertahanan Rusia" in plain or "Kementerian Pertahanan Rusia" in plain
    start = text.index("Kementerian")
    name = "Kementerian Pertahanan Rusia"
    doc.entities = [Entity("e1", name, "ORGANIZATION", [Span(start, start + len(name), name)])]
    with_entities = keywords(doc, 10)
    assert not any(k.lower() in name.lower() for k in with_entities)
    assert "latihan militer" in with_entities


def test_enclitic_nya_counts_with_the_bare_word() -> None:
    text = (
        "Pemerintah menerbitkan kebijakan baru soal impor beras. Kebijakannya disambut petani. "
        "Namun pedagang menolak kebijakan itu karena harga beras bisa turun."
    )
    result = keywords(Document(raw=text, text=text), 10)
    assert "kebijakan" in result
    assert "kebijakannya" not in [k.lower() for k in result]


@pytest.mark.parametrize("text", ["", "   ", "yang dan di ke dari", "123 456", "!!! ???", "a " * 500])
def test_odd_input_never_crashes(text: str) -> None:
    result = keywords(Document(raw=text, text=text), 10)
    assert isinstance(result, list)
