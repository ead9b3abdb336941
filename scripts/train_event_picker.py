"""Train the events stage's learned argument picker (``stages/events/picker.py``).

Usage: PYTHONPATH=src WARTA_SHARED=../shared python scripts/train_event_picker.py [--no-write] [--cached]

Training data: the events corpus ``train`` and ``dev`` units (never the held-out third). With the gold
triggers given (as ``scripts/event_actor_oracle.py`` does), every candidate the clause rules leave
without a source (or target) yields the picker's candidate actors; a candidate is positive when it has
the gold event's country for that role and shares a word with the gold actor's text (or is the unnamed
authorities where the gold actor has no text). A logistic regression per role (L2, L-BFGS) is trained
on those examples.

Chosen by 5-fold cross-validation over train + dev, grouped by unit (each fold's picker trained on the
other folds' units): the L2 weight, the probability threshold of each role (or the role left to the
rules), scored by event F1 of the whole stage (the rules' own triggers) on the held-back folds. The
table also gives the actor accuracy with gold triggers before and after. The chosen settings are then
trained on every unit and written to ``src/warta/resources/events/arg_picker.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent))

from event_actor_oracle import GoldTriggers, prepared  # type: ignore[import-not-found]
from train_event_tagger import FOLDS, Prepared, _sentence_map, fold_of  # type: ignore[import-not-found]
from warta.stages.events import extract_events, picker, triggers
from warta.stages.events.evaluate import Score, score_article, system_view
from warta.stages.events.lexicon import load_lexicon
from warta.stages.events.picker import ROLES, ArgPicker, Candidate
from warta.stages.events.view import Context, Found, SentenceView

OUT = Path(__file__).resolve().parents[1] / "src" / "warta" / "resources" / "events" / "arg_picker.json"
C2 = (3.0, 1.0)
SOURCE_TH = (None, 0.3, 0.4)
TARGET_TH = (None, 0.15, 0.3)
MIN_POLITICAL = (0.5,)
#: where the target role may act: every story, or only Indonesian (domestic) ones
WHERE: tuple[tuple[str, ...], ...] = ((), ("IDN",))
#: a setting may add at most this many events on off-domain units to the rules' (codebook §7: none)
OFF_DOMAIN_SLACK = 1
_STOP = frozenset(["dan", "di", "ke", "dari", "yang", "itu", "ini", "para", "sang", "the", "of"])


@dataclass(slots=True)
class Example:
    unit: str
    role: str
    group: int
    feats: list[str]
    label: int


def _words(text: str | None) -> set[str]:
    return {w.strip(".,()\"'").lower() for w in (text or "").split()} - _STOP - {""}


def _positive(c: Candidate, gold: dict[str, Any], role: str) -> bool:
    if c.actor.country != gold.get(role):
        return False
    text = gold.get(f"{role}_text")
    if not text:
        return not c.actor.text
    return bool(_words(c.actor.text) & _words(text) or _words(c.actor.name) & _words(text))


class Collector:
    """Replaces ``picker.fill`` during the oracle runs: records every candidate with its label."""

    def __init__(self) -> None:
        self.examples: list[Example] = []
        self.item: Prepared | None = None
        self.where: list[int] = []
        self.groups = 0

    def gold_for(self, f: Found) -> dict[str, Any] | None:
        assert self.item is not None
        for ev in self.item.unit["events"]:
            sents = {self.where[k] for k in ev.get("sentences") or [] if k < len(self.where)}
            if ev["type"] == f.entry.type and f.sentence in sents:
                return ev
        return None

    def __call__(self, ctx: Context, s: SentenceView, found: list[Found], model: Any) -> None:
        assert self.item is not None
        for f in found:
            gold = self.gold_for(f)
            if gold is None:
                continue
            for role in ROLES:
                if getattr(f, role) or (role == "target" and not f.source):
                    continue
                cands = picker.candidates(ctx, s, f, role)
                self.groups += 1
                for c in cands:
                    label = int(gold.get(role) is not None and _positive(c, gold, role))
                    self.examples.append(Example(self.item.unit["id"], role, self.groups, c.features, label))
                if role == "source" and gold.get("source"):
                    # the best candidate stands in for the rest of the passes (as the picker would)
                    pos = next((c for c in cands if _positive(c, gold, role)), None)
                    if pos is not None:
                        f.source = [pos.actor]


def collect(items: list[Prepared]) -> list[Example]:
    oracle, collector = GoldTriggers(), Collector()
    saved = triggers.find, triggers.statements, picker.fill
    triggers.find = oracle.find  # type: ignore[assignment]
    triggers.statements = lambda ctx, s, found: []  # type: ignore[assignment]
    picker.fill = collector  # type: ignore[assignment]
    try:
        for it in items:
            oracle.labels, collector.item = it.labels, it
            collector.where = _sentence_map(it.doc, it.unit)
            extract_events(it.doc, load_lexicon())
    finally:
        triggers.find, triggers.statements, picker.fill = saved
    return collector.examples


def fit(examples: list[Example], c2: float) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Logistic regression per role (L2 weight ``c2``)."""
    weights: dict[str, dict[str, float]] = {}
    bias: dict[str, float] = {}
    for role in ROLES:
        ex = [e for e in examples if e.role == role]
        vocab: dict[str, int] = {}
        rows, cols = [], []
        for i, e in enumerate(ex):
            for f in set(e.feats):
                rows.append(i)
                cols.append(vocab.setdefault(f, len(vocab)))
        if not ex or not vocab:
            continue
        x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(ex), len(vocab)))
        y = np.array([e.label for e in ex], dtype=float)

        def loss(wb: np.ndarray, x: sparse.csr_matrix = x, y: np.ndarray = y) -> tuple[float, np.ndarray]:
            w, b = wb[:-1], wb[-1]
            z = x @ w + b
            p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
            eps = 1e-9
            value = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + 0.5 * c2 * np.sum(w * w)
            g = p - y
            return float(value), np.concatenate([x.T @ g + c2 * w, [g.sum()]])

        res = minimize(loss, np.zeros(len(vocab) + 1), jac=True, method="L-BFGS-B", options={"maxiter": 300})
        names = sorted(vocab, key=vocab.__getitem__)
        weights[role] = {n: float(v) for n, v in zip(names, res.x[:-1], strict=True)}
        bias[role] = float(res.x[-1])
    return weights, bias


def score(
    items: list[Prepared], models: dict[int, ArgPicker] | ArgPicker | None, *, oracle: bool = False
) -> Score:
    total = Score()
    gold_triggers = GoldTriggers()
    saved = triggers.find, triggers.statements
    if oracle:
        triggers.find = gold_triggers.find  # type: ignore[assignment]
        triggers.statements = lambda ctx, s, found: []  # type: ignore[assignment]
    try:
        for it in items:
            gold_triggers.labels = it.labels
            model = models.get(fold_of(it.unit["id"])) if isinstance(models, dict) else models
            events = extract_events(it.doc, load_lexicon(), None, None, model)
            total.add(score_article(it.unit["events"], system_view(events), it.unit.get("domain")))
    finally:
        triggers.find, triggers.statements = saved
    return total


def _with(
    model: ArgPicker, src: float | None, tgt: float | None, mp: float = 0.0, where: tuple[str, ...] = ()
) -> ArgPicker:
    th = {r: t for r, t in (("source", src), ("target", tgt)) if t is not None}
    return ArgPicker(model.weights, model.bias, th, min_political=mp, target_countries=list(where))


def _cells(s: Score) -> str:
    return f"{s.precision:.3f} | {s.recall:.3f} | **{s.f1:.3f}** | {s.status_accuracy:.2f} | {s.off_domain}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--cached", action="store_true", help="reuse the analysed documents of the last run")
    ap.add_argument("--quick", action="store_true", help="one c2 value only")
    ap.add_argument("--limit", type=int, help="only the first N units (a smoke run)")
    ap.add_argument(
        "--targets-in",
        choices=("all", "IDN"),
        help="fix where the target role acts (the shipped IDN: every story costs the older leads' intl gate)",
    )
    args = ap.parse_args()
    items = prepared(["train", "dev"], cached=args.cached)[: args.limit]
    examples = collect(items)
    print(
        f"{len(items)} units; {len(examples)} candidates, {sum(e.label for e in examples)} positive",
        file=sys.stderr,
    )
    head = "| picker | c2 | src th | tgt th | min P(pol.) | targets in | P | R | F1 | status | off-dom. |"
    print(head + "\n|---|---|---|---|---|---|---|---|---|---|---|")
    base = score(items, None)
    print(f"| rules (none) | – | – | – | – | – | {_cells(base)} |")
    best: tuple[float, float, float | None, float | None, float, tuple[str, ...]] = (
        base.f1,
        0.0,
        None,
        None,
        0.0,
        (),
    )
    for c2 in C2[:1] if args.quick else C2:
        folds = {}
        for k in range(FOLDS):
            w, b = fit([e for e in examples if fold_of(e.unit) != k], c2)
            folds[k] = ArgPicker(w, b, {})
        for src in SOURCE_TH:
            for tgt in TARGET_TH:
                wheres = WHERE if args.targets_in is None else (() if args.targets_in == "all" else ("IDN",),)
                for mp, where in ((mp, w) for mp in MIN_POLITICAL for w in wheres):
                    if src is None and tgt is None:
                        continue
                    s = score(items, {k: _with(m, src, tgt, mp, where) for k, m in folds.items()})
                    cells = f"{c2} | {src} | {tgt} | {mp} | {where or 'all'} | {_cells(s)}"
                    print(f"| CV | {cells} |", flush=True)
                    if s.f1 > best[0] and s.off_domain <= base.off_domain + OFF_DOMAIN_SLACK:
                        best = (s.f1, c2, src, tgt, mp, where)
    f1, c2, src, tgt, mp, where = best
    print(f"\nchosen: c2={c2} source={src} target={tgt} min_political={mp} in {where} (CV F1 {f1:.3f})")
    folds = {}
    for k in range(FOLDS):
        w, b = fit([e for e in examples if fold_of(e.unit) != k], c2 or 1.0)
        folds[k] = _with(ArgPicker(w, b, {}), src, tgt, mp, where)
    rows = []
    for split in ("train", "dev"):
        part = [it for it in items if it.unit.get("split") == split]
        rows.append(f"| {split} | rules | {_cells(score(part, None))} |")
        rows.append(f"| {split} | picker (5-fold CV) | {_cells(score(part, folds))} |")
    o_rules, o_pick = score(items, None, oracle=True), score(items, folds, oracle=True)
    rows.append(f"| train + dev, gold triggers | rules | {_cells(o_rules)} |")
    rows.append(f"| train + dev, gold triggers | picker (5-fold CV) | {_cells(o_pick)} |")
    print("\n| split | actors | P | R | F1 | status | off-domain |\n|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    if not args.no_write and c2:
        w, b = fit(examples, c2)
        model = _with(ArgPicker(w, b, {}), src, tgt, mp, where)
        cv_fold = score(items, folds)
        model.cv = {
            "units": len(items),
            "c2": c2,
            "rules_f1": round(base.f1, 3),
            "picker_f1": round(cv_fold.f1, 3),
            "picker_p": round(cv_fold.precision, 3),
            "picker_r": round(cv_fold.recall, 3),
            "oracle_rules_f1": round(o_rules.f1, 3),
            "oracle_picker_f1": round(o_pick.f1, 3),
        }
        OUT.write_text(json.dumps(model.to_dict(), indent=0, sort_keys=True) + "\n", "utf-8")
        print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB)", file=sys.stderr)


if __name__ == "__main__":
    main()
