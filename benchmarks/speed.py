"""Throughput and memory of every pipeline stage over the 443 articles, next to spaCy's floor.

For each registered stage the table gives the seconds spent in it (``Pipeline.timings``),
articles/s and tokens/s through it, its share of the total and the process's peak RSS seen
right after it ran; the reference row times spaCy's blank Indonesian tokenizer + sentencizer
over the same cleaned texts in the same run (the floor for any tokenizer), and the last column
gives each stage's time as a multiple of that floor.

    .venv/bin/python benchmarks/speed.py [--articles ../shared/data/articles/articles.jsonl]
        [--stages clean,language,segment,...] [--repeat 1]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import psutil

from warta import Pipeline
from warta._devdata import shared_dir
from warta.ingest import Record, iter_records
from warta.model import Document
from warta.pipeline import STAGES
from warta.settings import load_settings
from warta.stages.base import Stage

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_dir(ROOT)
PROCESS = psutil.Process()


def rss_mb() -> float:
    return float(PROCESS.memory_info().rss) / 2**20


class Probe(Stage):
    """Wraps a stage to record the peak RSS seen right after it runs."""

    def __init__(self, inner: Stage, peaks: dict[str, float]) -> None:
        self.inner = inner
        self.peaks = peaks
        self.name = inner.name  # type: ignore[misc]

    def __call__(self, doc: Document) -> None:
        self.inner(doc)
        rss = rss_mb()
        self.peaks[self.name] = max(self.peaks[self.name], rss)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default=str(SHARED / "data" / "articles" / "articles.jsonl"))
    parser.add_argument("--stages", help="comma-separated stages (default: every registered stage)")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the corpus (default 1)")
    parser.add_argument("--no-spacy", action="store_true")
    args = parser.parse_args(argv)

    path = Path(args.articles)
    if not path.exists():
        print(f"{path} not found (set WARTA_SHARED or --articles)", file=sys.stderr)
        return 2
    records: list[Record] = [r for r in iter_records([path]) if r.error is None]
    names = args.stages.split(",") if args.stages else list(STAGES)

    rss_start = rss_mb()
    t0 = time.perf_counter()
    pipeline = Pipeline(load_settings(environ={}), stages=names)
    build_s = time.perf_counter() - t0
    rss_built = rss_mb()
    peaks = {s.name: 0.0 for s in pipeline.stages}
    pipeline.stages = [Probe(s, peaks) for s in pipeline.stages]

    n_docs = n_tokens = failed = 0
    texts: list[str] = []
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        for result in pipeline.pipe(records):
            if result.document is None:
                failed += 1
                continue
            n_docs += 1
            n_tokens += len(result.document.tokens)
            if len(texts) < len(records):
                texts.append(result.document.text)
    wall = time.perf_counter() - t0

    spacy_s = spacy_tokens = 0.0
    spacy_rss = ""
    if not args.no_spacy:
        try:
            import spacy
        except ImportError:
            print("note: spaCy not installed (pip install 'warta[bench]'): no reference row", file=sys.stderr)
        else:
            before = rss_mb()
            nlp = spacy.blank("id")
            nlp.add_pipe("sentencizer")
            t0 = time.perf_counter()
            for _ in range(args.repeat):
                for doc in nlp.pipe(texts):
                    spacy_tokens += len(doc)
                    sum(1 for _ in doc.sents)
            spacy_s = time.perf_counter() - t0
            spacy_rss = f"+{rss_mb() - before:.0f}"

    total = sum(pipeline.timings.values())
    print(
        f"{len(records)} articles x {args.repeat}, {n_docs} analysed, {failed} failed; {n_tokens} tokens; "
        f"wall {wall:.2f} s\nstages {','.join(pipeline.stage_names)}; pipeline built in {build_s:.2f} s "
        f"(RSS {rss_start:.0f} -> {rss_built:.0f} MB)"
    )
    header = (
        f"{'stage':<40} {'seconds':>8} {'articles/s':>11} {'tokens/s':>11} {'share':>6} {'peak RSS MB':>12}"
    )
    header += f" {'x spaCy':>8}"
    print(header)
    print("-" * len(header))
    for name, seconds in pipeline.timings.items():
        ratio = f"{seconds / spacy_s:8.2f}" if spacy_s else f"{'-':>8}"
        per_doc = n_docs / seconds if seconds else 0.0
        per_tok = n_tokens / seconds if seconds else 0.0
        print(
            f"{name:<40} {seconds:>8.3f} {per_doc:>11.1f} {per_tok:>11.0f} {seconds / total:>6.1%} "
            f"{peaks[name]:>12.0f} {ratio}"
        )
    ratio = f"{total / spacy_s:8.2f}" if spacy_s else f"{'-':>8}"
    print(
        f"{'warta total':<40} {total:>8.3f} {n_docs / total:>11.1f} "
        f"{n_tokens / total:>11.0f} {1:>6.0%} {max(peaks.values()):>12.0f} {ratio}"
    )
    if spacy_s:
        print(
            f"{'spaCy blank id + sentencizer':<40} {spacy_s:>8.3f} {n_docs / spacy_s:>11.1f} "
            f"{spacy_tokens / spacy_s:>11.0f} {'':>6} {spacy_rss:>12} {1:>8.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
