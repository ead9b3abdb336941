"""Turning what a person types into a safe FTS5 query, and FTS5 snippets into escaped HTML."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = [
    "FTS5",
    "MARK_END",
    "MARK_START",
    "QuerySyntax",
    "build_query",
    "fts_query",
    "marked_html",
    "match_expression",
]

#: markers SQLite puts around matches in snippets; never present in cleaned text
MARK_START = "\x02"
MARK_END = "\x03"

_TOKEN = re.compile(r'"[^"]*"?|\S+')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class QuerySyntax:
    """How a backend's full-text query language writes terms and operators."""

    term: Callable[[str, bool], str]  # (word, prefix?) -> one quoted term
    phrase: Callable[[list[str]], str]  # words -> a quoted phrase
    or_: str
    and_: str
    not_: str


FTS5 = QuerySyntax(
    term=lambda w, prefix: '"' + w + '"' + ("*" if prefix else ""),
    phrase=lambda ws: '"' + " ".join(ws) + '"',
    or_=" OR ",
    and_=" AND ",
    not_=" NOT ",
)


def build_query(text: str | None, syntax: QuerySyntax, word: Callable[[str], str] = str) -> str | None:
    """A full-text query in ``syntax`` from user input; None when it has no searchable word.

    Words are ANDed and quoted (so query syntax in the input is never interpreted); ``"a b"``
    searches the phrase, ``word*`` a prefix, ``OR`` between words either, ``-word`` excludes.
    ``word`` maps each word (e.g. to its stem).
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
            term = syntax.phrase([word(w) for w in words])
        else:
            term = syntax.term(word(words[0]), tok.endswith("*"))
        if neg:
            negated.append(term)
        elif pending_or:
            parts[-1] = f"({parts[-1]}{syntax.or_}{term})"
        else:
            parts.append(term)
        pending_or = False
    if not parts:
        return None
    query = syntax.and_.join(parts)
    for term in negated:
        query = f"({query}){syntax.not_}{term}"
    return query


def fts_query(text: str | None, word: Callable[[str], str] = str) -> str | None:
    """An FTS5 MATCH expression from user input (see :func:`build_query`)."""
    return build_query(text, FTS5, word)


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
