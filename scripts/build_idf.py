"""Build ``src/warta/resources/lang/idf.tsv``: document frequencies of lower-cased words.

Reads ``../shared/data/raw/news-raw.jsonl.gz`` (4,311 unlabelled Indonesian news articles: IndoSum
dev folds, CC BY-SA 4.0, and detik.com 2025). Words seen in fewer than ``--min-df`` articles are
left out (they get the "unseen" IDF at run time).

    python scripts/build_idf.py [--raw PATH] [--min-df 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

from warta._devdata import shared_dir
from warta.lang.terms import words

ROOT = Path(__file__).resolve().parents[1]
# ../shared next to the repository (a git worktree under wt/ looks one level further up)
SHARED = shared_dir(ROOT)
RAW = SHARED / "data" / "raw" / "news-raw.jsonl.gz"
OUT = ROOT / "src" / "warta" / "resources" / "lang" / "idf.tsv"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--raw", type=Path, default=RAW)
    ap.add_argument("--min-df", type=int, default=3)
    args = ap.parse_args()
    df: Counter[str] = Counter()
    n = 0
    with gzip.open(args.raw, "rt", encoding="utf-8") as fh:
        for line in fh:
            df.update(set(words(json.loads(line)["text"])))
            n += 1
    kept = sorted((w for w, c in df.items() if c >= args.min_df), key=lambda w: (-df[w], w))
    with OUT.open("w", encoding="utf-8") as out:
        out.write(f"# document frequencies from {args.raw.name}; built by scripts/build_idf.py\n")
        out.write(f"N\t{n}\n")
        for w in kept:
            out.write(f"{w}\t{df[w]}\n")
    print(f"{n} articles, {len(kept)} words with df >= {args.min_df} -> {OUT}")


if __name__ == "__main__":
    main()
