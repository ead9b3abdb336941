"""Train the events stage's trigger classifier (``src/warta/resources/events/trigger_model.json``).

Usage: PYTHONPATH=src python scripts/train_event_triggers.py [--out PATH] [--no-write]

Training data: the rules' event candidates on the events corpus ``dev`` part
(``tests/fixtures/events_corpus/dev/``) and the 136 older leads (``tests/fixtures/events/``), never the
held-out third. A candidate is labelled with the PLOVER type of the gold event it tells (same type in
a shared sentence; or, for a type confusion, the same source country in a shared sentence with an
overlapping trigger), else ``NONE``; on the older leads, which carry no sentence numbers, by
(source country, type). Each decision is chosen by 5-fold cross-validation over the dev units (each
fold's model trained on the other folds and the older leads): dropping candidates, changing types,
both, or neither, with the thresholds that score best; the chosen model is then trained on everything
and written with the chosen thresholds. Prints the cross-validated table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from warta import Pipeline
from warta.model import Document, Event
from warta.settings import load_settings
from warta.stages.events.classifier import NONE, TriggerModel, certain, features, train
from warta.stages.events.domain import story_domain
from warta.stages.events.evaluate import Score, score_article, system_view
from warta.stages.events.lexicon import TYPES

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "warta" / "resources" / "events" / "trigger_model.json"
FIXTURES = ROOT / "tests" / "fixtures"
CLASSES = (*TYPES, NONE)
FOLDS = 5
#: (drop_above, relabel_margin) candidates; 1.01 never drops, 99 never relabels
GRID = [(d, r) for d in (0.5, 0.6, 0.7, 0.8, 0.9, 1.01) for r in (0.5, 1.0, 2.0, 99.0)]


def _units(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.json"))]


def _overlap(a: str, b: str) -> bool:
    wa = {w for w in a.lower().replace("…", " ").split() if len(w) > 2}
    return bool(wa & {w for w in b.lower().replace("…", " ").split() if len(w) > 2})


def label(unit: dict[str, Any], ev: Event) -> str:
    """The PLOVER type of the gold event ``ev`` tells, or NONE."""
    src = ev.source.country
    sents = {int(m["sentence"]) for m in ev.mentions} | {ev.sentence}
    gold = unit["events"]
    if not gold or "sentences" not in gold[0]:  # older leads: no sentence numbers
        return ev.type if any((g["source"], g["type"]) == (src, ev.type) for g in gold) else NONE
    shared = [g for g in gold if sents & set(g.get("sentences") or [])]
    if any(g["type"] == ev.type for g in shared):
        return ev.type
    confused = [g for g in shared if g["source"] == src and _overlap(g.get("trigger") or "", ev.trigger.text)]
    return str(confused[0]["type"]) if confused else NONE


class Candidates:
    """Every unit analysed once by the rules: documents, events, their features and labels."""

    def __init__(self, pipeline: Pipeline, units: list[dict[str, Any]]) -> None:
        self.units = units
        self.items: list[tuple[Document, list[Event], list[list[str]], list[str]]] = []
        for u in units:
            doc = pipeline.analyze(u["text"], published=u["published"], id=u["id"], title=u.get("title"))
            dom, pol = story_domain(doc)
            feats = [features(doc, ev, dom, pol) for ev in doc.events]
            self.items.append((doc, doc.events, feats, [label(u, ev) for ev in doc.events]))

    def examples(self, keep: list[int]) -> list[tuple[list[str], str]]:
        return [(f, y) for i in keep for f, y in zip(self.items[i][2], self.items[i][3], strict=True)]

    def score(self, i: int, model: TriggerModel | None) -> Score:
        _doc, events, feats, _ = self.items[i]
        out = []
        for ev, f in zip(events, feats, strict=True):
            keep, typ = (True, ev.type) if model is None else model.decide(f, ev.type, certain=certain(ev))
            if keep:
                view = system_view([ev])[0]
                view["type"] = typ
                out.append(view)
        return score_article(self.units[i]["events"], out, self.units[i].get("domain"))


def fold(unit_id: str) -> int:
    return int(hashlib.sha1(unit_id.encode()).hexdigest(), 16) % FOLDS


def cross_validate(
    old: Candidates, dev: Candidates, grid: list[tuple[float, float]]
) -> dict[tuple[float, float], Score]:
    """Dev scores per (drop_above, relabel_margin): each fold scored by a model trained without it."""
    totals = {g: Score() for g in grid}
    base = old.examples(list(range(len(old.items))))
    for k in range(FOLDS):
        train_ids = [i for i, u in enumerate(dev.units) if fold(u["id"]) != k]
        test_ids = [i for i, u in enumerate(dev.units) if fold(u["id"]) == k]
        model = train(base + dev.examples(train_ids), CLASSES)
        for drop, margin in grid:
            m = TriggerModel(model.classes, model.weights, drop, margin)
            for i in test_ids:
                totals[(drop, margin)].add(dev.score(i, m))
    return totals


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-write", action="store_true", help="only print the cross-validated table")
    args = ap.parse_args()
    pipeline = Pipeline(load_settings().replace(events_model="rules"))
    old = Candidates(pipeline, _units(FIXTURES / "events"))
    dev = Candidates(pipeline, _units(FIXTURES / "events_corpus" / "dev"))
    rules = Score()
    for i in range(len(dev.items)):
        rules.add(dev.score(i, None))
    n_pos = sum(y != NONE for *_, ys in dev.items + old.items for y in ys)
    n_all = sum(len(ys) for *_, ys in dev.items + old.items)
    print(
        f"candidates: {n_all} ({n_pos} events) on {len(dev.units)} dev units and {len(old.units)} older leads"
    )
    print(f"rules alone on dev: P {rules.precision:.3f} R {rules.recall:.3f} F1 {rules.f1:.3f}")
    totals = cross_validate(old, dev, GRID)
    print("\n| drop above | relabel margin | P | R | F1 (5-fold CV on dev) |\n|---|---|---|---|---|")
    for (drop, margin), s in sorted(totals.items()):
        print(f"| {drop} | {margin} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} |")
    best = max(totals, key=lambda g: (round(totals[g].f1, 4), totals[g].precision))
    print(f"\nchosen: drop above {best[0]}, relabel margin {best[1]} (CV F1 {totals[best].f1:.3f})")
    if args.no_write:
        return
    model = train(
        old.examples(list(range(len(old.items)))) + dev.examples(list(range(len(dev.items)))), CLASSES
    )
    model = TriggerModel(model.classes, model.weights, best[0], best[1])
    args.out.write_text(
        json.dumps(model.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8"
    )
    print(
        f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {len(model.weights)} features)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
