"""Pass 0, domain: what kind of story this is, so that sports, business, entertainment, technology and
weather stories yield no political events.

A small multinomial logistic regression over the words of the title and the first sentences
(``resources/events/domain.json``, trained by ``scripts/train_event_domain.py`` on outlet sections of
the raw news corpus as weak labels; model card ``resources/events/domain.md``). Pure Python at run
time: one dictionary look-up per distinct word.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from warta.cache import cached, resource_digest
from warta.model import Document

__all__ = ["DomainModel", "load_domain_model", "story_domain"]

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: the domains where PLOVER events are at home; the others yield events only when an authority acts
POLITICAL = frozenset({"news", "international"})


def words(text: str) -> set[str]:
    """The distinct lower-cased words of ``text`` (the model's features)."""
    return {w.lower() for w in _WORD.findall(text) if len(w) > 1}


@dataclass(frozen=True, slots=True)
class DomainModel:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    #: word -> (class index, weight) pairs; absent words weigh nothing
    weights: dict[str, tuple[tuple[int, float], ...]]
    #: how many sentences of the story the model reads
    sentences: int

    def probabilities(self, text: str, feats: set[str] | None = None) -> dict[str, float]:
        """P(domain | text) for every class (``feats``: ``words(text)`` when the caller has them)."""
        feats = words(text) if feats is None else feats
        scale = 1.0 / math.sqrt(len(feats)) if feats else 0.0
        scores = list(self.bias)
        for w in feats:
            for c, weight in self.weights.get(w, ()):
                scores[c] += weight * scale
        top = max(scores)
        exp = [math.exp(x - top) for x in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}


def parse_domain_model(data: dict[str, object]) -> DomainModel:
    if data.get("format") != "warta-domain/1":
        raise ValueError("domain.json: not a warta-domain/1 model")
    classes = tuple(str(c) for c in data["classes"])  # type: ignore[attr-defined]
    weights = {
        w: tuple((int(c), float(x)) for c, x in pairs)
        for w, pairs in data["weights"].items()  # type: ignore[attr-defined]
    }
    bias = tuple(float(b) for b in data["bias"])  # type: ignore[attr-defined]
    return DomainModel(classes, bias, weights, int(data.get("sentences", 6)))  # type: ignore[call-overload]


@cache
def load_domain_model() -> DomainModel:
    """The shipped story-domain model (cached; kept pickled in the user cache directory, since
    turning the JSON's 26,000 weights into tuples takes 50 ms at every start: :mod:`warta.cache`)."""
    digest = resource_digest(["events"], [__name__], suffixes=("domain.json",))
    return cached("domain", digest, _read_domain_model)


def _read_domain_model() -> DomainModel:
    path = resources.files("warta") / "resources" / "events" / "domain.json"
    return parse_domain_model(json.loads(path.read_text("utf-8")))


#: fewer distinct words than this are too little to judge a story by (a headline, a test snippet)
MIN_WORDS = 30


def story_domain(doc: Document, model: DomainModel | None = None) -> tuple[str, float]:
    """The story's most likely domain and the probability that it is political news (``POLITICAL``);
    ("news", 1.0) for a text too short to judge."""
    model = model or load_domain_model()
    lead = " ".join(s.text for s in doc.sentences[: model.sentences])
    text = f"{doc.title or ''} {lead}"
    feats = words(text)
    if len(feats) < MIN_WORDS:
        return "news", 1.0
    probs = model.probabilities(text, feats)
    best = max(probs, key=lambda c: probs[c])
    return best, sum(p for c, p in probs.items() if c in POLITICAL)


#: below this probability of political news the story's domain decides which events stay
THRESHOLD = 0.35
#: domains whose stories yield no events at all; in the others only authorities' acts stay
_NO_EVENTS = frozenset({"sports", "entertainment", "science"})
#: actor sectors that make an act political in a business or weather story ("Kemenkeu mengusulkan ...")
AUTHORITIES = frozenset({"GOV", "COP", "JUD", "LEG", "MIL", "IGO", "INTL"})


def keep(domain: str, political: float, source_sector: str | None) -> bool:
    """Does an event whose source has ``source_sector`` stay in a story of ``domain``?"""
    if political >= THRESHOLD or domain in POLITICAL:
        return True
    if domain in _NO_EVENTS:
        return False
    return source_sector in AUTHORITIES
