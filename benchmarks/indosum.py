"""IndoSum dev data for the summary benchmark and ``scripts/train_summary.py``.

Only ``indosum-*`` records of ``../shared/data/articles/articles.jsonl`` whose ids are in
``dev_ids.txt``. Split by sorted id: the first half tunes, the second half is held out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from warta._devdata import shared_dir

ROOT = Path(__file__).resolve().parents[1]
#: $WARTA_SHARED, else ../shared next to the repository (a git worktree under wt/ looks one level up)
SHARED = shared_dir(ROOT)
ARTICLES = SHARED / "data" / "articles"
_TOKEN = re.compile(r"\w+")


class RougeTokenizer:
    """ROUGE tokenizer suited to Indonesian: lower-cased ``\\w+`` tokens, no (English) stemmer."""

    def tokenize(self, text: str) -> list[str]:
        return _TOKEN.findall(text.lower())


def dev_records(dataset: str = "indosum-") -> list[dict[str, Any]]:
    dev = set((ARTICLES / "dev_ids.txt").read_text("utf-8").split())
    recs = []
    with (ARTICLES / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["id"] in dev and r["id"].startswith(dataset):
                recs.append(r)
    recs.sort(key=lambda r: r["id"])
    return recs


def indosum_split(split: str) -> list[dict[str, Any]]:
    """``split``: "tune" (first half of the sorted dev ids), "heldout" (second half) or "all"."""
    recs = [r for r in dev_records() if r.get("summary")]
    half = len(recs) // 2
    return {"tune": recs[:half], "heldout": recs[half:], "all": recs}[split]
