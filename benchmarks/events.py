"""Event extraction accuracy on the hand-annotated fixtures, per split, rules alone and with the
learned component, in one table; and inter-annotator agreement on the shared units.

Usage: PYTHONPATH=src python benchmarks/events.py [--mode rules|learned|both] [--picker on|off|both]
       [--heldout] [--verbose --split S]

Splits: the 136 older leads (``tests/fixtures/events/``: tuned, fresh, fresh2, fresh3, tuned2, intl),
the events corpus ``dev`` part (``tests/fixtures/events_corpus/dev/``) and, only with ``--heldout``,
its held-out third (aggregate scores only: nothing per unit is ever printed for it; every run is to be
recorded in docs/events.md). Measures: event P/R/F1 on (source country, PLOVER type, target country),
F1 on (source, type), status, date and date-source accuracy on matched events, duplicates (one act
reported twice) and events on sports/economy/entertainment/science/environment units.

Modes: ``rules``; ``learned`` (the rules plus the learned candidate generator, the trigger tagger of
``stages/events/tagger.py``); ``classifier`` (the rules' candidates filtered and relabelled by the
candidate classifier of round 6); ``both`` = rules and learned. ``--picker`` runs each mode without
and/or with the learned argument picker (``stages/events/picker.py``; rows "MODE + picker"). With
``learned`` or the picker, the ``train`` and ``dev`` rows are 5-fold cross-validated over train + dev
units, grouped by unit (each fold's tagger and picker trained on the other folds, with the shipped
settings, as ``scripts/train_event_tagger.py`` and ``scripts/train_event_picker.py`` do); the other
rows use the shipped models, trained on train + dev and never on the held-out third. With
``classifier``, the ``dev`` row is cross-validated as ``scripts/train_event_triggers.py`` does.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from warta import Pipeline
from warta.settings import load_settings
from warta.stages.events.evaluate import OFF_DOMAINS, Score, agreement, score_article, system_view

ROOT = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
OLD = ROOT / "events"
CORPUS = ROOT / "events_corpus"
OLD_SPLITS = ("tuned", "fresh", "fresh2", "fresh3", "tuned2", "intl")


def load_units(split: str) -> list[dict[str, Any]]:
    """The fixture units of a split ("old", "train", "dev", "heldout", "heldout2")."""
    folder = OLD if split == "old" else CORPUS / split
    return [json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.json"))]


def analyze(pipeline: Pipeline, unit: dict[str, Any]) -> list[dict[str, Any]]:
    doc = pipeline.analyze(unit["text"], published=unit["published"], id=unit["id"], title=unit.get("title"))
    return system_view(doc.events)


def score_units(
    pipeline: Pipeline, units: list[dict[str, Any]], *, verbose: bool = False
) -> tuple[Score, dict[str, Score]]:
    """Total and per-sub-split scores; ``verbose`` prints gold and system events per unit."""
    total = Score()
    parts: dict[str, Score] = {}
    for unit in units:
        system = analyze(pipeline, unit)
        score = score_article(unit["events"], system, unit.get("domain"))
        total.add(score)
        sub = unit.get("split", "tuned")
        parts.setdefault(sub, Score()).add(score)
        if verbose:
            print(f"== {unit['id']} ({sub}, {unit.get('domain')})  tp={score.tp} fp={score.fp} fn={score.fn}")
            for g in unit["events"]:
                print(
                    "  gold",
                    {k: g.get(k) for k in ("source", "type", "target", "status", "date", "sentences")},
                )
            for s in system:
                print("  sys ", s)
    return total, parts


def _row(name: str, mode: str, s: Score) -> str:
    gold = s.tp + s.fn
    return (
        f"| {name} | {mode} | {s.units} | {gold} | {s.precision:.2f} | {s.recall:.2f} | **{s.f1:.2f}** | "
        f"{s.loose_f1:.2f} | {s.status_accuracy:.2f} | {s.date_accuracy:.2f} | "
        f"{s.date_source_accuracy:.2f} | {s.duplicates} | {s.off_domain} |"
    )


HEADER = (
    "| split | mode | units | gold | P | R | F1 | F1 (src, type) | status | date | date source | "
    "duplicates | off-domain events |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def agreement_table() -> None:
    """Pairwise event F1 and status agreement between the annotators of the overlap units."""
    folder = CORPUS / "overlap"
    names = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    if len(names) < 2:
        return
    print(
        "\nInter-annotator agreement (overlap units; event F1 on source, type, target; status on matched)\n"
    )
    print("| pair | units | events (first / second) | F1 | F1 (src, type) | status agreement |")
    print("|---|---|---|---|---|---|")
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            s = Score()
            n_a = n_b = 0
            for path in sorted((folder / a).glob("*.json")):
                other = folder / b / path.name
                if not other.exists():
                    continue
                ga = json.loads(path.read_text("utf-8"))["events"]
                gb = json.loads(other.read_text("utf-8"))["events"]
                n_a, n_b = n_a + len(ga), n_b + len(gb)
                s.add(agreement(ga, gb))
            cells = f"{s.f1:.2f} | {s.loose_f1:.2f} | {s.status_accuracy:.2f}"
            print(f"| {a}-{b} | {s.units} | {n_a} / {n_b} | {cells} |")


def _learned_cv(units: dict[str, list[dict[str, Any]]], *, tagger: bool, picker: bool) -> dict[str, Score]:
    """The learned components on train and dev, 5-fold cross-validated over train + dev (grouped by
    unit): each unit tagged by the tagger of the other folds (``tagger``) and its arguments picked by
    the picker trained on the other folds (``picker``), both with the shipped settings."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from train_event_picker import collect, fit  # type: ignore[import-not-found]
    from train_event_tagger import FOLDS, Cached, _load, fold_of, prepare  # type: ignore[import-not-found]
    from warta.stages.events import extract_events
    from warta.stages.events.lexicon import load_lexicon
    from warta.stages.events.picker import ArgPicker, load_picker
    from warta.stages.events.tagger import load_tagger

    shipped = load_tagger().settings
    rules = Pipeline(load_settings().replace(events_model="rules", events_picker=False))
    items = [prepare(rules, u) for u in units["train"] + units["dev"]]
    if tagger:
        _load(items, float(shipped.cv.get("c2", 0.3)))  # the training run's fold marginals, else re-run
    folds: dict[int, ArgPicker] = {}
    model = load_picker() if picker else None
    if model is not None:
        examples = collect(items)
        for k in range(FOLDS):
            w, b = fit([e for e in examples if fold_of(e.unit) != k], float(model.cv.get("c2", 1.0)))
            folds[k] = ArgPicker(
                w, b, model.thresholds, model.types, model.min_political, model.target_countries
            )
    out: dict[str, Score] = {}
    for split in ("train", "dev"):
        total = Score()
        for it in (it for it in items if it.unit.get("split") == split):
            proposer = Cached(it, shipped) if tagger else None
            events = extract_events(it.doc, load_lexicon(), None, proposer, folds.get(fold_of(it.unit["id"])))
            total.add(score_article(it.unit["events"], system_view(events), it.unit.get("domain")))
        out[split] = total
    return out


def _cross_validated(old: list[dict[str, Any]], dev: list[dict[str, Any]]) -> tuple[Score, dict[str, Score]]:
    """The learned component on dev, 5-fold cross-validated with the shipped model's thresholds."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from train_event_triggers import Candidates, cross_validate  # type: ignore[import-not-found]
    from warta.stages.events.classifier import load_trigger_model

    shipped = load_trigger_model()
    rules = Pipeline(load_settings().replace(events_model="rules"))
    grid = [(shipped.drop_above, shipped.relabel_margin)]
    total = cross_validate(Candidates(rules, old), Candidates(rules, dev), grid)[grid[0]]
    return total, {"dev": total}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", choices=("rules", "learned", "classifier", "both"), default="both")
    ap.add_argument(
        "--picker", choices=("on", "off", "both"), default="both", help="the learned argument picker"
    )
    ap.add_argument("--heldout", action="store_true", help="also score both held-out sets (aggregates only)")
    ap.add_argument("--verbose", action="store_true", help="print gold and system events per unit")
    ap.add_argument("--split", help="with --verbose: only this split (old, dev, or an old sub-split)")
    args = ap.parse_args()
    if args.verbose and args.split in ("heldout", "heldout2"):
        ap.error("the held-out third is scored in aggregate only")
    modes = ("rules", "learned") if args.mode == "both" else (args.mode,)
    pickers = {"on": (True,), "off": (False,), "both": (False, True)}[args.picker]
    splits = ["old", "train", "dev"] + (["heldout", "heldout2"] if args.heldout else [])
    units = {split: load_units(split) for split in splits}
    t0 = time.perf_counter()
    rows = []
    for mode, pick in ((m, p) for m in modes for p in pickers):
        pipeline = Pipeline(load_settings().replace(events_model=mode, events_picker=pick))
        learned = mode == "learned" or pick
        cv = _learned_cv(units, tagger=mode == "learned", picker=pick) if learned else {}
        label = f"{mode} + picker" if pick else mode
        for split in splits:
            verbose = args.verbose and not split.startswith("heldout") and args.split in (None, split)
            name = split
            if split in cv:
                total, parts = cv[split], {split: cv[split]}
                name = f"{split} (5-fold CV)"
            elif mode == "classifier" and split == "dev":
                total, parts = _cross_validated(units["old"], units["dev"])
            else:
                total, parts = score_units(pipeline, units[split], verbose=verbose)
            rows.append(_row(name, label, total))
            if split == "old":
                rows += [_row(f"old: {p}", label, parts[p]) for p in OLD_SPLITS if p in parts]
    print(f"Events: {sum(len(u) for u in units.values())} units, {time.perf_counter() - t0:.1f}s\n")
    print(HEADER)
    print("\n".join(rows))
    if args.heldout:
        print("\n(held-out third scored: record this run in docs/events.md)", file=sys.stderr)
    statuses = Counter(u.get("domain") for u in units["dev"])
    print(f"\ndev units by domain: {dict(statuses)}; off-domain = {', '.join(sorted(OFF_DOMAINS))}")
    agreement_table()


if __name__ == "__main__":
    main()
