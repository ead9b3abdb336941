"""The learned component: a small classifier over the rules' event candidates that decides event /
not-event and the PLOVER type, where the rules stop generalising.

Features are read from the candidate (trigger words, the rule's type and mode; not its status, which
the rules decide), its arguments (source and target: entity type, sector, country known or not,
plain noun or named), its sentence (the words around the trigger, speech verbs, negations) and the
story (its domain and how political it is). The model is a multinomial logistic regression (classes:
the 16 PLOVER types and ``NONE``), trained by ``scripts/train_event_triggers.py`` on the events corpus
``dev`` part and the older leads (model card ``resources/events/trigger_model.md``); pure Python at
run time. Rules stay in charge of status, dates, actors and structure.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from warta.lang.morphology import strip_clitics
from warta.model import Document, Event
from warta.stages.events.words import load_words

__all__ = ["NONE", "TriggerModel", "certain", "features", "load_trigger_model", "train"]

NONE = "NONE"
_W = load_words()
_NEGATIONS = frozenset({"tidak", "tak", "belum", "bukan", "tanpa", "jangan", "batal", "gagal"})


def _actor(prefix: str, actor: object, doc_entities: dict[str, str]) -> list[str]:
    if actor is None:
        return [f"{prefix}=none"]
    text = getattr(actor, "text", "") or ""
    ent = getattr(actor, "entity", None)
    return [
        f"{prefix}.sector={getattr(actor, 'sector', None)}",
        f"{prefix}.country={'known' if getattr(actor, 'country', None) else 'none'}",
        f"{prefix}.ent={doc_entities.get(ent or '', 'none')}",
        f"{prefix}.empty={not text}",
    ]


def features(doc: Document, ev: Event, domain: str, political: float) -> list[str]:
    """The feature strings of one event candidate."""
    ents = {e.id: e.type for e in doc.entities}
    sent = doc.sentences[ev.sentence]
    words = [t.text.lower() for t in doc.tokens[sent.token_start : sent.token_end]]
    trig = [strip_clitics(w) for w in ev.trigger.text.lower().split()]
    k = next(
        (
            i
            for i, t in enumerate(doc.tokens[sent.token_start : sent.token_end])
            if t.start >= ev.trigger.start
        ),
        0,
    )
    before = words[max(0, k - 3) : k]
    feats = [
        "bias",
        f"type={ev.type}",
        f"trig={' '.join(trig)}",
        f"trig0={trig[0] if trig else ''}",
        f"type.trig={ev.type}:{trig[0] if trig else ''}",
        f"mode={ev.mode}",
        f"mentions={min(len(ev.mentions), 3)}",
        f"domain={domain}",
        f"political={min(int(political * 5), 4)}",
        f"type.domain={ev.type}:{domain}",
        f"verbal={trig[0][:2] in ('me', 'di', 'be', 'te') if trig else False}",
        f"speech_in_sentence={any(w in _W.speech_verbs for w in words)}",
        f"negation_before={any(w in _NEGATIONS for w in before)}",
        f"other_sources={bool(ev.other_sources)}",
    ]
    feats += [f"before={w}" for w in before if w in _W.light_verbs or w in _W.aux or w in _NEGATIONS]
    feats += _actor("src", ev.source, ents) + _actor("tgt", ev.target, ents)
    return feats


def certain(ev: Event) -> bool:
    """Where the rules are precise: a verb trigger whose source is a linked or placed actor (an entity,
    or a sector from the lexicons). The classifier may change such a candidate's type, never drop it."""
    first = ev.trigger.text.lower().split()[0] if ev.trigger.text.split() else ""
    verbal = first.startswith(("me", "di", "ber", "ter")) and len(first) > 4
    return verbal and bool(ev.source.text) and (ev.source.entity is not None or ev.source.sector is not None)


@dataclass(frozen=True, slots=True)
class TriggerModel:
    classes: tuple[str, ...]
    #: feature -> (class index, weight) pairs
    weights: dict[str, tuple[tuple[int, float], ...]]
    #: drop a candidate when P(NONE) is above this; relabel its type when another type is this much likelier
    drop_above: float = 0.5
    relabel_margin: float = 1.0

    def probabilities(self, feats: Iterable[str]) -> dict[str, float]:
        scores = [0.0] * len(self.classes)
        for f in feats:
            for c, w in self.weights.get(f, ()):
                scores[c] += w
        top = max(scores)
        exp = [math.exp(x - top) for x in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}

    def decide(self, feats: Sequence[str], rule_type: str, *, certain: bool = False) -> tuple[bool, str]:
        """(keep the candidate?, its type) for the rules' type ``rule_type``; a ``certain`` candidate
        (see :func:`certain`) is never dropped."""
        p = self.probabilities(feats)
        if p.get(NONE, 0.0) > self.drop_above and not certain:
            return False, rule_type
        best = max((c for c in self.classes if c != NONE), key=lambda c: p[c])
        if best != rule_type and p[best] > p.get(rule_type, 0.0) * (1 + self.relabel_margin):
            return True, best
        return True, rule_type

    def to_dict(self) -> dict[str, object]:
        return {
            "format": "warta-triggers/1",
            "classes": list(self.classes),
            "drop_above": self.drop_above,
            "relabel_margin": self.relabel_margin,
            "weights": {f: [[c, w] for c, w in pairs] for f, pairs in sorted(self.weights.items())},
        }


def parse_trigger_model(data: dict[str, object]) -> TriggerModel:
    if data.get("format") != "warta-triggers/1":
        raise ValueError("trigger_model.json: not a warta-triggers/1 model")
    weights = {
        f: tuple((int(c), float(w)) for c, w in pairs)
        for f, pairs in data["weights"].items()  # type: ignore[attr-defined]
    }
    return TriggerModel(
        tuple(data["classes"]),  # type: ignore[arg-type]
        weights,
        float(data.get("drop_above", 0.5)),  # type: ignore[arg-type]
        float(data.get("relabel_margin", 1.0)),  # type: ignore[arg-type]
    )


@cache
def load_trigger_model() -> TriggerModel:
    """The shipped trigger classifier (cached)."""
    path = resources.files("warta") / "resources" / "events" / "trigger_model.json"
    return parse_trigger_model(json.loads(path.read_text("utf-8")))


def train(
    examples: Sequence[tuple[list[str], str]],
    classes: Sequence[str],
    *,
    epochs: int = 30,
    l2: float = 1e-2,
    rate: float = 0.2,
    seed: int = 13,
    drop_above: float = 0.5,
    relabel_margin: float = 1.0,
) -> TriggerModel:
    """Multinomial logistic regression by stochastic gradient descent (pure Python, seconds)."""
    index = {c: i for i, c in enumerate(classes)}
    n = len(classes)
    w: dict[str, list[float]] = {}
    order = list(range(len(examples)))
    rng = random.Random(seed)
    for epoch in range(epochs):
        rng.shuffle(order)
        lr = rate / (1 + epoch * 0.2)
        for i in order:
            feats, label = examples[i]
            rows = [w.setdefault(f, [0.0] * n) for f in feats]
            scores = [sum(r[c] for r in rows) for c in range(n)]
            top = max(scores)
            exp = [math.exp(s - top) for s in scores]
            total = sum(exp)
            y = index[label]
            for c in range(n):
                g = exp[c] / total - (1.0 if c == y else 0.0)
                if g == 0.0:
                    continue
                for r in rows:
                    r[c] -= lr * (g + l2 * r[c])
    weights = {
        f: tuple((c, round(v, 3)) for c, v in enumerate(ws) if abs(v) >= 0.01)
        for f, ws in w.items()
        if any(abs(v) >= 0.01 for v in ws)
    }
    return TriggerModel(tuple(classes), weights, drop_above, relabel_margin)
