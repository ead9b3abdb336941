"""Indonesian stemming for full-text search (PySastrawi, ``pip install 'warta[stem]'``).

Indonesian builds words with prefixes and suffixes (serang → menyerang, diserang, serangan,
penyerangan); FTS5's tokenizers do not know them. The store indexes a stemmed copy of each
article next to the words as written, and a query matches either. On the dev articles this lifts
recall from 0.47 to 1.00 at 0.97 precision (``benchmarks/stemming.py``; docs/store.md).
Without PySastrawi the stemmed column stays empty and search matches words as written.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

__all__ = ["available", "stem_text", "stem_word"]

_WORD = re.compile(r"\w+")


@cache
def _stemmer() -> Any:
    try:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    except ImportError:
        return None
    return StemmerFactory().create_stemmer()


def available() -> bool:
    return _stemmer() is not None


@lru_cache(maxsize=300_000)
def stem_word(word: str) -> str:
    """The root of one word (lower-cased); the word itself when it has none or no stemmer."""
    low = word.lower()
    stemmer = _stemmer()
    if stemmer is None or not low.isalpha() or len(low) < 4:
        return low
    return str(stemmer.stem(low)) or low


def stem_text(text: str | None) -> str | None:
    """Every word of ``text`` stemmed, space-separated; None without a stemmer."""
    if not text or _stemmer() is None:
        return None
    return " ".join(stem_word(w) for w in _WORD.findall(text))
