"""Stage ``keywords``: the article's key phrases (1–3 words), best first.

TF-IDF over candidate phrases. Candidates are the n-grams (n ≤ 3) inside runs of content words:
a run ends at punctuation, numbers and Indonesian stop words (``resources/lang/stopwords.txt``).
A phrase scores ``(1 + ln count) × mean IDF of its words × length bonus``, boosted when it opens the article
or appears in the title; IDF comes from 4,311 raw Indonesian news articles
(``resources/lang/idf.tsv``). Enclitics ``-nya/-lah/-kah/-pun`` are stripped when the bare word is
known, so *kebijakannya* counts as *kebijakan*. A phrase sharing most of its words with a better phrase
is dropped, and when the ``entities`` stage ran, entity names are left out (they are in
``entities``). Between 5 and ``settings.max_keywords`` phrases are kept: after the fifth, only
those scoring at least a quarter of the best.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from warta.lang.terms import WORD_RE, idf, idf_table, stopwords
from warta.model import Document
from warta.settings import Settings
from warta.stages.base import Stage

__all__ = ["KeywordsStage", "keywords"]

_MAX_N = 3
_MIN_KEEP = 5
_TAIL_RATIO = 0.25
_LENGTH_BONUS = (1.0, 1.6, 1.9)
_CLITICS = ("nya", "lah", "kah", "pun")
#: what breaks a run of content words: anything but spaces between two words
_GAP_OK = re.compile(r"^[ \t]*$")


def _norm(word: str) -> str:
    """Lower-case ``word`` and strip an enclitic when the bare form is a known word."""
    low = word.lower()
    table, _ = idf_table()
    for clitic in _CLITICS:
        if low.endswith(clitic) and len(low) - len(clitic) >= 4:
            bare = low[: -len(clitic)]
            if bare in table and bare not in stopwords():
                return bare
    return low


def _runs(text: str) -> list[list[tuple[str, str]]]:
    """Runs of adjacent content words as ``(surface, normalised)`` pairs."""
    stop = stopwords()
    runs: list[list[tuple[str, str]]] = []
    run: list[tuple[str, str]] = []
    last_end = 0
    for m in WORD_RE.finditer(text):
        surface = m.group()
        norm = _norm(surface)
        if run and not _GAP_OK.match(text[last_end : m.start()]):
            runs.append(run)
            run = []
        last_end = m.end()
        if norm in stop or surface.lower() in stop or len(norm) < 2 or (len(norm) == 2 and not surface.isupper()):
            if run:
                runs.append(run)
                run = []
            continue
        run.append((surface, norm))
    if run:
        runs.append(run)
    return runs


def keywords(doc: Document, limit: int) -> list[str]:
    """Up to ``limit`` key phrases of ``doc`` (surface forms, best first)."""
    if limit <= 0 or not doc.text.strip():
        return []
    counts: Counter[tuple[str, ...]] = Counter()
    first_at: dict[tuple[str, ...], int] = {}
    surfaces: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    position = 0
    for run in _runs(doc.text):
        for n in range(1, _MAX_N + 1):
            for i in range(len(run) - n + 1):
                gram = run[i : i + n]
                key = tuple(norm for _, norm in gram)
                counts[key] += 1
                first_at.setdefault(key, position + i)
                surfaces[key][" ".join(s for s, _ in gram)] += 1
        position += len(run)
    if not counts:
        return []
    title = {_norm(w) for w in WORD_RE.findall(doc.title or "")}
    total = max(1, position)
    scores: dict[tuple[str, ...], float] = {}
    for key, count in counts.items():
        n = len(key)
        if n > 1 and count < 2:  # a multi-word phrase must recur to count as a phrase
            continue
        score = (1.0 + math.log(count)) * sum(idf(w) for w in key) / n * _LENGTH_BONUS[n - 1]
        if all(w in title for w in key):
            score *= 1.5
        score *= 1.0 + 0.5 * (1.0 - first_at[key] / total)
        scores[key] = score
    entity_names = {e.name.lower() for e in doc.entities} | {
        m.text.lower() for e in doc.entities for m in e.mentions
    }
    chosen: list[tuple[str, ...]] = []
    best = 0.0
    for key in sorted(scores, key=lambda k: (-scores[k], k)):
        surface = _surface(surfaces[key])
        if surface.lower() in entity_names:
            continue
        words = set(key)
        if any(len(words & set(other)) * 2 > min(len(words), len(other)) for other in chosen):
            continue
        if len(chosen) >= _MIN_KEEP and scores[key] < _TAIL_RATIO * best:
            break
        best = max(best, scores[key])
        chosen.append(key)
        if len(chosen) == limit:
            break
    return [_surface(surfaces[key]) for key in chosen]


def _surface(forms: Counter[str]) -> str:
    """The written form: lower-case when the phrase is ever written so, else the usual form."""
    lowered = [f for f, _ in forms.most_common() if f.islower()]
    return lowered[0] if lowered else forms.most_common(1)[0][0]


class KeywordsStage(Stage):
    name = "keywords"
    requires = ("text",)
    provides = ("keywords",)

    def __call__(self, doc: Document) -> None:
        doc.keywords = keywords(doc, self.settings.max_keywords)
