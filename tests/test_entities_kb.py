"""The entities stage with the knowledge base: corpus-wide keys, countries settled by the text or the
story, ambiguous names, cited media, terms, spelling variants, places with codes and coordinates,
and a quality gate on the foreign-politics dev articles."""

from __future__ import annotations

from conftest import owner
from entity_gold import FOREIGN, load_fixtures, score
from warta import Pipeline, validate
from warta.model import name_key


def test_one_key_for_one_actor_across_records(ents: Pipeline) -> None:
    texts = [
        "Jokowi meresmikan jalan tol di Sumatera Utara.",
        "Presiden Joko Widodo meresmikan bendungan di Jawa Tengah.",
        "Presiden Jokowi mengatakan pembangunan dilanjutkan.",
    ]
    keys = {
        owner(ents.analyze(t, published="2019-05-01"), m).key
        for t, m in zip(texts, ("Jokowi", "Joko Widodo", "Jokowi"), strict=True)
    }
    assert keys == {"kb:person/joko-widodo"}
    doc = ents.analyze("Jokowi meresmikan jalan tol.", published="2019-05-01")
    assert owner(doc, "Jokowi").name == "Joko Widodo"


def test_every_entity_has_a_key(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Budi Santoso, warga Desa Sukamaju, melapor ke Polres Bogor. KPK memeriksa Kepala Desa Sukamaju.",
        published="2024-01-10",
    )
    for e in doc.entities:
        assert e.key, e
        if not e.key.startswith("kb:"):
            assert e.key == name_key(e.type, e.name, e.country)
    assert owner(doc, "KPK").key == "kb:org/komisi-pemberantasan-korupsi"
    validate(doc.to_dict())


def test_ambiguous_names_follow_the_story(ents: Pipeline) -> None:
    us = ents.analyze(
        "Partai Demokrat di Amerika Serikat menolak rencana anggaran Presiden Donald Trump. "
        "DPR yang dikuasai Partai Demokrat akan memungut suara pekan depan di Washington, kata Nancy Pelosi.",
        published="2019-05-01",
    )
    assert owner(us, "DPR").country == "USA"
    assert owner(us, "Partai Demokrat").country == "USA"
    assert owner(us, "Nancy Pelosi").country == "USA"
    home = ents.analyze(
        "Partai Demokrat menolak RUU itu di DPR. Ketua Umum Partai Demokrat Agus Harimurti Yudhoyono hadir.",
        published="2021-05-01",
    )
    assert owner(home, "DPR").country == "IDN"
    assert owner(home, "DPR").key == "kb:org/dewan-perwakilan-rakyat"
    assert owner(home, "Partai Demokrat").country == "IDN"


def test_no_indonesian_default_in_a_foreign_story(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Pemerintah Kenya menangkap David Ndii di Nairobi. Ndii dikenal sebagai pengkritik Presiden Uhuru "
        "Kenyatta. Pemimpin oposisi Raila Odinga mengecam penangkapan itu di Kenya.",
        published="2017-12-04",
    )
    assert {e.country for e in doc.entities} == {"KEN"}


def test_bare_office_takes_the_country_named_before(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Sementara itu, Jepang menyatakan dunia mesti terus menekan Korea Utara. Menteri Luar Negeri Taro "
        "Kono mengatakan tekanan itu mesti dipertahankan, dan Amerika Serikat mendukungnya.",
        published="2017-08-22",
    )
    assert owner(doc, "Taro Kono").country == "JPN"


def test_nationality_next_to_a_name(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Kasus itu diduga melibatkan seorang warga negara Indonesia, Siti Aisyah, di Malaysia "
        "dan Korea Utara.",
        published="2017-08-22",
    )
    assert owner(doc, "Siti Aisyah").country == "IDN"


def test_cited_media_are_organisations(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Pemerintah Korea Selatan menolak tuduhan itu, seperti dikutip Chosun Daily, Senin (1/1). Menurut "
        "laporan kantor berita Yonhap, Seoul akan mengirim utusan, kata Reuters.",
        published="2018-01-01",
    )
    for name in ("Chosun Daily", "Yonhap", "Reuters"):
        ent = owner(doc, name)
        assert (ent.type, ent.sector) == ("ORGANIZATION", "MED"), ent
    assert owner(doc, "Chosun Daily").country == "KOR"


def test_terms_and_type_corrections(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Pemerintah menaikkan PPN menjadi 12 persen. Relawan Jokowi Mania menyatakan dukungan "
        "kepada Prabowo. "
        "Kantor berita Qatari News Agency melaporkan hal itu.",
        published="2024-12-01",
    )
    assert all("PPN" not in [m.text for m in e.mentions] for e in doc.entities)
    mania = next(e for e in doc.entities if e.name == "Jokowi Mania")
    assert mania.type == "ORGANIZATION"
    qna = owner(doc, "Qatari News Agency")
    assert (qna.type, qna.country) == ("ORGANIZATION", "QAT")


def test_spelling_variants_and_acronyms_join_their_entity(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Petenis Rusia Anastasia Kravtsova menang di Melbourne. Dalam laga itu, Kravchova "
        "mengalahkan unggulan "
        "pertama. Kementerian Luar Negeri RI menyambut hasil itu; Kemlu menyebut Ikhwanul Muslimin dan "
        "Ikhawanul Muslimin tidak terkait.",
        published="2021-03-01",
    )
    assert owner(doc, "Kravchova") is owner(doc, "Anastasia Kravtsova")
    assert owner(doc, "Kemlu") is owner(doc, "Kementerian Luar Negeri RI")
    assert owner(doc, "Kemlu").country == "IDN"
    assert owner(doc, "Ikhawanul Muslimin") is owner(doc, "Ikhwanul Muslimin")
    assert owner(doc, "Ikhwanul Muslimin").type == "ORGANIZATION"


def test_places_resolved(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Banjir melanda Kota Bandung dan Kabupaten Bogor, Jawa Barat. Di Moskow, salju turun. "
        "Warga Kecamatan "
        "Cibinong mengungsi. Bantuan dikirim dari Gaza dan Jalur Gaza.",
        published="2021-03-01",
    )
    bandung = owner(doc, "Kota Bandung").geo
    assert bandung is not None
    assert (bandung.precision, bandung.province_code, bandung.regency_code) == ("city", "32", "32.73")
    assert bandung.lat is not None
    assert bandung.lon is not None
    bogor = owner(doc, "Kabupaten Bogor").geo
    assert bogor is not None
    assert (bogor.precision, bogor.regency_code) == ("regency", "32.01")
    west_java = owner(doc, "Jawa Barat").geo
    assert west_java is not None
    assert (west_java.precision, west_java.province_code) == ("province", "32")
    moscow = owner(doc, "Moskow")
    assert moscow.country == "RUS"
    assert moscow.geo is not None
    assert moscow.geo.lat is not None
    assert owner(doc, "Gaza") is owner(doc, "Jalur Gaza")
    for e in doc.entities:
        if e.type == "LOCATION":
            assert e.country, e


def test_a_bare_region_is_the_one_named_in_full(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Pemerintah Kabupaten Bekasi menutup jalan. Warga Bekasi diminta mencari jalur lain.",
        published="2024-01-10",
    )
    assert owner(doc, "Bekasi").geo.regency_code == "32.16"  # type: ignore[union-attr]


def test_quality_gate_on_foreign_politics(ents: Pipeline) -> None:
    """12 CNN Indonesia internasional articles from the raw corpus, annotated before the system ran on
    them (first, blind score: mention F1 0.877, country 0.529, speaker 0.786; since then dev).
    Thresholds sit a little below the current scores (docs/entities.md)."""
    fixtures = load_fixtures(FOREIGN)
    assert len(fixtures) == 12
    s = score(Pipeline(), fixtures)
    assert s.mention_f1 >= 0.94, s.mentions  # measured 0.957 (0.939 before issue 11's second round)
    assert s.link_f1 >= 0.99, s.links  # measured 1.000
    assert s.country_accuracy >= 0.93, s.country  # measured 0.907 (0.878), 0.942 after round 3
    # places with a gold country that got one (0.970); of all found places 0.893: world regions and
    # seas found since (Semenanjung Korea, Pasifik Barat) have no country by design
    assert s.ratio(s.loc_country, "gold_with", "gold_total") >= 0.95, s.loc_country
    assert s.ratio(s.loc_country, "with") >= 0.88, s.loc_country
    assert s.ratio(s.coords) >= 0.70, s.coords  # measured 0.714: small towns (Diani, Samanud) have none
    assert s.speaker_accuracy >= 0.94, s.quotes  # measured 0.943 (0.814), 0.957: unnamed officials are null


def test_acronyms_defined_either_way(ents: Pipeline) -> None:
    doc = ents.analyze(
        "Sementara itu BPKN (Badan Perlindungan Konsumen Nasional) menerima aduan. Ketua BPKN hadir. "
        "Lembaga Survei Nusantara (LSN) merilis hasil survei; LSN menyebut elektabilitas naik.",
        published="2024-01-10",
    )
    assert owner(doc, "Badan Perlindungan Konsumen Nasional") is next(
        e for e in doc.entities if any(m.text == "BPKN" for m in e.mentions)
    )
    assert owner(doc, "Lembaga Survei Nusantara") is next(
        e for e in doc.entities if any(m.text == "LSN" for m in e.mentions)
    )
