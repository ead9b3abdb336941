"""Would a learned country assigner beat the rules? Leave-one-article-out cross-validation on the
development fixtures (issue 11, third round).

    PYTHONPATH=src:tests .venv/bin/python scripts/country_cv.py

The decision set: gold entities with a country whose predicted entity got its country from the
story fallback or got none (the rules' weakest decisions). For each, the candidates are Indonesia
and every country the article names; a logistic regression over general features (the story's top
country and its share, named in the same / the previous sentence, before the entity in its
sentence, nearest to a mention, Indonesia, each by entity type, an English-named organisation)
scores each candidate; the best one is the answer. Trained and tested on half A of
``entities_blind3`` and the three older fixture sets only (half B is never read here).
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from entity_gold import analyze, gold_mentions, load_fixtures
from warta import Pipeline
from warta.stages.entities import countries as countries_mod

ROOT = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
_WHY: dict[int, str | None] = {}
_STORY: dict[int, Any] = {}


def _record(fill: Any) -> Any:
    """``fill_countries`` that also notes which entities it decided (the story fallback and the
    contextual person rules) or left without a country."""

    def wrapped(doc: Any, lex: Any, story: Any) -> None:
        had = {
            id(e)
            for e in doc.entities
            if e.country and e.extra.get("country_from") not in ("village", "generic")
        }
        fill(doc, lex, story)
        for e in doc.entities:
            _WHY[id(e)] = "before" if id(e) in had else e.extra.get("country_from") if e.country else None
        _STORY[id(doc)] = story

    return wrapped


def _features(doc: Any, ent: Any, cand: str, story: Any) -> dict[str, float]:
    marks = [
        (m.start, e.country) for e in doc.entities if e.type == "LOCATION" and e.country for m in e.mentions
    ]
    first = ent.mentions[0]
    idx = doc.sentence_at(first.start)
    sent = doc.sentences[idx] if idx is not None else None
    prev = doc.sentences[idx - 1] if idx else None
    total = story.counts.total() or 1
    near = min(marks, key=lambda x: min(abs(x[0] - m.start) for m in ent.mentions), default=(0, None))[1]
    f = {
        "top": float(cand == story.top),
        "share": story.counts[cand] / total,
        "same": float(sent is not None and any(sent.start <= a < sent.end and c == cand for a, c in marks)),
        "before": float(
            sent is not None and any(sent.start <= a < first.start and c == cand for a, c in marks)
        ),
        "prev": float(prev is not None and any(prev.start <= a < prev.end and c == cand for a, c in marks)),
        "near": float(near == cand),
        "idn": float(cand == "IDN"),
        "idn_dom": float(cand == "IDN" and story.domestic),
        "eng_idn": float(cand == "IDN" and countries_mod._foreign_form(ent)),
    }
    for k in ("top", "near", "idn", "before", "share"):
        f[f"{k}_{ent.type[:3]}"] = f[k]
    f["bias"] = 1.0
    return f


def examples(
    pipeline: Pipeline, fixtures: list[dict[str, Any]]
) -> list[tuple[str, list[tuple[dict[str, float], bool]], bool]]:
    """(article id, [(features, right)] per candidate, the rules were right) per decision."""
    out = []
    for fx in fixtures:
        doc = analyze(pipeline, fx)
        story = _STORY[id(doc)]
        gold = gold_mentions(fx)
        pred = {(m.start, m.end): e for e in doc.entities for m in e.mentions}
        for idx, g in enumerate(fx["entities"]):
            if not g.get("country") or g["country"] == "IGO":
                continue
            hits = Counter(id(pred[s]) for s, i in gold.items() if i == idx and s in pred)
            if not hits:
                continue
            ent = next(e for e in doc.entities if id(e) == hits.most_common(1)[0][0])
            if _WHY.get(id(ent), "before") not in ("story", None):
                continue
            cands = sorted({c for c in story.counts if c != "IGO"} | {"IDN"})
            rows = [(_features(doc, ent, c, story), c == g["country"]) for c in cands]
            out.append((fx["id"], rows, ent.country == g["country"]))
    return out


def train(
    data: list[list[tuple[dict[str, float], bool]]], epochs: int = 300, rate: float = 0.1
) -> dict[str, float]:
    w: dict[str, float] = {}
    for _ in range(epochs):
        for rows in data:
            for f, y in rows:
                z = sum(w.get(k, 0.0) * v for k, v in f.items())
                p = 1 / (1 + math.exp(-max(-30, min(30, z))))
                for k, v in f.items():
                    w[k] = w.get(k, 0.0) + rate * ((1.0 if y else 0.0) - p) * v - rate * 0.001 * w.get(k, 0.0)
    return w


def pick(w: dict[str, float], rows: list[tuple[dict[str, float], bool]]) -> bool:
    best = max(rows, key=lambda r: sum(w.get(k, 0.0) * v for k, v in r[0].items()))
    return best[1]


def main() -> int:
    countries_mod.fill_countries = _record(countries_mod.fill_countries)
    import warta.stages.entities as ents_mod

    ents_mod.fill_countries = countries_mod.fill_countries  # type: ignore[attr-defined]
    fixtures = load_fixtures(ROOT / "entities_blind3", "A")
    for name in ("entities", "entities_blind", "entities_foreign"):
        fixtures += load_fixtures(ROOT / name)
    data = examples(Pipeline(), fixtures)
    articles = sorted({a for a, _, _ in data})
    rules = sum(r for _, _, r in data)
    learned = 0
    for art in articles:
        w = train([rows for a, rows, _ in data if a != art])
        learned += sum(pick(w, rows) for a, rows, _ in data if a == art)
    print(
        f"decisions {len(data)} in {len(articles)} articles: rules {rules / len(data):.3f}, "
        f"learned (leave-one-article-out) {learned / len(data):.3f}"
    )
    w = train([rows for _, rows, _ in data])
    print("weights:", {k: round(v, 2) for k, v in sorted(w.items(), key=lambda x: -abs(x[1]))})
    return 0


if __name__ == "__main__":
    sys.exit(main())
