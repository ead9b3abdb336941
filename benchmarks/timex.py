"""Time expressions against IndoTimex's Kompas TimeML gold, TempEval-3 style, with dateparser as a peer.

    PYTHONPATH=src .venv/bin/python benchmarks/timex.py            # the 25 test documents (gold)
    PYTHONPATH=src .venv/bin/python benchmarks/timex.py --show     # also list every miss and false hit
    PYTHONPATH=src .venv/bin/python benchmarks/timex.py --dev      # our gold on 25 development documents

Scores: strict (exact span), relaxed (spans overlap, matched one to one) and value (overlap and the
identical TIMEX3 value) precision / recall / F1, micro-averaged over the documents. The document
creation time (DCT) is the anchor for both systems. The development zip carries no TIMEX3 labels
(DCT only); ``--dev`` scores the hand annotation of 25 of its documents in
``tests/fixtures/times/kompas_dev_timex.txt`` (the tuning set) the same way.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from warta._devdata import shared_dir
from warta.stages.times import find_times

ROOT = Path(__file__).resolve().parents[1]
#: $WARTA_SHARED, or ../shared next to the repository (or above a git worktree)
SHARED = shared_dir(ROOT)
DATA = SHARED / "data" / "timex" / "indotimex"
DEV_GOLD = ROOT / "tests" / "fixtures" / "times" / "kompas_dev_timex.txt"
INDOTIMEX_REPORTED = (0.929, 0.853)  # Mirza (PACLING 2015): recognition F1, normalisation F1


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    text: str
    value: str


@dataclass(slots=True)
class Doc:
    name: str
    text: str
    dct: str
    gold: list[Timex]


def load(zip_path: Path) -> list[Doc]:
    docs = []
    with zipfile.ZipFile(zip_path) as zf:
        for name in sorted(zf.namelist()):
            if not name.endswith(".tml"):
                continue
            raw = zf.read(name).decode("cp1252")
            dct = re.search(r'<DCT>\s*<TIMEX3[^>]*value="([^"]+)"', raw)
            body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
            if body is None or dct is None:
                continue
            text, gold = _strip(body.group(1))
            y, m, d = (int(x) for x in dct.group(1)[:10].split("-"))  # some DCTs are "2013-12-4"
            docs.append(Doc(Path(name).stem, text, f"{y:04d}-{m:02d}-{d:02d}", gold))
    return docs


def load_fixture(path: Path) -> list[Doc]:
    """A fixture in the tests' format: '# name published=DATE', 'S: sentence', 'T: text | type | value'."""
    docs: list[Doc] = []
    for line in path.read_text("utf-8").splitlines():
        header = re.match(r"# (\S+) published=(\d{4}-\d{2}-\d{2})\s*$", line)
        if header:
            docs.append(Doc(header.group(1), "", header.group(2), []))
        elif line.startswith("S: ") and docs:
            doc = docs[-1]
            doc.text += ("\n" if doc.text else "") + line[3:]
        elif line.startswith("T: ") and docs:
            doc = docs[-1]
            span, _typ, value = (x.strip() for x in line[3:].split(" | "))
            pos = _place(doc, span)
            doc.gold.append(Timex(pos, pos + len(span), span, value))
    return docs


def _place(doc: Doc, span: str) -> int:
    """Offset of ``span`` in the document's last sentence: a whole word, after the gold already placed."""
    after = max([g.end for g in doc.gold] + [doc.text.rfind("\n") + 1])
    m = re.compile(rf"(?<![\w/]){re.escape(span)}(?![\w/])").search(doc.text, after)
    if m is None:
        raise ValueError(f"{doc.name}: {span!r} not in its sentence after the previous expression")
    return m.start()


def _strip(markup: str) -> tuple[str, list[Timex]]:
    out: list[str] = []
    pos = 0
    gold: list[Timex] = []
    open_at: tuple[int, str] | None = None
    for m in re.finditer(r"<(/?)([A-Za-z0-9]+)([^>]*)>", markup):
        chunk = html.unescape(markup[pos : m.start()])
        out.append(chunk)
        pos = m.end()
        length = sum(len(c) for c in out)
        if m.group(2) == "TIMEX3":
            if not m.group(1):
                val = re.search(r'value="([^"]*)"', m.group(3))
                open_at = (length, val.group(1) if val else "")
            elif open_at is not None:
                start, value = open_at
                text = "".join(out)[start:length]
                gold.append(Timex(start, length, text, value))
                open_at = None
    out.append(html.unescape(markup[pos:]))
    return "".join(out), gold


def warta_system(doc: Doc) -> list[Timex]:
    return [Timex(t.start, t.end, t.text, t.value) for t in find_times(doc.text, doc.dct)]


def dateparser_system(doc: Doc) -> list[Timex]:
    from dateparser.search import search_dates

    base = datetime.fromisoformat(doc.dct)
    found = search_dates(doc.text, languages=["id"], settings={"RELATIVE_BASE": base}) or []
    out = []
    pos = 0
    for sub, when in found:
        i = doc.text.find(sub, pos)
        if i < 0:
            i = doc.text.find(sub)
            if i < 0:
                continue
        else:
            pos = i + len(sub)
        value = when.date().isoformat()
        if when.hour or when.minute:
            value += f"T{when.hour:02d}:{when.minute:02d}"
        out.append(Timex(i, i + len(sub), sub, value))
    return out


def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(
    docs: list[Doc], system: Callable[[Doc], list[Timex]], show: bool = False
) -> dict[str, tuple[float, ...]]:
    strict = relaxed = valued = n_sys = n_gold = 0
    for doc in docs:
        pred = system(doc)
        n_sys += len(pred)
        n_gold += len(doc.gold)
        used: set[int] = set()
        for g in doc.gold:
            match = next(
                (i for i, p in enumerate(pred) if i not in used and p.start < g.end and g.start < p.end),
                None,
            )
            if match is None:
                if show:
                    print(f"  MISS {doc.name}: {g.text!r} {g.value}")
                continue
            used.add(match)
            p = pred[match]
            relaxed += 1
            strict += p.start == g.start and p.end == g.end
            valued += p.value == g.value
            if show and (p.value != g.value or (p.start, p.end) != (g.start, g.end)):
                print(f"  DIFF {doc.name}: gold {g.text!r} {g.value} | sys {p.text!r} {p.value}")
        if show:
            for i, p in enumerate(pred):
                if i not in used:
                    print(f"  FALSE {doc.name}: {p.text!r} {p.value}")
    return {
        "strict": _prf(strict, n_sys, n_gold),
        "relaxed": _prf(relaxed, n_sys, n_gold),
        "value": _prf(valued, n_sys, n_gold),
        "counts": (float(n_sys), float(n_gold)),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DATA / "Kompas_test_gold.zip")
    ap.add_argument("--dev", action="store_true", help=f"score the development gold {DEV_GOLD.name}")
    ap.add_argument("--show", action="store_true", help="list misses, span/value differences and false hits")
    args = ap.parse_args(argv)
    if args.dev:
        args.gold = DEV_GOLD
    if not args.gold.exists():
        print(f"missing {args.gold} (needs ../shared/data)", file=sys.stderr)
        return 1
    docs = load_fixture(args.gold) if args.gold.suffix == ".txt" else load(args.gold)
    n_gold = sum(len(d.gold) for d in docs)
    print(f"{args.gold.name}: {len(docs)} documents, {n_gold} gold TIMEX3 (DCT excluded)\n")
    rows = []
    for name, system in (("warta times", warta_system), ("dateparser search_dates(id)", dateparser_system)):
        if args.show:
            print(f"--- {name}")
        s = score(docs, system, show=args.show and name.startswith("warta"))
        rows.append((name, s))
    header = f"{'system':30} {'n':>4} | {'strict P/R/F1':^20} | {'relaxed P/R/F1':^20} | {'value P/R/F1':^20}"
    print(header)
    print("-" * len(header))
    for name, s in rows:
        cells = " | ".join(" ".join(f"{x:.3f}" for x in s[k]) for k in ("strict", "relaxed", "value"))
        print(f"{name:30} {int(s['counts'][0]):>4} | {cells}")
    if args.gold.suffix == ".zip":  # IndoTimex's reported scores are on the test gold
        rec, norm = INDOTIMEX_REPORTED
        rec_cell, norm_cell = f"F1 {rec:.3f}", f"F1 {norm:.3f}"
        print(f"{'IndoTimex (reported)':30} {'':>4} | {'':20} | {rec_cell:>20} | {norm_cell:>20}")
    print("\ntargets: relaxed F1 >= 0.95, value F1 >= 0.90")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
