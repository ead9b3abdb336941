"""The learned candidate generator (trigger tagger): its features, how its proposals become events
through the actor/status/time passes, the shipped model, and the training corpus's hygiene."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta import Pipeline
from warta.model import Document
from warta.settings import load_settings
from warta.stages.events import extract_events
from warta.stages.events.lexicon import TYPES, load_lexicon
from warta.stages.events.resolver import ActorResolver
from warta.stages.events.tagger import OUTSIDE, TaggerSettings, load_tagger, propose, sentence_features, stem
from warta.stages.events.view import Context, SentenceView

CORPUS = Path(__file__).parent / "fixtures" / "events_corpus"

# dev unit indosum-28bec9da40, sentence 0: "membongkar" is no lexicon trigger (a planned COERCE)
AHOK = (
    "Gubernur DKI Jakarta Basuki Tjahaja Purnama akan membongkar rumah-rumah yang berada di bantaran "
    "Kali Krukut, kawasan Kemang, Oktober nanti."
)


class Fixed:
    """A proposer that marks given words (by their text) with a type at probability 1."""

    def __init__(self, marks: dict[str, str], settings: TaggerSettings | None = None) -> None:
        self.marks = marks
        self.settings = settings or TaggerSettings(0.5)

    def marginals_for(self, ctx: Context, s: SentenceView) -> list[tuple[str, float]]:
        return [(self.marks[w], 1.0) if w in self.marks else (OUTSIDE, 0.0) for w in s.words]


def _doc(pipeline: Pipeline, text: str) -> Document:
    return pipeline.analyze(text, published="2017-10-15")


def test_features_read_affixes_roots_and_context() -> None:
    words = ["polisi", "tidak", "akan", "diamankan", "oleh", "kpk"]
    feats = sentence_features(
        words,
        caps=[False] * 6,
        named=[False] * 5 + [True],
        quoted=[False] * 6,
        lexicon_types=[None] * 6,
        story=(0, "law"),
    )
    f = set(feats[3])
    assert stem("diamankan") == "aman"
    assert {"root=aman", "pre=di", "suf=kan", "circ=di-kan"} <= f
    assert {"neg.before=tidak", "modal.before=akan", "-1:w=akan", "1:w=oleh"} <= f
    assert "named=True" in feats[5]
    assert "domain=law" in f


def test_lexicon_root_feature_generalises_to_unlisted_forms() -> None:
    # "penyerangan" shares its root with the lexicon's "menyerang" (ASSAULT)
    feats = sentence_features(
        ["penyerangan"], caps=[False], named=[False], quoted=[False], lexicon_types=[None], story=(1, "law")
    )
    assert "lexroot=ASSAULT" in feats[0]


def test_a_proposed_thing_object_is_no_event(pipeline: Pipeline) -> None:
    # dev unit indosum-28bec9da40: a demolition of houses; a COERCE whose object is no one is dropped
    # by the actor pass (as for lexicon triggers: "menangkap spirit ..."), also when the tagger proposes it
    doc = _doc(pipeline, AHOK)
    events = extract_events(doc, load_lexicon(), None, Fixed({"membongkar": "COERCE"}))
    assert not [e for e in events if e.type == "COERCE"]


def test_a_proposed_word_becomes_an_event_through_the_actor_and_status_passes(pipeline: Pipeline) -> None:
    # "menelusuri" (investigate) is no lexicon trigger
    doc = _doc(pipeline, "Kapolda Metro Jaya menelusuri aliran dana kelompok itu, Jumat (13/10).")
    assert not any(e.type == "ACCUSE" for e in extract_events(doc))
    events = extract_events(doc, load_lexicon(), None, Fixed({"menelusuri": "ACCUSE"}))
    accuse = [e for e in events if e.type == "ACCUSE"]
    assert len(accuse) == 1
    ev = accuse[0]
    assert "Kapolda" in ev.source.text
    assert ev.source.country == "IDN"
    assert ev.status == "asserted"  # the status pass
    assert (ev.date, ev.date_source) == ("2017-10-13", "clause")  # the time-place pass


def test_proposals_respect_threshold_types_names_and_rule_triggers(pipeline: Pipeline) -> None:
    doc = _doc(pipeline, "Polisi menangkap Budi dan memeras korban di Jakarta.")
    lex = load_lexicon()
    ctx = Context(doc, lex, ActorResolver(doc, lex))
    s = SentenceView(doc, 0, ctx.resolver)
    from warta.stages.events import triggers

    found = triggers.find(ctx, s)
    assert [f.entry.type for f in found] == ["COERCE"]
    marg = [(OUTSIDE, 0.0)] * len(s.words)
    k_tangkap, k_peras, k_budi = s.words.index("menangkap"), s.words.index("memeras"), s.words.index("budi")
    for k in (k_tangkap, k_peras, k_budi):
        marg[k] = ("COERCE", 0.9)
    got = propose(s, marg, found, TaggerSettings(0.5))
    # not the rules' own trigger, not a name: only "memeras"
    assert [(g.start - s.offset, g.entry.type) for g in got] == [(k_peras, "COERCE")]
    assert propose(s, marg, found, TaggerSettings(0.95)) == []
    assert propose(s, marg, found, TaggerSettings(0.5, frozenset({"ACCUSE"}))) == []
    assert got[0].entry.verbal
    assert not got[0].entry.passive


def test_shipped_tagger_loads_and_scores_every_word(pipeline: Pipeline) -> None:
    tagger = load_tagger()
    assert set(tagger.labels) <= set(TYPES)
    assert 0.0 < tagger.settings.threshold < 1.0
    assert tagger.settings.combine in ("union", "new-type")
    doc = _doc(pipeline, AHOK)
    lex = load_lexicon()
    ctx = Context(doc, lex, ActorResolver(doc, lex))
    s = SentenceView(doc, 0, ctx.resolver)
    marg = tagger.marginals_for(ctx, s)
    assert len(marg) == len(s.words)
    assert all(0.0 <= p <= 1.0 and (t in TYPES) for t, p in marg)


def test_learned_mode_runs_the_pipeline_and_keeps_the_rules_events(pipeline: Pipeline) -> None:
    learned = Pipeline(load_settings().replace(events_model="learned"))
    text = "Polisi menangkap dua pelaku pencurian di Depok, Senin (16/10)."
    rules_keys = {(e.type, e.status) for e in _doc(pipeline, text).events}
    got = learned.analyze(text, published="2017-10-15")
    assert rules_keys <= {(e.type, e.status) for e in got.events}
    assert got.to_dict()["events"]  # serialises (schema validated in test_schema)


def _units(split: str) -> list[dict[str, object]]:
    return [json.loads(p.read_text("utf-8")) for p in sorted((CORPUS / split).glob("*.json"))]


def test_training_units_share_no_text_with_dev_or_heldout() -> None:
    train = _units("train")
    if not train:
        pytest.skip("no training units")
    seen = {s for u in train for s in u["sentences"] if len(s) > 40}  # type: ignore[attr-defined]
    for split in ("dev", "heldout", "heldout2"):
        for u in _units(split):
            assert not any(s in seen for s in u["sentences"]), f"{split} unit shares a sentence with train"  # type: ignore[attr-defined]
    assert all(u["split"] == "train" for u in train)
