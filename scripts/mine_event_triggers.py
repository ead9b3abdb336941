"""Check and grow the event trigger lexicon against the raw news corpus.

Usage: PYTHONPATH=src python scripts/mine_event_triggers.py [../shared/data/raw/news-raw.jsonl.gz] [--top 60]

Prints (1) how often each lexicon form occurs in the corpus, per PLOVER type, with the forms never
seen (candidates for removal or a spelling check), and (2) the most frequent verb-like words
(meN-/di-/ber- forms) that follow an actor name (a country, capital or institution from
``actors.txt``) within two words and are not in the lexicon, and (3) the most frequent nouns right
after a light verb ("melakukan X", "menggelar X"): candidates to review by hand and add to
``src/warta/resources/events/triggers.txt``. Nothing is written; the lexicon stays hand-made.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from warta.stages.events.clause import LIGHT_VERBS, is_verb
from warta.stages.events.lexicon import load_lexicon

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "raw" / "news-raw.jsonl.gz"
WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "corpus", nargs="?", default=str(DEFAULT), help="news-raw.jsonl.gz (default: ../shared/data/raw)"
    )
    ap.add_argument("--top", type=int, default=60)
    args = ap.parse_args()
    if not Path(args.corpus).exists():
        ap.error(f"{args.corpus} not found: give the path to ../shared/data/raw/news-raw.jsonl.gz")
    lex = load_lexicon()
    forms = {e.words: e.type for entries in lex.triggers.values() for e in entries}
    actor_words = {names[0] for entries in lex.actors.values() for names, _, _ in entries if len(names) == 1}
    counts: Counter[tuple[str, ...]] = Counter()
    candidates: Counter[str] = Counter()
    light_objects: Counter[str] = Counter()
    known_first = set(lex.triggers)
    docs = 0
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            docs += 1
            words = [w.lower() for w in WORD.findall(json.loads(line)["text"])]
            for i, w in enumerate(words):
                for entry in lex.triggers.get(w, []):
                    if tuple(words[i : i + len(entry.words)]) == entry.words:
                        counts[entry.words] += 1
                        break
                if w in LIGHT_VERBS and i + 1 < len(words) and words[i + 1] not in known_first:
                    light_objects[words[i + 1]] += 1
                if w in actor_words:
                    for k in (i + 1, i + 2):
                        if k < len(words) and words[k] not in known_first and is_verb(words[k]):
                            candidates[words[k]] += 1
    print(f"{docs} articles")
    by_type: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for words, typ in forms.items():
        by_type[typ].append((counts[words], " ".join(words)))
    for typ in sorted(by_type):
        seen = sorted((c, f) for c, f in by_type[typ] if c)[::-1]
        unseen = sorted(f for c, f in by_type[typ] if not c)
        total = sum(c for c, _ in seen)
        print(f"\n{typ}: {total} occurrences; top: " + ", ".join(f"{f} {c}" for c, f in seen[:12]))
        if unseen:
            print(f"  never seen: {', '.join(unseen)}")
    print(f"\nTop {args.top} verb-like words after an actor name, not in the lexicon (review by hand):")
    print(", ".join(f"{w} {c}" for w, c in candidates.most_common(args.top)))
    print(f"\nTop {args.top} nouns after a light verb (melakukan, menggelar ...), not in the lexicon:")
    print(", ".join(f"{w} {c}" for w, c in light_objects.most_common(args.top)))


if __name__ == "__main__":
    main()
