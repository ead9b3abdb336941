"""Scoring of the entities, coref and quotes stages against hand-annotated articles.

    PYTHONPATH=src:tests python tests/entity_gold.py [FOLDER ...] [--errors] [--half=A|B]

``--half=A`` scores only the 1st, 3rd, 5th … fixture of each folder by sorted file name, ``--half=B``
the others (the held-back half of ``entities_blind3``: score it in aggregate only, never with
``--errors``; ``scripts/score_halves.sh`` runs both).

A fixture is one JSON object per article: ``id, published, text`` and ``entities: [{name, type,
country ("IGO" allowed), mentions: [surface forms], title?, sector?, geo?: {precision, country,
province_code?, regency_code?}}]``; optionally ``story_country``, ``foreign`` (bool) and
``quotes: [{text, direct, speaker (entity name or null), speaker_text?}]``. The gold mentions are
every whole-word occurrence of an entity's surface forms in the text (longest first, never
overlapping).

It prints: mention F1 (P/R) overall and per type; alias-merge link F1 (pairs of found mentions in
one entity); country accuracy overall, per type and per domestic/foreign story (gold entities with
a country, through the predicted entity holding most of their mentions); the share of LOCATION
entities with a country; Kemendagri province/regency code accuracy on gold places with codes; the
share of cities with coordinates; quote F1 and speaker accuracy (matched as in
``benchmarks/quotes.py``: overlapping spans, same directness, one-to-one; a speaker is right when
the names agree as there, or when the predicted speaker is the entity holding most of the gold
speaker entity's mentions — so "dia" resolved to the right person counts, unresolved does not).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from warta import Pipeline
from warta.model import Document, Span

FIXTURES = Path(__file__).parent / "fixtures" / "entities"
BLIND = Path(__file__).parent / "fixtures" / "entities_blind"  # annotated before any entity output was seen
FOREIGN = Path(__file__).parent / "fixtures" / "entities_foreign"  # foreign politics, annotated blind
#: the stages the scorer runs on a fixture's (already cleaned) text, in pipeline order
_STAGES = ("segment", "entities", "coref", "times", "amounts", "quotes")


@dataclass
class Scores:
    mentions: Counter[str] = field(default_factory=Counter)  # tp / fp / fn
    by_type: dict[str, Counter[str]] = field(default_factory=dict)  # type -> tp / fp / fn
    links: Counter[str] = field(default_factory=Counter)
    country: Counter[str] = field(default_factory=Counter)  # right / total
    #: "PERSON", "foreign", "domestic" ... -> right / total
    country_by: dict[str, Counter[str]] = field(default_factory=dict)
    #: gold LOCATION entities found: with any country / total (and only those with a gold country)
    loc_country: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)  # province/regency right and total
    coords: Counter[str] = field(default_factory=Counter)  # cities with coordinates / total
    quotes: Counter[str] = field(default_factory=Counter)  # gold / pred / matched / speaker_ok
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def f1(c: Counter[str]) -> float:
        return 2 * c["tp"] / (2 * c["tp"] + c["fp"] + c["fn"]) if c["tp"] else 0.0

    @staticmethod
    def precision(c: Counter[str]) -> float:
        return c["tp"] / (c["tp"] + c["fp"]) if c["tp"] else 0.0

    @staticmethod
    def recall(c: Counter[str]) -> float:
        return c["tp"] / (c["tp"] + c["fn"]) if c["tp"] else 0.0

    @staticmethod
    def ratio(c: Counter[str], num: str = "right", den: str = "total") -> float:
        return c[num] / c[den] if c[den] else 0.0

    @property
    def mention_f1(self) -> float:
        return self.f1(self.mentions)

    @property
    def link_f1(self) -> float:
        return self.f1(self.links)

    @property
    def country_accuracy(self) -> float:
        return self.ratio(self.country)

    @property
    def quote_f1(self) -> float:
        q = self.quotes
        return 2 * q["matched"] / (q["gold"] + q["pred"]) if q["matched"] else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.ratio(self.quotes, "speaker_ok", "matched")


def gold_mentions(fixture: dict[str, Any]) -> dict[tuple[int, int], int]:
    """(start, end) of every gold mention -> index of its entity."""
    text = fixture["text"]
    found = []
    for idx, ent in enumerate(fixture["entities"]):
        for form in ent["mentions"]:
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
                found.append((m.start(), m.end(), idx))
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: list[tuple[int, int]] = []
    out: dict[tuple[int, int], int] = {}
    for s, e, idx in found:
        if all(e <= a or s >= b for a, b in taken):
            taken.append((s, e))
            out[(s, e)] = idx
    return out


def _story_kind(fx: dict[str, Any]) -> str:
    """For a fixture without ``foreign``: from ``story_country``, else from the gold places' countries
    weighted by their mentions (foreign when the most named country is not Indonesia)."""
    if fx.get("story_country"):
        return "domestic" if fx["story_country"] == "IDN" else "foreign"
    text = fx["text"]
    weight: Counter[str] = Counter()
    for ent in fx["entities"]:
        if ent["type"] == "LOCATION" and ent.get("country") not in (None, "IGO"):
            weight[ent["country"]] += sum(
                len(re.findall(r"(?<!\w)" + re.escape(f) + r"(?!\w)", text)) for f in ent["mentions"]
            )
    if not weight:
        return "domestic"
    top, n = weight.most_common(1)[0]
    return "domestic" if top == "IDN" or weight["IDN"] >= n else "foreign"


def analyze(pipeline: Pipeline, fixture: dict[str, Any]) -> Document:
    """The fixture's text (already cleaned) through the pipeline's stages from ``segment`` on
    (entities, coref, times, amounts, quotes: whichever the pipeline has)."""
    text = fixture["text"]
    doc = Document(
        raw=text, text=text, id=fixture["id"], published=(fixture.get("published") or "")[:10] or None
    )
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            doc.paragraphs.append(Span(pos, pos + len(line), line))
        pos += len(line) + 1
    for stage in pipeline.stages:
        if stage.name in _STAGES:
            stage(doc)
    return doc


def _words(name: str) -> set[str]:
    return set(re.findall(r"\w+", name.lower().replace("’", "'")))


def same_speaker(gold: str | None, pred: str | None) -> bool:
    """As benchmarks/quotes.py: equal names, or one name's words all in the other's."""
    if gold is None or pred is None:
        return gold is None and pred is None
    g, p = _words(gold), _words(pred)
    return bool(g and p) and (g <= p or p <= g)


def _score_mentions(
    sc: Scores, fx: dict[str, Any], doc: Document, gold: dict[tuple[int, int], int]
) -> dict[tuple[int, int], int]:
    gold_typed = {(s, e, fx["entities"][i]["type"]) for (s, e), i in gold.items()}
    pred: dict[tuple[int, int], int] = {}
    pred_typed = set()
    for k, ent in enumerate(doc.entities):
        for m in ent.mentions:
            pred[(m.start, m.end)] = k
            pred_typed.add((m.start, m.end, ent.type))
    sc.mentions["tp"] += len(gold_typed & pred_typed)
    sc.mentions["fp"] += len(pred_typed - gold_typed)
    sc.mentions["fn"] += len(gold_typed - pred_typed)
    for kind, spans in (
        ("tp", gold_typed & pred_typed),
        ("fp", pred_typed - gold_typed),
        ("fn", gold_typed - pred_typed),
    ):
        for s, e, t in spans:
            sc.by_type.setdefault(t, Counter())[kind] += 1
            if kind != "tp":
                sc.errors.append(f"{fx['id']} MENTION-{kind.upper()} {t} {fx['text'][s:e]!r}")
    # merging: pairs of mentions in one entity, over spans both sides found
    both = sorted(set(gold) & set(pred))
    gold_pairs = {(a, b) for a, b in combinations(both, 2) if gold[a] == gold[b]}
    pred_pairs = {(a, b) for a, b in combinations(both, 2) if pred[a] == pred[b]}
    sc.links["tp"] += len(gold_pairs & pred_pairs)
    sc.links["fp"] += len(pred_pairs - gold_pairs)
    sc.links["fn"] += len(gold_pairs - pred_pairs)
    text = fx["text"]
    for kind, pairs in (("SPLIT", gold_pairs - pred_pairs), ("JOINED", pred_pairs - gold_pairs)):
        seen = set()
        for a, b in sorted(pairs):
            key = (text[a[0] : a[1]], text[b[0] : b[1]])
            if key not in seen:
                seen.add(key)
                sc.errors.append(f"{fx['id']} LINK-{kind} {key[0]!r} ~ {key[1]!r}")
    return pred


def _owner(idx: int, gold: dict[tuple[int, int], int], pred: dict[tuple[int, int], int]) -> int | None:
    """Index of the predicted entity holding most of gold entity ``idx``'s found mentions."""
    hits = Counter(pred[span] for span, i in gold.items() if i == idx and span in pred)
    return hits.most_common(1)[0][0] if hits else None


def _score_attributes(
    sc: Scores,
    fx: dict[str, Any],
    doc: Document,
    gold: dict[tuple[int, int], int],
    pred: dict[tuple[int, int], int],
) -> None:
    story = "foreign" if fx.get("foreign") else "domestic" if "foreign" in fx else _story_kind(fx)
    for idx, ent in enumerate(fx["entities"]):
        k = _owner(idx, gold, pred)
        found = doc.entities[k] if k is not None else None
        if ent["type"] == "LOCATION" and found is not None:
            sc.loc_country["total"] += 1
            sc.loc_country["with"] += found.country is not None
            if ent.get("country"):
                sc.loc_country["gold_total"] += 1
                sc.loc_country["gold_with"] += found.country is not None
        geo = ent.get("geo") or {}
        got = found.geo if found is not None else None
        for level in ("province_code", "regency_code"):
            if geo.get(level):
                sc.codes[level + "_total"] += 1
                sc.codes[level] += got is not None and getattr(got, level) == geo[level]
        if geo.get("precision") == "city":
            sc.coords["total"] += 1
            sc.coords["right"] += got is not None and got.lat is not None and got.lon is not None
        if not ent.get("country"):
            continue
        right = found is not None and found.country == ent["country"]
        for c in (
            sc.country,
            sc.country_by.setdefault(ent["type"], Counter()),
            sc.country_by.setdefault(story, Counter()),
        ):
            c["total"] += 1
            c["right"] += right
        if not right:
            sc.errors.append(
                f"{fx['id']} COUNTRY {ent['name']!r} gold={ent['country']} "
                f"pred={found.country if found else 'MISSING'}"
            )


def _score_quotes(
    sc: Scores,
    fx: dict[str, Any],
    doc: Document,
    gold: dict[tuple[int, int], int],
    pred: dict[tuple[int, int], int],
) -> None:
    if "quotes" not in fx:
        return
    text = doc.text
    names = {e["name"].lower(): i for i, e in enumerate(fx["entities"])}
    gq = []
    for q in fx.get("quotes", []):
        at = text.find(q["text"])
        if at < 0:
            at = text.find(q["text"][:40])
        gq.append((at, at + len(q["text"]), q))
    pq = doc.quotes
    sc.quotes["gold"] += len(gq)
    sc.quotes["pred"] += len(pq)
    pairs = []
    for gi, (gs, ge, g) in enumerate(gq):
        for pi, p in enumerate(pq):
            ov = min(ge, p.end) - max(gs, p.start)
            if gs >= 0 and ov > 0 and g["direct"] == p.direct:
                pairs.append((ov, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    ids = {e.id: i for i, e in enumerate(doc.entities)}
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        sc.quotes["matched"] += 1
        g, p = gq[gi][2], pq[pi]
        ent = doc.entity(p.speaker) if p.speaker else None
        ok = same_speaker(g["speaker"], ent.name if ent else None)
        if not ok and ent is not None and g["speaker"] and g["speaker"].lower() in names:
            ok = _owner(names[g["speaker"].lower()], gold, pred) == ids[ent.id]
        sc.quotes["speaker_ok"] += ok
        if not ok:
            sc.errors.append(
                f"{fx['id']} SPEAKER gold={g['speaker']!r} pred={ent.name if ent else None!r} "
                f"({p.speaker_text!r}, cue {p.cue!r}): {g['text'][:60]}"
            )
    for gi, (_, _, g) in enumerate(gq):
        if gi not in used_g:
            sc.errors.append(
                f"{fx['id']} QUOTE-MISSED {'D' if g['direct'] else 'R'} ({g['speaker']}): {g['text'][:70]}"
            )
    for pi, p in enumerate(pq):
        if pi not in used_p:
            sc.errors.append(
                f"{fx['id']} QUOTE-EXTRA {'D' if p.direct else 'R'} (cue {p.cue!r}): {p.text[:70]}"
            )


def score(pipeline: Pipeline, fixtures: list[dict[str, Any]]) -> Scores:
    sc = Scores()
    for fx in fixtures:
        doc = analyze(pipeline, fx)
        gold = gold_mentions(fx)
        pred = _score_mentions(sc, fx, doc, gold)
        _score_attributes(sc, fx, doc, gold, pred)
        _score_quotes(sc, fx, doc, gold, pred)
    return sc


def load_fixtures(folder: Path = FIXTURES, half: str | None = None) -> list[dict[str, Any]]:
    """The folder's fixtures by sorted file name; ``half`` "A" keeps the 1st, 3rd, 5th …, "B" the others."""
    paths = sorted(folder.glob("*.json"))
    if half is not None:
        paths = paths[{"A": 0, "B": 1}[half.upper()] :: 2]
    return [json.loads(p.read_text("utf-8")) for p in paths]


def report(s: Scores) -> list[str]:
    """The printed table, one line per figure."""
    m = s.mentions
    lines = [f"mention F1 {s.mention_f1:.3f} (P {s.precision(m):.3f} R {s.recall(m):.3f}) {dict(m)}"]
    for t, c in sorted(s.by_type.items()):
        lines.append(f"  {t:<13} F1 {s.f1(c):.3f} (P {s.precision(c):.3f} R {s.recall(c):.3f}) {dict(c)}")
    lines.append(
        f"link F1    {s.link_f1:.3f} (P {s.precision(s.links):.3f} R {s.recall(s.links):.3f}) {dict(s.links)}"
    )
    lines.append(f"country    {s.country_accuracy:.3f} {dict(s.country)}")
    for k, c in sorted(s.country_by.items()):
        lines.append(f"  {k:<13} {s.ratio(c):.3f} {dict(c)}")
    lc = s.loc_country
    lines.append(
        f"LOCATION with a country {s.ratio(lc, 'with'):.3f} ({lc['with']}/{lc['total']} found gold places; "
        f"{s.ratio(lc, 'gold_with', 'gold_total'):.3f} of those with a gold country)"
    )
    for level in ("province_code", "regency_code"):
        n = s.codes[level + "_total"]
        lines.append(
            f"Kemendagri {level:<13} {s.ratio(s.codes, level, level + '_total'):.3f} ({s.codes[level]}/{n})"
        )
    lines.append(f"cities with coordinates {s.ratio(s.coords):.3f} ({s.coords['right']}/{s.coords['total']})")
    q = s.quotes
    p = q["matched"] / q["pred"] if q["pred"] else 0.0
    r = q["matched"] / q["gold"] if q["gold"] else 0.0
    lines.append(
        f"quotes     F1 {s.quote_f1:.3f} (P {p:.3f} R {r:.3f}) "
        f"speaker accuracy {s.speaker_accuracy:.3f} {dict(q)}"
    )
    return lines


def main(argv: list[str]) -> int:
    show_errors = "--errors" in argv
    half = next((a.split("=", 1)[1] for a in argv if a.startswith("--half=")), None)
    if half is not None and half.upper() not in ("A", "B"):
        print(f"--half={half}: expected A or B", file=sys.stderr)
        return 2
    if show_errors and half is not None and half.upper() == "B":
        print("--half=B is the held-back half: aggregate scores only, no --errors", file=sys.stderr)
        return 2
    folders = [Path(a) for a in argv if not a.startswith("--")] or [FIXTURES]
    pipeline = Pipeline()
    for folder in folders:
        fixtures = load_fixtures(folder, half)
        s = score(pipeline, fixtures)
        if show_errors:
            print("\n".join(s.errors))
        print(f"{folder}{f' half {half.upper()}' if half else ''} ({len(fixtures)} articles)")
        print("\n".join(report(s)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
