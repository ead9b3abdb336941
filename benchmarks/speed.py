"""Speed and scale of warta next to spaCy's floor, all measured in one run on this machine.

Prints, in order:

1. **stages** — seconds per pipeline stage over the 443 articles in this process (median of
   ``--runs``), tokens/s, share, peak RSS, and each stage's time as a multiple of spaCy's
   ``blank("id")`` tokenizer + sentencizer over the same cleaned texts, measured in the same
   process right after; ``ratio`` = spaCy's throughput / warta's (the issue's target: ≥ 1/3);
2. **cli** — ``warta analyze`` on the 443 articles as a subprocess, start-up included, against
   a subprocess that imports spaCy, builds the same blank pipeline and runs it over the same
   JSONL (target: ≥ 1/4); also the start-up alone (one short article);
   **startup** — ``warta analyze`` on one short article, the whole process, ``--startup-runs``
   times: wall and CPU seconds (target: the first article in under 0.5 s);
3. **length** — seconds per 1,000 tokens per stage at 1×, 4×, 16× (and 64×) article length
   (dev articles whose paragraphs are repeated): flat rows mean linear cost;
4. **workers** — 1 vs 2 workers, local processes and Dask (LocalCluster), articles/s and the
   parallel efficiency ``T1 / (2·T2)`` measured after start-up (and with it);
5. **memory** (``--memory 2000,20000``) — peak RSS of each worker and of the parent over a
   stream of that many articles (the 443 and then the raw corpus, repeated).

The load average is printed with each table: the machine is shared, so compare ratios, not
seconds.

    .venv/bin/python benchmarks/speed.py [--runs 3] [--memory 2000,20000] [--skip cli,length,...]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import psutil

from warta import Pipeline
from warta._devdata import shared_dir
from warta.batch import process
from warta.ingest import Record, iter_records
from warta.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_dir(ROOT)
ARTICLES = SHARED / "data" / "articles" / "articles.jsonl"
DEV_IDS = SHARED / "data" / "articles" / "dev_ids.txt"
RAW = SHARED / "data" / "raw" / "news-raw.jsonl.gz"
PROCESS = psutil.Process()
SPACY_SCRIPT = """
import json, sys
import spacy
nlp = spacy.blank("id")
nlp.add_pipe("sentencizer")
texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip())
n = 0
for doc in nlp.pipe(texts):
    n += len(doc) + sum(1 for _ in doc.sents)
print(n)
"""


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} CPUs)"


def rss_mb(proc: psutil.Process = PROCESS) -> float:
    return float(proc.memory_info().rss) / 2**20


def settings(**overrides: Any) -> Settings:
    return load_settings(overrides, environ={k: v for k, v in os.environ.items() if k == "WARTA_CACHE_DIR"})


# -- 1. stages in-process --------------------------------------------------------------------------
def spacy_seconds(texts: list[str]) -> float | None:
    try:
        import spacy
    except ImportError:
        print("note: spaCy not installed (pip install 'warta[bench]'): no reference", file=sys.stderr)
        return None
    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts):
        sum(1 for _ in doc.sents)
    return time.perf_counter() - t0


def one_pass(records: list[Record]) -> tuple[dict[str, float], list[str], int, float]:
    """Stage seconds, cleaned texts, tokens and spaCy seconds of one pass (both in this process)."""
    pipeline = Pipeline(settings())
    texts: list[str] = []
    tokens = 0
    for result in pipeline.pipe(records):
        if result.document is not None:
            texts.append(result.document.text)
            tokens += len(result.document.tokens)
    return dict(pipeline.timings), texts, tokens, spacy_seconds(texts) or 0.0


def stage_table(records: list[Record], runs: int) -> dict[str, float]:
    Pipeline(settings())  # models loaded before timing (and shared by every run)
    passes = [one_pass(records) for _ in range(runs)]
    ratios = [p[3] / sum(p[0].values()) for p in passes if p[3]]
    med = sorted(passes, key=lambda p: p[3] / sum(p[0].values()) if p[3] else 0)[len(passes) // 2]
    timings, texts, tokens, spacy_s = med
    total = sum(timings.values())
    print(f"\n## 1. stages, in-process: {len(texts)} articles, {tokens} tokens; {runs} runs; {load()}")
    print(f"{'stage':<14} {'seconds':>8} {'tokens/s':>10} {'share':>6} {'x spaCy':>8}")
    for name, sec in timings.items():
        ratio = f"{sec / spacy_s:8.2f}" if spacy_s else "-"
        print(f"{name:<14} {sec:>8.3f} {tokens / sec:>10.0f} {sec / total:>6.1%} {ratio:>8}")
    whole = f"{total / spacy_s:8.2f}" if spacy_s else "-"
    print(f"{'warta total':<14} {total:>8.3f} {tokens / total:>10.0f} {1:>6.0%} {whole:>8}")
    if spacy_s:
        print(f"{'spaCy':<14} {spacy_s:>8.3f} {tokens / spacy_s:>10.0f} {'':>6} {1:>8.2f}")
    if ratios:
        print(
            f"ratio (spaCy time / warta time): median {statistics.median(ratios):.3f} "
            f"of {', '.join(f'{r:.3f}' for r in ratios)} (target >= 0.333)"
        )
    return {name: sec / spacy_s for name, sec in timings.items()} if spacy_s else {}


# -- 2. CLI with start-up ----------------------------------------------------------------------------
def timed(cmd: list[str], **kwargs: Any) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - t0


def cli_table(path: Path, runs: int) -> None:
    warta = str(Path(sys.executable).with_name("warta"))
    sample = next(iter(sorted((SHARED / "samples").glob("*.txt"))), None)
    rows = []
    for _ in range(runs):
        w = timed([warta, "analyze", str(path), "-o", os.devnull])
        s = timed([sys.executable, "-c", SPACY_SCRIPT, str(path)])
        first = timed([warta, "analyze", str(sample), "-o", os.devnull]) if sample else float("nan")
        rows.append((w, s, first))
    print(f"\n## 2. CLI, start-up included ({path.name}); {runs} runs; {load()}")
    print(f"{'run':<5} {'warta analyze s':>16} {'spaCy script s':>15} {'ratio':>7} {'one article s':>14}")
    for i, (w, s, first) in enumerate(rows, 1):
        print(f"{i:<5} {w:>16.2f} {s:>15.2f} {s / w:>7.3f} {first:>14.2f}")
    med = statistics.median(s / w for w, s, _ in rows)
    print(f"median ratio {med:.3f} (target >= 0.25); median start-up to one article "
          f"{statistics.median(f for _, _, f in rows):.2f} s")  # fmt: skip


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def byte_compile() -> str:
    """Byte-compile a source checkout's package once, as ``pip install`` does for an installed one
    (this machine sets PYTHONDONTWRITEBYTECODE=1, so an editable checkout would otherwise compile
    every module again in every process); what was done, for the table."""
    import compileall

    import warta

    package = Path(warta.__file__).parent
    if not package.is_relative_to(ROOT):
        return "installed package"
    compileall.compile_dir(str(package), quiet=1)
    return "source checkout, byte-compiled (compileall, as pip install does)"


def startup_table(runs: int) -> None:
    """``warta analyze`` on one short article, the whole process: wall and CPU seconds (target: the
    first article in under 0.5 s). The cache directory is warm (one run first), as after a first use."""
    warta = str(Path(sys.executable).with_name("warta"))
    sample = next(iter(sorted((SHARED / "samples").glob("*.txt"))), None)
    if sample is None:
        print("\n## start-up: no sample article (../shared/samples)")
        return
    timed([warta, "analyze", str(sample), "-o", os.devnull])  # fills the cache directory if empty
    walls, cpus = [], []
    for _ in range(runs):
        cpu0 = _child_cpu()
        walls.append(timed([warta, "analyze", str(sample), "-o", os.devnull]))
        cpus.append(_child_cpu() - cpu0)
    print(f"\n## start-up: `warta analyze {sample.name}`, whole process; {runs} runs; {load()}")
    print(f"{'':<8} {'min':>6} {'median':>7} {'max':>6}")
    for name, values in (("wall s", walls), ("CPU s", cpus)):
        print(f"{name:<8} {min(values):>6.3f} {statistics.median(values):>7.3f} {max(values):>6.3f}")
    print(f"median wall {statistics.median(walls):.3f} s (target < 0.5)")


# -- 3. cost against length ----------------------------------------------------------------------
def long_record(rec: Record, times: int) -> Record:
    paragraphs = [p for p in rec.raw.split("\n") if p.strip()]
    body = "\n".join(paragraphs[1:] * times) if len(paragraphs) > 1 else "\n".join(paragraphs * times)
    return Record(raw=paragraphs[0] + "\n" + body, id=f"{rec.id}-x{times}", published=rec.published)


def length_table(records: list[Record], factors: list[int], n_articles: int) -> None:
    dev = set(DEV_IDS.read_text("utf-8").split()) if DEV_IDS.exists() else set()
    base = [r for r in records if r.id in dev][:n_articles]
    pipeline = Pipeline(settings(stories=False))
    rows: dict[int, dict[str, float]] = {}
    for factor in factors:
        pipeline.timings = dict.fromkeys(pipeline.timings, 0.0)
        tokens = 0
        for rec in base:
            doc = pipeline(long_record(rec, factor).to_document())
            tokens += len(doc.tokens)
        rows[factor] = {k: v / tokens * 1000 for k, v in pipeline.timings.items()}
        rows[factor]["total"] = sum(pipeline.timings.values()) / tokens * 1000
        rows[factor]["tokens/article"] = tokens / len(base)
    names = list(rows[factors[0]])
    print(f"\n## 3. ms per 1,000 tokens against article length ({len(base)} dev articles); {load()}")
    print(f"{'stage':<14} " + " ".join(f"{f'{f}x':>9}" for f in factors) + f" {'last/1x':>8}")
    for name in names:
        cells = " ".join(
            f"{rows[f][name] * (1 if name == 'tokens/article' else 1000):>9.1f}" for f in factors
        )
        growth = rows[factors[-1]][name] / rows[factors[0]][name] if rows[factors[0]][name] else 0.0
        print(f"{name:<14} {cells} {growth:>8.2f}")


# -- 4. workers ------------------------------------------------------------------------------------
def run_backend(records: list[Record], backend: str, workers: int) -> tuple[float, float, int]:
    """(wall seconds with start-up, seconds after the first result, articles)."""
    cfg = settings(backend=backend, workers=workers, stories=False, chunk_size=8)
    t0 = time.perf_counter()
    first = None
    n = 0
    for item in process(records, settings=cfg):
        n += item.ok
        if first is None:
            first = time.perf_counter()
    end = time.perf_counter()
    return end - t0, end - (first or t0), n


def workers_table(records: list[Record], repeat: int) -> None:
    batch = records * repeat
    print(f"\n## 4. workers: {len(batch)} articles ({len(records)} x {repeat}), chunks of 8; {load()}")
    head = f"{'backend':<8} {'workers':>7} {'wall s':>8} {'art/s':>8} "
    print(head + f"{'after 1st s':>12} {'art/s':>8} {'eff':>6}")
    for backend in ("local", "dask"):
        try:
            base = None
            for workers in (1, 2):
                wall, steady, n = run_backend(batch, backend, workers)
                if base is None:
                    base = (wall, steady)
                eff = f"{base[1] / (workers * steady):.2f}" if workers > 1 else "1.00"
                print(
                    f"{backend:<8} {workers:>7} {wall:>8.2f} {n / wall:>8.1f} {steady:>12.2f} "
                    f"{n / steady:>8.1f} {eff:>6}"
                )
        except Exception as exc:  # an optional backend missing: say so, keep the other rows
            print(f"{backend:<8} not measured: {exc}")
    print(f"(eff = T1 / (2 x T2) after the first result; {load()})")


# -- 5. memory -------------------------------------------------------------------------------------
def corpus_stream(records: list[Record], n: int) -> Iterator[Record]:
    """``n`` articles: the 443, then the raw corpus, then again."""

    def raw() -> Iterator[Record]:
        with gzip.open(RAW, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                obj = json.loads(line)
                if isinstance(obj.get("text"), str) and obj["text"].strip():
                    yield Record(raw=obj["text"], id=f"raw-{i}", published=obj.get("published"))

    def forever() -> Iterator[Record]:
        rounds = 0
        while True:
            for rec in records:
                yield Record(raw=rec.raw, id=f"{rec.id}-{rounds}", published=rec.published, title=rec.title)
            if RAW.exists():
                yield from (Record(raw=r.raw, id=f"{r.id}-{rounds}", published=r.published) for r in raw())
            rounds += 1

    return islice(forever(), n)


def peak_rss(run: Callable[[], int]) -> tuple[int, float, float, float]:
    """(articles, seconds, parent peak MB, worst worker peak MB), polling every 0.2 s."""
    peaks: dict[int, float] = {}
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            for proc in [PROCESS, *PROCESS.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    peaks[proc.pid] = max(peaks.get(proc.pid, 0.0), rss_mb(proc))
            done.wait(0.2)

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    t0 = time.perf_counter()
    n = run()
    seconds = time.perf_counter() - t0
    done.set()
    thread.join()
    parent = peaks.pop(PROCESS.pid, 0.0)
    return n, seconds, parent, max(peaks.values(), default=0.0)


def memory_table(records: list[Record], sizes: list[int], workers: int) -> None:
    print(f"\n## 5. memory, {workers} local workers (forkserver), full pipeline + stories; {load()}")
    print(f"{'articles':>9} {'seconds':>8} {'art/s':>7} {'parent peak MB':>15} {'worker peak MB':>15}")
    for size in sizes:
        cfg = settings(workers=workers)

        def run(size: int = size, cfg: Settings = cfg) -> int:
            from warta.corpus import analyze_corpus

            return sum(1 for item in analyze_corpus(corpus_stream(records, size), cfg) if item.ok)

        n, seconds, parent, worker = peak_rss(run)
        print(f"{n:>9} {seconds:>8.1f} {n / seconds:>7.1f} {parent:>15.0f} {worker:>15.0f}")
    print(f"({load()})")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", default=str(ARTICLES))
    parser.add_argument("--runs", type=int, default=3, help="repeats of tables 1 and 2 (median reported)")
    parser.add_argument("--skip", default="", help="comma-separated: stages,cli,startup,length,workers")
    parser.add_argument("--startup-runs", type=int, default=10, help="repeats of the start-up table")
    parser.add_argument("--lengths", default="1,4,16,64", help="article length factors for table 3")
    parser.add_argument("--length-articles", type=int, default=8)
    parser.add_argument("--workers-repeat", type=int, default=2, help="passes over the 443 for table 4")
    parser.add_argument("--memory", default="", help="article counts for table 5, e.g. 2000,20000")
    args = parser.parse_args(list(argv) if argv is not None else None)
    path = Path(args.articles)
    if not path.exists():
        print(f"{path} not found (set WARTA_SHARED or --articles)", file=sys.stderr)
        return 2
    skip = set(args.skip.split(","))
    records = [r for r in iter_records([path]) if r.error is None]
    print(f"warta speed benchmark: {len(records)} articles from {path}; python {sys.version.split()[0]}")
    print(f"warta: {byte_compile()}")
    if "stages" not in skip:
        stage_table(records, args.runs)
    if "cli" not in skip:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "articles.jsonl"  # the same bytes, outside the repository
            copy.write_bytes(path.read_bytes())
            cli_table(copy, args.runs)
    if "startup" not in skip:
        startup_table(args.startup_runs)
    if "length" not in skip:
        length_table(records, [int(f) for f in args.lengths.split(",")], args.length_articles)
    if "workers" not in skip:
        workers_table(records, args.workers_repeat)
    if args.memory:
        memory_table(records, [int(n) for n in args.memory.split(",")], workers=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
