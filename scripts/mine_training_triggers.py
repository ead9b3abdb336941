"""Trigger words mined from the training units' annotations, measured by 5-fold CV (nothing shipped).

Usage: PYTHONPATH=src python scripts/mine_training_triggers.py [--cached]

For each fold, the gold trigger heads of the other folds' train + dev units (as
``scripts/train_event_tagger.py`` labels them) that are no lexicon trigger become candidate triggers of
their type when they were labelled at least ``MIN_COUNT`` times and in at least ``MIN_RATE`` of the
sentences they occur in; the held-back fold's stage then gets them as extra candidates (the tagger's
proposal path: no candidate on a name, a speech verb or the noun after a lexicon trigger, only in
stories with P(political) ≥ 0.5), with and without the argument picker. Never the held-out third.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from event_actor_oracle import _fold_pickers, prepared  # type: ignore[import-not-found]
from train_event_tagger import FOLDS, Prepared, fold_of  # type: ignore[import-not-found]
from warta.stages.events import extract_events
from warta.stages.events.evaluate import Score, score_article, system_view
from warta.stages.events.lexicon import load_lexicon
from warta.stages.events.tagger import OUTSIDE, TaggerSettings
from warta.stages.events.triggers import match
from warta.stages.events.view import Context, SentenceView

MIN_COUNT = (2, 3)
MIN_RATE = (0.3, 0.5)


def mine(items: list[Prepared], min_count: int, min_rate: float) -> dict[str, str]:
    """word -> type, for the heads labelled often enough that are no lexicon trigger."""
    labelled: Counter[tuple[str, str]] = Counter()
    seen: Counter[str] = Counter()
    for it in items:
        for k, sent in enumerate(it.doc.sentences):
            words = [t.text.lower() for t in it.doc.tokens[sent.token_start : sent.token_end]]
            for w in set(words):
                seen[w] += 1
            for w, y in zip(words, it.labels[k], strict=False):
                if y != OUTSIDE:
                    labelled[(w, y)] += 1
    out: dict[str, str] = {}
    for (w, y), n in labelled.most_common():
        if w in out or not w.isalpha() or n < min_count or n / max(1, seen[w]) < min_rate:
            continue
        out[w] = y
    return out


class Mined:
    """A proposer marking mined words with their type (probability 1), skipping lexicon triggers."""

    def __init__(self, words: dict[str, str]) -> None:
        self.words = words
        self.settings = TaggerSettings(0.5, frozenset(), "union", 0.5)

    def marginals_for(self, ctx: Context, s: SentenceView) -> list[tuple[str, float]]:
        out = []
        for k, w in enumerate(s.words):
            typ = self.words.get(w)
            out.append((typ, 1.0) if typ and match(ctx.lex, s, k) is None else (OUTSIDE, 0.0))
        return out


def score(items: list[Prepared], mined: dict[int, Mined] | None, pickers: dict[int, object] | None) -> Score:
    total = Score()
    for it in items:
        k = fold_of(it.unit["id"])
        proposer = mined[k] if mined else None
        picker = pickers[k] if pickers else None
        events = extract_events(it.doc, load_lexicon(), None, proposer, picker)  # type: ignore[arg-type]
        total.add(score_article(it.unit["events"], system_view(events), it.unit.get("domain")))
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cached", action="store_true", help="reuse the analysed documents of the last run")
    args = ap.parse_args()
    items = prepared(["train", "dev"], cached=args.cached)
    pickers = _fold_pickers(items)
    print("| mined (min count, min rate) | words per fold | picker | P | R | F1 | status | off-domain |")
    print("|---|---|---|---|---|---|---|---|")
    for pick in (None, pickers):
        s = score(items, None, pick)
        print(
            f"| none | – | {'on' if pick else 'off'} | {s.precision:.3f} | {s.recall:.3f} | **{s.f1:.3f}** | "
            f"{s.status_accuracy:.2f} | {s.off_domain} |"
        )
    for mc in MIN_COUNT:
        for mr in MIN_RATE:
            folds = {
                k: Mined(mine([it for it in items if fold_of(it.unit["id"]) != k], mc, mr))
                for k in range(FOLDS)
            }
            n = sum(len(m.words) for m in folds.values()) // FOLDS
            for pick in (None, pickers):
                s = score(items, folds, pick)
                print(
                    f"| {mc}, {mr} | {n} | {'on' if pick else 'off'} | {s.precision:.3f} | {s.recall:.3f} | "
                    f"**{s.f1:.3f}** | {s.status_accuracy:.2f} | {s.off_domain} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
