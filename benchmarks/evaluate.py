"""One evaluation harness: every stage scored against its hand-annotated fixtures, one scorer per task.

    PYTHONPATH=src:tests .venv/bin/python benchmarks/evaluate.py                    # print the table
    PYTHONPATH=src:tests .venv/bin/python benchmarks/evaluate.py --write-baseline   # today's figures
    PYTHONPATH=src:tests .venv/bin/python benchmarks/evaluate.py --task times       # one task

Tasks and their fixtures (all under ``tests/fixtures/``, all from development material):

* ``segment``: sentence-boundary and token F1 on hand-annotated paragraphs (``segment/*.json``);
* ``entities``, ``coref``, ``quotes``: ``tests/entity_gold.py``'s scorer on ``entities/`` (tuning),
  ``entities_blind/``, ``entities_foreign/`` and ``quotes/{tune,blind2,heldout}`` — mention F1,
  alias-link F1, country accuracy; quote F1; coref as the accuracy of quote speakers (a pronoun
  resolved to the right person counts, unresolved does not);
* ``times``: relaxed and value F1 (TempEval-3 style) on the IndoTimex Kompas development gold
  (``times/kompas_dev_timex*.txt``) and ``times/dev_times.txt``;
* ``amounts``: F1 (span, kind and value) on ``amounts/dev_amounts.txt``;
* ``summary``: mean ROUGE-L against the IndoSum reference summaries (``summary/indosum_dev.jsonl``);
* ``events``: event F1, status and date accuracy on ``events/`` and the events corpus's development
  part (``events_corpus/dev``; the ``heldout`` third is never read here).

``tests/eval_gate.py`` fails when any figure falls below ``tests/fixtures/eval_baseline.json`` by
more than the tolerance written in that file.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
BASELINE = FIXTURES / "eval_baseline.json"
sys.path.insert(0, str(ROOT / "tests"))  # tests/entity_gold.py: the entities/coref/quotes scorer

from warta import Pipeline  # noqa: E402
from warta.model import Span  # noqa: E402
from warta.stages.amounts import find_amounts  # noqa: E402
from warta.stages.events.evaluate import Score, score_article, system_view  # noqa: E402
from warta.stages.segment import segment_text  # noqa: E402
from warta.stages.times import find_times  # noqa: E402

Figures = dict[str, float]


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 1.0


# -- segment ---------------------------------------------------------------------------------------
def score_segment(pipeline: Pipeline) -> Figures:
    b = [0, 0, 0]  # tp, pred, gold of sentence ends
    t = [0, 0, 0]
    for path in sorted((FIXTURES / "segment").glob("*.json")):
        for item in json.loads(path.read_text("utf-8")):
            text = item["text"]
            gold_ends, pos = set(), 0
            for s in item["sentences"]:
                pos = text.index(s, pos) + len(s)
                gold_ends.add(pos)
            gold_toks, pos = set(), 0
            for tok in (tok for sent in item["tokens"] for tok in sent):
                start = text.index(tok, pos)
                pos = start + len(tok)
                gold_toks.add((start, pos))
            toks, sents = segment_text(text, [Span(0, len(text), text)])
            gold_b, pred_b = gold_ends - {len(text)}, {s.end for s in sents} - {len(text)}
            pred_t = {(tok.start, tok.end) for tok in toks}
            for acc, gold, pred in ((b, gold_b, pred_b), (t, gold_toks, pred_t)):
                acc[0], acc[1], acc[2] = acc[0] + len(gold & pred), acc[1] + len(pred), acc[2] + len(gold)
    return {"sentence_f1": _f1(*b), "token_f1": _f1(*t)}


# -- entities, coref, quotes -----------------------------------------------------------------------
#: folder label -> fixtures, for entity_gold's scorer; quote folders carry quotes and no entities
_ENTITY_FOLDERS = {
    "tune": FIXTURES / "entities",
    "blind": FIXTURES / "entities_blind",
    "foreign": FIXTURES / "entities_foreign",
}
_QUOTE_FOLDERS = {
    "quotes_tune": FIXTURES / "quotes" / "tune",
    "quotes_blind2": FIXTURES / "quotes" / "blind2",
    "quotes_heldout": FIXTURES / "quotes" / "heldout",
}


def _entity_scores(pipeline: Pipeline) -> dict[str, Any]:
    import entity_gold

    out = {}
    for name, folder in (_ENTITY_FOLDERS | _QUOTE_FOLDERS).items():
        fixtures = [{"entities": [], **fx} for fx in entity_gold.load_fixtures(folder)]
        out[name] = entity_gold.score(pipeline, fixtures)
    return out


# -- times -----------------------------------------------------------------------------------------
def load_times(path: Path) -> list[tuple[str, str, list[tuple[int, int, str, str]]]]:
    """(published, text, gold) per article: sentences joined by newlines, gold offsets into the text."""
    docs: list[tuple[str, str, list[tuple[int, int, str, str]]]] = []
    for line in path.read_text("utf-8").splitlines():
        header = re.match(r"# \S+ published=(\d{4}-\d{2}-\d{2})\s*$", line)
        if header:
            docs.append((header.group(1), "", []))
        elif line.startswith("S: "):
            pub, text, gold = docs[-1]
            docs[-1] = (pub, text + ("\n" if text else "") + line[3:], gold)
        elif line.startswith("T: "):
            pub, text, gold = docs[-1]
            span, _typ, value = (x.strip() for x in line[3:].split(" | "))
            after = max([g[1] for g in gold] + [text.rfind("\n") + 1])
            m = re.compile(rf"(?<![\w/]){re.escape(span)}(?![\w/])").search(text, after)
            assert m is not None, span
            gold.append((m.start(), m.end(), span, value))
    return docs


def times_f1(path: Path) -> tuple[float, float]:
    """(relaxed F1, value F1) of the stage on a times fixture, TempEval-3 style (one-to-one overlap)."""
    tp_span = tp_value = n_sys = n_gold = 0
    for published, text, gold in load_times(path):
        pred = find_times(text, published)
        n_sys, n_gold = n_sys + len(pred), n_gold + len(gold)
        used: set[int] = set()
        for start, end, _span, value in gold:
            hit = next(
                (i for i, p in enumerate(pred) if i not in used and p.start < end and start < p.end), None
            )
            if hit is not None:
                used.add(hit)
                tp_span += 1
                tp_value += pred[hit].value == value
    return _f1(tp_span, n_sys, n_gold), _f1(tp_value, n_sys, n_gold)


def score_times(pipeline: Pipeline) -> Figures:
    out = {}
    for name, label in (
        ("kompas_dev_timex.txt", "kompas_tune"),
        ("kompas_dev_timex_blind.txt", "kompas_blind"),
        ("dev_times.txt", "dev_articles"),
    ):
        relaxed, value = times_f1(FIXTURES / "times" / name)
        out[f"{label}_relaxed_f1"], out[f"{label}_value_f1"] = relaxed, value
    return out


# -- amounts ---------------------------------------------------------------------------------------
def load_amounts() -> list[tuple[str | None, str, list[tuple[int, int, float, str]]]]:
    out: list[tuple[str | None, str, list[tuple[int, int, float, str]]]] = []
    published: str | None = None
    for line in (FIXTURES / "amounts" / "dev_amounts.txt").read_text("utf-8").splitlines():
        if line.startswith("# ") and " published=" in line:
            published = line.split("published=")[1].strip()
        elif line.startswith("S: "):
            out.append((published, line[3:], []))
        elif line.startswith("A: "):
            _pub, sent, gold = out[-1]
            text, value, _unit, kind = (x.strip() for x in line[3:].split(" | "))
            used = {g[0] for g in gold}
            start = next(m.start() for m in re.finditer(re.escape(text), sent) if m.start() not in used)
            gold.append((start, start + len(text), float(value), kind))
    return out


def score_amounts(pipeline: Pipeline) -> Figures:
    tp = n_sys = n_gold = 0
    for published, sent, gold in load_amounts():
        pred = find_amounts(sent, list(find_times(sent, published)))
        n_sys, n_gold = n_sys + len(pred), n_gold + len(gold)
        used: set[int] = set()
        for start, end, value, kind in gold:
            hit = next(
                (
                    i
                    for i, p in enumerate(pred)
                    if i not in used
                    and p.start < end
                    and start < p.end
                    and p.kind == kind
                    and math.isclose(p.value, value, rel_tol=1e-6)
                ),
                None,
            )
            if hit is not None:
                used.add(hit)
                tp += 1
    return {"f1": _f1(tp, n_sys, n_gold)}


# -- summary ---------------------------------------------------------------------------------------
def rouge_l(reference: str, candidate: str) -> float:
    """ROUGE-L F1 over lower-cased word tokens (no stemming), as in benchmarks/summary.py."""
    ref, cand = re.findall(r"\w+", reference.lower()), re.findall(r"\w+", candidate.lower())
    if not ref or not cand:
        return 0.0
    prev = [0] * (len(cand) + 1)
    for r in ref:
        cur = [0]
        for j, c in enumerate(cand):
            cur.append(prev[j] + 1 if r == c else max(prev[j + 1], cur[j]))
        prev = cur
    lcs = prev[-1]
    if not lcs:
        return 0.0
    p, rec = lcs / len(cand), lcs / len(ref)
    return 2 * p * rec / (p + rec)


def score_summary(pipeline: Pipeline) -> Figures:
    lines = (FIXTURES / "summary" / "indosum_dev.jsonl").read_text("utf-8").splitlines()
    scores = []
    for a in (json.loads(line) for line in lines if line.strip()):
        doc = pipeline.analyze(a["text"], published=a["published"][:10], id=a["id"], title=a["title"])
        scores.append(rouge_l(a["summary"], " ".join(doc.sentences[i].text for i in doc.summary)))
    return {"rouge_l": sum(scores) / len(scores)}


# -- events ----------------------------------------------------------------------------------------
def _events_folder(pipeline: Pipeline, folder: Path) -> Score:
    total = Score()
    for path in sorted(folder.glob("*.json")):
        fx = json.loads(path.read_text("utf-8"))
        doc = pipeline.analyze(fx["text"], published=fx["published"], id=fx["id"], title=fx.get("title"))
        total.add(score_article(fx["events"], system_view(doc.events), fx.get("domain")))
    return total


def score_events(pipeline: Pipeline) -> Figures:
    out = {}
    for label, folder in (
        ("articles", FIXTURES / "events"),
        ("corpus_dev", FIXTURES / "events_corpus" / "dev"),
    ):
        s = _events_folder(pipeline, folder)
        out |= {
            f"{label}_f1": s.f1,
            f"{label}_precision": s.precision,
            f"{label}_status_accuracy": s.status_accuracy,
            f"{label}_date_accuracy": s.date_accuracy,
        }
    return out


# -- all -------------------------------------------------------------------------------------------
def _from_entities(which: str) -> Callable[[Pipeline], Figures]:
    def scorer(pipeline: Pipeline) -> Figures:
        out: Figures = {}
        for name, s in _cached_entities(pipeline).items():
            if which == "entities" and name in _ENTITY_FOLDERS:
                out |= {
                    f"{name}_mention_f1": s.mention_f1,
                    f"{name}_link_f1": s.link_f1,
                    f"{name}_country_accuracy": s.country_accuracy,
                }
            elif which == "coref" and s.quotes["matched"]:
                out[f"{name}_speaker_accuracy"] = s.speaker_accuracy
            elif which == "quotes" and s.quotes["gold"]:
                out[f"{name}_quote_f1"] = s.quote_f1
        return out

    return scorer


_ENTITY_CACHE: dict[int, dict[str, Any]] = {}


def _cached_entities(pipeline: Pipeline) -> dict[str, Any]:
    if id(pipeline) not in _ENTITY_CACHE:
        _ENTITY_CACHE[id(pipeline)] = _entity_scores(pipeline)
    return _ENTITY_CACHE[id(pipeline)]


#: task -> scorer; every scorer gives figures where higher is better
TASKS: dict[str, Callable[[Pipeline], Figures]] = {
    "segment": score_segment,
    "entities": _from_entities("entities"),
    "coref": _from_entities("coref"),
    "quotes": _from_entities("quotes"),
    "times": score_times,
    "amounts": score_amounts,
    "summary": score_summary,
    "events": score_events,
}


def evaluate(tasks: list[str] | None = None, pipeline: Pipeline | None = None) -> dict[str, Figures]:
    """Figures of every task (or of ``tasks``), rounded to 4 decimals."""
    pipeline = pipeline or Pipeline()
    return {
        task: {k: round(v, 4) for k, v in TASKS[task](pipeline).items()} for task in (tasks or list(TASKS))
    }


def compare(figures: dict[str, Figures], baseline: dict[str, Any]) -> list[str]:
    """One line per figure that fell below its baseline by more than the tolerance."""
    tolerance = baseline["tolerance"]
    drops = []
    for task, values in baseline["figures"].items():
        for name, base in values.items():
            now = figures.get(task, {}).get(name)
            if now is None:
                drops.append(f"{task}.{name}: missing (baseline {base:.4f})")
            elif now < base - tolerance:
                drops.append(f"{task}.{name}: {now:.4f} < baseline {base:.4f} - {tolerance}")
    return drops


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--task", action="append", choices=list(TASKS), help="only this task (repeatable)")
    ap.add_argument("--write-baseline", action="store_true", help=f"write the figures to {BASELINE.name}")
    args = ap.parse_args(argv)
    figures = evaluate(args.task)
    baseline = json.loads(BASELINE.read_text("utf-8")) if BASELINE.exists() else None
    print(f"{'task':<10} {'figure':<34} {'now':>7} {'baseline':>9}")
    for task, values in figures.items():
        for name, value in values.items():
            base = baseline["figures"].get(task, {}).get(name) if baseline else None
            print(f"{task:<10} {name:<34} {value:>7.4f} {'' if base is None else f'{base:>9.4f}'}")
    if args.write_baseline:
        tolerance = baseline["tolerance"] if baseline else 0.005
        note = baseline["note"] if baseline else ""
        BASELINE.write_text(
            json.dumps({"tolerance": tolerance, "note": note, "figures": figures}, indent=2) + "\n", "utf-8"
        )
        print(f"wrote {BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
