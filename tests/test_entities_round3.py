"""Issue 11, third round: general rules for countries in foreign stories, organisation names and
quote speakers (sentences written for these tests, in the style of the dev articles)."""

from __future__ import annotations

import pytest

from conftest import owner
from warta import Pipeline
from warta.model import Document


@pytest.fixture(scope="module")
def full() -> Pipeline:
    return Pipeline(stages=["clean", "segment", "entities", "coref", "quotes"])


def _mentions(doc: Document) -> set[tuple[str, str]]:
    return {(m.text, e.type) for e in doc.entities for m in e.mentions}


def test_an_organisations_nationality_passes_to_the_people_it_heads(ents: Pipeline) -> None:
    text = (
        "Maskapai asal Vietnam, Vietjet Air, membuka rute baru ke Jakarta. "
        "Wakil Presiden Direktur Vietjet Air Nguyen Thanh Hung berharap rute itu ramai."
    )
    doc = ents.analyze(text, published="2017-08-22")
    assert owner(doc, "Vietjet Air").country == "VNM"
    assert owner(doc, "Nguyen Thanh Hung").country == "VNM"


def test_an_ambassadors_country_is_the_sending_one(ents: Pipeline) -> None:
    text = (
        'Warga itu ditahan imigrasi Amerika Serikat. "Ini murni masalah imigrasi," ujar Duta Besar '
        "Republik Indonesia di Washington, Budi Hartono, kepada wartawan."
    )
    assert owner(ents.analyze(text, published="2017-06-02"), "Budi Hartono").country == "IDN"


def test_a_spaced_hyphen_inside_a_country_name(ents: Pipeline) -> None:
    text = "Retno bertemu Menlu Timor - Leste Aurelio Sergio Guterres di Jakarta. Timor Leste setuju."
    doc = ents.analyze(text, published="2018-01-31")
    assert owner(doc, "Aurelio Sergio Guterres").country == "TLS"
    assert owner(doc, "Timor - Leste") is owner(doc, "Timor Leste")


def test_a_generic_body_in_a_title_gives_no_foreign_country(ents: Pipeline) -> None:
    text = (
        "Parlemen Peru memakzulkan presiden. Putusan itu diumumkan pemimpin Kongres Jose Jeri di Lima. "
        "Demonstran di Peru terus turun ke jalan."
    )
    assert owner(ents.analyze(text, published="2025-10-10"), "Jose Jeri").country == "PER"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Rapat itu dihadiri Komisi VII DPR RI dan pemerintah.", "Komisi VII DPR RI"),
        (
            "Kepala Dinas Komunikasi dan Informatika menjelaskan sistemnya.",
            "Dinas Komunikasi dan Informatika",
        ),
        ("Menurut riset YouGov, pemilih terbelah.", "YouGov"),
    ],
)
def test_organisation_names_the_model_cuts_or_misses(ents: Pipeline, text: str, name: str) -> None:
    assert (name, "ORGANIZATION") in _mentions(ents.analyze(text, published="2025-10-01"))


def test_no_person_without_a_capital_and_no_conjunction_in_a_name(ents: Pipeline) -> None:
    text = (
        'Harry Styles tampil di London. "Saya senang," ujarnya, seraya menambahkan bahwa tur berlanjut. '
        "Meski Styles menolak, lagu lama tetap dibawakan."
    )
    doc = ents.analyze(text, published="2017-06-01")
    found = _mentions(doc)
    assert not any(t == "PERSON" and not any(c.isupper() for c in m) for m, t in found)
    assert ("Meski Styles", "PERSON") not in found


def test_terms_are_no_entities(ents: Pipeline) -> None:
    doc = ents.analyze("Brexit membuat Theresa May terdesak. Polisi menjerat tersangka dengan TPPU.")
    names = {m for m, _ in _mentions(doc)}
    assert "Brexit" not in names
    assert "TPPU" not in names


def test_a_district_before_its_city_is_two_places(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Kapolsek Taman Sari Jakarta Barat membenarkan penangkapan itu.", published="2018-01-11"
    )
    found = _mentions(doc)
    assert ("Taman Sari", "LOCATION") in found
    doc = ents.analyze(
        "Polisi menggerebek rumah di Jalan Hati Suci Tanah Abang, Jakpus.", published="2018-01-11"
    )
    assert ("Tanah Abang", "LOCATION") in _mentions(doc)
    assert ("Jakarta Barat", "LOCATION") in found


def test_a_person_named_where_places_are_is_a_world_city(ents: Pipeline) -> None:
    text = "Maskapai itu membuka rute Ho Chi Minh - Jakarta. Penerbangan ke Ho Chi Minh dimulai Desember."
    ent = owner(ents.analyze(text, published="2017-08-22"), "Ho Chi Minh")
    assert (ent.type, ent.country) == ("LOCATION", "VNM")


def test_the_object_of_a_preposition_is_no_speaker(full: Pipeline) -> None:
    text = (
        "Wakil Ketua KPK Basaria Panjaitan berkata pihaknya menjerat Antonius Tonny Budiono. "
        "Perusahaan itu diduga memberi upeti ke Tonny.\n"
        '"Kalau ada keterlibatan perusahaan, kita pidanakan juga," ujarnya.'
    )
    doc = full.analyze(text, published="2017-08-25")
    quote = next(q for q in doc.quotes if q.text.startswith("Kalau"))
    ent = doc.entity(quote.speaker or "")
    assert ent is not None
    assert ent.name == "Basaria Panjaitan"


def test_an_organisation_speaks_not_the_country_before_it(full: Pipeline) -> None:
    text = "Kantor media Qatar Al Jazeera mengaku mengalami peretasan pada Kamis (8/6)."
    doc = full.analyze(text, published="2017-06-08")
    ent = doc.entity(doc.quotes[0].speaker or "")
    assert ent is not None
    assert ent.name == "Al Jazeera"


def test_mereka_after_a_generic_group_is_nobody(full: Pipeline) -> None:
    text = (
        "Institut Ilmu Kedokteran Pakistan merawat 50 pasien sehari. "
        "Para pemerhati lingkungan juga menyerukan transportasi umum yang lebih kuat. "
        "Mereka mengatakan polusi harus diperlakukan sebagai keadaan darurat."
    )
    doc = full.analyze(text, published="2025-11-01")
    quote = next(q for q in doc.quotes if q.text.startswith("polusi"))
    assert quote.speaker is None


def test_a_title_ends_a_place_only_before_a_name(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Kapal itu bersandar di Pelabuhan Tanjung Mas, Semarang, Kamis (24/8).", published="2017-08-24"
    )
    assert ("Pelabuhan Tanjung Mas", "LOCATION") in _mentions(doc)


def test_a_first_name_ending_an_organisation_goes_to_the_person(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Capres dari Partai Republik Donald Trump mendorong para pemilih.", published="2016-11-07"
    )
    found = _mentions(doc)
    assert ("Partai Republik", "ORGANIZATION") in found
    assert ("Donald Trump", "PERSON") in found


def test_an_apposition_gives_the_country_a_bare_rank_does_not(ents: Pipeline) -> None:
    text = (
        'Serangan udara menewaskan petinggi ISIS di Afghanistan. "Ini pukulan," bunyi pernyataan '
        "Jenderal John Nicholson, komandan senior AS di Afghanistan."
    )
    assert owner(ents.analyze(text, published="2017-08-13"), "John Nicholson").country == "USA"


def test_a_nationality_before_a_list_of_names(ents: Pipeline) -> None:
    text = (
        "Pertunjukan digelar di Amsterdam, Belanda. Sebanyak lima pesilat Indonesia yakni, Yola Prima, "
        "Hendy, Nunu Nugraha, dan Asep Wildansah bersiap tampil di Belanda."
    )
    doc = ents.analyze(text, published="2017-06-01")
    assert owner(doc, "Nunu Nugraha").country == "IDN"
    assert owner(doc, "Asep Wildansah").country == "IDN"
