"""Mine speech-verb candidates from the raw news corpus for the quotes lexicon.

Counts the word right after a closing quotation mark + comma (`," kata X`), the verb right before
`bahwa`, and the verb after a capitalised name followed by a comma (`Basuki menambahkan, ...`).
Prints candidates with counts; a person reviews them into
``src/warta/resources/quotes/speech_verbs.txt`` (the list is curated, not copied blindly).

    python scripts/mine_speech_verbs.py ../shared/data/raw/news-raw.jsonl.gz [--top 120]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter

AFTER_QUOTE = re.compile(r"[,.!?]\s*[\"”’']\s*([a-z]+)")
BEFORE_BAHWA = re.compile(r"\b([a-z]+)\s+bahwa\b")
NAME_VERB_COMMA = re.compile(r"\b[A-Z][a-z]+\s+(me[a-z]+|di[a-z]+|ber[a-z]+)\s*,")


def _clitic_base(word: str) -> str:
    return word[:-3] if word.endswith("nya") and len(word) > 5 else word


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--top", type=int, default=120)
    args = ap.parse_args()
    after_quote: Counter[str] = Counter()
    before_bahwa: Counter[str] = Counter()
    name_verb: Counter[str] = Counter()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            after_quote.update(_clitic_base(m.group(1)) for m in AFTER_QUOTE.finditer(text))
            before_bahwa.update(m.group(1) for m in BEFORE_BAHWA.finditer(text))
            name_verb.update(m.group(1) for m in NAME_VERB_COMMA.finditer(text))
    for title, counter in (
        ("after a closing quote", after_quote),
        ("before bahwa", before_bahwa),
        ("Name VERB ,", name_verb),
    ):
        print(f"## {title}")
        print(" ".join(f"{w}:{n}" for w, n in counter.most_common(args.top)))
        print()


if __name__ == "__main__":
    main()
