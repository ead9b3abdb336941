"""Amounts against hand-checked fixtures of development articles (``tests/fixtures/amounts/``).

    PYTHONPATH=src .venv/bin/python benchmarks/amounts.py          # scores
    PYTHONPATH=src .venv/bin/python benchmarks/amounts.py --show   # also every miss and false hit

A system amount is correct when its span overlaps a gold amount's span, its value is equal (to 1e-6
relative) and its kind is the same; "span" counts exact span matches only.
"""

from __future__ import annotations

import argparse
import math
import re
from dataclasses import dataclass
from pathlib import Path

from warta.stages.amounts import find_amounts
from warta.stages.times import find_times

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "amounts" / "dev_amounts.txt"
#: annotated before looking at the system output (dev_amounts.txt was pre-filled by it, then corrected)
BLIND = FIXTURE.with_name("dev_amounts_blind.txt")


@dataclass(slots=True)
class Gold:
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    kind: str


@dataclass(slots=True)
class Sentence:
    doc: str
    published: str | None
    text: str
    gold: list[Gold]


def load(path: Path = FIXTURE) -> list[Sentence]:
    """Sentences with their gold amounts from the fixture format described in its header."""
    out: list[Sentence] = []
    doc, published = "", None
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("# ") and " published=" in line:
            doc, _, pub = line[2:].partition(" published=")
            published = pub.strip() or None
        elif line.startswith("S: "):
            out.append(Sentence(doc, published, line[3:], []))
        elif line.startswith("A: ") and out:
            sent = out[-1]
            text, value, unit, kind = (x.strip() for x in line[3:].split(" | "))
            used = {(g.start, g.end) for g in sent.gold}
            start = next(
                m.start() for m in re.finditer(re.escape(text), sent.text) if (m.start(), m.end()) not in used
            )
            sent.gold.append(Gold(start, start + len(text), text, float(value), unit or None, kind))
    return out


def score(sentences: list[Sentence], show: bool = False) -> dict[str, float]:
    tp = exact = n_sys = n_gold = 0
    for s in sentences:
        pred = find_amounts(s.text, list(find_times(s.text, s.published)))
        n_sys += len(pred)
        n_gold += len(s.gold)
        used: set[int] = set()
        for g in s.gold:
            hit = next(
                (
                    i
                    for i, p in enumerate(pred)
                    if i not in used
                    and p.start < g.end
                    and g.start < p.end
                    and p.kind == g.kind
                    and math.isclose(p.value, g.value, rel_tol=1e-6)
                ),
                None,
            )
            if hit is None:
                if show:
                    print(f"  MISS {s.doc}: {g.text!r} {g.value:g} {g.kind}")
                continue
            used.add(hit)
            tp += 1
            exact += (pred[hit].start, pred[hit].end) == (g.start, g.end)
        if show:
            for i, p in enumerate(pred):
                if i not in used:
                    print(f"  FALSE {s.doc}: {p.text!r} {p.value:g} {p.kind}")
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    ep, er = (exact / n_sys if n_sys else 0.0), (exact / n_gold if n_gold else 0.0)
    ef = 2 * ep * er / (ep + er) if ep + er else 0.0
    return {"n_sys": n_sys, "n_gold": n_gold, "p": p, "r": r, "f1": f, "span_f1": ef}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list every miss and false hit")
    args = ap.parse_args(argv)
    print(f"{'fixture':26} {'articles':>8} {'gold':>5} {'sys':>5} {'P':>6} {'R':>6} {'F1':>6} {'span F1':>8}")
    for path in (FIXTURE, BLIND):
        sentences = load(path)
        docs = len({s.doc for s in sentences})
        s = score(sentences, show=args.show)
        print(
            f"{path.name:26} {docs:>8} {s['n_gold']:>5} {s['n_sys']:>5} "
            f"{s['p']:.3f} {s['r']:.3f} {s['f1']:.3f} {s['span_f1']:>8.3f}"
        )
    print("\ntarget: F1 >= 0.85")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
