"""Fingerprint of the ``times`` output of the full pipeline over the 443 articles, to prove a
refactoring changed nothing (issue #15).

    PYTHONPATH=src .venv/bin/python benchmarks/times_fingerprint.py --out /tmp/times-before.json
    PYTHONPATH=src .venv/bin/python benchmarks/times_fingerprint.py --compare /tmp/times-before.json

Every article is analysed; only a SHA-256 of each article's ``times`` is kept, so outputs of the
non-development articles are never looked at. Each article is also run through ``find_times``
without its date (``id#no-date``). ``--compare`` prints a table of how many articles agree and, for
development ids only, the expressions that differ.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import asdict
from pathlib import Path

from warta._devdata import shared_dir
from warta.ingest import Record
from warta.pipeline import Pipeline
from warta.stages.times import find_times

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = shared_dir(ROOT) / "data" / "articles"


def run() -> tuple[dict[str, str], dict[str, list[dict[str, object]]]]:
    dev = set((ARTICLES / "dev_ids.txt").read_text("utf-8").split())
    pipeline = Pipeline()
    hashes: dict[str, str] = {}
    dev_times: dict[str, list[dict[str, object]]] = {}
    for line in (ARTICLES / "articles.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        record = Record.from_fields(text=row["text"], published=row.get("published"), id=row["id"])
        doc = pipeline(record.to_document())
        times = [asdict(t) for t in doc.times]
        hashes[row["id"]] = hashlib.sha256(json.dumps(times, sort_keys=True).encode()).hexdigest()
        # the same text without a publication date: the underspecified values (XXXX-...)
        bare = [asdict(t) for t in find_times(doc.text, None)]
        hashes[row["id"] + "#no-date"] = hashlib.sha256(json.dumps(bare, sort_keys=True).encode()).hexdigest()
        if row["id"] in dev:
            dev_times[row["id"]] = times
    return hashes, dev_times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="write the fingerprint here")
    ap.add_argument("--compare", type=Path, help="compare with a fingerprint written before")
    args = ap.parse_args(argv)
    if not (ARTICLES / "articles.jsonl").exists():
        print(f"no articles at {ARTICLES}", file=sys.stderr)
        return 2
    hashes, dev_times = run()
    if args.out:
        args.out.write_text(json.dumps({"hashes": hashes, "dev": dev_times}, ensure_ascii=False), "utf-8")
    if args.compare:
        old = json.loads(args.compare.read_text("utf-8"))
        differ = sorted(k for k in hashes if old["hashes"].get(k) != hashes[k])
        print("| articles | identical | different |\n|---:|---:|---:|")
        print(f"| {len(hashes)} | {len(hashes) - len(differ)} | {len(differ)} |")
        for key in differ:
            if key.split("#")[0] not in dev_times or "#" in key:
                print(f"{key}: differs (not a development id: not shown)")
                continue
            before = {json.dumps(t, sort_keys=True) for t in old["dev"].get(key, [])}
            after = {json.dumps(t, sort_keys=True) for t in dev_times[key]}
            for t in sorted(before - after):
                print(f"{key} - {t}")
            for t in sorted(after - before):
                print(f"{key} + {t}")
        return 1 if differ else 0
    print(f"{len(hashes)} articles fingerprinted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
