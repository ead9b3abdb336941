"""Stage ``summary``: an extractive summary as sentence indices, in text order.

Each candidate sentence gets a score from a small linear model (logistic regression weights in
``resources/summary/weights.json``, learned by ``scripts/train_summary.py`` on the IndoSum dev
articles of the tuning half) over a few features: position in the article, paragraph, length,
TF-IDF centrality (cosine with the whole article, IDF from the raw news corpus), overlap with the
title, and whether the sentence is a quotation. The ``settings.summary_sentences`` best are
returned in text order; a candidate that repeats an already chosen one is skipped.

Datelines are already cut by ``clean``; here bylines, photo captions, "Baca juga" links,
sub-headings and very short lines are never candidates.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import cache
from importlib import resources

from warta.lang.terms import idf_table, stopwords, words
from warta.model import Document
from warta.settings import Settings
from warta.stages.base import Stage

__all__ = ["FEATURES", "SummaryStage", "candidates", "features", "summarize"]

#: feature names, in the order of :func:`features`' vectors and of the shipped weights
FEATURES = (
    "bias",
    "first",
    "inv_rank",
    "rank_frac",
    "paragraph_inv",
    "log_len",
    "short",
    "centrality",
    "title_overlap",
    "quote",
    "in_quote",
    "question",
)

_MIN_WORDS = 6
_MAX_OVERLAP = 0.7
_JUNK = re.compile(
    r"""^\s*(?:
        baca\s+(?:juga|selengkapnya)|simak\s+(?:juga|video)|lihat\s+juga|tonton|
        (?:foto|video|gambar|ilustrasi)\s*[:(]|\(?\s*(?:foto|ilustrasi)\s*:|
        (?:reporter|penulis|editor|pewarta|sumber|laporan\s+wartawan)\s*:|
        advertisement|scroll\s+to\s+continue
    )""",
    re.IGNORECASE | re.VERBOSE,
)
#: trailing outlet/editor codes such as "(ant/bay)" or "(rah/gil)"
_CODE_ONLY = re.compile(r"^\s*[\[(][a-z]{2,5}(?:/[a-z]{2,5})*[\])]\s*$", re.IGNORECASE)
_QUOTE_START = re.compile(r"^\s*[\"“”'‘]")


def candidates(doc: Document, sent_words: list[list[str]] | None = None) -> list[int]:
    """Indices of the sentences a summary may use (no captions, bylines, links or short lines);
    ``sent_words``: each sentence's :func:`~warta.lang.terms.words`, when already known."""
    out = []
    for i, sent in enumerate(doc.sentences):
        text = sent.text
        if (
            len(sent_words[i] if sent_words is not None else words(text)) < _MIN_WORDS
            or _JUNK.search(text)
            or _CODE_ONLY.match(text)
        ):
            continue
        if text.isupper():
            continue
        out.append(i)
    return out


def _vector(tokens: list[str]) -> dict[str, float]:
    stop = stopwords()
    table, unseen = idf_table()
    counts = Counter(t for t in tokens if t not in stop and len(t) > 1)
    return {t: c * table.get(t, unseen) for t, c in counts.items()}


def _norm(a: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in a.values()))


def _cosine(a: dict[str, float], b: dict[str, float], b_norm: float | None = None) -> float:
    """Cosine of two sparse vectors; ``b_norm`` is ``b``'s norm when already known (the document
    vector, compared with every sentence: recomputing it made the stage quadratic in length)."""
    if not a or not b:
        return 0.0
    na = _norm(a)
    nb = _norm(b) if b_norm is None else b_norm
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    return dot / (na * nb) if na and nb else 0.0


def _inside_quote(doc: Document) -> list[bool]:
    """Per sentence: does it start inside a quotation opened by an earlier sentence of its paragraph?

    Catches the continuation of a multi-sentence quote (``Nah yang penting ...," kata Zulkifli``),
    which does not itself start with a quotation mark.
    """
    out = []
    paragraph, straight, curly = -1, 0, 0
    for sent in doc.sentences:
        if sent.paragraph != paragraph:
            paragraph, straight, curly = sent.paragraph, 0, 0
        out.append(straight % 2 == 1 or curly > 0)
        straight += sent.text.count('"')
        curly = max(0, curly + sent.text.count("“") - sent.text.count("”"))
    return out


def features(doc: Document, cands: list[int], all_words: list[list[str]] | None = None) -> list[list[float]]:
    """One feature vector (see :data:`FEATURES`) per candidate sentence (``all_words``: every
    sentence's words, when already known)."""
    sent_words = [all_words[i] if all_words is not None else words(doc.sentences[i].text) for i in cands]
    doc_vec = _vector([w for ws in sent_words for w in ws])
    doc_norm = _norm(doc_vec)
    title = {w for w in words(doc.title or "") if w not in stopwords()}
    inside = _inside_quote(doc)
    n = len(cands)
    rows = []
    for rank, (i, ws) in enumerate(zip(cands, sent_words, strict=True)):
        sent = doc.sentences[i]
        content = {w for w in ws if w not in stopwords()}
        rows.append(
            [
                1.0,
                1.0 if rank == 0 else 0.0,
                1.0 / (1 + rank),
                rank / max(1, n - 1),
                1.0 / (1 + sent.paragraph),
                math.log(1 + len(ws)),
                1.0 if len(ws) < 10 else 0.0,
                _cosine(_vector(ws), doc_vec, doc_norm),
                len(title & content) / len(title) if title else 0.0,
                1.0 if _QUOTE_START.match(sent.text) else 0.0,
                1.0 if inside[i] else 0.0,
                1.0 if sent.text.rstrip().rstrip("\"”'’").endswith("?") else 0.0,
            ]
        )
    return rows


@cache
def _weights() -> tuple[float, ...]:
    path = resources.files("warta") / "resources" / "summary" / "weights.json"
    data = json.loads(path.read_text("utf-8"))
    table = data["weights"]
    return tuple(float(table.get(name, 0.0)) for name in FEATURES)


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def summarize(doc: Document, n: int, weights: tuple[float, ...] | None = None) -> list[int]:
    """The ``n`` best sentence indices of ``doc`` in text order."""
    if n <= 0 or not doc.sentences:
        return []
    all_words = [words(sent.text) for sent in doc.sentences]
    cands = candidates(doc, all_words)
    if not cands:  # nothing passes the filters: fall back to the opening sentences
        return list(range(min(n, len(doc.sentences))))
    w = weights or _weights()
    scores = [sum(a * b for a, b in zip(w, row, strict=True)) for row in features(doc, cands, all_words)]
    chosen: list[int] = []
    chosen_words: list[set[str]] = []
    for k in sorted(range(len(cands)), key=lambda k: (-scores[k], k)):
        ws = set(all_words[cands[k]]) - stopwords()
        if any(_overlap(ws, other) > _MAX_OVERLAP for other in chosen_words):
            continue
        chosen.append(cands[k])
        chosen_words.append(ws)
        if len(chosen) == n:
            break
    return sorted(chosen)


class SummaryStage(Stage):
    name = "summary"
    requires = ("sentences", "tokens")
    provides = ("summary",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.weights = _weights()

    def __call__(self, doc: Document) -> None:
        doc.summary = summarize(doc, self.settings.summary_sentences, self.weights)
