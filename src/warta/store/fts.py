"""Turning what a person types into a safe full-text query (FTS5 or tsquery syntax), expanded
with the aliases of the actors it names; FTS5 snippets into escaped HTML.

Every word is quoted, so nothing a person types is read as query syntax (``title:x``, ``NEAR(``,
``^``, stray quotes or parentheses are just words). What the syntax offers instead: words are
ANDed, ``"a phrase"``, ``prefix*``, ``a OR b``, ``-excluded``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from warta.errors import InputError
from warta.model import normalise_name

__all__ = [
    "FTS5",
    "MARK_END",
    "MARK_START",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_WORDS",
    "QuerySyntax",
    "build_query",
    "candidates",
    "check_query",
    "fts_query",
    "marked_html",
]

#: markers SQLite puts around matches in snippets; never present in cleaned text
MARK_START = "\x02"
MARK_END = "\x03"
#: longest query text and most words a search accepts (InputError → HTTP 422 beyond)
MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 32
#: longest run of typed words looked up as one actor's name ("Komisi Pemberantasan Korupsi")
MAX_NAME_WORDS = 6

_TOKEN = re.compile(r'"[^"]*"?|\S+')
_WORD = re.compile(r"\w+")

#: an alias table: normalised name → other names of the same actor(s), each as its words
Aliases = Mapping[str, list[list[str]]]


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


@dataclass(slots=True)
class _Term:
    words: list[str]
    phrase: bool = False
    prefix: bool = False
    neg: bool = False
    #: joined to the previous term by OR
    or_prev: bool = False

    @property
    def bare(self) -> bool:
        return len(self.words) == 1 and not (self.phrase or self.prefix or self.neg)

    @property
    def norm(self) -> str:
        return normalise_name(" ".join(self.words))


def check_query(text: str | None) -> None:
    """InputError when the query is longer than the limits."""
    if not text:
        return
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(f"the query has {len(text)} characters; at most {MAX_QUERY_CHARS}", source="q")
    words = len(_WORD.findall(text))
    if words > MAX_QUERY_WORDS:
        raise InputError(f"the query has {words} words; at most {MAX_QUERY_WORDS}", source="q")


def _parse(text: str) -> list[_Term]:
    terms: list[_Term] = []
    pending_or = False
    for tok in _TOKEN.findall(text):
        if tok == "OR" and terms:
            pending_or = True
            continue
        words = _WORD.findall(tok)
        if not words:
            continue
        neg = tok.startswith("-") and len(tok) > 1
        phrase = tok.startswith('"') or len(words) > 1
        prefix = not phrase and tok.endswith("*")
        terms.append(_Term(words, phrase, prefix, neg, pending_or and not neg))
        pending_or = False
    return terms


def _runs(terms: list[_Term]) -> list[tuple[int, int]]:
    """(start, end) of every run of 2+ bare words that could be one name, longest first."""
    out = []
    for i in range(len(terms)):
        for j in range(min(len(terms), i + MAX_NAME_WORDS), i + 1, -1):
            inside = all(t.bare and (k == i or not t.or_prev) for k, t in enumerate(terms[i:j], i))
            if inside and terms[i].bare and (j == len(terms) or not terms[j].or_prev):
                out.append((i, j))
    return out


def candidates(text: str | None) -> list[str]:
    """The normalised names a query could name an actor by: every term, every run of bare words."""
    if not text:
        return []
    terms = _parse(text)
    names = {t.norm for t in terms if not t.prefix}
    names.update(normalise_name(" ".join(w for t in terms[i:j] for w in t.words)) for i, j in _runs(terms))
    return sorted(n for n in names if n)


def _group(terms: list[_Term], aliases: Aliases) -> list[tuple[_Term, bool]]:
    """Terms with runs of bare words that name an actor merged into one (flagged True)."""
    out: list[tuple[_Term, bool]] = []
    i = 0
    runs: dict[int, list[int]] = {}
    for start, end in _runs(terms):
        runs.setdefault(start, []).append(end)
    while i < len(terms):
        merged = False
        for end in runs.get(i, []):
            words = [w for t in terms[i:end] for w in t.words]
            if normalise_name(" ".join(words)) in aliases:
                out.append((_Term(words, or_prev=terms[i].or_prev), True))
                i, merged = end, True
                break
        if not merged:
            out.append((terms[i], False))
            i += 1
    return out


def _render(term: _Term, run: bool, syntax: QuerySyntax, word: Callable[[str], str], aliases: Aliases) -> str:
    mapped = [word(w) for w in term.words]
    if run:
        base = "(" + syntax.and_.join(syntax.term(w, False) for w in mapped) + ")"
    elif term.phrase:
        base = syntax.phrase(mapped)
    else:
        base = syntax.term(mapped[0], term.prefix)
    if term.prefix:
        return base
    alternatives = [base]
    own = f" {term.norm} "
    seen: set[str] = set()
    for alt in aliases.get(term.norm, []):
        norm = normalise_name(" ".join(alt))
        # a name that contains the typed words already matches wherever they do ("Presiden Jokowi")
        if norm and norm not in seen and own not in f" {norm} ":
            seen.add(norm)
            alternatives.append(syntax.phrase([word(w) for w in alt]))
    return base if len(alternatives) == 1 else "(" + syntax.or_.join(alternatives) + ")"


def build_query(
    text: str | None, syntax: QuerySyntax, word: Callable[[str], str] = str, aliases: Aliases | None = None
) -> str | None:
    """A full-text query in ``syntax`` from user input; None when it has no searchable word.

    ``word`` maps each word (e.g. to its stem). ``aliases`` (normalised name → other names) turns
    a term, or a run of typed words, that names a known actor into "it OR any of its names".
    """
    if not text:
        return None
    aliases = aliases or {}
    parts: list[str] = []
    negated: list[str] = []
    for term, run in _group(_parse(text), aliases):
        rendered = _render(term, run, syntax, word, aliases)
        if term.neg:
            negated.append(rendered)
        elif term.or_prev and parts:
            parts[-1] = f"({parts[-1]}{syntax.or_}{rendered})"
        else:
            parts.append(rendered)
    if not parts:
        return None
    query = syntax.and_.join(parts)
    for term_sql in negated:
        query = f"({query}){syntax.not_}{term_sql}"
    return query


def fts_query(
    text: str | None, word: Callable[[str], str] = str, aliases: Aliases | None = None
) -> str | None:
    """An FTS5 MATCH expression from user input (see :func:`build_query`)."""
    return build_query(text, FTS5, word, aliases)


def marked_html(text: str | None) -> str:
    """Escape ``text`` and turn the snippet markers into ``<mark>`` tags."""
    if not text:
        return ""
    return html.escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
