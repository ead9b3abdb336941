"""Token features for the CRF: word form, shape, affixes, clusters, gazetteers and context.

Kept in one plain function so training (``scripts/train_ner.py``) and inference share it. Pure
Python, tuned for speed: ~35 string features per token. Besides the word itself and its ±2
neighbours: the resources/ner gazetteer tag, the knowledge-base tag (``kb=B-ORG``: the longest
searchable name of ``warta.kb`` that covers the word, ±1), acronym shape (``acro3``, inner
capitals) and an organisation head word two or three words away (``headwin-``/``headwin+``).
"""

from __future__ import annotations

import re

from warta.kb import KnowledgeBase
from warta.stages.entities.lexicon import MAX_GAZ, Lexicon

__all__ = ["gazetteer_tags", "kb_tags", "sentence_features", "shape"]

_SHAPE_SUBS = (
    (re.compile(r"[A-Z]+"), "X"),
    (re.compile(r"[a-z]+"), "x"),
    (re.compile(r"[0-9]+"), "d"),
)
_shape_cache: dict[str, str] = {}
_NO_CLUSTER = ("-", "-", "-")
#: id of a knowledge base -> its searchable names as gazetteer kinds (PER, ORG, LOC)
_kb_names: dict[int, tuple[KnowledgeBase, dict[tuple[str, ...], str]]] = {}
_HEAD_WINDOW = ((-3, "headwin-"), (-2, "headwin-"), (2, "headwin+"), (3, "headwin+"))
_firsts: dict[int, tuple[dict[tuple[str, ...], str], dict[str, int], int]] = {}


def shape(word: str) -> str:
    """A compressed word shape: ``Joko`` -> ``Xx``, ``KPK`` -> ``X``, ``1.250`` -> ``d.d``."""
    s = _shape_cache.get(word)
    if s is None:
        s = word
        for pat, rep in _SHAPE_SUBS:
            s = pat.sub(rep, s)
        if len(_shape_cache) < 200_000:
            _shape_cache[word] = s
    return s


def gazetteer_tags(lower: list[str], lex: Lexicon) -> list[str]:
    """BIO gazetteer tags (longest match first), e.g. ``B-city``, ``I-city``, ``O``."""
    return _match(lower, lex.gazetteer)


def kb_tags(lower: list[str], lex: Lexicon) -> list[str]:
    """BIO tags of the knowledge base's searchable names (longest match first): ``B-ORG``, ``I-PER``."""
    kb = lex.kb
    hit = _kb_names.get(id(kb))
    if hit is None or hit[0] is not kb:
        names = {k: v[:3] for k, v in kb.matchable.items() if len(k) <= MAX_GAZ}
        hit = _kb_names[id(kb)] = (kb, names)
    return _match(lower, hit[1])


def _first_words(gaz: dict[tuple[str, ...], str]) -> dict[str, int]:
    """First word of the names -> the longest name's length (computed once per dictionary)."""
    hit = _firsts.get(id(gaz))
    if hit is None or hit[0] is not gaz or hit[2] != len(gaz):
        first: dict[str, int] = {}
        for key in gaz:
            if key and len(key) <= MAX_GAZ:
                first[key[0]] = max(first.get(key[0], 0), len(key))
        hit = _firsts[id(gaz)] = (gaz, first, len(gaz))
    return hit[1]


def _match(lower: list[str], gaz: dict[tuple[str, ...], str]) -> list[str]:
    n = len(lower)
    tags = ["O"] * n
    first = _first_words(gaz)
    i = 0
    while i < n:
        longest = first.get(lower[i])
        if longest is None:
            i += 1
            continue
        hit = 0
        for k in range(min(longest, n - i), 0, -1):
            kind = gaz.get(tuple(lower[i : i + k]))
            if kind is not None:
                tags[i] = "B-" + kind
                for j in range(i + 1, i + k):
                    tags[j] = "I-" + kind
                hit = k
                break
        i += hit or 1
    return tags


def sentence_features(words: list[str], lex: Lexicon, *, cased: bool = True) -> list[list[str]]:
    """Features of each word of one sentence. ``cased=False`` drops case-derived features
    (used for lower-cased training data such as NERP)."""
    n = len(words)
    lower = [w.lower() for w in words]
    clusters = lex.clusters
    cl = [clusters.get(w, _NO_CLUSTER) for w in lower]
    gaz = gazetteer_tags(lower, lex)
    heads = lex.org_heads
    shapes = [shape(w) for w in words] if cased else None
    kbt = kb_tags(lower, lex)
    head_at = [w in heads for w in lower]
    ctx = (lower, cl, gaz, kbt, shapes, lex.feature_titles, heads)
    feats: list[list[str]] = []
    for i in range(n):
        w = lower[i]
        c = cl[i]
        f = [
            "b",
            "w=" + w,
            "p3=" + w[:3],
            "s2=" + w[-2:],
            "s3=" + w[-3:],
            "c0=" + c[0],
            "c1=" + c[1],
            "c2=" + c[2],
            "g=" + gaz[i],
            "kb=" + kbt[i],
        ]
        if shapes is not None:
            _case(f, i, words[i], w, shapes)
        if head_at[i]:
            f.append("orghead")
        _left(f, i, ctx)
        _right(f, i, n, ctx)
        for d, name in _HEAD_WINDOW:  # one flag per head word (two heads: the flag twice, as trained)
            if 0 <= i + d < n and head_at[i + d]:
                f.append(name)
        feats.append(f)
    return feats


_Ctx = tuple[
    list[str], list[tuple[str, ...]], list[str], list[str], list[str] | None, frozenset[str], frozenset[str]
]


def _case(f: list[str], i: int, wd: str, w: str, shapes: list[str]) -> None:
    """Shape, sentence-initial shape, acronym shape and inner capitals of the word ``wd`` (``w`` lower)."""
    f.append("sh=" + shapes[i])
    if i == 0:
        f.append("first|" + shapes[i])
    if len(wd) >= 2 and wd.isupper() and wd.isalpha():
        f.append("acro" + str(min(len(wd), 5)))
    elif wd[1:] != w[1:]:  # a capital inside the word
        f.append("inner_cap")


def _left(f: list[str], i: int, ctx: _Ctx) -> None:
    lower, cl, gaz, kbt, shapes, titles, heads = ctx
    if i == 0:
        f.append("BOS")
        return
    p = lower[i - 1]
    f.extend(("-1w=" + p, "-1c1=" + cl[i - 1][1], "-1g=" + gaz[i - 1], "-1kb=" + kbt[i - 1]))
    if shapes is not None:
        f.append("-1sh=" + shapes[i - 1] + "|" + shapes[i])
    if p in titles:
        f.append("-1title")
    if p in heads:
        f.append("-1orghead")
    if i > 1:
        f.extend(("-2w=" + lower[i - 2], "-2c0=" + cl[i - 2][0]))
        if lower[i - 2] in titles:
            f.append("-2title")


def _right(f: list[str], i: int, n: int, ctx: _Ctx) -> None:
    lower, cl, gaz, kbt, shapes, _, _ = ctx
    if i >= n - 1:
        f.append("EOS")
        return
    f.extend(("+1w=" + lower[i + 1], "+1c1=" + cl[i + 1][1], "+1g=" + gaz[i + 1], "+1kb=" + kbt[i + 1]))
    if shapes is not None:
        f.append("+1sh=" + shapes[i] + "|" + shapes[i + 1])
    if i < n - 2:
        f.extend(("+2w=" + lower[i + 2], "+2c0=" + cl[i + 2][0]))
