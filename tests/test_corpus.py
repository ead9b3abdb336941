"""warta.corpus: the cross-document work the CLI and the API share, on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.corpus import StoreWriter, analyze_corpus, ingest
from warta.ingest import Record, iter_records
from warta.settings import load_settings
from warta.stages.language import _QUICK_CHARS, detect_language
from warta.store import open_store

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
ARTICLE = (INPUTS / "article.txt").read_text("utf-8")


def _records(n: int, text: str = ARTICLE) -> list[Record]:
    return [Record(raw=text, id=f"a{i}", origin="test", published="2025-11-17") for i in range(n)]


def test_analyze_corpus_orders_and_groups_stories() -> None:
    settings = load_settings({"stages": ["clean", "language", "segment"]}, environ={})
    items = list(analyze_corpus(_records(3) + list(iter_records([INPUTS / "empty.txt"])), settings))
    assert [i.record_id for i in items[:3]] == ["a0", "a1", "a2"]
    assert items[3].error is not None
    assert "empty file" in items[3].error
    stories = {i.record["document"]["story"] for i in items[:3] if i.record}
    assert len(stories) == 1  # three copies of one article: one story
    off = list(analyze_corpus(_records(2), settings.replace(stories=False)))
    assert all(i.record and i.record["document"]["story"] is None for i in off)


def test_store_writer_batches_and_ingest_skips_what_is_stored(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    settings = load_settings({"stages": ["clean", "language", "segment"], "db": db}, environ={})
    store = open_store(db)
    try:
        writer = StoreWriter(store, batch_size=2, stories=True)
        errors: list[str] = []
        counts = ingest(_records(5), writer, settings, on_error=errors.append)
        assert (counts.stored, counts.skipped, counts.failed, errors) == (5, 0, 0, [])
        assert store.count("articles") == 5
        again = ingest(_records(5), StoreWriter(store, batch_size=2), settings)
        assert (again.stored, again.skipped) == (0, 5)
    finally:
        store.close()


@pytest.mark.parametrize(
    "text",
    [
        "The president said on Tuesday that the government would build a new toll road across the "
        "island of Sumatra before the end of next year, despite objections from farmers. " * 12,
        "Kerajaan Malaysia berkata pada hari Selasa bahawa kerajaan akan membina lebuh raya baharu "
        "merentasi negeri itu sebelum akhir tahun hadapan walaupun mendapat bantahan petani. " * 12,
    ],
)
def test_language_quick_look_leaves_other_languages_to_the_full_sample(text: str) -> None:
    """The 600-character first look decides only Indonesian; other texts get the full sample."""
    from warta.model import Document
    from warta.stages.language import LanguageStage

    assert len(text) > 2 * _QUICK_CHARS
    full = detect_language(text)[0]
    doc = Document(raw=text, text=text)
    stage = LanguageStage(load_settings({"force": True}, environ={}))
    stage(doc)
    # as before the quick look: the full sample's language (Malay reported as id when id is close)
    assert doc.language in ({full, "id"} if full == "ms" else {full})
