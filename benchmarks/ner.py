"""NER accuracy and speed of the ``entities`` stage on running text.

Each test sentence's tokens are joined by spaces and run through ``segment`` + ``entities`` (our
tokenizer, not the corpus's); predicted mentions are matched to gold entities by character
offsets and type (exact span match, entity-level P/R/F1).

    PYTHONPATH=src .venv/bin/python benchmarks/ner.py            # reference test sets
    PYTHONPATH=src .venv/bin/python benchmarks/ner.py --dev --model /tmp/ner_dev.crfsuite
    PYTHONPATH=src .venv/bin/python benchmarks/ner.py --folds /tmp/ner_folds   # 5-fold NER UI mean

``--folds DIR`` reads ``DIR/fold{K}.crfsuite`` (``scripts/train_ner.py --fold K --out …``, trained
without NER UI test.0K) and its ``fold{K}.first_names.txt``, and scores each on NER UI test.0K, as
IndoLEM reports NER UI (mean micro F1 of the five folds).

Training-data overlap: NER UI test.01 and NERGrit test share no sentence with the training data
(dropped by scripts/train_ner.py). NER UGM test.01 and NERP test are for reference only: NER UGM
test.01 shares most sentences with idner-news-2k / kompas-ner-2014 (trained on); NERP test is
lower-cased and shares Kompas 2014 sentences with those corpora too.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from train_ner import NER, Sent, read_columns, spans  # noqa: E402
from warta.model import Document, Span  # noqa: E402
from warta.pipeline import Pipeline  # noqa: E402
from warta.settings import Settings, load_settings  # noqa: E402
from warta.stages.entities import EntitiesStage  # noqa: E402
from warta.stages.entities.lexicon import lexicon  # noqa: E402
from warta.stages.segment import SegmentStage  # noqa: E402

TYPES = ("PER", "ORG", "LOC")
SHORT = {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC"}
ANCHORS = {
    "NER UI test.01": "IndoBERT 0.901 micro (5-fold), MalayBERT 0.874; plain CRF 0.841",
    "NERGrit test": "IndoBERT-large 0.776 macro, XLM-R base 0.791; plain CRF 0.693 micro / 0.655 macro",
    "NER UGM test.01": "IndoBERT 0.749 micro (5-fold), BiLSTM-CRF 0.709",
    "NERP test": "see IndoNLU (lower-cased; EVT/FNB not predicted)",
}


def gold_chars(words: list[str], labels: list[str]) -> tuple[str, set[tuple[int, int, str]]]:
    offsets = []
    pos = 0
    for w in words:
        offsets.append((pos, pos + len(w)))
        pos += len(w) + 1
    text = " ".join(words)
    gold = {(offsets[a][0], offsets[b - 1][1], t) for a, b, t in spans(labels)}
    return text, gold


def run(
    stages: tuple[SegmentStage, EntitiesStage], sents: list[Sent]
) -> tuple[dict[str, list[int]], float, int]:
    counts = {t: [0, 0, 0] for t in TYPES}
    seconds = 0.0
    ntok = 0
    for words, labels in sents:
        text, gold = gold_chars(words, labels)
        doc = Document(raw=text, text=text, paragraphs=[Span(0, len(text), text)])
        t0 = time.process_time()
        for stage in stages:
            stage(doc)
        seconds += time.process_time() - t0
        ntok += len(doc.tokens)
        pred = {(m.start, m.end, SHORT[e.type]) for e in doc.entities if e.type in SHORT for m in e.mentions}
        for t in TYPES:
            g = {x for x in gold if x[2] == t}
            p = {x for x in pred if x[2] == t}
            counts[t][0] += len(g & p)
            counts[t][1] += len(p - g)
            counts[t][2] += len(g - p)
    return counts, seconds, ntok


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def articles_speed(settings: Settings) -> None:
    """Segment + entities over the 400 development articles (whole articles, CPU time)."""
    path = NER.parents[0] / "articles" / "articles.jsonl"
    if not path.exists():
        return
    dev = set((path.parent / "dev_ids.txt").read_text("utf-8").split())
    pipe = Pipeline(settings, stages=["clean", "segment", "entities"])
    ntok = 0
    seconds = 0.0
    for line in path.read_text("utf-8").splitlines():
        rec = json.loads(line)
        if rec["id"] not in dev:
            continue
        doc = Document(raw=rec["text"])
        pipe.stages[0](doc)
        t0 = time.process_time()
        for stage in pipe.stages[1:]:
            stage(doc)
        seconds += time.process_time() - t0
        ntok += len(doc.tokens)
    print(f"speed on {len(dev)} dev articles (segment + entities, CPU time): {ntok / seconds:,.0f} tokens/s")


def folds(settings: Settings, folder: Path) -> None:
    """Micro F1 of each fold model on its own NER UI test.0K, and the mean."""
    lex = lexicon()
    shipped = lex.first_names
    given = (ROOT / "src" / "warta" / "resources" / "ner" / "given_names.txt").read_text("utf-8").splitlines()
    scores = []
    try:
        for k in range(1, 6):
            ent = EntitiesStage(settings)
            ent.tagger = pycrfsuite.Tagger()
            ent.tagger.open(str(folder / f"fold{k}.crfsuite"))
            names = (folder / f"fold{k}.first_names.txt").read_text("utf-8").splitlines()
            lex.first_names = frozenset(w.strip() for w in names + given if w.strip() and w[0] != "#")
            counts, _, _ = run((SegmentStage(settings), ent), read_columns(NER / "nerui" / f"test.0{k}.tsv"))
            f1s = [prf(*counts[t])[2] for t in TYPES]
            micro = prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
            scores.append(micro[2])
            per = " ".join(f"{t} {f:.3f}" for t, f in zip(TYPES, f1s, strict=True))
            print(f"NER UI test.0{k}  micro P/R/F1 {micro[0]:.3f} / {micro[1]:.3f} / {micro[2]:.3f}   {per}")
    finally:
        lex.first_names = shipped
    print(f"NER UI 5-fold mean micro F1 {sum(scores) / len(scores):.3f}   (IndoBERT 0.901, MalayBERT 0.874)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dev", action="store_true", help="dev splits (NER UI dev.01, NERGrit valid) for tuning")
    ap.add_argument("--model", help="a CRF model file instead of the shipped one")
    ap.add_argument("--folds", type=Path, help="a folder of fold{1..5}.crfsuite: the 5-fold NER UI mean")
    args = ap.parse_args()
    settings = load_settings()
    if args.folds:
        folds(settings, args.folds)
        return
    ent = EntitiesStage(settings)
    if args.model:
        ent.tagger = pycrfsuite.Tagger()
        ent.tagger.open(args.model)
    stages = (SegmentStage(settings), ent)
    if args.dev:
        sets = {
            "NER UI dev.01": read_columns(NER / "nerui" / "dev.01.tsv"),
            "NERGrit valid": read_columns(NER / "nergrit" / "valid.txt"),
        }
    else:
        sets = {
            "NER UI test.01": read_columns(NER / "nerui" / "test.01.tsv"),
            "NERGrit test": read_columns(NER / "nergrit" / "test.txt"),
            "NER UGM test.01": read_columns(NER / "nerugm" / "test.01.tsv"),
            "NERP test": read_columns(NER / "nerp" / "test.txt"),
        }
    total_s = 0.0
    total_t = 0
    print(f"{'set':16s} {'type':5s} {'P':>6s} {'R':>6s} {'F1':>6s}   anchor")
    for name, sents in sets.items():
        counts, seconds, ntok = run(stages, sents)
        total_s += seconds
        total_t += ntok
        f1s = []
        for t in TYPES:
            p, r, f = prf(*counts[t])
            f1s.append(f)
            print(f"{name:16s} {t:5s} {p:6.3f} {r:6.3f} {f:6.3f}")
        micro = prf(*(sum(c[i] for c in counts.values()) for i in range(3)))
        anchor = ANCHORS.get(name, "")
        print(f"{name:16s} {'micro':5s} {micro[0]:6.3f} {micro[1]:6.3f} {micro[2]:6.3f}   {anchor}")
        print(f"{name:16s} {'macro':5s} {'':6s} {'':6s} {sum(f1s) / len(f1s):6.3f}")
    articles_speed(settings)
    speed = total_t / total_s
    print(f"\nspeed (segment + entities, CPU time, one sentence per document): {speed:,.0f} tokens/s")


if __name__ == "__main__":
    main()
