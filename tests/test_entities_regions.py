"""Indonesian regions as news names them: kota or kabupaten from the words around a bare name,
institutions built from a head and a region, districts among namesakes, and the chain of places a
village or street is written with (sentences written for these tests)."""

from __future__ import annotations

import pytest

from conftest import owner
from warta import Pipeline
from warta.model import Entity


def _codes(ent: Entity) -> tuple[str | None, str | None]:
    assert ent.geo is not None, ent
    return ent.geo.province_code, ent.geo.regency_code


@pytest.mark.parametrize(
    ("text", "mention", "regency"),
    [
        ("Bupati Bogor meninjau banjir. Di Bogor hujan turun sejak pagi.", "Bogor", "32.01"),
        ("Wali Kota Bogor meninjau banjir. Di Bogor hujan turun sejak pagi.", "Bogor", "32.71"),
        ("Warga mengungsi ke balai desa. Hujan deras melanda Bogor sejak pagi.", "Bogor", "32.71"),
        ("Rapat digelar di Kab. Malang kemarin.", "Kab. Malang", "35.07"),
        ("Wali Kota Malang hadir dalam rapat itu.", "Malang", "35.73"),
        ("Bupati Sukabumi meninjau lokasi longsor.", "Sukabumi", "32.02"),
    ],
)
def test_kota_or_kabupaten_from_the_text(ents: Pipeline, text: str, mention: str, regency: str) -> None:
    ent = owner(ents.analyze(text), mention)
    assert ent.type == "LOCATION"
    assert _codes(ent) == (regency[:2], regency)


@pytest.mark.parametrize(
    ("text", "name", "sector"),
    [
        ("Petugas Polres Garut tiba di lokasi.", "Polres Garut", "COP"),
        ("Kepala BPBD Aceh Jaya menyebut tiga rumah hangus.", "BPBD Aceh Jaya", "GOV"),
        ("Pemkab Sleman menggelar rapat dengan warga.", "Pemkab Sleman", "GOV"),
    ],
)
def test_head_and_region_are_one_institution(ents: Pipeline, text: str, name: str, sector: str) -> None:
    ent = owner(ents.analyze(text), name)
    assert (ent.type, ent.country, ent.sector) == ("ORGANIZATION", "IDN", sector)


def test_office_before_a_region_makes_no_person(ents: Pipeline) -> None:
    doc = ents.analyze("Bupati Sleman hadir dalam rapat itu.")
    assert owner(doc, "Sleman").type == "LOCATION"
    assert _codes(owner(doc, "Sleman")) == ("34", "34.04")


def test_village_takes_the_codes_of_the_places_after_it(ents: Pipeline) -> None:
    doc = ents.analyze("Banjir merendam Desa Sukamaju, Kecamatan Cibinong, Kabupaten Bogor, Jawa Barat.")
    assert _codes(owner(doc, "Desa Sukamaju")) == ("32", "32.01")
    assert _codes(owner(doc, "Kecamatan Cibinong")) == ("32", "32.01")
    street = owner(ents.analyze("Kecelakaan terjadi di Jalan Sudirman, Jakarta Pusat."), "Jalan Sudirman")
    assert _codes(street) == ("31", "31.71")


def test_namesake_district_elsewhere_yields_to_the_chain(ents: Pipeline) -> None:
    # Kampung Melayu is a district of Kota Bengkulu too; here it is in Jakarta Timur
    doc = ents.analyze("Ratusan warga Kampung Melayu, Jatinegara, Jakarta Timur mengungsi.")
    ent = owner(doc, "Kampung Melayu")
    assert _codes(ent) == ("31", "31.75")
    assert ent.key is not None
    assert "17.71" not in ent.key


def test_district_namesake_in_the_regency_the_article_names(ents: Pipeline) -> None:
    text = "Banjir melanda Aceh Jaya. Desa yang terendam ada di Kecamatan Panga dan Darul Hikmah."
    doc = ents.analyze(text)
    assert _codes(owner(doc, "Kecamatan Panga")) == ("11", "11.14")


def test_local_place_in_the_story_regency(ents: Pipeline) -> None:
    text = (
        "Kecelakaan terjadi di Kota Bekasi, Jumat (3/3). Warga Kota Bekasi berkumpul di Jalan Juanda "
        "setelah kejadian itu. Warga juga mengungsi ke Pulau Jawa bagian barat."
    )
    doc = ents.analyze(text)
    assert _codes(owner(doc, "Jalan Juanda")) == ("32", "32.75")
    island = [e for e in doc.entities if "Jawa" in e.name]
    assert island
    assert all(e.geo is None or not e.geo.regency_code for e in island)  # only streets, villages …
