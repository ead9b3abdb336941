"""Actor accuracy of the events stage with the gold triggers given (an oracle candidate generator).

Usage: PYTHONPATH=src WARTA_SHARED=../shared python scripts/event_actor_oracle.py [--split train,dev]
       [--examples CLASS] [--cached]

Every gold event's trigger head words (as ``scripts/train_event_tagger.py`` labels them) become the
only candidates (the lexicon's entry where the word is a lexicon trigger of that type, else a bare
entry of the gold type); the rules' own triggers and statement cues are switched off, every other pass
runs as in the stage. The event F1 on (source country, type, target country) is then the accuracy of
the actor passes (plus merge and the domain filter). Each gold event is then paired with the system
event of its type sharing a sentence and its error classed: no event of its type (no source found,
or the story filtered), source null, source of another country, target missing, target where gold has
none, target of another country. Never run on the held-out third.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_event_tagger import Prepared, fold_of, load_units, prepare  # type: ignore[import-not-found]
from warta import Pipeline
from warta.settings import load_settings
from warta.stages.events import extract_events, triggers
from warta.stages.events.evaluate import Score, score_article, system_view
from warta.stages.events.lexicon import load_lexicon
from warta.stages.events.tagger import OUTSIDE, _entry
from warta.stages.events.view import Context, Found, SentenceView

CACHE = Path(tempfile.gettempdir()) / "warta-events-oracle-docs.pkl"


def prepared(splits: list[str], *, cached: bool) -> list[Prepared]:
    if cached and CACHE.exists():
        items: list[Prepared] = pickle.loads(CACHE.read_bytes())
        return [it for it in items if it.unit.get("split") in splits]
    pipeline = Pipeline(load_settings().replace(events_model="rules"))
    items = [prepare(pipeline, u) for u in load_units("train", "dev")]
    CACHE.write_bytes(pickle.dumps(items))
    return [it for it in items if it.unit.get("split") in splits]


class GoldTriggers:
    """Replaces ``triggers.find``: the gold trigger heads of the unit being scored."""

    def __init__(self) -> None:
        self.labels: list[list[str]] = []

    def find(self, ctx: Context, s: SentenceView) -> list[Found]:
        out = []
        labels = self.labels[s.index] if s.index < len(self.labels) else []
        for k, typ in enumerate(labels):
            if typ == OUTSIDE:
                continue
            m = triggers.match(ctx.lex, s, k)
            if m is not None and m[0].type == typ:
                out.append(Found(s.index, s.offset + k, s.offset + m[1], m[0]))
            else:
                out.append(Found(s.index, s.offset + k, s.offset + k + 1, _entry(s.words[k], typ)))
        return out


def classify(gold: list[dict[str, Any]], system: list[dict[str, Any]]) -> Counter[str]:
    """One error class (or "ok") per gold event."""
    out: Counter[str] = Counter()
    left = list(system)
    for g in gold:
        same = [s for s in left if s["type"] == g["type"]]
        sents = set(g.get("sentences") or [])
        best = next((s for s in same if (s["source"], s["target"]) == (g["source"], g["target"])), None)
        best = best or next((s for s in same if sents & set(s["sentences"])), None)
        if best is None:
            out["no event of its type"] += 1
            continue
        left.remove(best)
        if (best["source"], best["target"]) == (g["source"], g["target"]):
            out["ok"] += 1
        elif best["source"] != g["source"]:
            out["source null" if best["source"] is None else "source other country"] += 1
        elif best["target"] is None:
            out["target missing"] += 1
        elif g["target"] is None:
            out["target where gold has none"] += 1
        else:
            out["target other country"] += 1
    return out


def run(
    items: list[Prepared], *, examples: str | None = None, pickers: dict[int, Any] | None = None
) -> tuple[Score, Counter[str]]:
    oracle = GoldTriggers()
    original_find, original_statements = triggers.find, triggers.statements
    triggers.find = oracle.find  # type: ignore[assignment]
    triggers.statements = lambda ctx, s, found: []  # type: ignore[assignment]
    total, classes = Score(), Counter[str]()
    try:
        for it in items:
            oracle.labels = it.labels
            model = pickers.get(fold_of(it.unit["id"])) if pickers else None
            events = extract_events(it.doc, load_lexicon(), None, None, model)
            system = system_view(events)
            total.add(score_article(it.unit["events"], system, it.unit.get("domain")))
            got = classify(it.unit["events"], system)
            classes.update(got)
            if examples and got[examples]:
                _show(it, events)
    finally:
        triggers.find, triggers.statements = original_find, original_statements
    return total, classes


def _show(it: Prepared, events: list[Any]) -> None:
    print(f"== {it.unit['id']}")
    for g in it.unit["events"]:
        keys = ("source", "source_text", "type", "target", "target_text", "trigger", "sentences")
        print("  gold", {k: g.get(k) for k in keys})
    for e in events:
        tgt = (e.target.text, e.target.country) if e.target else None
        print("  sys ", e.type, (e.source.text, e.source.country), tgt, e.sentence, e.trigger.text)


def _fold_pickers(items: list[Prepared]) -> dict[int, Any]:
    """The shipped picker's settings, each fold's weights trained on the other folds."""
    from train_event_picker import FOLDS, collect, fit  # type: ignore[import-not-found]
    from warta.stages.events.picker import ArgPicker, load_picker

    model = load_picker()
    assert model is not None
    examples = collect(items)
    out = {}
    for k in range(FOLDS):
        w, b = fit([e for e in examples if fold_of(e.unit) != k], float(model.cv.get("c2", 1.0)))
        out[k] = ArgPicker(w, b, model.thresholds, model.types, model.min_political, model.target_countries)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="train,dev")
    ap.add_argument("--examples", help="print the units with this error class")
    ap.add_argument("--cached", action="store_true", help="reuse the analysed documents of the last run")
    ap.add_argument("--picker", action="store_true", help="with the argument picker (5-fold CV)")
    args = ap.parse_args()
    splits = args.split.split(",")
    if any(s.startswith("heldout") for s in splits):
        ap.error("never on the held-out third")
    items = prepared(splits, cached=args.cached)
    pickers = _fold_pickers(items) if args.picker else None
    total, classes = run(items, examples=args.examples, pickers=pickers)
    gold = total.tp + total.fn
    print(f"{len(items)} units, {gold} gold events; gold triggers given")
    print(f"P {total.precision:.3f} R {total.recall:.3f} F1 {total.f1:.3f} (src, type) {total.loose_f1:.3f}")
    print("| error class | gold events | share |\n|---|---|---|")
    for name, n in classes.most_common():
        print(f"| {name} | {n} | {n / gold:.2f} |")


if __name__ == "__main__":
    main()
