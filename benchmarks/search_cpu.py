"""CPU time per query of a store, for comparing two checkouts on a busy machine.

    PYTHONPATH=src python benchmarks/search_cpu.py --db /tmp/warta-bench.db [--reps 40]

Prints the median CPU milliseconds (``time.process_time``) over ``--reps`` runs of a few typical
queries, on one line. Wall time on a shared machine mostly measures other jobs; CPU time is what
the query costs. Run it alternately from each checkout over its own copy of the same store
(``benchmarks/search.py`` builds one) and compare medians of the runs (docs/store.md).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from warta.store import EventFilter, Query, open_store

QUERIES = {
    "outlet": Query(outlet="detik.com"),
    "country": Query(text="Indonesia", country="USA"),
    "browse": Query(),
    "presiden": Query(text="presiden"),
    "ekonom*": Query(text="ekonom*"),
    "phrase": Query(text='"Joko Widodo"'),
    "entity": Query(entity="Jakarta"),
}


def cpu_ms(fn: Callable[[], object], reps: int) -> float:
    fn()  # warm the page cache
    samples = []
    for _ in range(reps):
        start = time.process_time()
        fn()
        samples.append((time.process_time() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/warta-bench.db")
    ap.add_argument("--reps", type=int, default=40)
    args = ap.parse_args()
    store = open_store(args.db, readonly=True)
    out = {name: cpu_ms(lambda q=q: store.search(q), args.reps) for name, q in QUERIES.items()}
    out["events"] = cpu_ms(lambda: store.events(EventFilter(type="ASSAULT")), args.reps)
    print(" ".join(f"{k}={v:.1f}" for k, v in out.items()))
    store.close()


if __name__ == "__main__":
    main()
