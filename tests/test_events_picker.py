"""The learned argument picker (``stages/events/picker.py``): its candidates and features, that it
leaves the rules' decisions alone, the shipped model, and what it adds on sentences of the corpus."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from warta import Pipeline
from warta.model import Document
from warta.settings import load_settings
from warta.stages.events import extract_events
from warta.stages.events.lexicon import load_lexicon
from warta.stages.events.picker import ArgPicker, candidates, load_picker
from warta.stages.events.resolver import ActorResolver
from warta.stages.events.triggers import match
from warta.stages.events.view import Context, Found, SentenceView


@pytest.fixture(scope="module")
def off() -> Pipeline:
    return Pipeline(load_settings().replace(events_picker=False))


@pytest.fixture(scope="module")
def on() -> Pipeline:
    return Pipeline(load_settings().replace(events_picker=True))


def _doc(pipeline: Pipeline, text: str) -> Document:
    return pipeline.analyze(text, published="2017-10-15")


def _context(doc: Document) -> Context:
    lex = load_lexicon()
    return Context(doc, lex, ActorResolver(doc, lex), sorted((q.start, q.end) for q in doc.quotes))


def test_the_shipped_picker_is_small_and_chosen_by_cross_validation() -> None:
    model = load_picker()
    assert model is not None
    path = resources.files("warta") / "resources" / "events" / "arg_picker.json"
    assert len(path.read_bytes()) < 1_000_000
    assert model.thresholds
    assert set(model.thresholds) <= {"source", "target"}
    assert model.cv["picker_f1"] > model.cv["rules_f1"]  # else it would not be shipped on
    assert model.cv["oracle_picker_f1"] > model.cv["oracle_rules_f1"]
    assert (resources.files("warta") / "resources" / "events" / "arg_picker.md").is_file()
    assert json.loads(json.dumps(model.to_dict()))["thresholds"] == model.thresholds


def test_peek_resolves_without_changing_later_resolution(off: Pipeline) -> None:
    doc = _doc(off, "Menteri Luar Negeri Retno Marsudi bertemu Menlu Malaysia. Dia menyampaikan protes.")
    res = ActorResolver(doc, load_lexicon())
    before = (res.last, len(res.history), dict(res.first_actor), dict(res.aliases))
    ent = next(e for e in doc.entities if e.type == "PERSON")
    k = next(iter(sorted(res.entity_tokens[ent.id])))
    got = res.peek(k, k + 2)
    assert got is not None
    assert got.entity == ent.id
    assert (res.last, len(res.history), dict(res.first_actor), dict(res.aliases)) == before


def test_a_place_after_di_is_no_candidate(off: Pipeline) -> None:
    text = "Ribuan buruh berunjuk rasa di Jakarta menuntut kenaikan upah kepada Presiden Joko Widodo."
    doc = _doc(off, text)
    ctx = _context(doc)
    s = SentenceView(doc, 0, ctx.resolver)
    k = s.words.index("berunjuk")
    m = match(ctx.lex, s, k)
    assert m is not None
    f = Found(0, s.offset + k, s.offset + m[1], m[0])
    texts = [c.actor.text for c in candidates(ctx, s, f, "target")]
    assert "Jakarta" not in texts
    assert any("Joko Widodo" in t for t in texts)
    feats = next(c.features for c in candidates(ctx, s, f, "target") if "Joko Widodo" in c.actor.text)
    assert {"side=after", "e=PERSON", "sec=GOV"} <= set(feats)


def test_the_rules_no_one_decisions_stand(on: Pipeline) -> None:
    assert not _doc(on, "Polisi menangkap spirit perlindungan data.").events
    doc = _doc(on, "Serangan yang dikecam oleh Amerika Serikat itu menewaskan 20 orang.")
    assert not [e for e in doc.events if e.type == "ASSAULT" and e.source.country == "USA"]


def test_no_model_no_change(off: Pipeline) -> None:
    text = "Kapolri Jenderal Tito Karnavian menemui Presiden. Pertemuan itu membahas keamanan Pilkada."
    doc = _doc(off, text)
    empty = ArgPicker({}, {}, {})
    assert [e.type for e in extract_events(doc, None, None, None, empty)] == [e.type for e in doc.events]


# train unit raw-4186810e7b, sentence 0: the noun "operasi tangkap tangan" has no genitive agent; the
# picker takes KPK, the subject of the clause, and the target after "terhadap"
OTT = (
    "Komisi Pemberantasan Korupsi (KPK) mengamankan uang ratusan juta rupiah terkait operasi tangkap "
    "tangan (OTT) terhadap pejabat Pemerintah Kota Tegal."
)
# train unit raw-b3b96c1c88, sentence 5: the passive's subject is a coordination the chunker cuts
MK = (
    "Dengan selisih tipis ini, pasangan Rano - Embay sempat mengajukan sengketa Pilkada namun ditolak "
    "oleh majelis hakim Mahkamah Konstitusi."
)


def test_the_picker_fills_the_target_the_clause_rules_miss(off: Pipeline, on: Pipeline) -> None:
    before = [e for e in _doc(off, MK).events if e.type == "REJECT"]
    assert before
    assert before[0].target is None
    after = [e for e in _doc(on, MK).events if e.type == "REJECT"]
    assert after
    assert "Mahkamah Konstitusi" in after[0].source.text
    assert after[0].target is not None
    assert "Rano" in after[0].target.text


def test_no_target_from_the_sources_own_phrase(on: Pipeline) -> None:
    text = (
        "Massa dari Badan Eksekutif Mahasiswa Universitas Indonesia (BEM UI) melakukan demonstrasi di "
        "Jalan Medan Merdeka Selatan, Jakarta Pusat."
    )
    protests = [e for e in _doc(on, text).events if e.type == "PROTEST"]
    assert protests
    assert protests[0].target is None or "BEM UI" not in protests[0].target.text


@pytest.mark.parametrize(
    ("text", "typ", "source", "target"),
    [(OTT, "COERCE", "Korupsi", "Kota Tegal")],
)
def test_the_picker_finds_the_actor_the_clause_rules_miss(
    off: Pipeline, on: Pipeline, text: str, typ: str, source: str, target: str
) -> None:
    assert not [e for e in _doc(off, text).events if e.type == typ]
    got = [e for e in _doc(on, text).events if e.type == typ]
    assert got, _doc(on, text).events
    ev = got[0]
    assert source in f"{ev.source.text} {ev.source.name}"
    assert ev.source.country == "IDN"
    assert ev.target is not None
    assert target in ev.target.text
