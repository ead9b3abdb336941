"""Countries in foreign stories: from the organisation a person's title names, an institution and a
spokesperson written as one name, a country's police or parliament, the chain of places (sentences
written for these tests, in the style of the dev articles)."""

from __future__ import annotations

import pytest

from conftest import owner
from warta import Pipeline


def test_title_naming_an_indonesian_body_beats_the_nearest_country(ents: Pipeline) -> None:
    text = (
        "China terus bersikap agresif di Laut China Selatan. Siswono, Kepala Badan Pengkajian dan "
        "Pengembangan Kebijakan Kemlu, mengatakan tak ada negara yang mendukung."
    )
    ent = owner(ents.analyze(text, published="2017-10-31"), "Siswono")
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
    assert owner(doc, org).type == "ORGANIZATION"
    ent = owner(doc, person)
    assert (ent.type, ent.country) == ("PERSON", country)


def test_a_countrys_police_is_one_organisation(ents: Pipeline) -> None:
    doc = ents.analyze("Kepolisian Swedia menangkap seorang tersangka di Stockholm.", published="2017-04-08")
    ent = owner(doc, "Kepolisian Swedia")
    assert (ent.type, ent.country) == ("ORGANIZATION", "SWE")


def test_place_written_with_its_country(ents: Pipeline) -> None:
    doc = ents.analyze("Pertandingan digelar di Stadion Kazan Arena, Kazan, Rusia.", published="2018-06-30")
    assert owner(doc, "Stadion Kazan Arena").country == "RUS"


def test_name_particles_and_titles_before_them(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Cavusoglu dijadwalkan bertemu dengan Emir Qatar Sheikh Tamim bin Hamad al-Thani di Doha.",
        published="2017-07-23",
    )
    ent = owner(doc, "Tamim bin Hamad al-Thani")
    assert (ent.type, ent.country) == ("PERSON", "QAT")
    assert owner(doc, "Qatar").type == "LOCATION"


def test_names_after_a_rank_or_a_foreign_office(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Hadir pula Menteri Pendidikan (Pendidikan Dasar) Singapura Ng Chee Meng. Ia didampingi "
        "Laksamana Muda Shoshana Chatfield yang bertugas di Guam.",
        published="2017-09-07",
    )
    ng = owner(doc, "Ng Chee Meng")
    assert (ng.type, ng.country, ng.title) == (
        "PERSON",
        "SGP",
        "Menteri Pendidikan (Pendidikan Dasar) Singapura",
    )
    assert owner(doc, "Shoshana Chatfield").type == "PERSON"
    # an Indonesian office: the model knows Indonesian names, and "Jenderal" after Direktur is no rank
    doc = ents.analyze("Direktur Jenderal Pajak Nomor Satu itu hadir.", published="2017-09-07")
    assert not [e for e in doc.entities if e.type == "PERSON"]


def test_known_organisation_and_its_country(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Qatar diminta mengusir anggota kelompok Hamas Palestina dari Doha.", published="2017-06-23"
    )
    assert owner(doc, "Hamas").type == "ORGANIZATION"
    assert owner(doc, "Palestina").country == "PSE"
    doc = ents.analyze("Danantara Indonesia mengumumkan investasi baru.", published="2025-06-23")
    assert owner(doc, "Danantara Indonesia").type == "ORGANIZATION"


def test_relative_clause_after_the_speaker(ents: Pipeline) -> None:
    pipe = Pipeline(stages=["clean", "segment", "entities", "coref", "quotes"])
    doc = pipe.analyze(
        "“Kami bekerja erat dengan Pemerintah Inggris,” kata Wakil Menteri Dalam Negeri Libya Abdelsalam "
        "Ashour. Ashour yang merupakan anggota organisasi yang diinisiasi PBB tersebut mengatakan satuan "
        "pengawas telah ditugaskan dalam penyelidikan.",
        published="2017-05-25",
    )
    names = {e.id: e.name for e in doc.entities}
    assert [names.get(q.speaker or "") for q in doc.quotes] == ["Abdelsalam Ashour", "Abdelsalam Ashour"]


def test_branches_lists_and_regions_after_a_known_organisation(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Twitter Indonesia menggelar acara. Menurut Twitter Asia Tenggara, pengguna naik. "
        "Twitter dan LinkedIn bekerja sama. Kementerian Pemuda dan Olahraga ikut hadir.",
        published="2017-06-23",
    )
    assert owner(doc, "Twitter Indonesia") is not owner(doc, "Twitter")  # a branch is its own
    assert owner(doc, "Twitter").country == "USA"
    assert owner(doc, "Asia Tenggara").type == "LOCATION"
    assert owner(doc, "LinkedIn").type == "ORGANIZATION"
    assert owner(doc, "Kementerian Pemuda dan Olahraga").type == "ORGANIZATION"
