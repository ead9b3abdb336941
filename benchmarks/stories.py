"""Near-duplicate / same-story grouping: precision and recall on labelled pairs, and speed.

Pairs: ``tests/fixtures/stories/pairs.jsonl`` (hand-labelled from the raw corpus and the dev
articles; each side refers to ``raw:<url>`` in ``../shared/data/raw/news-raw.jsonl.gz`` or
``dev:<id>`` in ``articles.jsonl``). "Same story" = the same news event or announcement, including
its direct follow-ups within days; a topic in common is not enough. Two settings:

* isolated: a fresh :class:`~warta.stories.StoryIndex` sees only the two articles;
* in corpus: all 4,311 raw articles (plus the dev articles the pairs use) stream through one index,
  and a pair counts as "same" when both ended in one story (chaining can merge more).

Without the ``entities`` stage the index falls back to capitalised words as names (as here).

    PYTHONPATH=src python benchmarks/stories.py [--split all|even|odd]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from indosum import ROOT, SHARED, dev_records
from warta.stories import StoryIndex

PAIRS = ROOT / "tests" / "fixtures" / "stories" / "pairs.jsonl"
RAW = SHARED / "data" / "raw" / "news-raw.jsonl.gz"
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})")
_URL_DATE = re.compile(r"/(20\d\d)[/-]?(\d\d)[/-]?(\d\d)")


def published(rec: dict[str, Any]) -> str | None:
    """ISO day of a record: its ``published`` (ISO or M/D/YYYY) or a date in its URL."""
    value = rec.get("published") or ""
    if re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:10]
    m = _US_DATE.match(value)
    if m:
        return f"{m[3]}-{int(m[1]):02d}-{int(m[2]):02d}"
    m = _URL_DATE.search(rec.get("url") or "")
    if m and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
        return f"{m[1]}-{m[2]}-{m[3]}"
    return None


def load() -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]], list[str]]:
    with gzip.open(RAW, "rt", encoding="utf-8") as fh:
        raw = [json.loads(line) for line in fh]
    texts = {"raw:" + r["url"]: r for r in raw}
    order = ["raw:" + r["url"] for r in raw]
    texts.update({"dev:" + r["id"]: r for r in dev_records("")})
    pairs = [json.loads(line) for line in PAIRS.read_text("utf-8").splitlines() if line.strip()]
    return pairs, texts, order


def prf(decisions: list[tuple[bool, bool]]) -> tuple[float, float, float, int, int]:
    tp = sum(1 for gold, pred in decisions if gold and pred)
    fp = sum(1 for gold, pred in decisions if not gold and pred)
    fn = sum(1 for gold, pred in decisions if gold and not pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, tp + fn, len(decisions) - tp - fn


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="all", choices=["all", "even", "odd"])
    ap.add_argument("--copy-threshold", type=float, default=None)
    ap.add_argument("--name-threshold", type=float, default=None)
    ap.add_argument("--cosine-threshold", type=float, default=None)
    ap.add_argument("--max-days", type=int, default=None)
    ap.add_argument("--no-corpus", action="store_true", help="skip the 4,311-article run")
    ap.add_argument(
        "--pipeline",
        action="store_true",
        help="isolated pairs only: analyse each article with warta first (entity names, time "
        "expressions) and assign stories to the documents, as `warta analyze` does",
    )
    args = ap.parse_args()
    options = {
        k: v
        for k in ("copy_threshold", "name_threshold", "cosine_threshold", "max_days")
        if (v := getattr(args, k)) is not None
    }
    pairs, texts, order = load()
    if args.split != "all":
        pairs = pairs[0 if args.split == "even" else 1 :: 2]

    def add(index: StoryIndex, ref: str) -> str:
        rec = texts[ref]
        return index.assign(ref, rec["text"], published=published(rec))

    isolated = []
    if args.pipeline:
        from warta import Pipeline

        pipe = Pipeline(stages=["clean", "language", "segment", "entities", "times"])
        docs = {}
        for pair in pairs:
            for side in ("a", "b"):
                ref = pair[side]["ref"]
                if ref not in docs:
                    rec = texts[ref]
                    docs[ref] = pipe.analyze(rec["text"], published=published(rec), id=ref)
        for pair in pairs:
            index = StoryIndex(**options)
            a, b = (index.assign_document(docs[pair[side]["ref"]]) for side in ("a", "b"))
            isolated.append((pair["same"], a == b))
        p, r, f, npos, nneg = prf(isolated)
        print(f"with warta entities + times: isolated P={p:.3f} R={r:.3f} F1={f:.3f}", end=" ")
        print(f"({npos} same, {nneg} different)")
        return
    for pair in pairs:
        index = StoryIndex(**options)
        isolated.append((pair["same"], add(index, pair["a"]["ref"]) == add(index, pair["b"]["ref"])))

    if args.no_corpus:
        p, r, f, npos, nneg = prf(isolated)
        print(f"{options} isolated P={p:.3f} R={r:.3f} F1={f:.3f} ({npos} same, {nneg} different)")
        return
    index = StoryIndex(**options)
    t0 = time.perf_counter()
    for ref in order:
        add(index, ref)
    elapsed = time.perf_counter() - t0
    for pair in pairs:
        for side in ("a", "b"):
            if index.story_of(pair[side]["ref"]) is None:
                add(index, pair[side]["ref"])
    in_corpus = [(p["same"], index.story_of(p["a"]["ref"]) == index.story_of(p["b"]["ref"])) for p in pairs]

    print(f"Labelled pairs ({args.split}): {len(pairs)}\n")
    print("| setting | precision | recall | F1 | same pairs | different pairs |\n|---|---|---|---|---|---|")
    for name, dec in (("isolated pair", isolated), ("in corpus (4,311 raw)", in_corpus)):
        p, r, f, npos, nneg = prf(dec)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {npos} | {nneg} |")
    sizes = Counter(index.story_of(ref) for ref in order)
    multi = [s for s in sizes.values() if s > 1]
    print(
        f"\nSpeed: {len(order)} raw articles in {elapsed:.1f} s "
        f"({len(order) / elapsed:.0f} articles/s, one process).\n"
        f"Stories: {len(sizes)}; with 2+ articles: {len(multi)} holding {sum(multi)} articles; "
        f"largest: {max(sizes.values())}."
    )


if __name__ == "__main__":
    main()
