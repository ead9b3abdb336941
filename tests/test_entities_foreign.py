"""Countries in foreign stories: from the organisation a person's title names, an institution and a
spokesperson written as one name, a country's police or parliament, the chain of places (sentences
written for these tests, in the style of the dev articles)."""

from __future__ import annotations

import pytest

from warta import Pipeline
from warta.model import Document, Entity


@pytest.fixture(scope="module")
def ents() -> Pipeline:
    return Pipeline(stages=["clean", "segment", "entities"])


def _owner(doc: Document, mention: str) -> Entity:
    found = [e for e in doc.entities if any(m.text == mention for m in e.mentions)]
    assert len(found) == 1, f"{mention!r} in {[(e.name, [m.text for m in e.mentions]) for e in doc.entities]}"
    return found[0]


def test_title_naming_an_indonesian_body_beats_the_nearest_country(ents: Pipeline) -> None:
    text = (
        "China terus bersikap agresif di Laut China Selatan. Siswono, Kepala Badan Pengkajian dan "
        "Pengembangan Kebijakan Kemlu, mengatakan tak ada negara yang mendukung."
    )
    ent = _owner(ents.analyze(text, published="2017-10-31"), "Siswono")
    assert ent.country == "IDN"
    assert ent.title == "Kepala Badan Pengkajian dan Pengembangan Kebijakan Kemlu"


@pytest.mark.parametrize(
    ("text", "org", "person", "country"),
    [
        (
            "Kelompok Hamas menolak. Juru bicara Hamas Fawzi Barhoum mengatakan hal itu.",
            "Hamas",
            "Fawzi Barhoum",
            "PSE",
        ),
        (
            "Direktur Jenderal Badan Energi Atom Internasional Yukiya Amano menyebut Iran patuh.",
            "Badan Energi Atom Internasional",
            "Yukiya Amano",
            "IGO",
        ),
    ],
)
def test_institution_then_spokesperson(
    ents: Pipeline, text: str, org: str, person: str, country: str
) -> None:
    doc = ents.analyze(text, published="2017-05-01")
    assert _owner(doc, org).type == "ORGANIZATION"
    ent = _owner(doc, person)
    assert (ent.type, ent.country) == ("PERSON", country)


def test_a_countrys_police_is_one_organisation(ents: Pipeline) -> None:
    doc = ents.analyze("Kepolisian Swedia menangkap seorang tersangka di Stockholm.", published="2017-04-08")
    ent = _owner(doc, "Kepolisian Swedia")
    assert (ent.type, ent.country) == ("ORGANIZATION", "SWE")


def test_place_written_with_its_country(ents: Pipeline) -> None:
    doc = ents.analyze("Pertandingan digelar di Stadion Kazan Arena, Kazan, Rusia.", published="2018-06-30")
    assert _owner(doc, "Stadion Kazan Arena").country == "RUS"
