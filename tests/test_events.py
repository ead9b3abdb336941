"""The events stage: the seed article's events, status cues, actors from clause structure, the
quality gate on hand-annotated dev fixtures, and the GDELT-like CSV export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta import Pipeline, validate
from warta.cli.main import main as cli_main
from warta.errors import InputError
from warta.export.events_csv import COLUMNS, event_rows, write_events_csv
from warta.lang.morphology import inflect
from warta.model import Document, Event
from warta.stages.events import extract_events
from warta.stages.events.evaluate import Score, score_article, system_view
from warta.stages.events.lexicon import TYPES, load_lexicon

SEED = Path(__file__).parent / "fixtures" / "seed.txt"
SEED_PUBLISHED = "2021-11-24"

EVENT_FIXTURES = Path(__file__).parent / "fixtures" / "events"
CORPUS_DEV = Path(__file__).parent / "fixtures" / "events_corpus" / "dev"


def _find(doc: Document, typ: str, source: str | None = None, target: str | None = "any") -> list[Event]:
    """Events of ``typ``; ``source``/``target`` are countries (None = no target, "any" = don't care)."""
    return [
        e
        for e in doc.events
        if e.type == typ
        and (source is None or e.source.country == source)
        and (target in ("any", e.target.country if e.target else None))
    ]


def _analyze(pipeline: Pipeline, text: str, published: str = "2024-05-02") -> Document:
    return pipeline.analyze(text, published=published)


# --- the seed article ----------------------------------------------------------------------------


def test_seed_phone_call_is_one_event_told_in_several_sentences(seed_doc: Document) -> None:
    calls = [
        e
        for e in _find(seed_doc, "CONSULT")
        if {e.source.country, e.target and e.target.country} == {"RUS", "USA"}
    ]
    assert len(calls) == 1
    call = calls[0]
    assert (call.source.country, call.target and call.target.country) == ("RUS", "USA")
    assert call.mode == "phone"
    assert call.date == "2021-11-23"
    assert call.status == "asserted"
    assert len({m["sentence"] for m in call.mentions}) >= 3
    for m in call.mentions:
        assert seed_doc.text[m["start"] : m["end"]] == m["text"]


def test_seed_military_aid_planned_and_delivered(seed_doc: Document) -> None:
    aid = _find(seed_doc, "AID", "USA", "UKR")
    planned = [e for e in aid if e.status == "planned"]
    assert planned
    assert planned[0].mode == "military"
    delivered = [e for e in aid if e.status == "asserted"]
    assert len(delivered) == 1
    assert delivered[0].date == "2021-11-23"
    place = seed_doc.entity(delivered[0].location or "")
    assert place is not None
    assert place.name == "Odessa"


def test_seed_russia_rejects_the_invasion_rumour(seed_doc: Document) -> None:
    rejects = _find(seed_doc, "REJECT", "RUS")
    assert any(e.status == "asserted" and "membantah" in e.trigger.text for e in rejects)


def test_seed_accusations(seed_doc: Document) -> None:
    peskov = [e for e in _find(seed_doc, "ACCUSE", "RUS", "USA") if "Peskov" in e.source.text]
    assert peskov
    assert peskov[0].status == "asserted"
    kiev = _find(seed_doc, "ACCUSE", "UKR", "RUS")
    assert kiev
    assert kiev[0].status == "asserted"
    assert any("sekutu" in a.text for a in kiev[0].other_sources)
    shoigu = [e for e in _find(seed_doc, "ACCUSE", "RUS", "USA") if "Shoigu" in e.source.text]
    assert shoigu
    assert shoigu[0].date == "2021-11-23"


def test_seed_feared_invasion_is_never_asserted(seed_doc: Document) -> None:
    invasions = [
        e for e in _find(seed_doc, "ASSAULT", "RUS") if e.target is None or e.target.country == "UKR"
    ]
    assert invasions, "the feared invasion should be recorded (not as asserted)"
    assert all(e.status != "asserted" for e in invasions)
    for e in seed_doc.events:
        if "Crimea" in seed_doc.sentences[e.sentence].text and e.type == "ASSAULT":
            assert e.date == "2014"


def test_seed_accusation_content_is_reported_and_denied(seed_doc: Document) -> None:
    sent = next(i for i, s in enumerate(seed_doc.sentences) if s.text.startswith("Kiev dan sekutu"))
    content = [e for e in seed_doc.events if e.sentence == sent and e.type != "ACCUSE"]
    assert content
    assert all(e.reported and e.status == "denied" for e in content)


def test_seed_record_with_events_is_valid(seed_record: dict[str, Any]) -> None:
    validate(seed_record)
    assert [e["id"] for e in seed_record["events"]] == [
        f"v{i}" for i in range(1, len(seed_record["events"]) + 1)
    ]


# --- clause structure and status -------------------------------------------------------------------


def test_background_history_keeps_its_own_date(pipeline: Pipeline) -> None:
    doc = _analyze(
        pipeline, "Konflik ini kian sengit sejak Moskow mencaplok Crimea dari Kiev pada 2014.", "2021-11-24"
    )
    (annex,) = _find(doc, "ASSAULT", "RUS")
    assert annex.date == "2014"
    assert annex.source.sector == "GOV"
    assert annex.target is not None
    assert annex.target.country == "UKR"


@pytest.mark.parametrize(
    ("text", "typ", "status"),
    [
        ("Rusia tidak menyerang Ukraina pada Selasa.", "ASSAULT", "negated"),
        ("Pemerintah Rusia belum mengirim pasukan ke perbatasan Ukraina.", "MOBILIZE", "negated"),
        ("Amerika Serikat berencana memasok senjata ke Ukraina.", "AID", "planned"),
        ("Jepang akan menandatangani perjanjian dengan Indonesia.", "AGREE", "planned"),
        ("Israel mungkin menyerang Iran dalam waktu dekat.", "ASSAULT", "hypothetical"),
        ("Jika Iran menyerang Israel, Amerika Serikat akan membalas.", "ASSAULT", "hypothetical"),
        ("Korea Utara mengancam Korea Selatan.", "THREATEN", "asserted"),
    ],
)
def test_status_cues(pipeline: Pipeline, text: str, typ: str, status: str) -> None:
    doc = _analyze(pipeline, text)
    events = _find(doc, typ)
    assert events, f"no {typ} in {text!r}: {doc.events}"
    assert events[0].status == status


def test_denial_makes_the_denied_event_denied_and_the_denial_asserted(pipeline: Pipeline) -> None:
    doc = _analyze(pipeline, "Rusia membantah rumor rencana invasi ke Ukraina.")
    (reject,) = _find(doc, "REJECT", "RUS")
    assert reject.status == "asserted"
    invasion = _find(doc, "ASSAULT")
    assert invasion
    assert invasion[0].status == "denied"
    assert invasion[0].source.country == "RUS"


def test_passive_agent_is_the_source(pipeline: Pipeline) -> None:
    doc = _analyze(pipeline, "Kiev menuduh Rusia mengirim pasukan. Klaim itu dibantah Moskow.")
    (reject,) = _find(doc, "REJECT")
    assert reject.source.country == "RUS"
    assert reject.source.sector == "GOV"
    sent = _find(doc, "MOBILIZE", "RUS")
    assert sent
    assert sent[0].reported
    assert sent[0].status == "denied"


def test_oleh_agent_and_target_after_ke(pipeline: Pipeline) -> None:
    doc = _analyze(
        pipeline,
        "Gaza diserang oleh Israel pada Senin. Amerika Serikat mengirim bantuan kemanusiaan ke Gaza.",
    )
    (attack,) = _find(doc, "ASSAULT")
    assert attack.source.country == "ISR"
    aid = _find(doc, "AID", "USA")
    assert aid
    assert aid[0].mode == "humanitarian"


@pytest.mark.parametrize(
    ("text", "typ", "source", "target"),
    [
        (
            "Presiden Joko Widodo menerima kunjungan Perdana Menteri Jepang Shinzo Abe.",
            "CONSULT",
            "JPN",
            "IDN",
        ),
        ("Roy Suryo melaporkan Jokowi ke Polda Metro Jaya.", "ACCUSE", "IDN", "IDN"),
        ("Pasukan Rusia merebut kota Bakhmut dari Ukraina.", "ASSAULT", "RUS", "UKR"),
        ("Kuwait memerintahkan pengusiran 15 diplomat Iran.", "SANCTION", "KWT", "IRN"),
        ("Korea Utara mengatakan telah mempersiapkan 3,5 juta tentara.", "MOBILIZE", "PRK", None),
        ("Mahkamah Konstitusi (MK) menolak gugatan Partai Demokrat.", "REJECT", "IDN", "IDN"),
    ],
)
def test_actors_from_clause_structure(
    pipeline: Pipeline, text: str, typ: str, source: str, target: str | None
) -> None:
    doc = _analyze(pipeline, text)
    assert _find(doc, typ, source, target), doc.events


def test_things_and_places_are_not_actors(pipeline: Pipeline) -> None:
    doc = _analyze(pipeline, "Pihaknya menangkap spirit perlindungan data pribadi dalam keputusan itu.")
    assert not _find(doc, "COERCE")
    doc = _analyze(pipeline, "Amerika Serikat mengirim senjata ke Ukraina.")
    (aid,) = _find(doc, "AID", "USA")
    assert aid.target is not None
    assert aid.target.country == "UKR"


@pytest.mark.parametrize(
    ("text", "typ", "source", "target"),
    [
        # advice in reported speech asks someone else to act
        (
            "Anggota DPR Budi menilai pemerintah perlu menunda kenaikan harga BBM.",
            "REQUEST",
            "IDN",
            "IDN",
        ),
        # "pihaknya" is the speaker's side; an institution the entities stage missed is still local
        (
            "Badan POM melaporkan situs itu ke polisi. Kepala BPOM Penny Lukito mengatakan pihaknya "
            "meminta Kominfo untuk memblokir situs tersebut.",
            "REQUEST",
            "IDN",
            "IDN",
        ),
        # a refused demand was still made, at the one who refuses it
        (
            "Presiden Afrika Selatan Jacob Zuma menolak desakan mundur dari partainya.",
            "REQUEST",
            "ZAF",
            "ZAF",
        ),
        # receivers: the subject is the target, the "dari" phrase the source
        ("Kebijakan Menteri Susi menuai kritik dari nelayan Jawa Tengah.", "ACCUSE", "IDN", "IDN"),
        # whoever claims an attack did it
        ("Kelompok Taliban mengaku bertanggung jawab atas serangan di Kabul.", "ASSAULT", "AFG", "any"),
        # an arrest noun without an agent: the unnamed authorities of the story's country
        ("Arab Saudi dihebohkan penangkapan wanita yang mengenakan rok mini.", "COERCE", "SAU", "SAU"),
        # a relative clause between subject and verb
        (
            "Puluhan warga yang tergabung dalam sejumlah organisasi melakukan aksi unjuk rasa di Jakarta.",
            "PROTEST",
            "IDN",
            "any",
        ),
    ],
)
def test_actors_reached_through_structure(
    pipeline: Pipeline, text: str, typ: str, source: str, target: str | None
) -> None:
    doc = _analyze(pipeline, text)
    assert _find(doc, typ, source, target), doc.events


@pytest.mark.parametrize(
    ("text", "typ", "source", "target"),
    [
        # praise in reported speech, the mirror of criticism
        (
            "Anggota DPR Budi menilai langkah pemerintah menaikkan pajak sudah tepat.",
            "SUPPORT",
            "IDN",
            "IDN",
        ),
        # the agent of a passive relative clause on a noun trigger
        ("Hakim menolak gugatan yang dilayangkan anggota DPR Miryam S Haryani.", "ACCUSE", "IDN", "any"),
        # a refusal answers whoever made what it refuses
        ("Hakim menolak gugatan yang dilayangkan anggota DPR Miryam S Haryani.", "REJECT", "IDN", "IDN"),
        # imposed sanctions and legal charges by the unnamed authorities
        (
            "Dua pemuda warga Aceh Utara dikenai sanksi adat setelah kedapatan mencuri.",
            "SANCTION",
            "IDN",
            "IDN",
        ),
        (
            "Menurut polisi, Kamal dijerat Pasal 340 KUHP tentang pembunuhan berencana.",
            "ACCUSE",
            "IDN",
            "IDN",
        ),
        # a pronoun whose antecedent has no country belongs to the story's country
        (
            "Mardani Ali Sera berbicara di Jakarta. Dia mendesak pemerintah lebih tegas.",
            "REQUEST",
            "IDN",
            "IDN",
        ),
    ],
)
def test_actors_second_round(
    pipeline: Pipeline, text: str, typ: str, source: str, target: str | None
) -> None:
    doc = _analyze(pipeline, text)
    assert _find(doc, typ, source, target), doc.events


def test_an_investigation_needs_an_authority(pipeline: Pipeline) -> None:
    doc = _analyze(pipeline, "Edgar Welch datang ke restoran itu untuk melakukan penyelidikan sendiri.")
    assert not _find(doc, "ACCUSE")


def test_hal_tersebut_stands_for_the_previous_actor(pipeline: Pipeline) -> None:
    doc = _analyze(
        pipeline,
        "Perdana Menteri Inggris Theresa May menyebut pemilu tetap akan digelar. Hal tersebut mendapat "
        "dukungan dari Wali Kota London Sadiq Khan.",
    )
    assert _find(doc, "SUPPORT", "GBR", "GBR"), doc.events


def test_self_advice_and_coordination(pipeline: Pipeline) -> None:
    doc = _analyze(pipeline, "Menteri Basuki mengatakan pihaknya perlu menambah anggaran.")
    assert not _find(doc, "REQUEST")
    # a second predicate is not the content of the first: the sentence is asserted, not refused
    doc = _analyze(
        pipeline, "Mahkamah Agung Kuwait menolak banding mereka dan menjatuhkan hukuman 15 tahun penjara."
    )
    (verdict,) = _find(doc, "SANCTION")
    assert verdict.status == "asserted"
    # ... but the content of a request stays requested
    doc = _analyze(pipeline, "Kapolri mengajak warga untuk mematuhi aturan dan mendukung upaya polisi.")
    assert all(e.status == "hypothetical" for e in _find(doc, "SUPPORT"))


def test_lifted_rules_are_things_not_targets(pipeline: Pipeline) -> None:
    doc = _analyze(pipeline, "KPU membatalkan Keputusan KPU Nomor 731 tentang dokumen persyaratan.")
    (concede,) = _find(doc, "CONCEDE", "IDN")
    assert concede.target is None


def test_events_inside_quotes_are_reported(pipeline: Pipeline) -> None:
    doc = _analyze(pipeline, '"Kami tidak akan menyerang Ukraina," kata Presiden Rusia Vladimir Putin.')
    assert all(e.reported for e in doc.events)


def test_odd_input_never_raises(pipeline: Pipeline) -> None:
    for text in ["", "   ", "menyerang", "Rusia Rusia Rusia.", "di- ke- oleh , , ."]:
        try:
            doc = pipeline.analyze(text, published="2024-01-01")
        except InputError:  # empty input is refused before any stage runs
            continue
        for e in doc.events:
            assert doc.text[e.trigger.start : e.trigger.end] == e.trigger.text
    assert extract_events(Document(raw="")) == []


# --- lexicon and morphology ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("root", "affix", "form"),
    [
        ("serang", "meN", "menyerang"),
        ("serang", "peN-an", "penyerangan"),
        ("tuduh", "meN", "menuduh"),
        ("kirim", "meN", "mengirim"),
        ("bom", "meN", "mengebom"),
        ("pasok", "meN", "memasok"),
        ("kritik", "meN", "mengkritik"),
        ("sepakat", "meN-i", "menyepakati"),
        ("temu", "per-an", "pertemuan"),
        ("bebas", "meN-kan", "membebaskan"),
    ],
)
def test_morphology(root: str, affix: str, form: str) -> None:
    assert inflect(root, affix) == form


def test_lexicon_covers_all_plover_types() -> None:
    lex = load_lexicon()
    seen = {e.type for entries in lex.triggers.values() for e in entries}
    assert seen == set(TYPES)
    assert set(lex.plover) == set(TYPES)
    assert {"menyerang", "diserang", "serangan", "penyerangan"} <= set(lex.triggers)


# --- round 4: international news (intl split) ----------------------------------------------------


def test_agentless_arrest_abroad_takes_the_place_country(pipeline: Pipeline) -> None:
    doc = _analyze(
        pipeline,
        "Kementerian Luar Negeri Australia menyambut dakwaan itu. Hambali ditangkap di Bangkok pada 2003.",
    )
    (arrest,) = _find(doc, "COERCE")
    assert (arrest.source.country, arrest.source.sector, arrest.date) == ("THA", "COP", "2003")


def test_manner_adverb_between_subject_and_verb(pipeline: Pipeline) -> None:
    doc = _analyze(pipeline, "Presiden Afghanistan Ashraf Ghani dengan cepat mengutuk serangan tersebut.")
    assert _find(doc, "ACCUSE", "AFG")


def test_banned_protest_is_a_ban_not_a_protest_and_negation_stays_with_its_verb(pipeline: Pipeline) -> None:
    doc = _analyze(
        pipeline,
        "Turki menilai Uni Eropa tidak seharusnya membela pelarangan demonstrasi yang dilakukan Belanda.",
    )
    assert not _find(doc, "PROTEST")
    (ban,) = _find(doc, "COERCE", "NLD")
    assert ban.status == "asserted"


def test_date_from_a_verbless_segment_next_to_the_trigger(pipeline: Pipeline) -> None:
    doc = _analyze(
        pipeline,
        "Puluhan ribu warga berunjuk rasa di Dublin, Irlandia, Sabtu (30/9) waktu setempat, mendesak "
        "pelonggaran aturan aborsi.",
        published="2017-10-01",
    )
    (protest,) = _find(doc, "PROTEST", "IRL")
    assert protest.date == "2017-09-30"
    doc = _analyze(
        pipeline,
        "Dalam pidato yang disiarkan televisi, Selasa malam (21/11), Rouhani berterima kasih kepada Irak.",
        published="2017-11-22",
    )
    (thanks,) = _find(doc, "SUPPORT")
    assert thanks.date == "2017-11-21"


def test_copular_relative_subject(pipeline: Pipeline) -> None:
    doc = _analyze(
        pipeline,
        "Iran adalah salah satu pendukung utama Presiden Suriah Bashar al-Assad yang juga mengirimkan "
        "sejumlah penasihat militer ke Suriah.",
    )
    (aid,) = _find(doc, "AID", "IRN")
    assert aid.mode == "military"


def test_missile_launch_is_mobilize_weapons_and_attacked_places_keep_the_attacker(pipeline: Pipeline) -> None:
    doc = _analyze(
        pipeline, "Korea Utara kembali meluncurkan rudal balistik, Sabtu (6/5).", published="2017-05-07"
    )
    (launch,) = _find(doc, "MOBILIZE", "PRK")
    assert (launch.mode, launch.date) == ("weapons", "2017-05-06")
    doc = _analyze(pipeline, "Militer Myanmar menyerang desa-desa Rohingya di Rakhine.")
    assert _find(doc, "ASSAULT", "MMR")
    doc = _analyze(pipeline, "Perusahaan itu meluncurkan produk baru.")
    assert not doc.events


def test_responses_in_relative_clauses_do_not_give_the_noun_its_agent(pipeline: Pipeline) -> None:
    doc = _analyze(pipeline, "Serangan yang dikecam oleh Amerika Serikat itu menewaskan 20 orang.")
    assert not _find(doc, "ASSAULT", "USA")
    assert _find(doc, "ACCUSE", "USA")
    doc = _analyze(
        pipeline, "Jepang ingin membangkitkan kesepakatan yang dicampakkan oleh Amerika Serikat itu."
    )
    assert not _find(doc, "AGREE")
    assert _find(doc, "REJECT", "USA")
    doc = _analyze(pipeline, "Serangan yang dilakukan oleh Israel menewaskan 20 orang.")
    assert _find(doc, "ASSAULT", "ISR")


def test_broken_relations_target_and_whole_names_in_criticism(pipeline: Pipeline) -> None:
    doc = _analyze(pipeline, "Ankara menunda hubungan diplomatik dengan Belanda.")
    assert _find(doc, "SANCTION", "TUR", "NLD")
    doc = _analyze(pipeline, "Kementerian Luar Negeri Turki menyebut Uni Eropa melanggar hak asasi manusia.")
    (acc,) = _find(doc, "ACCUSE", "TUR", "IGO")
    assert acc.target is not None
    assert acc.target.text == "Uni Eropa"


def test_foreign_police_alleged_cleansing_and_forced_returns(pipeline: Pipeline) -> None:
    doc = _analyze(pipeline, "Polisi Kenya menangkap penasihat pemimpin oposisi Raila Odinga.")
    assert _find(doc, "COERCE", "KEN")
    doc = _analyze(pipeline, "Pemerintah Myanmar dituding melakukan pembersihan etnis terhadap Rohingya.")
    (cleansing,) = _find(doc, "ASSAULT", "MMR")
    assert cleansing.status == "hypothetical"
    doc = _analyze(pipeline, "Bangladesh memulangkan paksa puluhan pengungsi Rohingya ke Myanmar.")
    assert _find(doc, "COERCE", "BGD")
    doc = _analyze(pipeline, "Hamas mengultimatum Israel soal tahanan yang mogok makan.")
    assert _find(doc, "THREATEN", target="ISR")


def test_meeting_between_two_sides_attack_from_a_place_and_the_arrested_attacker(pipeline: Pipeline) -> None:
    doc = _analyze(pipeline, "Pertemuan antara Korea Selatan dan Korea Utara digelar di Panmunjom.")
    assert _find(doc, "CONSULT", "KOR", "PRK")
    doc = _analyze(pipeline, "Israel diserang roket dari Gaza.")
    assert _find(doc, "ASSAULT", "PSE", "ISR")
    doc = _analyze(
        pipeline, "Dua aktivis Jepang ditahan polisi setelah menembaki markas organisasi pro-Korut di Tokyo."
    )
    (shooting,) = _find(doc, "ASSAULT")
    assert shooting.source.text == "Dua aktivis Jepang"


def test_this_week_is_not_the_future(pipeline: Pipeline) -> None:
    doc = _analyze(
        pipeline,
        "Jaksa Korea Selatan memeriksa Presiden Park Geun-hye pada pekan ini terkait skandal korupsi.",
        published="2016-11-14",
    )
    (probe,) = _find(doc, "ACCUSE", "KOR")
    assert (probe.date, probe.status) == ("2016-W46", "asserted")


def test_arrested_relatives_held_places_warnings_and_kritisi(pipeline: Pipeline) -> None:
    doc = _analyze(
        pipeline, "Kepolisian Nasional Filipina menangkap istri dari Omarkhayam Maute, Minhati Madrais."
    )
    assert _find(doc, "COERCE", "PHL")
    doc = _analyze(pipeline, "Ribuan penduduk dari sejumlah desa yang dikuasai Pakistan terpaksa mengungsi.")
    assert not _find(doc, "ASSAULT")
    doc = _analyze(pipeline, "Sayap militer Hamas memperingatkan Israel akan mendapatkan konsekuensi serius.")
    assert _find(doc, "THREATEN", "PSE", "ISR")
    doc = _analyze(pipeline, "Penasihat oposisi Kenya itu kerap mengkritisi Presiden Uhuru Kenyatta.")
    assert _find(doc, "ACCUSE")
    doc = _analyze(pipeline, "Polisi menangkap spirit perlindungan data.")
    assert not doc.events


def test_target_after_an_alias_in_parentheses(pipeline: Pipeline) -> None:
    doc = _analyze(
        pipeline,
        "Kunjungan kenegaraan Presiden RI Joko Widodo (Jokowi) ke Singapura menghasilkan kesepakatan.",
    )
    assert _find(doc, "CONSULT", "IDN", "SGP")


# --- quality gate -------------------------------------------------------------------------------


def _score_folder(pipeline: Pipeline, paths: list[Path], *, split: str | None = None) -> tuple[Score, Score]:
    """(score of the units whose split is ``split`` or all, score of the others) over fixture files."""
    chosen, rest = Score(), Score()
    for path in paths:
        fx = json.loads(path.read_text("utf-8"))
        doc = pipeline.analyze(fx["text"], published=fx["published"], id=fx["id"], title=fx.get("title"))
        score = score_article(fx["events"], system_view(doc.events), fx.get("domain"))
        (chosen if split is None or fx.get("split") == split else rest).add(score)
    return chosen, rest


def test_quality_gate_on_annotated_dev_articles(pipeline: Pipeline) -> None:
    files = sorted(EVENT_FIXTURES.glob("*.json"))
    assert len(files) >= 30
    # the 20 CNN Indonesia internasional leads from the raw corpus have a gate of their own
    intl, total = _score_folder(pipeline, files, split="intl")
    assert intl.tp + intl.fn >= 30
    assert intl.f1 >= GATE_INTL_F1, f"intl event F1 {intl.f1:.2f} < {GATE_INTL_F1}"
    assert intl.status_accuracy >= GATE_STATUS, f"intl status accuracy {intl.status_accuracy:.2f}"
    # measured (benchmarks/events.py): see docs/events.md; the gate sits a little below
    assert total.f1 >= GATE_F1, f"event F1 {total.f1:.2f} < {GATE_F1}"
    assert total.status_accuracy >= GATE_STATUS, f"status accuracy {total.status_accuracy:.2f}"
    assert total.date_accuracy >= GATE_DATE, f"date accuracy {total.date_accuracy:.2f}"


def test_quality_gate_on_the_events_corpus_dev_part(pipeline: Pipeline) -> None:
    """The codebook's corpus (tests/fixtures/events_corpus/dev, 122 units): the rules were tuned on it,
    so this gate guards against regressions; the held-out third is scored by benchmarks/events.py only."""
    files = sorted(CORPUS_DEV.glob("*.json"))
    assert len(files) >= 100
    dev, _ = _score_folder(pipeline, files)
    assert dev.f1 >= GATE_CORPUS_F1, f"dev event F1 {dev.f1:.2f} < {GATE_CORPUS_F1}"
    assert dev.precision >= GATE_CORPUS_P, f"dev event precision {dev.precision:.2f} < {GATE_CORPUS_P}"
    assert dev.status_accuracy >= GATE_STATUS, f"dev status accuracy {dev.status_accuracy:.2f}"
    assert dev.date_accuracy >= GATE_CORPUS_DATE, f"dev date accuracy {dev.date_accuracy:.2f}"
    assert dev.off_domain == 0, f"{dev.off_domain} events on sports/business/entertainment/weather units"


# the older leads' annotation leaves targets out more often than the codebook does (round 6 codes a
# plain-noun target with the story's country): their gate moved from 0.60 to 0.55 (measured 0.575)
GATE_F1 = 0.55
GATE_INTL_F1 = 0.40
GATE_STATUS = 0.90
# round 8: with the argument picker more statements are matched; the codebook dates them from their
# attribution ("..., kata X, Selasa (23/5)"), the older annotation leaves them undated (measured 0.797)
GATE_DATE = 0.78
GATE_CORPUS_F1 = 0.38
GATE_CORPUS_P = 0.50
GATE_CORPUS_DATE = 0.52


# --- CSV export -----------------------------------------------------------------------------------


def test_events_csv_rows(seed_record: dict[str, Any]) -> None:
    rows = event_rows(seed_record)
    assert len(rows) == len(seed_record["events"])
    out = io.StringIO()
    assert write_events_csv([seed_record], out) == len(rows)
    parsed = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(parsed[0]) == COLUMNS
    by_type = {r["type"]: r for r in parsed}
    assert by_type["ACCUSE"]["quad_class"] == "3"
    assert float(by_type["ACCUSE"]["goldstein"]) < 0
    assert by_type["CONSULT"]["quad_class"] == "1"
    odessa = [r for r in parsed if r["location"] == "Odessa"]
    assert odessa
    assert odessa[0]["location_country"] == "UKR"
    assert odessa[0]["source_country"] == "USA"
    assert all(r["article_id"] == "seed" and r["sentence"] for r in parsed)


def test_analyze_events_csv_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.csv"
    code = cli_main(
        ["analyze", str(SEED), "--published", SEED_PUBLISHED, "--format", "events-csv", "-o", str(out)]
    )
    assert code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows
    assert {r["type"] for r in rows} >= {"CONSULT", "AID", "ACCUSE", "REJECT"}
    assert all(r["published"] == SEED_PUBLISHED for r in rows)


_WORDS = [
    "Rusia",
    "AS",
    "menyerang",
    "diserang",
    "oleh",
    "ke",
    "terhadap",
    ",",
    ".",
    "“",
    "”",
    "(",
    ")",
    "tidak",
    "akan",
    "mungkin",
    "bahwa",
    "yang",
    "membantah",
    "tuduhan",
    "itu",
    "Klaim",
    "dibantah",
    "Moskow",
    "Pada",
    "Selasa",
    "(23/11)",
    "di",
    "Odessa",
    "menuduh",
    "mengirim",
    "pasukan",
    "untuk",
    "dan",
    "ia",
    "negara",
    "mengatakan",
    "kata",
    ";",
    "!",
    "?",
    "bantuan",
    "bertemu",
    "dengan",
    "ditahan",
    "polisi",
    "menangkap",
    "sanksi",
    "invasi",
    "rumor",
    "jika",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_random_word_salad_never_breaks_events(pipeline: Pipeline, words: list[str]) -> None:
    try:
        doc = pipeline.analyze(" ".join(words), published="2021-11-24")
    except InputError:
        return
    for e in doc.events:
        assert doc.text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert all(doc.text[m["start"] : m["end"]] == m["text"] for m in e.mentions)
    validate(doc.to_dict())


# --- round 5: event nouns with unnamed actors, threats, offers, datelines ------------------------


@pytest.mark.parametrize(
    ("text", "typ", "source", "target"),
    [
        # an event noun with no actor: the people of the place where it happens
        ("Perkelahian antargeng di sebuah lapas di Honduras menewaskan tiga orang.", "ASSAULT", "HND", None),
        ("Serangan bom di sebuah masjid di Nigeria melukai puluhan orang.", "ASSAULT", "NGA", None),
        ("Demonstrasi besar menentang kenaikan pajak berlangsung di Kolombia.", "PROTEST", "COL", None),
        ("Ribuan pekerja Belgia turun ke jalan di Brussel menolak reformasi upah.", "PROTEST", "BEL", None),
        # a speech verb's complement subject is not a light verb's object
        (
            "Kepolisian Kenya menyatakan ledakan di terminal bus Mombasa merupakan aksi teroris.",
            "ASSAULT",
            "KEN",
            None,
        ),
        # a fight between two sides
        ("Bentrokan antara tentara dan pemberontak terjadi di utara Mali.", "ASSAULT", "MLI", "MLI"),
        # genitive, oleh and dengan phrases of event nouns
        ("Penangkapan wartawan itu oleh polisi Myanmar dikecam.", "COERCE", "MMR", "any"),
        ("Kunjungan Perdana Menteri India ke Brasil dimulai hari ini.", "CONSULT", "IND", "BRA"),
        ("Pertemuan Presiden Chile dengan Presiden Peru berlangsung tertutup.", "CONSULT", "CHL", "PER"),
    ],
)
def test_event_nouns_with_implied_actors(
    pipeline: Pipeline, text: str, typ: str, source: str, target: str | None
) -> None:
    doc = _analyze(pipeline, text)
    assert _find(doc, typ, source, target), doc.events


def test_event_nouns_need_a_place_and_not_a_medical_attack(pipeline: Pipeline) -> None:
    assert not _find(_analyze(pipeline, "Perkelahian itu tidak jelas penyebabnya."), "ASSAULT")
    doc = _analyze(pipeline, "Pelatih itu meninggal akibat serangan jantung di Madrid.")
    assert not _find(doc, "ASSAULT")
    doc = _analyze(pipeline, "Sebanyak 900 personel pengamanan unjuk rasa disiagakan di Bandung.")
    assert not _find(doc, "PROTEST")


def test_an_unnamed_attack_mentioned_again_is_one_event(pipeline: Pipeline) -> None:
    doc = _analyze(
        pipeline,
        "Serangan udara Turki menghantam desa di Irak utara. "
        "Serangan yang terjadi di dekat Duhok itu menewaskan empat orang.",
    )
    assert len(_find(doc, "ASSAULT")) == 1, doc.events


@pytest.mark.parametrize(
    ("text", "status"),
    [
        # the announcement is the threat, and it was made (codebook §2: "akan mengambil tindakan tegas")
        ("Pemerintah Vietnam bisa mengambil tindakan tegas terhadap nelayan Filipina.", "asserted"),
        ("Kementerian Kelautan akan bertindak tegas terhadap kapal asing yang mencuri ikan.", "asserted"),
    ],
)
def test_firm_action_is_a_threat(pipeline: Pipeline, text: str, status: str) -> None:
    doc = _analyze(pipeline, text)
    threats = _find(doc, "THREATEN")
    assert threats, doc.events
    assert threats[0].status == status


def test_threatened_act_takes_the_threatener_and_gives_the_threat_its_target(pipeline: Pipeline) -> None:
    doc = _analyze(pipeline, "Iran mengancam akan menyerang kapal perang Amerika Serikat di Teluk.")
    assert _find(doc, "THREATEN", "IRN", "USA"), doc.events
    attacks = _find(doc, "ASSAULT", "IRN", "USA")
    assert attacks, doc.events
    assert attacks[0].status == "hypothetical"


def test_an_offer_to_negotiate_is_agree_by_the_offerer(pipeline: Pipeline) -> None:
    doc = _analyze(
        pipeline, "Kolombia membuka kemungkinan berunding dengan kelompok pemberontak ELN di Venezuela."
    )
    offers = _find(doc, "AGREE", "COL")
    assert offers, doc.events
    assert offers[0].status == "asserted"
    talks = _find(doc, "CONSULT", "COL")
    assert talks, doc.events
    assert talks[0].status != "asserted"


def test_dateline_without_a_comma_dates_the_event(pipeline: Pipeline) -> None:
    doc = _analyze(
        pipeline, "Pesawat tempur Rusia menyerang sebuah pasar di dekat Idlib Selasa (14/11).", "2017-11-15"
    )
    attacks = _find(doc, "ASSAULT", "RUS")
    assert attacks, doc.events
    assert attacks[0].date == "2017-11-14"
