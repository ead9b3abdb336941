"""Score events against hand-annotated fixtures (used by ``benchmarks/events.py`` and the test gate).

A fixture event is ``{"source": ISO3|null, "type": PLOVER, "target": ISO3|null, "status", "date"}``.
A system event matches a gold one when source country, type and target country are equal (each gold
event matches at most one system event); status and date accuracy are measured on matched pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Score", "score_article"]


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    type_tp: int = 0  # matched on type and source country only
    status_ok: int = 0
    date_ok: int = 0
    #: (gold status, system status) of matched pairs
    pairs: list[tuple[str, str]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.type_tp += other.type_tp
        self.status_ok += other.status_ok
        self.date_ok += other.date_ok
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
    def status_accuracy(self) -> float:
        return self.status_ok / self.tp if self.tp else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date_ok / self.tp if self.tp else 0.0


def _key(ev: dict[str, Any]) -> tuple[Any, ...]:
    return (ev.get("source"), ev["type"], ev.get("target"))


def score_article(gold: Iterable[dict[str, Any]], system: Iterable[dict[str, Any]]) -> Score:
    """``system`` events as ``{"source", "type", "target", "status", "date"}`` (countries)."""
    score = Score()
    left = list(system)
    loose = list(left)
    for g in gold:
        match = next((s for s in left if _key(s) == _key(g)), None)
        lm = next((s for s in loose if (s.get("source"), s["type"]) == (g.get("source"), g["type"])), None)
        if lm is not None:
            loose.remove(lm)
            score.type_tp += 1
        if match is None:
            score.fn += 1
            continue
        left.remove(match)
        score.tp += 1
        score.pairs.append((g["status"], match["status"]))
        score.status_ok += g["status"] == match["status"]
        score.date_ok += (g.get("date") or None) == (match.get("date") or None)
    score.fp += len(left)
    return score
