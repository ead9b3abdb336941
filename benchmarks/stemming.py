"""Does an Indonesian stemmer (PySastrawi) help full-text search? Recall and precision per query.

    PYTHONPATH=src python benchmarks/stemming.py [--data ../shared/data/articles]

Over the 400 dev articles: for each query word a person would type, the relevant articles are
those containing any hand-listed inflected form of its root (meN-/di-/ter-/ber-/peN-...-an, ke-...-an).
Compared: FTS5 unicode61 on the word as typed, the same with a prefix query (word*), and
unicode61 over Sastrawi-stemmed text with a stemmed query.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import time
from pathlib import Path

from warta._devdata import shared_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_dir(ROOT)
DATA = SHARED / "data" / "articles"

#: query as typed -> every form that means the same root (hand-listed, reviewable)
VARIANTS: dict[str, list[str]] = {
    "serangan": ["serang", "serangan", "menyerang", "diserang", "penyerangan", "penyerang"],
    "penangkapan": ["tangkap", "menangkap", "ditangkap", "penangkapan", "tertangkap"],
    "pembangunan": ["bangun", "membangun", "dibangun", "pembangunan", "bangunan", "terbangun"],
    "pemeriksaan": ["periksa", "memeriksa", "diperiksa", "pemeriksaan", "diperiksanya"],
    "penjualan": ["jual", "menjual", "dijual", "penjualan", "terjual", "penjual"],
    "laporan": ["lapor", "melapor", "melaporkan", "dilaporkan", "laporan", "pelapor", "terlapor"],
    "pendidikan": ["didik", "mendidik", "pendidikan", "pendidik", "dididik"],
    "penolakan": ["tolak", "menolak", "ditolak", "penolakan"],
    "kenaikan": ["naik", "menaikkan", "dinaikkan", "kenaikan"],
    "bantuan": ["bantu", "membantu", "dibantu", "bantuan", "pembantu"],
    "pemilihan": ["pilih", "memilih", "dipilih", "pemilihan", "terpilih", "pemilih", "pilihan"],
    "kebakaran": ["bakar", "membakar", "dibakar", "kebakaran", "terbakar", "pembakaran"],
}
WORD = re.compile(r"\w+")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    args = ap.parse_args()
    src = args.data / "articles.jsonl"
    if not src.exists():
        sys.exit(f"needs {src}")
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory  # type: ignore[import-untyped]

    stemmer = StemmerFactory().create_stemmer()
    cache: dict[str, str] = {}

    def stem_text(text: str) -> str:
        out = []
        for w in WORD.findall(text.lower()):
            if w not in cache:
                cache[w] = stemmer.stem(w) or w
            out.append(cache[w])
        return " ".join(out)

    dev = set((args.data / "dev_ids.txt").read_text("utf-8").split())
    docs = [json.loads(line) for line in src.open(encoding="utf-8")]
    docs = [d for d in docs if d["id"] in dev]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE plain USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
    db.execute("CREATE VIRTUAL TABLE stemmed USING fts5(text, tokenize='unicode61 remove_diacritics 2')")
    t0 = time.perf_counter()
    for i, d in enumerate(docs):
        body = f"{d['title']}\n{d['text']}"
        db.execute("INSERT INTO plain(rowid, text) VALUES (?, ?)", (i, body))
        db.execute("INSERT INTO stemmed(rowid, text) VALUES (?, ?)", (i, stem_text(body)))
    stem_secs = time.perf_counter() - t0
    words = [set(WORD.findall(f"{d['title']} {d['text']}".lower())) for d in docs]

    def ids(table: str, q: str) -> set[int]:
        return {r[0] for r in db.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (q,))}

    print(f"{len(docs)} dev articles; stemming them took {stem_secs:.1f} s ({len(cache)} distinct words)\n")
    print(f"{'query':14} {'relevant':>8} | {'as typed R/P':>13} | {'prefix* R/P':>13} | {'Sastrawi R/P':>13}")
    totals = {"typed": [0, 0, 0], "prefix": [0, 0, 0], "stem": [0, 0, 0]}  # tp, retrieved, relevant
    for query, forms in VARIANTS.items():
        relevant = {i for i, ws in enumerate(words) if ws & set(forms)}
        runs = {
            "typed": ids("plain", f'"{query}"'),
            "prefix": ids("plain", f'"{query}"*'),
            "stem": ids("stemmed", f'"{stem_text(query)}"'),
        }
        cells = []
        for key, got in runs.items():
            tp = len(got & relevant)
            totals[key][0] += tp
            totals[key][1] += len(got)
            totals[key][2] += len(relevant)
            r = tp / len(relevant) if relevant else 1.0
            p = tp / len(got) if got else 1.0
            cells.append(f"{r:6.2f}/{p:5.2f}")
        print(f"{query:14} {len(relevant):>8} | {cells[0]:>13} | {cells[1]:>13} | {cells[2]:>13}")
    print()
    for key, (tp, got, rel) in totals.items():
        print(f"micro {key:7} recall {tp / rel:.3f}  precision {tp / max(got, 1):.3f}")


if __name__ == "__main__":
    main()
