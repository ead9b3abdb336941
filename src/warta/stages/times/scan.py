"""``pattern.finditer(text)``, the same matches, without trying the big alternation at every word.

:func:`warta.stages.times.rules.atom_re` is one alternative per rule (5,700 characters, all
case-insensitive), and the regex engine tries every alternative at every position where its
leading look-behind holds — every word start. :func:`finditer` first finds, with one cheap scan,
the positions whose next three characters can begin a match (a superset: worked out from the
parsed pattern, see :func:`_heads`), and tries the pattern only there; the matches, their groups
and their order are those of ``pattern.finditer(text)``. A pattern it cannot analyse, or one
that matches the empty string, is scanned the ordinary way.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from functools import lru_cache
from typing import Any

from warta.cache import cached, compile_pattern, resource_digest

__all__ = ["finditer"]

_P: Any = importlib.import_module("re._parser")  # the stdlib's own parser (sre_parse)
_C: Any = importlib.import_module("re._constants")
#: characters looked at per position
_K = 4
_ASCII = [chr(i) for i in range(128)]
_ALL = frozenset(_ASCII)
_MAX_DEPTH = 400


class _Opaque(Exception):
    """A construct the analysis does not follow: no prefilter for this pattern."""


def finditer(pattern: re.Pattern[str], text: str, boundary: str) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` for a ``pattern`` that begins with the look-behind
    ``boundary`` (its source text)."""
    heads = _candidates(pattern, boundary)
    if heads is None:
        return list(pattern.finditer(text))
    out = []
    end = 0
    match = pattern.match
    for c in heads.finditer(text):
        p = c.start()
        if p < end:
            continue
        m = match(text, p)
        if m is not None:
            end = m.end()
            if end == p:  # an empty match: finditer's rules for those are not repeated here
                return list(pattern.finditer(text))
            out.append(m)
    return out


@lru_cache(maxsize=8)
def _candidates(pattern: re.Pattern[str], boundary: str) -> re.Pattern[str] | None:
    """A zero-width pattern matching at least wherever ``pattern`` can begin a match, or None.
    Its source is kept in ``warta.cache`` (the analysis takes ~40 ms of a process's start-up)."""
    if not pattern.pattern.startswith(boundary) or pattern.flags & (re.LOCALE | re.ASCII):
        return None
    key = hashlib.blake2b(digest_size=12)
    key.update(resource_digest([], [__name__]).encode())
    key.update(f"{pattern.flags}\0{boundary}\0{pattern.pattern}".encode())
    source = cached("times-heads", key.hexdigest(), lambda: _heads_source(pattern, boundary))
    return None if source is None else compile_pattern(source)


def _heads_source(pattern: re.Pattern[str], boundary: str) -> str | None:
    try:
        tree = _P.parse(pattern.pattern, pattern.flags)
        heads = _seq(list(tree), _K, bool(pattern.flags & re.IGNORECASE), 0)
    except (_Opaque, RecursionError, AttributeError, TypeError, ValueError):
        return None
    if () in heads:
        return None  # a match can begin with anything
    non_ascii = rf"(?s:.{{0,{_K - 1}}})[^\x00-\x7f]"  # the analysis covers ASCII text only
    return rf"{boundary}(?={_trie(heads)}|{non_ascii})"


def _seq(items: list[Any], k: int, icase: bool, depth: int) -> set[tuple[frozenset[str], ...]]:  # noqa: PLR0911 — one branch per node type of the parser
    """The ASCII character classes of the first ``k`` characters of a match of ``items``; a
    tuple shorter than ``k`` means "then anything" (the pattern ended, or was not followed)."""
    if k == 0 or not items:
        return {()}
    if depth > _MAX_DEPTH:
        return {()}  # not followed further: "then anything"
    (op, av), rest = items[0], items[1:]
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):  # zero-width: leaving a condition out only adds
        return _seq(rest, k, icase, depth + 1)
    if op in (_C.LITERAL, _C.NOT_LITERAL, _C.IN, _C.ANY):
        cls = _class(op, av, icase)
        if cls == _ALL:
            return {()}
        return {(cls, *t) for t in _seq(rest, k - 1, icase, depth + 1)}
    if op is _C.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return {()}
        return _seq(list(sub) + rest, k, icase, depth + 1)
    if op is _C.ATOMIC_GROUP:
        return _seq(list(av) + rest, k, icase, depth + 1)
    if op is _C.BRANCH:
        out: set[tuple[frozenset[str], ...]] = set()
        for alt in av[1]:
            out |= _seq(list(alt) + rest, k, icase, depth + 1)
        return out
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        if hi == 0:
            return _seq(rest, k, icase, depth + 1)
        left = hi if hi is _C.MAXREPEAT else hi - 1
        again = [(op, (max(lo - 1, 0), left, sub))]
        once = _seq(list(sub) + again + rest, k, icase, depth + 1)
        return once if lo > 0 else once | _seq(rest, k, icase, depth + 1)
    return {()}  # group references, conditionals


def _class(op: Any, av: Any, icase: bool) -> frozenset[str]:
    """The ASCII characters one LITERAL / NOT_LITERAL / IN / ANY node can match."""
    key = (op, tuple(av) if isinstance(av, list) else av, icase)
    cls = _classes.get(key)
    if cls is None:
        cls = _classes[key] = _chars(op, av, icase)
    return cls


_classes: dict[Any, frozenset[str]] = {}


def _chars(op: Any, av: Any, icase: bool) -> frozenset[str]:
    if op is _C.ANY:
        return _ALL
    items = [(_C.LITERAL, av)] if op in (_C.LITERAL, _C.NOT_LITERAL) else av
    negate = op is _C.NOT_LITERAL
    members: set[str] = set()
    for iop, iav in items:
        if iop is _C.NEGATE:
            negate = not negate
        elif iop is _C.LITERAL:
            if iav > 127:
                return _ALL  # under IGNORECASE a non-ASCII letter can match an ASCII one (K, ſ)
            members.add(chr(iav))
        elif iop is _C.RANGE:
            lo, hi = iav
            if hi > 127:
                return _ALL
            members.update(chr(c) for c in range(lo, hi + 1))
        elif iop is _C.CATEGORY:
            members |= _category(iav)
        else:
            return _ALL
    return frozenset(
        ch for ch in _ASCII if bool(members & ({ch, ch.lower(), ch.upper()} if icase else {ch})) != negate
    )


_CATEGORIES = {
    "DIGIT": frozenset("0123456789"),
    "SPACE": frozenset(ch for ch in _ASCII if ch.isspace()),  # what \s matches (Unicode semantics)
    "WORD": frozenset(ch for ch in _ASCII if ch.isalnum() or ch == "_"),
}


def _category(cat: Any) -> frozenset[str]:
    """The ASCII characters of a ``\\d``, ``\\s``, ``\\w`` class or its complement."""
    name = str(cat).removeprefix("CATEGORY_").removeprefix("UNI_")
    if name.startswith("NOT_") and name[4:] in _CATEGORIES:
        return _ALL - _CATEGORIES[name[4:]]
    if name in _CATEGORIES:
        return _CATEGORIES[name]
    raise _Opaque


def _trie(heads: set[tuple[frozenset[str], ...]]) -> str:
    """One alternation of the class sequences, factored by their first class."""
    by_first: dict[frozenset[str], set[tuple[frozenset[str], ...]]] = {}
    for h in heads:
        by_first.setdefault(h[0], set()).add(h[1:])
    alts = []
    for first, tails in sorted(by_first.items(), key=lambda kv: sorted(kv[0])):
        chars = "".join(ch if ch.isalnum() else f"\\x{ord(ch):02x}" for ch in sorted(first))
        cls = f"[{chars}]"
        alts.append(cls if () in tails else cls + _trie(tails))
    return "(?:" + "|".join(alts) + ")"
