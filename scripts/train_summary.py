"""Learn the ``summary`` stage's feature weights (``src/warta/resources/summary/weights.json``).

Data: the IndoSum articles of ``../shared/data/articles/articles.jsonl`` whose ids are in
``dev_ids.txt`` (CC BY-SA 4.0), split by sorted id (``benchmarks/indosum.py``): the first half
("tune", 100 articles) trains here, the second half ("heldout") is only scored by
``benchmarks/summary.py``. Each tuning article's candidate sentences are labelled by a greedy ROUGE
oracle (up to 3 sentences maximising ROUGE-1 + ROUGE-2 F1 against the reference summary); a
logistic regression (numpy, L2, full-batch gradient descent) learns to score them.

    python scripts/train_summary.py [--l2 1.0]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from rouge_score import rouge_scorer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from indosum import RougeTokenizer, indosum_split  # noqa: E402
from warta import Pipeline  # noqa: E402
from warta.stages.summary import FEATURES, candidates, features  # noqa: E402

OUT = ROOT / "src" / "warta" / "resources" / "summary" / "weights.json"


def oracle(sentences: list[str], reference: str, scorer: rouge_scorer.RougeScorer, k: int = 3) -> set[int]:
    """Greedy oracle: add the sentence that most raises ROUGE-1 + ROUGE-2 F1, up to ``k``."""
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < k:
        gains = []
        for i in range(len(sentences)):
            if i in chosen:
                continue
            text = " ".join(sentences[j] for j in sorted([*chosen, i]))
            s = scorer.score(reference, text)
            gains.append((s["rouge1"].fmeasure + s["rouge2"].fmeasure, i))
        if not gains:
            break
        score, i = max(gains)
        if score <= best:
            break
        best = score
        chosen.append(i)
    return set(chosen)


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 4000, lr: float = 0.5) -> np.ndarray:
    mean, std = x[:, 1:].mean(0), x[:, 1:].std(0) + 1e-9
    xs = np.hstack([x[:, :1], (x[:, 1:] - mean) / std])
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xs @ w))
        grad = xs.T @ (p - y) / len(y) + l2 * np.r_[0, w[1:]] / len(y)
        w -= lr * grad
    # fold the standardisation back into raw-feature weights
    return np.r_[w[0] - (w[1:] * mean / std).sum(), w[1:] / std]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--l2", type=float, default=1.0)
    args = ap.parse_args()
    pipe = Pipeline(stages=["clean", "language", "segment"])
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], tokenizer=RougeTokenizer())
    xs, ys = [], []
    recs = indosum_split("tune")
    for r in recs:
        doc = pipe.analyze(r["text"], published=r["published"][:10], id=r["id"], title=r["title"])
        cands = candidates(doc)
        if not cands:
            continue
        gold = oracle([doc.sentences[i].text for i in cands], r["summary"], scorer)
        xs.extend(features(doc, cands))
        ys.extend(1.0 if k in gold else 0.0 for k in range(len(cands)))
    x, y = np.array(xs), np.array(ys)
    w = fit(x, y, args.l2)
    data = {
        "about": "logistic-regression weights of warta's summary stage; built by scripts/train_summary.py",
        "data": f"IndoSum dev articles, tuning half ({len(recs)} articles, {len(y)} sentences, "
        f"{int(y.sum())} oracle-positive); CC BY-SA 4.0",
        "l2": args.l2,
        "weights": {name: round(float(v), 5) for name, v in zip(FEATURES, w, strict=True)},
    }
    OUT.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(data, indent=2))


if __name__ == "__main__":
    main()
