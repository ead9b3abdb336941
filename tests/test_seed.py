"""The canonical demo article end to end."""

from __future__ import annotations

from warta import validate


def test_seed_record_is_valid_warta1(seed_record: dict) -> None:  # type: ignore[type-arg]
    validate(seed_record)
    assert seed_record["schema"] == "warta/1"


def test_seed_metadata(seed_record: dict) -> None:  # type: ignore[type-arg]
    doc = seed_record["document"]
    assert doc["byline"] == "rds"
    assert doc["published"] == "2021-11-24"
    assert doc["language"] == "id"
    assert "(rds)" not in doc["text"]
    assert 21 <= len(seed_record["sentences"]) <= 24


def test_every_span_points_into_the_text(seed_record: dict) -> None:  # type: ignore[type-arg]
    text = seed_record["document"]["text"]
    for s in seed_record["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]
