"""Score events against hand-annotated fixtures (used by ``benchmarks/events.py`` and the test gates).

A gold event is ``{"source": ISO3|IGO|null, "type": PLOVER, "target": ..., "status", "date"}`` and, in
the events corpus (``docs/events.md``, codebook §8), also ``date_source`` and ``sentences``. A system
event matches a gold one when source country, type and target country are equal (each gold event
matches at most one system event; among equal keys the one sharing a sentence is preferred); status,
date and date-source accuracy are measured on matched pairs. A *duplicate* is an unmatched system
event whose key belongs to a gold event that was already matched (one act told twice). *Off-domain*
events are system events on units whose domain is sports, economy, entertainment, science or
environment and whose annotation has no event (stories that yield no political events).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from warta.model import Event

__all__ = ["OFF_DOMAINS", "Score", "agreement", "score_article", "system_view"]

#: unit domains that should yield no political events (codebook §7)
OFF_DOMAINS = frozenset({"sports", "economy", "entertainment", "science", "environment"})


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    type_tp: int = 0  # matched on type and source country only
    status_ok: int = 0
    date_ok: int = 0
    date_source_ok: int = 0
    date_source_n: int = 0  # matched pairs whose gold has a date_source
    duplicates: int = 0
    off_domain: int = 0
    units: int = 0
    #: (gold status, system status) of matched pairs
    pairs: list[tuple[str, str]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "tp", "fp", "fn", "type_tp", "status_ok", "date_ok", "date_source_ok", "date_source_n",
            "duplicates", "off_domain", "units",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.pairs += other.pairs

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def loose_f1(self) -> float:
        """F1 on (source country, type) only."""
        p = self.type_tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.type_tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def status_accuracy(self) -> float:
        return self.status_ok / self.tp if self.tp else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date_ok / self.tp if self.tp else 0.0

    @property
    def date_source_accuracy(self) -> float:
        return self.date_source_ok / self.date_source_n if self.date_source_n else 0.0


def system_view(events: Iterable[Event]) -> list[dict[str, Any]]:
    """System events in the fixture's terms (countries, status, date, date source, sentences)."""
    return [
        {
            "source": e.source.country,
            "type": e.type,
            "target": e.target.country if e.target else None,
            "status": e.status,
            "date": e.date,
            "date_source": e.date_source,
            "sentences": sorted({int(m["sentence"]) for m in e.mentions} | {e.sentence}),
        }
        for e in events
    ]


def _key(ev: dict[str, Any]) -> tuple[Any, ...]:
    return (ev.get("source"), ev["type"], ev.get("target"))


def _pick(candidates: list[dict[str, Any]], gold: dict[str, Any]) -> dict[str, Any] | None:
    if not candidates:
        return None
    sents = set(gold.get("sentences") or [])
    return next((s for s in candidates if sents & set(s.get("sentences") or [])), candidates[0])


def score_article(
    gold: Iterable[dict[str, Any]], system: Iterable[dict[str, Any]], domain: str | None = None
) -> Score:
    """Score one unit; ``system`` events as :func:`system_view` gives them (``sentences`` optional)."""
    gold = list(gold)
    score = Score(units=1)
    left = list(system)
    loose = list(left)
    matched_keys = set()
    for g in gold:
        match = _pick([s for s in left if _key(s) == _key(g)], g)
        lm = next((s for s in loose if (s.get("source"), s["type"]) == (g.get("source"), g["type"])), None)
        if lm is not None:
            loose.remove(lm)
            score.type_tp += 1
        if match is None:
            score.fn += 1
            continue
        left.remove(match)
        matched_keys.add(_key(g))
        score.tp += 1
        score.pairs.append((g["status"], match["status"]))
        score.status_ok += g["status"] == match["status"]
        score.date_ok += (g.get("date") or None) == (match.get("date") or None)
        if "date_source" in g:
            score.date_source_n += 1
            score.date_source_ok += g["date_source"] == match.get("date_source")
    score.fp += len(left)
    score.duplicates = sum(_key(s) in matched_keys for s in left)
    if domain in OFF_DOMAINS and not gold:
        score.off_domain = len(left)
    return score


def agreement(a: Iterable[dict[str, Any]], b: Iterable[dict[str, Any]]) -> Score:
    """Two annotations of one unit scored against each other (``a`` as gold): F1 is symmetric."""
    return score_article(a, b)
