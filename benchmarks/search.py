"""Search latency over a 10,000-article store.

    PYTHONPATH=src python benchmarks/search.py [--n 10000] [--db /tmp/warta-bench.db] [--reps 30]

Builds the store once (the ``dev_ids.txt`` articles of ../shared/data/articles/articles.jsonl,
analysed with the default pipeline, then replicated with new ids and shifted dates to reach
``--n``). Until the annotation stages land on main, entities, quotes and events are SYNTHETIC
(capitalised word runs, quoted passages, random PLOVER types) so that the tables, joins and
facets carry a realistic load; the numbers measure the store, not annotation quality.
Prints wall-clock latency percentiles per typical query (store level) and the median CPU time of
this process per query: on a shared machine the gap between the two is other work's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from warta._devdata import shared_dir
from warta.pipeline import Pipeline
from warta.store import EventFilter, Query, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_dir(ROOT)
DATA = SHARED / "data" / "articles"
TYPES = ["PERSON", "ORGANIZATION", "LOCATION"]
COUNTRIES = ["IDN", "IDN", "IDN", "USA", "RUS", "CHN", "MYS", "SGP", None]
EVENTS = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "PROTEST",
    "ASSAULT",
]
NAME = re.compile(r"\b[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,}){0,2}\b")
QUOTE = re.compile(r"[“\"]([^”\"]{20,300})[”\"]")


def synthetic(record: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    text = record["document"]["text"]
    names: dict[str, list[dict[str, Any]]] = {}
    for m in NAME.finditer(text):
        names.setdefault(m.group(0), []).append({"start": m.start(), "end": m.end(), "text": m.group(0)})
    entities = []
    for i, (name, mentions) in enumerate(sorted(names.items(), key=lambda kv: -len(kv[1]))[:25], 1):
        h = sum(map(ord, name))
        entities.append(
            {
                "id": f"e{i}",
                "name": name,
                "type": TYPES[h % 3],
                "country": COUNTRIES[h % len(COUNTRIES)],
                "sector": None,
                "title": None,
                "mentions": mentions,
            }
        )
    record["entities"] = entities
    record["quotes"] = [
        {
            "start": m.start(),
            "end": m.end(),
            "text": m.group(0),
            "direct": True,
            "speaker": entities[0]["id"] if entities else None,
            "speaker_text": entities[0]["name"] if entities else None,
            "cue": "kata",
        }
        for m in QUOTE.finditer(text)
    ]
    events = []
    if len(entities) >= 2 and record["sentences"]:
        for j in range(rng.randint(0, 3)):
            s_i = rng.randrange(len(record["sentences"]))
            sent = record["sentences"][s_i]
            src, tgt = rng.sample(entities[:6], 2)
            events.append(
                {
                    "id": f"v{j + 1}",
                    "type": rng.choice(EVENTS),
                    "mode": None,
                    "source": {
                        "entity": src["id"],
                        "text": src["name"],
                        "country": src["country"],
                        "sector": None,
                    },
                    "target": {
                        "entity": tgt["id"],
                        "text": tgt["name"],
                        "country": tgt["country"],
                        "sector": None,
                    },
                    "other_sources": [],
                    "other_targets": [],
                    "date": record["document"]["published"],
                    "location": None,
                    "status": "asserted",
                    "reported": False,
                    "trigger": {"start": sent["start"], "end": sent["start"] + 1, "text": sent["text"][:1]},
                    "sentence": s_i,
                    "mentions": [],
                }
            )
    record["events"] = events
    return record


def build(db: str, n: int, data: Path) -> None:
    src = data / "articles.jsonl"
    if not src.exists():
        sys.exit(f"needs {src} (../shared/data)")
    dev = set((data / "dev_ids.txt").read_text("utf-8").split())
    pipeline = Pipeline()
    base = []
    t0 = time.perf_counter()
    with src.open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if obj["id"] not in dev:
                continue
            doc = pipeline.analyze(
                obj["text"],
                published=obj["published"][:10],
                id=obj["id"],
                title=obj["title"],
                source=obj["outlet"],
            )
            base.append(doc.to_dict())
    print(f"analysed {len(base)} dev articles in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    rng = random.Random(7)
    store = open_store(db)
    batch: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for i in range(n):
        rec = json.loads(json.dumps(base[i % len(base)]))
        replica = i // len(base)
        rec["document"]["id"] = f"{rec['document']['id']}-r{replica}"
        day = date.fromisoformat(rec["document"]["published"]) - timedelta(days=37 * replica)
        rec["document"]["published"] = day.isoformat()
        batch.append(synthetic(rec, rng))
        if len(batch) == 500:
            store.upsert(batch)
            batch.clear()
    store.upsert(batch)
    took = time.perf_counter() - t0
    print(f"stored {n} records in {took:.1f} s ({n / took:.0f} records/s)", file=sys.stderr)
    store.close()


def percentiles(samples: list[float]) -> tuple[float, float, float, float, float]:
    ordered = sorted(samples)
    q = statistics.quantiles(ordered, n=100, method="inclusive")
    return ordered[0], ordered[len(ordered) // 2], q[89], q[98], ordered[-1]


QUERIES: list[tuple[str, Query]] = [
    ("word: presiden", Query(text="presiden")),
    ("word: banjir", Query(text="banjir")),
    ("two words: harga minyak", Query(text="harga minyak")),
    ('phrase: "Joko Widodo"', Query(text='"Joko Widodo"')),
    ("prefix: ekonom*", Query(text="ekonom*")),
    ("word + date range", Query(text="pemerintah", date_from="2024-01-01", date_to="2025-12-31")),
    ("word + outlet", Query(text="polisi", outlet="detik.com")),
    ("word + country", Query(text="Indonesia", country="USA")),
    ("word + event type", Query(text="menteri", event_type="CONSULT")),
    ("filters only: outlet", Query(outlet="detik.com")),
    ("filters only: entity", Query(entity="Jakarta")),
    ("no query (browse)", Query()),
    ("word, page 20", Query(text="warga", page=20)),
    ("word, no facets", Query(text="presiden", facets=False)),
    ("actor name: Jokowi (+ its aliases)", Query(text="Jokowi")),
    ("actor name: KPK (+ its aliases)", Query(text="KPK")),
]


def run(db: str, reps: int) -> None:
    store = open_store(db, readonly=True)
    print(
        f"store: {db}, {store.count('articles')} articles, {store.count('mentions')} mentions, "
        f"{store.count('events')} events"
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average at start: {load:.2f} on {os.cpu_count()} CPUs (other work inflates every number)")
    print(
        f"\n{'query':34} {'hits':>6} {'min ms':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}"
        f" {'cpu p50':>8}"
    )
    worst = 0.0
    for name, query in QUERIES:
        store.search(query)  # warm the page cache
        samples, cpu = [], []
        for _ in range(reps):
            t0, c0 = time.perf_counter(), time.process_time()
            page = store.search(query)
            samples.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        lo, p50, p90, p99, mx = percentiles(samples)
        worst = max(worst, p90)
        print(
            f"{name:34} {page.total:>6} {lo:>8.1f} {p50:>8.1f} {p90:>8.1f} {p99:>8.1f} {mx:>8.1f}"
            f" {statistics.median(cpu):>8.1f}"
        )
    top = store.search(Query(facets=True, size=1)).facets["entities"]
    entity_id = top[0]["value"] if top else "location-jakarta"
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        store.entity(entity_id)
        samples.append((time.perf_counter() - t0) * 1000)
    lo, p50, p90, p99, mx = percentiles(samples)
    label = "entity page: " + entity_id[:21]
    print(f"{label:34} {'':>6} {lo:>8.1f} {p50:>8.1f} {p90:>8.1f} {p99:>8.1f} {mx:>8.1f}")
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        store.events(EventFilter(type="ASSAULT"))
        samples.append((time.perf_counter() - t0) * 1000)
    lo, p50, p90, p99, mx = percentiles(samples)
    print(f"{'events: type=ASSAULT':34} {'':>6} {lo:>8.1f} {p50:>8.1f} {p90:>8.1f} {p99:>8.1f} {mx:>8.1f}")
    if hasattr(store, "story_events"):
        samples = []
        for _ in range(reps):
            t0 = time.perf_counter()
            store.story_events(EventFilter(type="ASSAULT"))
            samples.append((time.perf_counter() - t0) * 1000)
        lo, p50, p90, p99, mx = percentiles(samples)
        label = "story events: type=ASSAULT"
        print(f"{label:34} {'':>6} {lo:>8.1f} {p50:>8.1f} {p90:>8.1f} {p99:>8.1f} {mx:>8.1f}")
    print(f"\nworst p90 over search queries: {worst:.1f} ms (target: 100 ms)")
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="/tmp/warta-bench.db")
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--reps", type=int, default=30)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--data", type=Path, default=DATA, help="folder with articles.jsonl and dev_ids.txt")
    args = ap.parse_args()
    if args.rebuild or not Path(args.db).exists():
        for suffix in ("", "-wal", "-shm"):
            Path(args.db + suffix).unlink(missing_ok=True)
        build(args.db, args.n, args.data)
    run(args.db, args.reps)


if __name__ == "__main__":
    main()
