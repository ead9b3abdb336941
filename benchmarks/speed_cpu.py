"""CPU seconds per stage over the 443 articles next to spaCy's, pass by pass — for a shared machine.

``benchmarks/speed.py`` times wall-clock seconds; with other jobs on the cores (load average
above the CPU count) those move by ±40% between passes. This script times **process CPU
seconds** (``time.process_time``) for warta's stages and, right after each pass, for spaCy's
``blank("id")`` tokenizer + sentencizer over the same cleaned texts (a fresh pipeline each pass,
so its tokenizer cache starts cold as in ``speed.py``), and prints each stage as a multiple of
spaCy and the ratio spaCy / warta per pass. CPU time still grows when a core's other hyperthread
is busy, so compare ratios within one run.

A before/after comparison of two checkouts, interleaved so both see the same load::

    for k in 1 2; do
      PYTHONPATH=/path/to/old/src .venv/bin/python benchmarks/speed_cpu.py --passes 2
      .venv/bin/python benchmarks/speed_cpu.py --passes 2
    done
"""

from __future__ import annotations

import argparse
import statistics
import time
import types
from pathlib import Path

import warta
import warta.pipeline
from warta import Pipeline
from warta._devdata import shared_dir
from warta.ingest import Record, iter_records
from warta.settings import load_settings


def _spacy_cpu(texts: list[str]) -> float:
    import spacy

    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    t0 = time.process_time()
    for doc in nlp.pipe(texts):
        sum(1 for _ in doc.sents)
    return time.process_time() - t0


def _pass(pipeline: Pipeline, records: list[Record]) -> tuple[dict[str, float], float]:
    pipeline.timings = dict.fromkeys(pipeline.timings, 0.0)
    texts = [pipeline(r.to_document()).text for r in records]
    return dict(pipeline.timings), _spacy_cpu(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--passes", type=int, default=2)
    shared = shared_dir(Path(__file__).resolve().parents[1])
    parser.add_argument("--articles", default=str(shared / "data" / "articles" / "articles.jsonl"))
    args = parser.parse_args()
    # the orchestrator's stage timer reads CPU time instead of the wall clock
    warta.pipeline.time = types.SimpleNamespace(perf_counter=time.process_time)  # type: ignore[attr-defined,assignment]
    records = [r for r in iter_records([args.articles]) if r.error is None]
    pipeline = Pipeline(load_settings({"stories": False}, environ={}))
    print(f"warta from {warta.__file__}; {len(records)} articles")
    ratios = []
    for _ in range(args.passes):
        timings, spacy_s = _pass(pipeline, records)
        total = sum(timings.values())
        ratios.append(spacy_s / total)
        stages = " ".join(f"{k}={v / spacy_s:.2f}" for k, v in timings.items())
        print(f"ratio {spacy_s / total:.3f}  warta {total:.2f} s  spaCy {spacy_s:.2f} s  | x spaCy: {stages}")
    print(f"median ratio {statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main()
