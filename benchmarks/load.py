"""Load test of `warta serve` on loopback: search, article, entity and list endpoints (API and pages).

    python benchmarks/load.py --build /tmp/warta-load.db              # 10,000 articles, once
    python benchmarks/load.py --db /tmp/warta-load.db --workers 2      # start a server, load it
    python benchmarks/load.py --url http://127.0.0.1:8000 --db …       # load a running server

The store is built from the ``dev_ids.txt`` articles of ../shared/data/articles/articles.jsonl,
analysed with the default pipeline and replicated (new ids, dates shifted by 37 days a copy) up
to ``--n``. The run is bounded: ``--duration`` seconds or ``--requests`` requests, whichever
comes first, from ``--concurrency`` connections; only loopback addresses are accepted. It prints
requests/s, errors and latency percentiles per endpoint and overall, and the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parents[1]
WORDS = [
    "presiden", "pemerintah", "polisi", "banjir", "harga", "ekonomi", "Jakarta", "menteri",
    "warga", "Indonesia", "DPR", "korupsi", '"Joko Widodo"', "pendidikan", "ekonom*", "gempa",
    "Rusia", "pemilu", "jalan tol", "sekolah",
]  # fmt: skip
#: (name, weight): the mix of requests
MIX = [
    ("search api", 20), ("search page", 10), ("article api", 15), ("article page", 10),
    ("entity api", 10), ("entity page", 5), ("articles list", 10), ("entities list", 10),
    ("events list", 10),
]  # fmt: skip


def build(db: str, n: int) -> None:
    from warta._devdata import shared_dir
    from warta.pipeline import Pipeline
    from warta.store import open_store

    data = shared_dir(ROOT) / "data" / "articles"
    dev = set((data / "dev_ids.txt").read_text("utf-8").split())
    pipeline = Pipeline()
    base = []
    with (data / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if obj["id"] in dev:
                doc = pipeline.analyze(
                    obj["text"],
                    published=obj["published"],
                    id=obj["id"],
                    title=obj["title"],
                    source=obj["outlet"],
                )
                base.append(doc.to_dict())
    store = open_store(db)
    batch: list[dict[str, Any]] = []
    for i in range(n):
        rec = json.loads(json.dumps(base[i % len(base)]))
        copy = i // len(base)
        rec["document"]["id"] = f"{rec['document']['id']}-r{copy}"
        day = date.fromisoformat(rec["document"]["published"][:10]) - timedelta(days=37 * copy)
        rec["document"]["published"] = day.isoformat()
        batch.append(rec)
        if len(batch) == 500:
            store.upsert(batch)
            batch.clear()
    store.upsert(batch)
    print(f"{db}: {store.count('articles')} articles, {store.count('entities')} entities", file=sys.stderr)
    store.close()


def targets(db: str, rng: random.Random) -> dict[str, list[str]]:
    """Paths per request kind, drawn from the store itself."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    articles = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY random() LIMIT 2000")]
    entities = [r[0] for r in conn.execute("SELECT id FROM entities ORDER BY random() LIMIT 2000")]
    conn.close()
    pages = range(1, 26)
    return {
        "search api": [f"/api/search?q={w}" for w in WORDS] + [f"/api/search?q={w}&page=3" for w in WORDS],
        "search page": [f"/?q={w}" for w in WORDS],
        "article api": [f"/api/articles/{a}" for a in articles],
        "article page": [f"/articles/{a}" for a in articles],
        "entity api": [f"/api/entities/{e}" for e in entities],
        "entity page": [f"/entities/{e}" for e in entities],
        "articles list": [f"/api/articles?page={p}" for p in pages],
        "entities list": [f"/api/entities?page={p}" for p in pages] + ["/api/entities?type=PERSON"],
        "events list": [f"/api/events?page={p}" for p in pages] + ["/api/events?type=CONSULT"],
    }


async def load(
    url: str, paths: dict[str, list[str]], args: argparse.Namespace
) -> list[tuple[str, float, int]]:
    rng = random.Random(11)
    kinds = [k for k, w in MIX for _ in range(w)]
    results: list[tuple[str, float, int]] = []
    deadline = time.perf_counter() + args.duration
    limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=args.concurrency)

    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:

        async def worker() -> None:
            while time.perf_counter() < deadline and len(results) < args.requests:
                kind = rng.choice(kinds)
                path = rng.choice(paths[kind])
                start = time.perf_counter()
                try:
                    status = (await client.get(path)).status_code
                except httpx.HTTPError:
                    status = 0
                results.append((kind, time.perf_counter() - start, status))

        await asyncio.gather(*(worker() for _ in range(args.concurrency)))
    return results


def report(results: list[tuple[str, float, int]], seconds: float) -> None:
    def row(name: str, items: list[tuple[str, float, int]]) -> str:
        lat = sorted(t for _, t, _ in items)
        q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else lat * 99
        errors = sum(1 for _, _, s in items if not 200 <= s < 300)
        return (
            f"{name:14} {len(items):>7} {len(items) / seconds:>7.1f} {errors:>6} "
            f"{1000 * q[49]:>7.1f} {1000 * q[94]:>7.1f} {1000 * q[98]:>7.1f} {1000 * lat[-1]:>7.1f}"
        )

    cols = f"{'reqs':>7} {'req/s':>7} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7}"
    print(f"{'endpoint':14} {cols}")
    for kind, _ in MIX:
        items = [r for r in results if r[0] == kind]
        if items:
            print(row(kind, items))
    print(row("all", results))


def _loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _start_server(db: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "warta", "serve", "--db", db, "--port", str(port), "--workers", str(workers)]
    env = {k: v for k, v in os.environ.items() if k != "WARTA_TOKEN"}
    env["PYTHONPATH"] = str(ROOT / "src")
    server = subprocess.Popen(cmd, env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            if httpx.get(url + "/api/", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    server.terminate()
    sys.exit("the server did not start within 60 s")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--build", metavar="DB", help="build a store of --n articles and exit")
    p.add_argument("--n", type=int, default=10_000)
    p.add_argument("--db", help="the store to load (paths are drawn from it)")
    p.add_argument("--url", help="a running server (loopback only); default: start one on --port")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--workers", type=int, default=1, help="server processes when starting one")
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--duration", type=float, default=30.0, help="seconds of load at most (default 30)")
    p.add_argument("--requests", type=int, default=20_000, help="requests at most (default 20,000)")
    p.add_argument("--warmup", type=float, default=3.0, help="seconds of unmeasured load first")
    args = p.parse_args()
    if args.build:
        build(args.build, args.n)
        return 0
    if not args.db:
        p.error("--db is required (the store the requests are drawn from)")
    url = args.url or f"http://127.0.0.1:{args.port}"
    if not _loopback(url):
        p.error(f"{url} is not a loopback address: this script only loads a server on this machine")
    server = None if args.url else _start_server(args.db, args.port, args.workers)
    try:
        paths = targets(args.db, random.Random(3))
        warm = argparse.Namespace(**{**vars(args), "duration": args.warmup})
        asyncio.run(load(url, paths, warm))
        before = os.getloadavg()
        start = time.perf_counter()
        results = asyncio.run(load(url, paths, args))
        seconds = time.perf_counter() - start
        after = os.getloadavg()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"warta serve --workers {args.workers}: {len(results)} requests in {seconds:.1f} s from "
        f"{args.concurrency} connections; load average {before[0]:.2f} before, {after[0]:.2f} after "
        f"({os.cpu_count()} CPUs)"
    )
    report(results, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
