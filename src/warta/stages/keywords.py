"""Stage ``keywords``: the article's key phrases (1–3 words), best first.

TF-IDF over candidate phrases. Candidates are the n-grams (n ≤ 3) inside runs of content words:
a run ends at punctuation, numbers and Indonesian stop words (``resources/lang/stopwords.txt``).
A phrase scores ``(1 + ln count) × mean IDF of its words × length bonus``; IDF comes from 4,311
raw Indonesian news articles (``resources/lang/idf.tsv``). The score rises when the phrase is in
the title or opens the article, and falls when it starts or ends with an affixed verb (*dikirim*,
*menjaga*) or is said only once, deep in the text. Morphology: enclitics ``-nya/-lah/-kah/-pun``
are stripped when the bare word is known (*kebijakannya* counts as *kebijakan*) and reduplication
is undone (*jaksa-jaksa* → *jaksa*). A phrase sharing most of its words with a better phrase, or
overlapping it as a window of one longer phrase, is dropped. When the ``entities`` stage ran,
phrases that are an entity's name or mention, or part of one, are left out (they are in
``entities``); phrases that contain a name (*militer Rusia*) stay. Between 5 and
``settings.max_keywords`` phrases are kept: after the fifth, only those scoring at least a quarter
of the best.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import repeat

from warta.lang.terms import WORD_RE, idf_table, stopwords
from warta.model import Document
from warta.stages.base import Stage

__all__ = ["KeywordsStage", "keywords"]

_MAX_N = 3
_MIN_KEEP = 5
_TAIL_RATIO = 0.25
_LENGTH_BONUS = (1.0, 1.6, 1.9)
_CLITICS = ("nya", "lah", "kah", "pun")
#: what breaks a run of content words: anything but spaces between two words (a single line
#: break does not: this is what ``^[ \t]*$`` matched, kept so the keywords stay the same)
_GAP_OK = re.compile(r"[ \t]*\n?")


_REDUPLICATED = re.compile(r"^(\w*?)(\w{2,})-\2$")
#: distinct word forms remembered by the per-word caches (a news vocabulary fits many times over)
_CACHE_WORDS = 1 << 16


@lru_cache(maxsize=_CACHE_WORDS)
def _norm(word: str) -> str:
    """Lower-case ``word``, undo reduplication (*jaksa-jaksa* -> *jaksa*, *mencari-cari* ->
    *mencari*) and strip an enclitic when the bare form is a known word."""
    low = word.lower()
    m = _REDUPLICATED.match(low)
    if m:
        low = m[1] + m[2]
    table, _ = idf_table()
    for clitic in _CLITICS:
        if low.endswith(clitic) and len(low) - len(clitic) >= 4:
            bare = low[: -len(clitic)]
            if bare in table and bare not in stopwords():
                return bare
    return low


#: verbal prefixes with the base-initial letter they may have replaced (men+tulis -> menulis)
_VERB_PREFIXES = (
    ("memper", ""),
    ("diper", ""),
    ("meny", "s"),
    ("meng", "k"),
    ("mem", "p"),
    ("men", "t"),
    ("me", ""),
    ("di", ""),
    ("ber", ""),
    ("ter", ""),
)
_VERB_PENALTY = 0.6
#: content words counted as the article's opening, and the weight of a phrase said once after it
_LEAD_TOKENS = 30
_ONCE_PENALTY = 0.5
_ORDINAL = re.compile(r"^ke-?\d")
#: nouns that look like a prefix on a known word (men+teri)
_NOT_VERBS = frozenset({"menteri", "menara", "mentari", "derajat", "dermaga"})


@lru_cache(maxsize=_CACHE_WORDS)
def _is_verb(word: str) -> bool:
    """Whether ``word`` looks like an affixed verb (``dikirim``, ``menjaga``, ``bertahan``):
    a verbal prefix on a known base word, optionally with ``-kan``/``-i``."""
    table, _ = idf_table()
    stop = stopwords()
    if word in _NOT_VERBS:
        return False
    for prefix, restored in _VERB_PREFIXES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        for base in (rest, restored + rest if restored else ""):
            for stem in (
                base,
                base[:-3] if base.endswith("kan") else "",
                base[:-1] if base.endswith("i") else "",
            ):
                if len(stem) >= 4 and stem in table and stem not in stop:
                    return True
    return False


@lru_cache(maxsize=_CACHE_WORDS)
def _content(surface: str) -> str | None:
    """The normalised form of ``surface`` when it is a content word, else None (it breaks a run)."""
    stop = stopwords()
    norm = _norm(surface)
    if (
        norm in stop
        or surface.lower() in stop
        or _ORDINAL.match(norm)
        or len(norm) < 2
        or (len(norm) == 2 and not surface.isupper())
    ):
        return None
    return norm


def _runs(text: str) -> list[list[tuple[str, str]]]:
    """Runs of adjacent content words as ``(surface, normalised)`` pairs."""
    runs: list[list[tuple[str, str]]] = []
    run: list[tuple[str, str]] = []
    last_end = 0
    for m in WORD_RE.finditer(text):
        surface = m.group()
        start = m.start()
        if (
            run
            and start > last_end
            and not (start == last_end + 1 and text[last_end] == " ")  # one space: the usual gap
            and not _GAP_OK.fullmatch(text, last_end, start)
        ):
            runs.append(run)
            run = []
        last_end = m.end()
        norm = _content(surface)
        if norm is None:
            if run:
                runs.append(run)
                run = []
            continue
        run.append((surface, norm))
    if run:
        runs.append(run)
    return runs


def _ngram_counts(
    runs: list[list[tuple[str, str]]],
) -> tuple[dict[tuple[str, ...], int], dict[tuple[str, ...], int], int]:
    """(count, first token position) of every n-gram of the runs, and the number of tokens."""
    counts: dict[tuple[str, ...], int] = {}
    first_at: dict[tuple[str, ...], int] = {}
    position = 0
    get, first = counts.get, first_at.setdefault
    for norms in ([norm for _, norm in run] for run in runs):
        for n in range(1, _MAX_N + 1):
            for i in range(len(norms) - n + 1):
                key = tuple(norms[i : i + n])
                counts[key] = get(key, 0) + 1
                first(key, position + i)
        position += len(norms)
    return counts, first_at, position


def _scores(
    counts: dict[tuple[str, ...], int], first_at: dict[tuple[str, ...], int], total: int, title: set[str]
) -> dict[tuple[str, ...], float]:
    table, unseen = idf_table()
    scores: dict[tuple[str, ...], float] = {}
    for key, count in counts.items():
        n = len(key)
        if n > 1 and count < 2:  # a multi-word phrase must recur to count as a phrase
            continue
        weight = sum(map(table.get, key, repeat(unseen)))  # the same additions, in the same order
        score = (1.0 + math.log(count)) * weight / n * _LENGTH_BONUS[n - 1]
        in_title = title.issuperset(key)
        if in_title:
            score *= 1.5
        elif _is_verb(key[0]) or _is_verb(key[-1]):
            score *= _VERB_PENALTY
        score *= 1.0 + 0.5 * (1.0 - first_at[key] / total)
        if count == 1 and first_at[key] >= _LEAD_TOKENS and not in_title:
            score *= _ONCE_PENALTY  # said once, deep in the text: a detail (or a typo), not a key term
        scores[key] = score
    return scores


def keywords(doc: Document, limit: int) -> list[str]:
    """Up to ``limit`` key phrases of ``doc`` (surface forms, best first)."""
    if limit <= 0 or not doc.text.strip():
        return []
    runs = _runs(doc.text)
    counts, first_at, position = _ngram_counts(runs)
    if not counts:
        return []
    title = {_norm(w) for w in WORD_RE.findall(doc.title or "")}
    scores = _scores(counts, first_at, max(1, position), title)
    name_parts = _name_parts(doc)
    chosen: list[tuple[str, ...]] = []
    best = 0.0
    for key in sorted(scores, key=lambda k: (-scores[k], k)):
        if key in name_parts:
            continue
        if any(_redundant(key, other) for other in chosen):
            continue
        if len(chosen) >= _MIN_KEEP and scores[key] < _TAIL_RATIO * best:
            break
        best = max(best, scores[key])
        chosen.append(key)
        if len(chosen) == limit:
            break
    return _surfaces(runs, chosen)


def _surfaces(runs: list[list[tuple[str, str]]], chosen: list[tuple[str, ...]]) -> list[str]:
    """The written form of each chosen phrase (a second pass, over the chosen phrases only)."""
    wanted = set(chosen)
    forms: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for run in runs:
        norms = [norm for _, norm in run]
        for n in range(1, _MAX_N + 1):
            for i in range(len(run) - n + 1):
                key = tuple(norms[i : i + n])
                if key in wanted:
                    forms[key][" ".join(s for s, _ in run[i : i + n])] += 1
    return [_surface(forms[key]) for key in chosen]


def _redundant(key: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether ``key`` adds little next to the chosen ``other``: most of its words are in it, or
    the two are overlapping windows of one longer phrase (*korupsi pengolahan* / *pengolahan karet*)."""
    shared = len(set(key) & set(other))
    if shared * 2 > min(len(key), len(other)):
        return True
    return len(key) > 1 and len(other) > 1 and (key[-1] == other[0] or key[0] == other[-1])


def _name_parts(doc: Document) -> set[tuple[str, ...]]:
    """Every contiguous part (up to ``_MAX_N`` words) of every entity name and mention, as
    normalised words: a phrase in this set is (part of) a name."""
    texts = {e.name for e in doc.entities} | {m.text for e in doc.entities for m in e.mentions}
    parts: set[tuple[str, ...]] = set()
    for text in texts:
        seq = tuple(_norm(w) for w in WORD_RE.findall(text))
        for n in range(1, _MAX_N + 1):
            parts.update(seq[i : i + n] for i in range(len(seq) - n + 1))
    return parts


def _surface(forms: Counter[str]) -> str:
    """The written form: lower-case when the phrase is ever written so, else the usual form."""
    lowered = [f for f, _ in forms.most_common() if f.islower()]
    return lowered[0] if lowered else forms.most_common(1)[0][0]


class KeywordsStage(Stage):
    name = "keywords"
    requires = ("text",)
    provides = ("keywords",)
    #: names found by ``entities`` weigh in when it ran
    uses = ("entities",)

    def __call__(self, doc: Document) -> None:
        doc.keywords = keywords(doc, self.settings.max_keywords)
