"""Word terms for bag-of-words methods: lower-cased word forms, stop words and a corpus IDF table.

Used by the ``summary`` and ``keywords`` stages and by :mod:`warta.stories`. The stop word list
(``resources/lang/stopwords.txt``) and the IDF table (``resources/lang/idf.tsv``, built by
``scripts/build_idf.py`` from ``../shared/data/raw/news-raw.jsonl.gz``) are package data.
"""

from __future__ import annotations

import math
import re
from functools import cache
from importlib import resources

__all__ = ["WORD_RE", "idf", "idf_table", "is_stopword", "stopwords", "words"]

#: a word: letters (digits allowed after the first letter), hyphenated compounds kept whole
WORD_RE = re.compile(r"[^\W\d_][^\W_]*(?:-[^\W_]+)*")


def words(text: str) -> list[str]:
    """Lower-cased word forms of ``text`` (numbers and punctuation dropped)."""
    return [w.lower() for w in WORD_RE.findall(text)]


def _lines(name: str) -> list[str]:
    text = (resources.files("warta") / "resources" / "lang" / name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def stopwords() -> frozenset[str]:
    """Indonesian function words and news boilerplate (reporting verbs, weekdays…)."""
    return frozenset(w.lower() for w in _lines("stopwords.txt"))


def is_stopword(word: str) -> bool:
    return word.lower() in stopwords()


@cache
def idf_table() -> tuple[dict[str, float], float]:
    """``(word -> idf, idf of an unseen word)``; ``idf = ln((N + 1) / (df + 1)) + 1`` (kept pickled in
    the user cache directory: parsing the 19,600 rows takes 10–15 ms at every start)."""
    from warta.cache import cached, resource_digest

    return cached("idf", resource_digest(["lang"], [__name__], suffixes=("idf.tsv",)), _read_idf)


def _read_idf() -> tuple[dict[str, float], float]:
    lines = _lines("idf.tsv")
    n_docs = int(lines[0].split("\t")[1])  # first row: "N<TAB>count"
    table = {}
    for line in lines[1:]:
        word, df = line.split("\t")
        table[word] = math.log((n_docs + 1) / (int(df) + 1)) + 1.0
    return table, math.log((n_docs + 1) / 1.0) + 1.0


def idf(word: str) -> float:
    table, unseen = idf_table()
    return table.get(word, unseen)
