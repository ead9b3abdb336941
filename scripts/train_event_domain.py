"""Train the events stage's story-domain classifier (``src/warta/resources/events/domain.json``).

Usage: PYTHONPATH=src python scripts/train_event_domain.py [--shared ../shared] [--out PATH]
(needs numpy and scipy, from ``pip install -e '.[bench]'``).

Weak labels: the outlet section in the URL of each article of ``data/raw/news-raw.jsonl.gz`` (and the
category of ``data/articles/articles.jsonl`` development articles): CNN Indonesia *olahraga* -> sports,
*hiburan*/*gaya-hidup* -> entertainment, *ekonomi* -> economy, *teknologi* -> science, *internasional*
-> international, *nasional*/*politik* -> news, and the like for detik, merdeka, suara, rimanews,
juara.net, goal.com, dailysocial. Sections that mix everything (antaranews *berita*, kumparan, poskota)
are left out. A news article whose lead is mostly about weather or a natural disaster (at least four
cue words of ``_WEATHER`` in the lead) is relabelled *environment*.

Never trained on: articles outside ``dev_ids.txt``, and the units listed under "heldout" and
"entity_blind" in the annotation sets (``/work/annot/sets.json`` when present, else the ids in
``tests/fixtures/events_corpus/heldout/`` by file name), matched by id and URL. 20% of the labelled
articles (by a hash of the URL) are kept aside and scored; the model card records the numbers.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse

from warta._devdata import shared_dir
from warta.stages.events.domain import words

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "warta" / "resources" / "events" / "domain.json"
CLASSES = ("news", "international", "economy", "sports", "entertainment", "science", "environment")
LEAD_SENTENCES = 6
VOCAB = 6000
L2 = 1e-4

_SECTIONS = {
    "nasional": "news", "politik": "news", "peristiwa": "news", "jakarta": "news", "berita": "news",
    "news": "news", "pilkadaserentak": "news", "law-and-policy": "news", "security": "news",
    "internasional": "international", "dunia": "international", "dw": "international",
    "abc-australia": "international",
    "ekonomi": "economy", "berita-ekonomi-bisnis": "economy", "moneter": "economy", "uang": "economy",
    "bursa-dan-valas": "economy", "bisnis": "economy", "energi": "economy", "infrastruktur": "economy",
    "industri": "economy", "business": "economy", "properti": "economy", "fintech": "economy",
    "market-research": "economy",
    "olahraga": "sports", "sepakbola": "sports", "bola": "sports", "moto-gp": "sports",
    "sport-lain": "sports",
    "hiburan": "entertainment", "gaya-hidup": "entertainment", "gayahidup": "entertainment",
    "entertainment": "entertainment", "celeb": "entertainment", "sehat": "entertainment",
    "gaya": "entertainment", "lifestyle": "entertainment", "health": "entertainment",
    "berita-detikhealth": "entertainment", "travel-news": "entertainment", "budaya": "entertainment",
    "showbiz": "entertainment", "kebugaran": "entertainment", "berita-boga": "entertainment",
    "teknologi": "science", "tekno": "science", "science": "science", "cyberlife": "science",
    "telecommunication": "science", "otomotif": "science", "mobil": "science",
}  # fmt: skip
_OUTLETS = {"juara.net": "sports", "goal indonesia": "sports", "dailysocial.id": "science"}
#: outlets whose general section mixes every kind of story: no label
_MIXED = frozenset({"antaranews", "kumparan", "poskotanews"})
_CATEGORIES = {
    "Politik & Kebijakan Publik": "news", "Hukum & Kriminalitas": "news", "Sosial & Kemasyarakatan": "news",
    "Ekonomi & Keuangan": "economy",
}  # fmt: skip
_WEATHER = frozenset(
    {
        "cuaca", "hujan", "bmkg", "gempa", "banjir", "longsor", "tanah", "erupsi", "gunung", "gelombang",
        "angin", "kencang", "suhu", "kemarau", "tsunami", "magnitudo", "siklon", "badai", "kekeringan",
        "karhutla", "asap", "kebakaran", "hutan", "lahan", "puting", "beliung", "meteorologi",
        "klimatologi", "geofisika", "genangan", "rob",
    }
)  # fmt: skip


def _section_label(outlet: str, url: str) -> str | None:
    if outlet in _OUTLETS:
        return _OUTLETS[outlet]
    if outlet in _MIXED:
        return None
    parts = url.split("/")
    section = parts[3] if len(parts) > 3 else ""
    if outlet == "detik.com" and section in (
        "jabar",
        "bali",
        "sumut",
        "jatim",
        "sumbagsel",
        "jateng",
        "jogja",
    ):
        return "news"  # regional newsrooms
    return _SECTIONS.get(section)


def _excluded(shared: Path) -> tuple[set[str], set[str]]:
    """Ids and URLs never trained on: non-dev articles, held-out and blind annotation units."""
    ids: set[str] = set()
    sets = Path("/work/annot/sets.json")
    if sets.exists():
        data = json.loads(sets.read_text("utf-8"))
        ids |= set(data.get("heldout", [])) | set(data.get("entity_blind", []))
    held = sorted((ROOT / "tests" / "fixtures" / "events_corpus").glob("heldout*/*.json"))
    ids |= {p.stem for p in held}
    dev = set((shared / "data" / "articles" / "dev_ids.txt").read_text().split())
    urls = set()
    for line in (shared / "data" / "articles" / "articles.jsonl").open(encoding="utf-8"):
        a = json.loads(line)
        if a["id"] not in dev or a["id"] in ids:
            urls.add(a["url"])
    reserved = shared / "data" / "articles" / "reserved.jsonl"
    urls |= {json.loads(line)["url"] for line in reserved.open(encoding="utf-8")}  # only the URL is read
    urls |= {json.loads(p.read_text("utf-8"))["url"] for p in held}  # raw-corpus units: by URL
    return ids, urls


def _lead(text: str) -> str:
    """The first sentences, cut roughly (no pipeline: the model must not depend on other stages)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", text.strip())
    return " ".join(parts[:LEAD_SENTENCES])


def _examples(shared: Path) -> list[tuple[str, str, str]]:
    """(url, label, lead text) of every labelled, allowed article."""
    ids, bad_urls = _excluded(shared)
    dev = set((shared / "data" / "articles" / "dev_ids.txt").read_text().split())
    categories = {}
    for line in (shared / "data" / "articles" / "articles.jsonl").open(encoding="utf-8"):
        a = json.loads(line)
        if a["id"] in dev and a["id"] not in ids and a.get("category") in _CATEGORIES:
            categories[a["url"]] = _CATEGORIES[a["category"]]
    out = []
    with gzip.open(shared / "data" / "raw" / "news-raw.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            url = r["url"]
            if url in bad_urls or "cnnraw-" + hashlib.sha1(url.encode()).hexdigest()[:10] in ids:
                continue
            label = categories.get(url) or _section_label(r.get("outlet") or "", url)
            if label is None:
                continue
            lead = _lead(r["text"])
            if label == "news" and sum(w in _WEATHER for w in lead.lower().split()) >= 4:
                label = "environment"
            out.append((url, label, lead))
    return out


def _matrix(docs: list[set[str]], vocab: dict[str, int]) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for i, feats in enumerate(docs):
        scale = 1.0 / np.sqrt(len(feats)) if feats else 0.0
        for w in feats:
            if w in vocab:
                rows.append(i)
                cols.append(vocab[w])
                vals.append(scale)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(docs), len(vocab)), dtype=np.float64)


def _train(
    x: sparse.csr_matrix, y: np.ndarray, n_classes: int, epochs: int = 400
) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression, class-balanced, L2, full-batch Adam."""
    n, d = x.shape
    w = np.zeros((d, n_classes))
    b = np.zeros(n_classes)
    onehot = np.eye(n_classes)[y]
    counts = np.bincount(y, minlength=n_classes).astype(float)
    sample_w = (n / (n_classes * np.maximum(counts, 1)))[y][:, None]
    state = [(w, np.zeros_like(w), np.zeros_like(w)), (b, np.zeros_like(b), np.zeros_like(b))]
    lr, beta1, beta2 = 0.05, 0.9, 0.999
    for t in range(1, epochs + 1):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample_w / n
        gw = x.T @ g + L2 * w
        gb = g.sum(axis=0)
        for (param, moment, second), grad in zip(state, (gw, gb), strict=True):  # Adam, in place
            np.multiply(moment, beta1, out=moment)
            np.add(moment, (1 - beta1) * grad, out=moment)
            np.multiply(second, beta2, out=second)
            np.add(second, (1 - beta2) * grad * grad, out=second)
            np.subtract(
                param, lr * (moment / (1 - beta1**t)) / (np.sqrt(second / (1 - beta2**t)) + 1e-8), out=param
            )
    return w, b


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=None, help="the shared/ folder (default: found from here)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    shared = args.shared or shared_dir(ROOT)
    examples = _examples(shared)
    test = [e for e in examples if int(hashlib.sha1(e[0].encode()).hexdigest(), 16) % 5 == 0]
    train = [e for e in examples if e not in test]
    print("labelled articles:", dict(Counter(label for _, label, _ in examples)), "train", len(train))
    feats = [words(t) for _, _, t in train]
    df = Counter(w for f in feats for w in f)
    vocab = {w: i for i, (w, n) in enumerate(df.most_common(VOCAB)) if n >= 3}
    y = np.array([CLASSES.index(label) for _, label, _ in train])
    w, b = _train(_matrix(feats, vocab), y, len(CLASSES))
    xt = _matrix([words(t) for _, _, t in test], vocab)
    pred = np.asarray((xt @ w + b).argmax(axis=1)).ravel()
    gold = np.array([CLASSES.index(label) for _, label, _ in test])
    political = np.isin(gold, [0, 1]) == np.isin(pred, [0, 1])
    print(
        f"held-back {len(test)}: accuracy {np.mean(pred == gold):.3f}, political/other {political.mean():.3f}"
    )
    for c, name in enumerate(CLASSES):
        tp = np.sum((pred == c) & (gold == c))
        p, r = tp / max(1, np.sum(pred == c)), tp / max(1, np.sum(gold == c))
        print(f"  {name:14s} n={np.sum(gold == c):4d}  P {p:.2f}  R {r:.2f}")
    inv = {i: word for word, i in vocab.items()}
    weights = {}
    for i in range(w.shape[0]):
        pairs = [[c, round(float(w[i, c]), 2)] for c in range(len(CLASSES)) if abs(w[i, c]) >= 0.1]
        if pairs:
            weights[inv[i]] = pairs
    model = {
        "format": "warta-domain/1",
        "classes": list(CLASSES),
        "bias": [round(float(v), 4) for v in b],
        "sentences": LEAD_SENTENCES,
        "weights": dict(sorted(weights.items())),
    }
    args.out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {len(weights)} words)")


if __name__ == "__main__":
    main()
