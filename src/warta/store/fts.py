"""Turning what a person types into a safe FTS5 query, and FTS5 snippets into escaped HTML."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

__all__ = ["MARK_END", "MARK_START", "fts_query", "marked_html", "match_expression"]

#: markers SQLite puts around matches in snippets; never present in cleaned text
MARK_START = "\x02"
MARK_END = "\x03"

_TOKEN = re.compile(r'"[^"]*"?|\S+')
_WORD = re.compile(r"\w+")


def fts_query(text: str | None, word: Callable[[str], str] = str) -> str | None:
    """An FTS5 MATCH expression from user input; None when it has no searchable word.

    Words are ANDed and quoted (so FTS5 syntax in the input is never interpreted); ``"a b"``
    searches the phrase, ``word*`` a prefix, ``OR`` between words either, ``-word`` excludes.
    """
    if not text:
        return None
    parts: list[str] = []
    negated: list[str] = []
    pending_or = False
    for tok in _TOKEN.findall(text):
        if tok == "OR" and parts:
            pending_or = True
            continue
        neg = tok.startswith("-") and len(tok) > 1
        words = _WORD.findall(tok)
        if not words:
            continue
        if tok.startswith('"') or len(words) > 1:
            term = '"' + " ".join(map(word, words)) + '"'
        else:
            term = '"' + word(words[0]) + '"' + ("*" if tok.endswith("*") else "")
        if neg:
            negated.append(term)
        elif pending_or:
            parts[-1] = f"({parts[-1]} OR {term})"
        else:
            parts.append(term)
        pending_or = False
    if not parts:
        return None
    query = " AND ".join(parts)
    for term in negated:
        query = f"({query}) NOT {term}"
    return query


def match_expression(text: str | None) -> str | None:
    """The MATCH for a search: the words as written in title/text, or their stems in ``stems``."""
    from warta.store.stem import available, stem_word

    plain = fts_query(text)
    if plain is None or not available():
        return plain if plain is None else "{title text} : (" + plain + ")"
    stemmed = fts_query(text, stem_word)
    return "{title text} : (" + plain + ") OR stems : (" + str(stemmed) + ")"


def marked_html(text: str | None) -> str:
    """Escape ``text`` and turn the snippet markers into ``<mark>`` tags."""
    if not text:
        return ""
    return html.escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
