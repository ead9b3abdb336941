"""Mine knowledge-base candidates: recurring ORGANIZATION and PERSON names with no KB entry or no country.

Runs warta's segment + entities + coref stages over the unlabelled corpus
(``../shared/data/raw/news-raw.jsonl.gz``) and the dev articles (ids in
``../shared/data/articles/dev_ids.txt``), skipping every article whose url is in ``--exclude``
(a blind set: never mined). For each ORGANIZATION / PERSON entity that has no knowledge-base key
(``n:...``) or no country it counts the entity's name once per article, and prints the names ranked
by document frequency, with how often they came without a country:

    PYTHONPATH=src .venv/bin/python scripts/mine_kb_candidates.py \\
        --exclude /path/to/exclude_urls.txt [--top 600] [--limit N] [--coverage]

A person reviews the list into ``src/warta/resources/kb/institutions.tsv`` / ``people.tsv``
(curated, never copied blindly: src/warta/resources/kb/README.md, "How the lists grew").
``--coverage`` also prints the share of ORGANIZATION / PERSON entities with a country and with a
KB key over the 443 articles of ``articles.jsonl`` (an aggregate only; nothing per article).
The corpus's IndoSum texts are tokenized (``kata ,``); they are detokenized roughly first.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from warta import Pipeline
from warta.errors import WartaError
from warta.model import Document

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
_STAGES = ("clean", "segment", "entities", "coref")
_SPACE_BEFORE = re.compile(r" ([,.;:!?)\]}%])")
_SPACE_AFTER = re.compile(r"([(\[{]) ")


def detokenize(text: str) -> str:
    """Undo the rough IndoSum tokenization (``kata , lalu ( AS )`` -> ``kata, lalu (AS)``)."""
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))


def _read_exclude(path: Path | None) -> set[str]:
    if path is None:
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def articles(shared: Path, exclude: set[str], source: str = "both") -> Iterator[tuple[str, str | None]]:
    """(text, published) of the raw corpus and/or the dev articles, minus the excluded urls."""
    if source in ("raw", "both"):
        with gzip.open(shared / "raw" / "news-raw.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec.get("url") in exclude:
                    continue
                text = detokenize(rec["text"]) if rec.get("tokenized") else rec["text"]
                yield text, rec.get("published")
    if source == "raw":
        return
    dev = set((shared / "articles" / "dev_ids.txt").read_text(encoding="utf-8").split())
    with open(shared / "articles" / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in dev and rec.get("url") not in exclude:
                yield rec["text"], rec.get("published")


def _analyze(pipe: Pipeline, text: str, published: str | None) -> Document | None:
    try:
        return pipe.analyze(text=text, published=published)
    except WartaError as exc:  # a batch never dies on one bad record
        print(f"skipped an article: {exc}", file=sys.stderr)
        return None


Docs = Iterator[tuple[str, str | None]]


def mine(pipe: Pipeline, docs: Docs, limit: int | None) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {"df": Counter(), "nocountry": Counter(), "nokb": Counter()}
    for i, (text, published) in enumerate(docs):
        if limit is not None and i >= limit:
            break
        doc = _analyze(pipe, text, published)
        if doc is None:
            continue
        seen: set[str] = set()
        for ent in doc.entities:
            if ent.type not in ("ORGANIZATION", "PERSON"):
                continue
            known = (ent.key or "").startswith("kb:")
            if known and ent.country:
                continue
            name = f"{ent.type[:3]}\t{ent.name}"
            if name in seen:
                continue
            seen.add(name)
            counts["df"][name] += 1
            counts["nocountry"][name] += not ent.country
            counts["nokb"][name] += not known
    return counts


def coverage(pipe: Pipeline, shared: Path) -> None:
    """Share of ORGANIZATION/PERSON entities with a country / a KB key over the 443 articles."""
    tally: Counter[str] = Counter()
    with open(shared / "articles" / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            doc = _analyze(pipe, rec["text"], rec.get("published"))
            for ent in doc.entities if doc is not None else ():
                if ent.type in ("ORGANIZATION", "PERSON"):
                    tally[ent.type] += 1
                    tally[ent.type + " country"] += ent.country is not None
                    tally[ent.type + " kb"] += (ent.key or "").startswith("kb:")
    for kind in ("ORGANIZATION", "PERSON"):
        n = tally[kind] or 1
        print(
            f"# coverage {kind}: {tally[kind]} entities, with a country {tally[kind + ' country'] / n:.3f}, "
            f"with a KB key {tally[kind + ' kb'] / n:.3f}"
        )
    both = tally["ORGANIZATION"] + tally["PERSON"] or 1
    with_country = tally["ORGANIZATION country"] + tally["PERSON country"]
    print(f"# coverage ORGANIZATION+PERSON with a country: {with_country / both:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--exclude", type=Path, help="urls never to read (one a line)")
    ap.add_argument("--top", type=int, default=600)
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument("--limit", type=int, help="mine only the first N articles")
    ap.add_argument("--source", choices=("raw", "dev", "both"), default="both", help="which articles to mine")
    ap.add_argument("--coverage", action="store_true", help="print the 443-article coverage only")
    args = ap.parse_args()
    pipe = Pipeline(stages=_STAGES)
    if args.coverage:
        coverage(pipe, args.shared)
        return
    counts = mine(pipe, articles(args.shared, _read_exclude(args.exclude), args.source), args.limit)
    print("# type\tname\tdf\tno-country\tno-kb")
    for name, df in counts["df"].most_common(args.top):
        if df < args.min_df:
            break
        print(f"{name}\t{df}\t{counts['nocountry'][name]}\t{counts['nokb'][name]}")


if __name__ == "__main__":
    main()
