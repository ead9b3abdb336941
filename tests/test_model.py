"""The document model's warta/1 round trip, including the fields added for actors and places."""

from __future__ import annotations

import pytest

from warta import validate
from warta.model import Actor, Document, Entity, Event, Geo, Reference, Sentence, Span, from_dict, to_dict

TEXT = "Gubernur Dedi Mulyadi meninjau Bandung. Ia mengkritik DPRD."


def _doc() -> Document:
    doc = Document(raw=TEXT, id="t1", text=TEXT, language="id")
    doc.sentences = [Sentence(0, 39, TEXT[0:39]), Sentence(40, len(TEXT), TEXT[40:])]
    doc.entities = [
        Entity(
            "e1",
            "Dedi Mulyadi",
            "PERSON",
            [Span(9, 21, "Dedi Mulyadi")],
            country="IDN",
            key="n:person:dedi mulyadi:IDN",
        ),
        Entity(
            "e2",
            "Bandung",
            "LOCATION",
            [Span(31, 38, "Bandung")],
            country="IDN",
            key="kb:wilayah:32.73",
            geo=Geo("regency", "IDN", "32", "JAWA BARAT", "32.73", "KOTA BANDUNG", -6.91, 107.61),
        ),
        Entity("e3", "DPRD", "ORGANIZATION", [Span(54, 58, "DPRD")], country="IDN"),
    ]
    doc.references = [Reference(40, 42, "Ia", entity="e1", kind="pronoun")]
    doc.events = [
        Event(
            id="v1",
            type="ACCUSE",
            source=Actor(
                "Ia", entity="e1", country="IDN", name="Dedi Mulyadi", key="n:person:dedi mulyadi:IDN"
            ),
            target=Actor("DPRD", entity="e3", country="IDN"),
            trigger=Span(43, 53, "mengkritik"),
            sentence=1,
            date_source="none",
        )
    ]
    return doc


def test_added_fields_round_trip_and_validate() -> None:
    record = to_dict(_doc())
    validate(record)
    assert record["references"] == [{"start": 40, "end": 42, "text": "Ia", "entity": "e1", "kind": "pronoun"}]
    assert record["entities"][1]["geo"]["regency_code"] == "32.73"
    assert "geo" not in record["entities"][0]
    assert record["events"][0]["source"]["name"] == "Dedi Mulyadi"
    assert record["events"][0]["date_source"] == "none"
    back = to_dict(from_dict(record))
    assert back == record


def test_reference_to_a_missing_entity_is_invalid() -> None:
    record = to_dict(_doc())
    record["references"][0]["entity"] = "e9"
    with pytest.raises(ValueError, match="references/0"):
        validate(record)


def test_unknown_date_source_is_invalid() -> None:
    record = to_dict(_doc())
    record["events"][0]["date_source"] = "guessed"
    with pytest.raises(ValueError, match="date_source"):
        validate(record)


def test_name_key_normalises_case_accents_and_punctuation() -> None:
    from warta.model import name_key

    assert name_key("PERSON", "Joko  Widodo", "IDN") == "n:person:joko widodo:IDN"
    assert name_key("PERSON", "JOKO WIDODO", "IDN") == name_key("PERSON", "joko widodo", "IDN")
    assert name_key("ORGANIZATION", "Ma'ruf Amin Center") == "n:organization:ma ruf amin center"
    assert name_key("LOCATION", "Bogotá", "COL") == "n:location:bogota:COL"
