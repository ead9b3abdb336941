"""Stage ``coref``: pronouns, -nya and role nouns resolved to entities, and the quotes that use them."""

from __future__ import annotations

import pytest

from warta import Pipeline, validate
from warta.model import Document, Reference


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(stages=["clean", "segment", "entities", "coref", "quotes"])


def _refs(doc: Document) -> list[tuple[str, str, str]]:
    out = []
    for r in doc.references:
        ent = doc.entity(r.entity)
        assert ent is not None
        assert doc.text[r.start : r.end] == r.text
        out.append((r.text, r.kind, ent.name))
    return out


def _speakers(doc: Document) -> list[tuple[str, str | None]]:
    names = {e.id: e.name for e in doc.entities}
    return [(q.text, names.get(q.speaker or "")) for q in doc.quotes]


def test_two_people_speak_in_turn(pipe: Pipeline) -> None:
    """Each quote goes to the person its cue names, and "-nya" to the one who spoke last."""
    doc = pipe.analyze(
        "“Kami sudah siap sejak pagi,” kata Budi Santoso, Ketua RT setempat.\n"
        "“Air naik sampai dada,” kata Siti Aminah, warga Desa Sukamaju.\n"
        "“Kami mengungsi ke masjid,” ujarnya.\n"
        "Budi menambahkan bahwa bantuan belum datang. Ia meminta pemerintah bergerak cepat.",
        published="2024-01-10",
    )
    assert ("nya", "possessive", "Siti Aminah") in _refs(doc)
    assert ("Ia", "pronoun", "Budi Santoso") in _refs(doc)
    speakers = dict(_speakers(doc))
    assert speakers["Kami sudah siap sejak pagi"] == "Budi Santoso"
    assert speakers["Air naik sampai dada"] == "Siti Aminah"
    assert speakers["Kami mengungsi ke masjid"] == "Siti Aminah"
    assert speakers["bantuan belum datang"] == "Budi Santoso"
    validate(doc.to_dict())


def test_subject_not_object_of_the_sentence_before(pipe: Pipeline) -> None:
    doc = pipe.analyze(
        "Presiden China Xi Jinping mengatakan kepada Presiden Korea Selatan Moon Jae-in bahwa negaranya "
        "berkomitmen pada denuklirisasi. Selain itu, dia juga mengatakan China mendukung dialog.",
        published="2017-07-06",
    )
    assert ("dia", "pronoun", "Xi Jinping") in _refs(doc)
    assert dict(_speakers(doc))["China mendukung dialog"] == "Xi Jinping"


def test_side_and_same_sentence_antecedent(pipe: Pipeline) -> None:
    doc = pipe.analyze(
        "Menteri Luar Negeri Retno Marsudi mengatakan pihaknya belum mendapat akses kekonsuleran.",
        published="2017-08-11",
    )
    assert ("pihaknya", "side", "Retno Marsudi") in _refs(doc)


def test_role_nouns(pipe: Pipeline) -> None:
    doc = pipe.analyze(
        "Menteri Keuangan Sri Mulyani bertemu Gubernur Bank Indonesia Perry Warjiyo di Jakarta. "
        "Sang menteri mengatakan inflasi terkendali. Kementerian Keuangan menyiapkan paket stimulus. "
        "Kementerian itu juga memperpanjang insentif pajak.",
        published="2021-03-01",
    )
    refs = _refs(doc)
    assert ("Sang menteri", "role", "Sri Mulyani Indrawati") in refs
    assert ("Kementerian itu", "role", "Kementerian Keuangan") in refs


def test_words_inside_quotes_are_left_alone(pipe: Pipeline) -> None:
    doc = pipe.analyze(
        "Raila Odinga mengecam penangkapan David Ndii. “Dia tidak melakukan kejahatan,” kata Odinga.",
        published="2017-12-04",
    )
    assert all(r.text != "Dia" for r in doc.references)
    assert dict(_speakers(doc))["Dia tidak melakukan kejahatan"] == "Raila Odinga"


def test_nothing_to_point_at(pipe: Pipeline) -> None:
    doc = pipe.analyze(
        "Ia datang terlambat karena hujan deras sejak pagi di kota itu.", published="2024-01-10"
    )
    assert doc.references == []


def test_references_round_trip_and_validate(pipe: Pipeline) -> None:
    doc = pipe.analyze(
        "Gubernur Jawa Barat Dedi Mulyadi meninjau banjir di Bekasi. Ia meminta warga waspada.",
        published="2025-03-05",
    )
    record = doc.to_dict()
    validate(record)
    assert record["references"]
    assert record["references"][0]["kind"] == "pronoun"
    back = Document.from_dict(record) if hasattr(Document, "from_dict") else None
    if back is not None:
        assert back.references == doc.references
    assert all(isinstance(r, Reference) for r in doc.references)


def test_quotes_run_without_coref() -> None:
    """``--stages quotes`` does not pull in coref (it is only used); the quotes stage then resolves
    pronouns itself."""
    pipe = Pipeline(stages=["quotes"])
    assert "coref" not in pipe.stage_names
    doc = pipe.analyze("“Kami siap,” kata Budi Santoso. “Semua aman,” ujarnya.", published="2024-01-10")
    assert doc.references == []
    assert [name for _, name in _speakers(doc)] == ["Budi Santoso", "Budi Santoso"]


def test_default_pipeline_runs_coref_before_quotes() -> None:
    names = Pipeline().stage_names
    assert names.index("entities") < names.index("coref") < names.index("quotes")
