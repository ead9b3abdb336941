"""The entities stage: the seed article's expectations, a quality gate on hand-annotated dev
articles, and robustness on odd input."""

from __future__ import annotations

import pytest

from conftest import owner
from entity_gold import BLIND, FIXTURES, load_fixtures, score
from warta import Pipeline, validate
from warta.model import Document, Entity, Span


def _by_name(doc: Document, name: str) -> Entity:
    found = [e for e in doc.entities if e.name == name]
    assert found, f"no entity named {name!r}: {[e.name for e in doc.entities]}"
    assert len(found) == 1, f"{name!r} is split into {len(found)} entities"
    return found[0]


@pytest.mark.parametrize(
    ("name", "country", "sectors", "forms"),
    [
        ("Valery Gerasimov", "RUS", {"MIL"}, {"Valery Gerasimov", "Gerasimov"}),
        ("Mark Milley", "USA", {"MIL"}, {"Mark Milley", "Milley"}),
        ("Sergei Shoigu", "RUS", {"MIL", "GOV"}, {"Sergei Shoigu", "Shoigu"}),
        ("Dmitry Peskov", "RUS", {"GOV"}, {"Dmitry Peskov"}),
    ],
)
def test_seed_people(seed_doc: Document, name: str, country: str, sectors: set[str], forms: set[str]) -> None:
    ent = _by_name(seed_doc, name)
    assert ent.type == "PERSON"
    assert ent.country == country
    assert ent.sector in sectors
    assert {m.text for m in ent.mentions} == forms


def test_seed_titles(seed_doc: Document) -> None:
    assert _by_name(seed_doc, "Dmitry Peskov").title == "Juru bicara Kremlin"
    assert _by_name(seed_doc, "Sergei Shoigu").title == "menteri pertahanan Rusia"
    assert _by_name(seed_doc, "Valery Gerasimov").title == "Kepala Staf Umum Militer Rusia"


def test_seed_countries_and_places(seed_doc: Document) -> None:
    usa = _by_name(seed_doc, "Amerika Serikat")
    assert usa.type == "LOCATION"
    assert usa.country == "USA"
    assert {m.text for m in usa.mentions} == {"Amerika Serikat", "AS"}
    for place, iso3 in [
        ("Odessa", "UKR"),
        ("Crimea", "UKR"),
        ("Kiev", "UKR"),
        ("Moskow", "RUS"),
        ("Washington", "USA"),
    ]:
        ent = owner(seed_doc, place)
        assert ent.type == "LOCATION", place
        assert ent.country == iso3, place
    assert owner(seed_doc, "Rusia").country == "RUS"


def test_seed_organisations(seed_doc: Document) -> None:
    pentagon = _by_name(seed_doc, "Pentagon")
    assert (pentagon.type, pentagon.country, pentagon.sector) == ("ORGANIZATION", "USA", "MIL")
    mod = _by_name(seed_doc, "Kementerian Pertahanan Rusia")
    assert (mod.type, mod.country) == ("ORGANIZATION", "RUS")
    assert owner(seed_doc, "Uni Eropa").type == "ORGANIZATION"
    assert owner(seed_doc, "AFP").type == "ORGANIZATION"
    kremlin = owner(seed_doc, "Kremlin")
    assert (kremlin.country, kremlin.sector) == ("RUS", "GOV")


def test_seed_ids_and_record(seed_doc: Document, seed_record: dict) -> None:  # type: ignore[type-arg]
    assert [e.id for e in seed_doc.entities] == [f"e{i + 1}" for i in range(len(seed_doc.entities))]
    validate(seed_record)
    for ent in seed_record["entities"]:
        for m in ent["mentions"]:
            assert seed_record["document"]["text"][m["start"] : m["end"]] == m["text"]


def test_acronym_and_title_merging(pipeline: Pipeline) -> None:
    doc = pipeline.analyze(
        "Partai Keadilan Sejahtera (PKS) menggelar rapat di Jakarta. Presiden Joko Widodo hadir. "
        "Menurut Joko Widodo, PKS adalah mitra. Kapolda Metro Jaya Irjen Fadil Imran juga datang."
    )
    pks = owner(doc, "PKS")
    assert pks.name == "Partai Keadilan Sejahtera"
    assert pks.type == "ORGANIZATION"
    assert len(pks.mentions) == 3
    jokowi = _by_name(doc, "Joko Widodo")
    assert jokowi.title == "Presiden"
    assert jokowi.sector == "GOV"
    assert len(jokowi.mentions) == 2
    fadil = owner(doc, "Fadil Imran")
    assert fadil.country == "IDN"
    assert fadil.sector == "COP"


def test_quality_gate_on_dev_fixtures(pipeline: Pipeline) -> None:
    """Hand-annotated dev articles (tests/fixtures/entities): mentions, merging and countries.
    Thresholds sit a little below the measured scores (see docs/entities.md)."""
    s = score(pipeline, load_fixtures())
    assert s.mention_f1 >= 0.90, s.mentions  # measured 0.887, 0.912 after round 3
    assert s.link_f1 >= 0.99, s.links  # measured 1.000
    # measured 0.885 (0.820 before the knowledge base), 0.967 after round 3 with the retrained model
    assert s.country_accuracy >= 0.95, s.country


def test_quality_gate_on_blind_fixtures(pipeline: Pipeline) -> None:
    """8 dev articles annotated before any entity output was seen (tests/fixtures/entities_blind),
    never used to develop the rules. Thresholds sit a little below the first (blind) measurement."""
    s = score(pipeline, load_fixtures(BLIND))
    assert s.mention_f1 >= 0.87, s.mentions  # measured 0.871 blind, 0.878 now
    assert s.link_f1 >= 0.95, s.links  # measured 0.935 blind, 0.960 now
    # measured 0.652 blind; 0.697 after the domestic-role rules, 0.864 with the knowledge base
    # (no longer blind)
    assert s.country_accuracy >= 0.91, s.country  # 0.924 after round 3


def test_quality_gate_on_blind3(pipeline: Pipeline) -> None:
    """26 articles (12 foreign stories) annotated before warta ran on them (tests/fixtures/entities_blind3,
    README there): the blind figures of 2026-12-04 are the floor. Dev material from now on."""
    s = score(pipeline, load_fixtures(FIXTURES.parent / "entities_blind3"))
    # blind: 0.851 / 0.977 / 0.823 / 0.857; after round 3 (half A's errors read, half B held back):
    assert s.mention_f1 >= 0.88, s.mentions  # 0.889 (with the retrained NER model)
    assert s.link_f1 >= 0.97, s.links  # 0.979
    assert s.country_accuracy >= 0.88, s.country  # 0.892
    assert s.speaker_accuracy >= 0.89, s.quotes  # 0.901 (target 0.93 not met: half B 0.802)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "(",
        "AS AS AS",
        "Presiden",
        "PT",
        "alias",
        "berinisial",
        "X (Y)",
        "Jakarta " * 300,
        "a\n\n\nb",
    ],
)
def test_odd_input_never_crashes(pipeline: Pipeline, text: str) -> None:
    doc = Document(raw=text, text=text, paragraphs=[Span(0, len(text), text)])
    for stage in pipeline.stages:
        if stage.name in ("segment", "entities"):
            stage(doc)
    for ent in doc.entities:
        assert ent.mentions
        for m in ent.mentions:
            assert text[m.start : m.end] == m.text


def test_generic_institutions_take_the_story_country(pipeline: Pipeline) -> None:
    doc = pipeline.analyze(
        "Pemerintah Kanada membayar ganti rugi setelah Mahkamah Agung Kanada memutuskan kasus Omar Khadr. "
        "Mahkamah Agung menyatakan hak Khadr dilanggar di Guantanamo."
    )
    court = owner(doc, "Mahkamah Agung")
    assert court.name == "Mahkamah Agung Kanada"
    assert (court.country, court.sector) == ("CAN", "JUD")
    home = pipeline.analyze("Mahkamah Agung menolak kasasi terdakwa korupsi asal Bandung, Jawa Barat.")
    assert owner(home, "Mahkamah Agung").country == "IDN"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # (b) Indonesian-only role words and institutions in the title
        (
            "Kepala Kanwil DJP Sumatera Utara II, Slamet Marif, memeriksa laporan pajak.",
            "Slamet Marif",
            "IDN",
        ),
        ("Imam Besar FPI, Rizieq Shihab, tiba di bandara.", "Rizieq Shihab", "IDN"),
        ("Kapolsek Tanah Abang Budi Santoso menangkap dua pelaku.", "Budi Santoso", "IDN"),
        ("Ketua RT setempat, Joko Waluyo, melapor ke polisi.", "Joko Waluyo", "IDN"),
        # (a) an Indonesian institution inside the title
        ("Anggota Komisi III DPR Arsul Sani mengkritik putusan itu.", "Arsul Sani", "IDN"),
        # a foreign place in the title keeps its country
        ("Gubernur Tokyo Yuriko Koike menutup sekolah.", "Yuriko Koike", "JPN"),
    ],
)
def test_person_country_from_title(pipeline: Pipeline, text: str, name: str, country: str) -> None:
    assert owner(pipeline.analyze(text), name).country == country


def test_generic_role_in_an_indonesian_story(pipeline: Pipeline) -> None:
    """(c) a generic role (pelatih) takes IDN only when the story's places are Indonesian and one
    is named in the same sentence as the person."""
    home = pipeline.analyze(
        "Tim asal Bandung itu berlatih di Surabaya pekan lalu. "
        "Di Jakarta, pelatih Hendra Wijaya mengatakan timnya siap menghadapi laga di Medan."
    )
    assert owner(home, "Hendra Wijaya").country == "IDN"
    away = pipeline.analyze(
        "Tim asal Madrid itu berlatih di Paris pekan lalu. "
        "Di London, pelatih Hendra Wijaya mengatakan timnya siap menghadapi laga di Berlin."
    )
    assert owner(away, "Hendra Wijaya").country != "IDN"


def test_rank_is_a_title(pipeline: Pipeline) -> None:
    doc = pipeline.analyze("Sersan Christopher Speer tewas dalam pertempuran di Afghanistan pada 2002.")
    speer = owner(doc, "Christopher Speer")
    assert (speer.title, speer.sector) == ("Sersan", "MIL")


# -- entity repairs that speaker attribution depends on (snippets written for these tests) -------------


def test_nickname_in_parentheses_and_sapaan_akrab(pipeline: Pipeline) -> None:
    doc = pipeline.analyze(
        "Wakil Gubernur Jawa Timur Saifullah Yusuf (Gus Ipul) membuka acara itu. Menurut Gus Ipul, "
        "pesantren harus mandiri. Ipul juga meminta santri rajin belajar. Ketua Yayasan Darul Ulum "
        "Abdul Ghofur Maimoen, yang akrab disapa Gus Ghofur, ikut hadir. Gus Ghofur mengatakan acara itu "
        "penting."
    )
    ipul = _by_name(doc, "Saifullah Yusuf")
    assert {m.text for m in ipul.mentions} >= {"Saifullah Yusuf", "Ipul"}
    assert owner(doc, "Ipul") is ipul
    assert owner(doc, "Yayasan Darul Ulum").type == "ORGANIZATION"
    local = pipeline.analyze(
        'Ketua RW Hasan Basri (Bang Acan) menolak rencana itu. "Warga belum diajak bicara," kata Acan.'
    )
    assert owner(local, "Acan") is _by_name(local, "Hasan Basri")
    assert _by_name(doc, "Abdul Ghofur Maimoen") is owner(doc, "Ghofur")


def test_nickname_first_and_spelling_variant(pipeline: Pipeline) -> None:
    doc = pipeline.analyze(
        "Pengasuh pesantren KH Salahuddin Wahid memandang ada gejala mempertentangkan Islam dan negara. "
        'Gus Sholah, sapaan akrab KH Salahudhin Wahid, mengakui hal itu. "Itu keliru," tegas Gus Sholah.'
    )
    sholah = _by_name(doc, "Salahuddin Wahid")
    texts = [m.text for m in sholah.mentions]
    assert "Salahudhin Wahid" in texts
    assert sum("Sholah" in t for t in texts) == 2


def test_curated_aliases_of_public_figures(pipeline: Pipeline) -> None:
    doc = pipeline.analyze(
        "Jokowi bertemu JK dan SBY di Jakarta. Presiden Joko Widodo mengatakan Ahok tidak hadir. "
        "Gus Dur pernah menjadi presiden."
    )
    assert owner(doc, "Jokowi") is owner(doc, "Joko Widodo")
    assert owner(doc, "JK").name == "Jusuf Kalla"
    assert owner(doc, "SBY").name == "Susilo Bambang Yudhoyono"
    assert owner(doc, "Ahok").name == "Basuki Tjahaja Purnama"
    assert owner(doc, "Gus Dur").name == "Abdurrahman Wahid"
    # a full name in the article wins over the list: this Bobby is not the one in the list
    local = pipeline.analyze("Bobby Anugrah Christianto ditangkap polisi. Bobby mengaku menyesal.")
    assert owner(local, "Bobby").name == "Bobby Anugrah Christianto"


def test_nickname_after_sapaan_akrabnya(pipeline: Pipeline) -> None:
    doc = pipeline.analyze(
        "Manajer Setan Merah Jose Mourinho kecewa. Legenda Argentina Diego Armando Maradona memberi "
        "dukungan. "
        "Mou, sapaan akrabnya, mengungkapkan hal itu di Instagram."
    )
    assert owner(doc, "Mou").name == "Jose Mourinho"


def test_rank_inside_a_name_splits_role_and_name(pipeline: Pipeline) -> None:
    doc = pipeline.analyze(
        "Apel dipimpin langsung Kasat Polairud AKP Gede Sukarmadiyasa dan Komandan Pos TNI AL Panarukan "
        "Letda Didin Hapidin. Dalam arahannya, Kasat Polairud AKP Gede menekankan pentingnya soliditas."
    )
    gede = _by_name(doc, "Gede Sukarmadiyasa")
    assert "Gede" in {m.text for m in gede.mentions}
    assert gede.title == "Kasat Polairud"
    assert gede.extra.get("rank") == "AKP"
    assert gede.sector == "COP"
    assert owner(doc, "Didin Hapidin").type == "PERSON"
    assert not any("Letda" in e.name or "AKP" in e.name for e in doc.entities)


def test_academic_degrees_are_not_names(pipeline: Pipeline) -> None:
    doc = pipeline.analyze(
        "Menteri Pendidikan Dasar dan Menengah Prof. Dr. Abdul Mu'ti, M.Ed menegaskan pentingnya PAUD. "
        "Dekan Fakultas Hukum Dr. Budi Santoso, S.H., M.H. dan Rina Wati, M . Si hadir."
    )
    names = {e.name for e in doc.entities if e.type == "PERSON"}
    assert {"Abdul Mu'ti", "Budi Santoso", "Rina Wati"} <= names
    assert not names & {"Ed", "M.Ed", "Si", "S.H.", "M.H."}


def test_organisation_does_not_swallow_a_person(pipeline: Pipeline) -> None:
    doc = pipeline.analyze(
        "Sementara itu, anggota Laskar Nusantara Yeni meyakini ada aktor di balik aksi itu. "
        '"Peserta datang dari berbagai daerah," ujar Humas Karnaval Kemerdekaan Catharina Widyasrini di '
        "Bandung. Di akhir laga, kiper Persebaya Dimas Galih dilarikan ke rumah sakit."
    )
    assert owner(doc, "Yeni").type == "PERSON"
    assert owner(doc, "Laskar Nusantara").type == "ORGANIZATION"
    assert owner(doc, "Catharina Widyasrini").type == "PERSON"
    assert owner(doc, "Dimas Galih").type == "PERSON"
    assert owner(doc, "Persebaya").type == "ORGANIZATION"


def test_glued_words_make_no_entity(pipeline: Pipeline) -> None:
    doc = pipeline.analyze(
        '"Dia agak kurus," kata Venna dikutipdetikHot, Sabtu (13/9/2025). Hal itu disampaikan Kapolres '
        "kepadadetikSulsel, Senin."
    )
    assert owner(doc, "Venna").type == "PERSON"
    assert not any("detik" in m.text for e in doc.entities for m in e.mentions)


def test_hyphenated_pairs_are_two_persons(pipeline: Pipeline) -> None:
    doc = pipeline.analyze(
        "Massa menggelar aksi terkait satu tahun kepemimpinan Prabowo Subianto-Gibran Rakabuming Raka. "
        "Kepercayaan kepada pemerintahan Prabowo-Gibran tinggi. Tol Jakarta-Cikampek padat."
    )
    prabowo, gibran = _by_name(doc, "Prabowo Subianto"), _by_name(doc, "Gibran Rakabuming Raka")
    assert [m.text for m in prabowo.mentions] == ["Prabowo Subianto", "Prabowo"]
    assert [m.text for m in gibran.mentions] == ["Gibran Rakabuming Raka", "Gibran"]
    validate(doc.to_dict())  # mentions inside one token keep their text == doc.text[start:end]
    assert not any(e.type == "PERSON" and "Jakarta" in e.name for e in doc.entities)


def test_foreign_places_are_not_indonesian_by_name_alone(pipeline: Pipeline) -> None:
    doc = pipeline.analyze(
        "Presiden Rusia Vladimir Putin tiba di Wina, Austria, untuk membahas keamanan Asia Tengah. "
        "Mahkamah Agung Amerika Serikat menolak gugatan itu."
    )
    assert owner(doc, "Wina").country == "AUT"
    assert owner(doc, "Asia Tengah").country is None
    court = owner(doc, "Mahkamah Agung")  # the corpora tag "Mahkamah Agung" and "Amerika Serikat" apart
    assert (court.type, court.country) == ("ORGANIZATION", "USA")
    story = pipeline.analyze(
        "Hakim di Ottawa memutus perkara itu. Pemerintah Kanada menghormati putusan. "
        "Mahkamah Agung menolak banding, kata pengacara di Toronto."
    )
    assert owner(story, "Mahkamah Agung").country == "CAN"
