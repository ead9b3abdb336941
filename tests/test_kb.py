"""The actor knowledge base (src/warta/resources/kb/): its files, lookups and aliases."""

from __future__ import annotations

import re
from importlib import resources

import pycountry
import pytest

from warta import kb

KB = resources.files("warta") / "resources" / "kb"
_ISO3 = {c.alpha_3 for c in pycountry.countries} | {"XKX", "IGO"}


def test_every_entry_is_well_formed() -> None:
    base = kb.knowledge_base()
    assert len(base.entries) > 10_000
    for ent in base.entries.values():
        assert ent.type in ("PERSON", "ORGANIZATION", "LOCATION"), ent
        assert ent.country is None or ent.country in _ISO3, ent
        assert ent.name, ent
        assert not ent.name.startswith("~"), ent
        if ent.geo is not None:
            assert ent.geo.precision in ("country", "province", "regency", "city", "point"), ent
            if ent.geo.lat is not None:
                assert ent.geo.lon is not None, ent
                assert -90 <= ent.geo.lat <= 90, ent


def test_curated_ids_are_unique_and_stable() -> None:
    for name in ("institutions.tsv", "people.tsv"):
        ids = [
            line.split("\t")[0]
            for line in (KB / name).read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        ]
        assert len(ids) == len(set(ids)), name
        assert all(re.fullmatch(r"(org|person)/[a-z0-9-]+", i) for i in ids), name


def test_aliases_of_a_key() -> None:
    names = kb.aliases("kb:person/joko-widodo")
    assert names[0] == "Joko Widodo"
    assert "Jokowi" in names
    assert "Komisi Pemberantasan Korupsi" in kb.aliases("kb:org/komisi-pemberantasan-korupsi")
    assert "KPK" in kb.aliases("kb:org/komisi-pemberantasan-korupsi")
    assert {"AS", "Amerika", "Paman Sam"} <= set(kb.aliases("kb:country/USA"))
    assert kb.aliases("n:person:budi santoso:IDN") == []
    assert kb.aliases("kb:nothing/here") == []


@pytest.mark.parametrize(
    ("name", "entry_id", "country"),
    [
        ("KPK", "org/komisi-pemberantasan-korupsi", "IDN"),
        ("Jokowi", "person/joko-widodo", "IDN"),
        ("Negeri Tirai Bambu", "country/CHN", "CHN"),
        ("Negeri Paman Sam", "country/USA", "USA"),
        ("Kremlin", "org/kremlin", "RUS"),
        ("Gedung Putih", "org/gedung-putih", "USA"),
        ("Downing Street", "org/downing-street", "GBR"),
        ("Reuters", "org/reuters", "GBR"),
        ("PBB", "org/perserikatan-bangsa-bangsa", "IGO"),
        ("Moskow", "city/524901", "RUS"),
    ],
)
def test_lookup(name: str, entry_id: str, country: str) -> None:
    found = kb.lookup(name)
    assert found
    assert found[0].id == entry_id
    assert found[0].country == country
    assert kb.entry(f"kb:{entry_id}") is found[0]


def test_ambiguous_names_have_every_sense() -> None:
    senses = {e.country for e in kb.lookup("DPR")}
    assert senses == {"IDN", "USA"}
    assert kb.lookup("DPR")[0].country == "IDN"  # the default sense first; the US House only in a US story
    assert kb.lookup("Partai Demokrat")[-1].alt


def test_indonesian_regions_have_codes_and_coordinates() -> None:
    bandung = kb.lookup("Kota Bandung")[0]
    assert bandung.geo is not None
    assert (bandung.geo.regency_code, bandung.geo.province_code, bandung.geo.precision) == (
        "32.73",
        "32",
        "city",
    )
    assert bandung.geo.lat is not None
    assert -7.5 < bandung.geo.lat < -6.5
    assert kb.lookup("Bandung")[0].id == "region/32.73"  # a bare name is the city before the regency
    assert kb.lookup("Jawa Barat")[0].geo.precision == "province"  # type: ignore[union-attr]
    assert kb.lookup("Jaksel")[0].geo.regency_code == "31.74"  # type: ignore[union-attr]
    regions = [e for e in kb.knowledge_base().entries.values() if e.id.startswith("region/")]
    assert len(regions) == 38 + 514
    with_coords = [e for e in regions if e.geo is not None and e.geo.lat is not None]
    assert len(with_coords) >= 550
    for e in with_coords:
        assert e.geo is not None
        assert e.geo.lat is not None
        assert e.geo.lon is not None
        assert -11.5 < e.geo.lat < 6.5, e
        assert 94 < e.geo.lon < 141.5, e


def test_people_have_offices_with_dates() -> None:
    jokowi = kb.entry("person/joko-widodo")
    assert jokowi is not None
    president = next(o for o in jokowi.offices if o.title == ("presiden",))
    assert president.held_on("2019-05-01")
    assert not president.held_on("2025-01-01")
    assert kb.knowledge_base().offices[("menlu",)] == ("menteri", "luar", "negeri")


def test_terms_are_not_entities() -> None:
    terms = kb.knowledge_base().terms
    assert {"PPN", "APBN", "KUHP"} <= terms
