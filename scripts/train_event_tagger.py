"""Train the events stage's learned candidate generator (the trigger tagger, ``stages/events/tagger.py``).

Usage: PYTHONPATH=src WARTA_SHARED=../shared python scripts/train_event_tagger.py [--no-write] [--quick]
       [--cached]

Training data: the events corpus ``train`` units (``tests/fixtures/events_corpus/train/``, raw-corpus
leads annotated for training) and ``dev`` units, never the held-out third. Each gold event's trigger
(codebook §8 ``trigger``: "menetapkan … sebagai tersangka") labels the head word of each of its parts
in the event's sentences with the event's PLOVER type; every other word is ``O``.

Every decision is chosen by 5-fold cross-validation over train + dev units (grouped by unit: a unit's
sentences are all in one fold): the CRF's L2 weight, the probability threshold, how the tagger's
candidates combine with the rules' (``union``: wherever the rules have no trigger; ``new-type``: only
types the rules did not find in the sentence), the minimum probability that the story is political
(domain model), and which types it may add (greedy: a type is left to the rules when leaving it out
raises the CV F1). Each fold run's marginals are kept in the temp folder (``--cached`` re-uses them;
``benchmarks/events.py --mode learned`` too). The chosen settings are then trained on every unit and
written to ``src/warta/resources/events/trigger_tagger.{crfsuite,json}``; the CV table is printed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pycrfsuite

from warta import Pipeline
from warta.lang.morphology import strip_clitics
from warta.model import Document
from warta.settings import load_settings
from warta.stages.events import extract_events
from warta.stages.events.domain import story_domain
from warta.stages.events.evaluate import Score, score_article, system_view
from warta.stages.events.lexicon import TYPES, load_lexicon
from warta.stages.events.resolver import ActorResolver
from warta.stages.events.tagger import OUTSIDE, TaggerSettings, TriggerTagger, features_of, stem
from warta.stages.events.view import Context, SentenceView

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "events_corpus"
OUT = ROOT / "src" / "warta" / "resources" / "events"
FOLDS = 5
C1 = 0.05
C2 = (0.05, 0.3, 1.0)
THRESHOLDS = (0.1, 0.2, 0.3)
COMBINE = ("union", "new-type")
MIN_POLITICAL = (0.0, 0.5, 0.8)
#: words that are no trigger's head: auxiliaries, negations, connectives, prepositions, light verbs
_STOP = (
    "akan telah sudah saat ketika tidak tak yang dan atau untuk agar supaya di ke dari oleh itu ini "
    "masih sedang tengah terus kembali juga bisa dapat harus perlu pun baru sempat langsung segera "
    "sebagai dengan pada dalam bahwa kami saya kita mereka ia dia atas bagi hal para bukan belum pernah "
    "lagi serta tetap resmi turut kerap mungkin lebih salah tahun melakukan menggelar mengadakan "
    "memberikan membuat menjadi"
)
STOP = frozenset(_STOP.split(" "))


def load_units(*splits: str) -> list[dict[str, Any]]:
    return [json.loads(p.read_text("utf-8")) for s in splits for p in sorted((CORPUS / s).glob("*.json"))]


def fold_of(unit_id: str) -> int:
    return int(hashlib.sha1(unit_id.encode()).hexdigest(), 16) % FOLDS


def _norm(word: str) -> str:
    return strip_clitics(word.lower().strip(".,;:!?\"'“”()"))


def _heads(trigger: str) -> list[str]:
    """The head word of each part of a gold trigger ("menetapkan … sebagai tersangka" -> [menetapkan])."""
    heads = []
    for part in trigger.replace("...", "…").split("…"):
        words = [_norm(w) for w in part.split()]
        words = [w for w in words if w]
        head = next((w for w in words if w.isalpha() and w not in STOP), words[0] if words else "")
        if head:
            heads.append(head)
    return heads


def gold_labels(doc: Document, unit: dict[str, Any]) -> list[list[str]]:
    """Per sentence of ``doc``, the label of every word (a PLOVER type or O)."""
    words = [[_norm(t.text) for t in doc.tokens[s.token_start : s.token_end]] for s in doc.sentences]
    labels = [[OUTSIDE] * len(ws) for ws in words]
    where = _sentence_map(doc, unit)
    for ev in unit["events"]:
        sents = sorted({where[k] for k in ev.get("sentences") or range(len(where)) if k < len(where)})
        for head in _heads(ev.get("trigger") or ""):
            for k in sents:
                hit = next((i for i, w in enumerate(words[k]) if w == head), None)
                if hit is None:
                    hit = next(
                        (i for i, w in enumerate(words[k]) if len(w) > 4 and stem(w) == stem(head)), None
                    )
                if hit is not None and labels[k][hit] == OUTSIDE:
                    labels[k][hit] = ev["type"]
                    break
    return labels


def _sentence_map(doc: Document, unit: dict[str, Any]) -> list[int]:
    """For each annotated sentence, the index of the doc sentence it starts in (segmentations may differ)."""
    out, pos = [], 0
    starts = [s.start for s in doc.sentences]
    for text in unit.get("sentences") or []:
        at = doc.text.find(text[:40], pos)
        at = pos if at < 0 else at
        pos = at + 1
        out.append(max(0, sum(1 for s in starts if s <= at) - 1))
    return out


@dataclass(slots=True)
class Prepared:
    unit: dict[str, Any]
    doc: Document
    feats: list[list[list[str]]]
    labels: list[list[str]]
    marginals: dict[int, list[tuple[str, float]]] = field(default_factory=dict)


def prepare(pipeline: Pipeline, unit: dict[str, Any]) -> Prepared:
    doc = pipeline.analyze(
        unit["text"], published=unit.get("published"), id=unit["id"], title=unit.get("title")
    )
    lex = load_lexicon()
    ctx = Context(doc, lex, ActorResolver(doc, lex), sorted((q.start, q.end) for q in doc.quotes))
    ctx.domain, ctx.political = story_domain(doc)
    feats = [features_of(ctx, SentenceView(doc, i, ctx.resolver)) for i in range(len(doc.sentences))]
    return Prepared(unit, doc, feats, gold_labels(doc, unit))


class Cached:
    """A proposer that replays marginals computed once per fold (so thresholds cost no tagging)."""

    def __init__(self, item: Prepared, settings: TaggerSettings) -> None:
        self.item, self.settings = item, settings

    def marginals_for(self, ctx: Context, s: SentenceView) -> list[tuple[str, float]]:
        return self.item.marginals.get(s.index, [])


def train_crf(items: list[Prepared], c2: float, path: str) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for it in items:
        for x, y in zip(it.feats, it.labels, strict=True):
            trainer.append(x, y)
    # L1 (c1) and a minimum feature frequency keep the shipped model small (a few MB)
    trainer.set_params(
        {
            "c1": C1,
            "c2": c2,
            "max_iterations": 150,
            "feature.minfreq": 2,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(path)


def score(items: list[Prepared], settings: TaggerSettings | None) -> Score:
    total = Score()
    for it in items:
        proposer = Cached(it, settings) if settings is not None else None
        events = extract_events(it.doc, load_lexicon(), None, proposer)
        total.add(score_article(it.unit["events"], system_view(events), it.unit.get("domain")))
    return total


def tag_folds(items: list[Prepared], c2: float) -> None:
    """Fill every item's marginals from the model trained on the other folds."""
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(FOLDS):
            path = f"{tmp}/fold{k}.crfsuite"
            train_crf([it for it in items if fold_of(it.unit["id"]) != k], c2, path)
            tagger = TriggerTagger(path, TaggerSettings())
            for it in items:
                if fold_of(it.unit["id"]) == k:
                    it.marginals = {i: tagger.marginals(x) for i, x in enumerate(it.feats)}


def _cache(c2: float) -> Path:
    return Path(tempfile.gettempdir()) / f"warta-tagger-cv-{c2}.json"


def _dump(items: list[Prepared], c2: float) -> None:
    """Keep a fold run's marginals (so that the final table can be re-made without re-training)."""
    data = {it.unit["id"]: {str(k): v for k, v in it.marginals.items()} for it in items}
    _cache(c2).write_text(json.dumps(data), "utf-8")


def _load(items: list[Prepared], c2: float) -> None:
    path = _cache(c2)
    if not path.exists():
        tag_folds(items, c2)
        return
    data = json.loads(path.read_text("utf-8"))
    for it in items:
        it.marginals = {int(k): [(y, p) for y, p in v] for k, v in data[it.unit["id"]].items()}


def _cells(s: Score) -> str:
    return (
        f"{s.precision:.2f} | {s.recall:.2f} | **{s.f1:.2f}** | {s.status_accuracy:.2f} | "
        f"{s.date_accuracy:.2f} | {s.off_domain}"
    )


def choose(
    items: list[Prepared], c2s: tuple[float, ...], *, cached: bool = False
) -> tuple[float, TaggerSettings, list[str]]:
    """The best (c2, settings) by CV F1, and the table rows of every setting tried."""
    rows = [f"| rules | – | – | – | – | {_cells(score(items, None))} |"]
    best: tuple[float, float, TaggerSettings] | None = None
    for c2 in c2s:
        if cached:
            _load(items, c2)
        else:
            tag_folds(items, c2)
            _dump(items, c2)
        for combine in COMBINE:
            for th in THRESHOLDS:
                for mp in MIN_POLITICAL:
                    st = TaggerSettings(th, frozenset(), combine, mp)
                    s = score(items, st)
                    rows.append(f"| learned | {c2} | {combine} | {th} | {mp} | {_cells(s)} |")
                    if best is None or s.f1 > best[0]:
                        best = (s.f1, c2, st)
    assert best is not None
    f1, c2, st = best
    _load(items, c2)
    allowed = set(TYPES)
    for typ in TYPES:  # greedy: leave a type to the rules when that raises CV F1
        trial = replace(st, types=frozenset(allowed - {typ}))
        s = score(items, trial)
        if s.f1 > f1:
            f1, allowed = s.f1, allowed - {typ}
            cells = f"{c2} | {st.combine} | {st.threshold} | {st.min_political} | {_cells(s)}"
            rows.append(f"| learned, without {typ} | {cells} |")
    st = replace(st, types=frozenset() if allowed == set(TYPES) else frozenset(allowed))
    return c2, st, rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--quick", action="store_true", help="one c2 value only")
    ap.add_argument("--cached", action="store_true", help="reuse the last run's fold marginals (same data)")
    args = ap.parse_args()
    pipeline = Pipeline(load_settings().replace(events_model="rules"))
    units = load_units("train", "dev")
    items = [prepare(pipeline, u) for u in units]
    n_lab = sum(y != OUTSIDE for it in items for ys in it.labels for y in ys)
    n_gold = sum(len(u["events"]) for u in units)
    print(
        f"{len(items)} units (train + dev), {n_gold} gold events, {n_lab} labelled trigger words",
        file=sys.stderr,
    )
    c2, st, rows = choose(items, C2[1:2] if args.quick else C2, cached=args.cached)
    by_split: list[str] = []
    for split in ("train", "dev"):
        part = [it for it in items if it.unit.get("split") == split]
        by_split.append(f"| {split} | rules | {_cells(score(part, None))} |")
        by_split.append(f"| {split} | learned (5-fold CV) | {_cells(score(part, st))} |")
    total = score(items, st)
    st.cv = {
        "units": len(items),
        "gold": n_gold,
        "c2": c2,
        "rules_f1": round(score(items, None).f1, 3),
        "learned_f1": round(total.f1, 3),
        "learned_p": round(total.precision, 3),
        "learned_r": round(total.recall, 3),
    }
    print("| mode | c2 | combine | threshold | min political | P | R | F1 | status | date | off-domain |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print("\n| split | mode | P | R | F1 | status | date | off-domain |\n|---|---|---|---|---|---|---|---|")
    print("\n".join(by_split))
    print(f"\nchosen: c2={c2} {st.to_dict()}")
    if not args.no_write:
        train_crf(items, c2, str(OUT / "trigger_tagger.crfsuite"))
        (OUT / "trigger_tagger.json").write_text(json.dumps(st.to_dict(), indent=1) + "\n", "utf-8")
        print(f"wrote {OUT / 'trigger_tagger.crfsuite'}", file=sys.stderr)


if __name__ == "__main__":
    main()
