"""Scoring of the entities stage against the hand-annotated fixtures in fixtures/entities/.

A fixture lists each entity's surface forms; its gold mentions are every whole-word occurrence
of those forms in the text (longest first, never overlapping).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from warta import Pipeline
from warta.model import Document, Span

FIXTURES = Path(__file__).parent / "fixtures" / "entities"
BLIND = Path(__file__).parent / "fixtures" / "entities_blind"  # annotated before any entity output was seen


@dataclass
class Scores:
    mentions: Counter[str] = field(default_factory=Counter)  # tp / fp / fn
    by_type: dict[str, Counter[str]] = field(default_factory=dict)  # type -> tp / fp / fn
    links: Counter[str] = field(default_factory=Counter)
    country: Counter[str] = field(default_factory=Counter)  # right / total

    @staticmethod
    def f1(c: Counter[str]) -> float:
        return 2 * c["tp"] / (2 * c["tp"] + c["fp"] + c["fn"]) if c["tp"] else 0.0

    @staticmethod
    def precision(c: Counter[str]) -> float:
        return c["tp"] / (c["tp"] + c["fp"]) if c["tp"] else 0.0

    @staticmethod
    def recall(c: Counter[str]) -> float:
        return c["tp"] / (c["tp"] + c["fn"]) if c["tp"] else 0.0

    @property
    def mention_f1(self) -> float:
        return self.f1(self.mentions)

    @property
    def link_f1(self) -> float:
        return self.f1(self.links)

    @property
    def country_accuracy(self) -> float:
        return self.country["right"] / self.country["total"] if self.country["total"] else 0.0


def gold_mentions(fixture: dict[str, Any]) -> dict[tuple[int, int], int]:
    """(start, end) of every gold mention -> index of its entity."""
    text = fixture["text"]
    found = []
    for idx, ent in enumerate(fixture["entities"]):
        for form in ent["mentions"]:
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                found.append((m.start(), m.end(), idx))
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: list[tuple[int, int]] = []
    out: dict[tuple[int, int], int] = {}
    for s, e, idx in found:
        if all(e <= a or s >= b for a, b in taken):
            taken.append((s, e))
            out[(s, e)] = idx
    return out


def analyze(pipeline: Pipeline, fixture: dict[str, Any]) -> Document:
    """The fixture's text (already cleaned) through the pipeline's ``segment`` and ``entities``."""
    text = fixture["text"]
    doc = Document(raw=text, text=text, id=fixture["id"], published=fixture["published"])
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            doc.paragraphs.append(Span(pos, pos + len(line), line))
        pos += len(line) + 1
    for stage in pipeline.stages:
        if stage.name in ("segment", "entities"):
            stage(doc)
    return doc


def score(pipeline: Pipeline, fixtures: list[dict[str, Any]]) -> Scores:
    sc = Scores()
    for fx in fixtures:
        doc = analyze(pipeline, fx)
        gold = gold_mentions(fx)
        gold_typed = {(s, e, fx["entities"][i]["type"]) for (s, e), i in gold.items()}
        pred: dict[tuple[int, int], int] = {}
        pred_typed = set()
        for k, ent in enumerate(doc.entities):
            for m in ent.mentions:
                pred[(m.start, m.end)] = k
                pred_typed.add((m.start, m.end, ent.type))
        sc.mentions["tp"] += len(gold_typed & pred_typed)
        sc.mentions["fp"] += len(pred_typed - gold_typed)
        sc.mentions["fn"] += len(gold_typed - pred_typed)
        for kind, spans in (("tp", gold_typed & pred_typed), ("fp", pred_typed - gold_typed)):
            for *_, t in spans:
                sc.by_type.setdefault(t, Counter())[kind] += 1
        for *_, t in gold_typed - pred_typed:
            sc.by_type.setdefault(t, Counter())["fn"] += 1
        # merging: pairs of mentions in one entity, over spans both sides found
        both = sorted(set(gold) & set(pred))
        gold_pairs = {(a, b) for a, b in combinations(both, 2) if gold[a] == gold[b]}
        pred_pairs = {(a, b) for a, b in combinations(both, 2) if pred[a] == pred[b]}
        sc.links["tp"] += len(gold_pairs & pred_pairs)
        sc.links["fp"] += len(pred_pairs - gold_pairs)
        sc.links["fn"] += len(gold_pairs - pred_pairs)
        # country of every gold entity that has one, through the predicted entity holding its mentions
        for idx, ent in enumerate(fx["entities"]):
            if not ent.get("country"):
                continue
            sc.country["total"] += 1
            hits = Counter(pred[span] for span, i in gold.items() if i == idx and span in pred)
            if hits and doc.entities[hits.most_common(1)[0][0]].country == ent["country"]:
                sc.country["right"] += 1
    return sc


def load_fixtures(folder: Path = FIXTURES) -> list[dict[str, Any]]:
    return [json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.json"))]


if __name__ == "__main__":
    import sys

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURES
    fixtures = load_fixtures(folder)
    s = score(Pipeline(), fixtures)
    print(f"{folder} ({len(fixtures)} articles)")
    m = s.mentions
    print(f"mention F1 {s.mention_f1:.3f} (P {s.precision(m):.3f} R {s.recall(m):.3f}) {dict(m)}")
    for t, c in sorted(s.by_type.items()):
        print(f"  {t:<13} F1 {s.f1(c):.3f} (P {s.precision(c):.3f} R {s.recall(c):.3f}) {dict(c)}")
    print(f"link F1    {s.link_f1:.3f} {dict(s.links)}")
    print(f"country    {s.country_accuracy:.3f} {dict(s.country)}")
