"""Pass 2b, the learned argument picker: a source or target for a candidate the clause rules left
without one.

The clause rules of :mod:`.actors` are precise where the clause is plain, but a third of the events
annotated in the training units have a trigger whose source the rules never find (the actor sits in
the previous sentence, after "oleh" far from the verb, in a speech frame, or is a name the clause
chunker cuts), and a quarter miss their target. For such a candidate the picker ranks the actors named
nearby — every entity mention of the sentence and the previous one, gazetteer and title-word actors,
the quote's speaker and the unnamed authorities of the story's country — with a logistic regression
over features of the candidate and its relation to the trigger (side and distance, the word before it,
the trigger's voice and type, entity type and sector, first actor of the sentence, speaker of a speech
verb), and takes the best one when its probability reaches the role's threshold. The model, its
thresholds and the roles it may fill are chosen by 5-fold cross-validation over the train + dev units
(``scripts/train_event_picker.py``; model card ``resources/events/arg_picker.md``); with no model the
pass does nothing. Pure Python: a dot product per candidate.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from warta.model import Actor
from warta.stages.events.clause import SPEECH_VERBS
from warta.stages.events.view import Context, Found, SentenceView, W

__all__ = ["ArgPicker", "Candidate", "candidates", "fill", "load_picker"]

ROLES = ("source", "target")
#: the words before a candidate that say most about its role
_PREPS = frozenset(
    [
        "oleh",
        "dari",
        "ke",
        "kepada",
        "terhadap",
        "atas",
        "untuk",
        "bagi",
        "dengan",
        "bersama",
        "di",
        "pada",
        "melawan",
        "antara",
        "agar",
        "supaya",
        "bahwa",
        "yang",
        "dan",
        "kata",
        "ujar",
        "ucap",
        "tutur",
        "jelas",
        "menurut",
    ]
)
_PLACE_PREPS = frozenset({"di", "pada", "dekat", "sekitar"})
_UNNAMED_TYPES = frozenset({"COERCE", "SANCTION", "ACCUSE", "ASSAULT"})


@dataclass(slots=True)
class Candidate:
    actor: Actor
    start: int  # absolute token range of the mention ([start, end); the trigger for unnamed ones)
    end: int
    features: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ArgPicker:
    """Per role: weights, bias and the probability a pick needs; ``roles`` are the roles it fills."""

    weights: dict[str, dict[str, float]]
    bias: dict[str, float]
    thresholds: dict[str, float]
    types: dict[str, list[str]] = field(default_factory=dict)
    #: the least probability that the story is political news (domain model) for the picker to act
    min_political: float = 0.0
    #: the story countries in which it picks targets (empty: every story)
    target_countries: list[str] = field(default_factory=list)
    cv: dict[str, Any] = field(default_factory=dict)

    def probability(self, role: str, feats: list[str]) -> float:
        w = self.weights.get(role, {})
        z = self.bias.get(role, 0.0) + sum(w.get(x, 0.0) for x in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def targets_here(self, story_country: str | None) -> bool:
        return not self.target_countries or story_country in self.target_countries

    def enabled(self, role: str, typ: str) -> bool:
        return role in self.thresholds and (role not in self.types or typ in self.types[role])

    def best(self, role: str, typ: str, cands: list[Candidate]) -> Candidate | None:
        if not cands or not self.enabled(role, typ):
            return None
        scored = max(cands, key=lambda c: self.probability(role, c.features))
        return scored if self.probability(role, scored.features) >= self.thresholds[role] else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "weights": {
                r: {k: round(v, 4) for k, v in w.items() if abs(v) >= 1e-3} for r, w in self.weights.items()
            },
            "bias": self.bias,
            "thresholds": self.thresholds,
            "types": self.types,
            "min_political": self.min_political,
            "target_countries": self.target_countries,
            "cv": self.cv,
        }


@cache
def load_picker() -> ArgPicker | None:
    """The shipped picker (``resources/events/arg_picker.json``), or None when none is shipped."""
    path = resources.files("warta") / "resources" / "events" / "arg_picker.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return ArgPicker(
        data["weights"],
        data["bias"],
        data["thresholds"],
        data.get("types", {}),
        float(data.get("min_political", 0.0)),
        list(data.get("target_countries", [])),
        data.get("cv", {}),
    )


def _bucket(n: int) -> str:
    return str(n) if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11-20" if n <= 20 else "far"


def _mentions(ctx: Context, sent: int) -> list[tuple[int, int]]:
    """Token ranges of the actor mentions of sentence ``sent``: entity mentions (PERSON, ORGANIZATION,
    LOCATION), gazetteer actors and title words."""
    sentence = ctx.doc.sentences[sent]
    res = ctx.resolver
    out: list[tuple[int, int]] = []
    k = sentence.token_start
    while k < sentence.token_end:
        ents = res.token_entities.get(k)
        if ents:
            e = k + 1
            while e < sentence.token_end and res.token_entities.get(e, [None])[0] is ents[0]:
                e += 1
            out.append((k, e))
            k = e
            continue
        hit = res.gazetteer(res.words, k)
        if hit is not None:
            out.append((k, min(sentence.token_end, k + hit[0])))
            k += hit[0]
            continue
        if res.sector([res.words[k]]) is not None and res.words[k].isalpha():
            out.append((k, k + 1))
        k += 1
    return out


def candidates(ctx: Context, s: SentenceView, f: Found, role: str) -> list[Candidate]:
    """The actors that could be ``f``'s ``role``, each with its features."""
    res = ctx.resolver
    other = f.target if role == "source" else f.source
    taken = {a.entity or a.text.lower() for a in other}
    spans = [(sent, a, b) for sent in (s.index - 1, s.index) if sent >= 0 for a, b in _mentions(ctx, sent)]
    speaker = res.speaker_of(f.start)
    out: list[Candidate] = []
    seen: set[str] = set()
    before = [x for x in spans if x[2] <= f.start and x[0] == s.index]
    after = [x for x in spans if x[1] >= f.end and x[0] == s.index]
    for sent, a, b in spans:
        if a < f.end and b > f.start:
            continue  # the trigger itself
        ent = next(iter(res.token_entities.get(a, [])), None)
        if ent is not None and ent.type == "LOCATION" and a > 0 and res.words[a - 1] in _PLACE_PREPS:
            continue  # "berunjuk rasa di Dublin": where it happens, not who acts or is acted on
        actor = res.peek(a, b)
        if actor is None or (actor.country is None and actor.sector is None):
            continue
        key = actor.entity or actor.text.lower()
        if key in taken or key in seen or any(actor.text and actor.text in o.text for o in other):
            continue  # "Massa dari BEM UI ... demonstrasi": BEM UI is the source's own phrase
        seen.add(key)
        feats = _features(ctx, s, f, role, sent, a, b, actor)
        if sent == s.index:
            rank = before[::-1].index((sent, a, b)) + 1 if (sent, a, b) in before else None
            rank = rank or (after.index((sent, a, b)) + 1 if (sent, a, b) in after else None)
            side = "b" if b <= f.start else "a"
            feats += [f"rank{side}={min(rank or 9, 4)}", f"rank{side}={min(rank or 9, 4)}|{f.entry.type}"]
        if speaker and actor.entity == speaker[0].entity:
            feats.append("speaker")
        out.append(Candidate(actor, a, b, feats))
    if role == "source" and speaker and (speaker[0].entity or "") not in seen | taken:
        out.append(Candidate(speaker[0], f.start, f.end, ["speaker", "speaker-only", f"t={f.entry.type}"]))
    if role == "source" and f.entry.type in _UNNAMED_TYPES and res.default_country:
        unnamed = Actor(text="", country=res.default_country, sector="COP")
        feats = ["unnamed", f"unnamed|{f.entry.type}", f"unnamed|{_voice(f)}", f"t={f.entry.type}"]
        out.append(Candidate(unnamed, f.start, f.end, feats))
    return out


def _known(country: str | None) -> str:
    return "igo" if country == "IGO" else "yes" if country else "no"


def _voice(f: Found) -> str:
    return "passive" if f.entry.passive else "verb" if f.entry.verbal else "noun"


def _features(
    ctx: Context, s: SentenceView, f: Found, role: str, sent: int, a: int, b: int, actor: Actor
) -> list[str]:
    words = ctx.resolver.words
    typ, voice = f.entry.type, _voice(f)
    ent = next(iter(ctx.resolver.token_entities.get(a, [])), None)
    etype = ent.type if ent is not None else "none"
    if sent != s.index:
        side, dist = "prev", "prev"
    elif b <= f.start:
        side, dist = "before", _bucket(f.start - b)
    else:
        side, dist = "after", _bucket(a - f.end)
    pw = words[a - 1] if a > 0 and a - 1 >= ctx.doc.sentences[sent].token_start else "^"
    pw = pw if pw in _PREPS or pw in ("^", ",", '"', "“", "”") else "w"
    nxt = words[b] if b < len(words) else "$"
    feats = [
        f"t={typ}", f"v={voice}", f"e={etype}", f"sec={actor.sector or 'none'}",
        f"side={side}", f"d={dist}", f"side={side}|v={voice}", f"side={side}|t={typ}",
        f"d={dist}|v={voice}", f"pw={pw}", f"pw={pw}|v={voice}", f"pw={pw}|side={side}",
        f"pw={pw}|t={typ}", f"e={etype}|t={typ}", f"sec={actor.sector or 'none'}|t={typ}",
        f"e={etype}|side={side}", f"ctry={_known(actor.country)}",
        f"linked={actor.entity is not None}", f"q={s.in_quote[f.start - s.offset]}",
    ]  # fmt: skip
    if nxt in SPEECH_VERBS or pw in ("kata", "ujar", "ucap", "tutur", "jelas", "menurut"):
        feats += ["speech", f"speech|side={side}"]
    if sent == s.index:  # what lies between the candidate and the trigger: a verb, a clause boundary
        lo, hi = (b, f.start) if b <= f.start else (f.end, a)
        between = range(lo - s.offset, hi - s.offset)
        if any(s.clauses.verb(k) for k in between):
            feats += ["verb-between", f"verb-between|side={side}|v={voice}"]
        if any(s.clauses.boundary(k) for k in between):
            feats += ["boundary-between", f"boundary-between|side={side}"]
    first = a == ctx.doc.sentences[sent].token_start or (a > 0 and words[a - 1] in W.quote_marks)
    if first:
        feats += ["first", f"first|side={side}", f"first|v={voice}"]
    return feats


def fill(ctx: Context, s: SentenceView, found: list[Found], model: ArgPicker | None) -> None:
    """Give every candidate the rules left without a source (or target) the picker's best actor."""
    if model is None or ctx.political < model.min_political:
        return
    for k, f in enumerate(found):
        if f.no_actor or f.anaphoric:
            continue  # the rules decided: no one acts, or it tells an earlier act again
        if any(g.entry.type == f.entry.type for g in found[:k]):
            continue  # "Serangan yang dikecam AS itu menewaskan 20 orang": the noun's act, told again
        i = f.start - s.offset
        if i > 0 and s.words[i - 1] == "yang" and f.entry.verbal and not f.source:
            continue  # "orang-orang yang membantunya": the relative's head acts; the rules found no one
        for role in ROLES:
            if getattr(f, role) or not model.enabled(role, f.entry.type):
                continue
            if role == "target" and (not f.source or not model.targets_here(ctx.resolver.default_country)):
                continue
            best = model.best(role, f.entry.type, candidates(ctx, s, f, role))
            if best is not None:
                setattr(f, role, [best.actor])
