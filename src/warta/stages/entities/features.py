"""Token features for the CRF: word form, shape, affixes, clusters, gazetteers and context.

Kept in one plain function so training (``scripts/train_ner.py``) and inference share it. Pure
Python, tuned for speed: ~30 string features per token.
"""

from __future__ import annotations

import re

from warta.stages.entities.lexicon import MAX_GAZ, Lexicon

__all__ = ["gazetteer_tags", "sentence_features", "shape"]

_SHAPE_SUBS = (
    (re.compile(r"[A-Z]+"), "X"),
    (re.compile(r"[a-z]+"), "x"),
    (re.compile(r"[0-9]+"), "d"),
)
_shape_cache: dict[str, str] = {}
_NO_CLUSTER = ("-", "-", "-")


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


_longest: dict[int, tuple[Lexicon, int, dict[str, int]]] = {}


def _longest_gaz(lex: Lexicon) -> dict[str, int]:
    """First word -> the most words of a gazetteer name that starts with it (once per lexicon)."""
    got = _longest.get(id(lex))
    if got is None or got[0] is not lex or got[1] != len(lex.gazetteer):
        index: dict[str, int] = {}
        for key in lex.gazetteer:
            if key and len(key) > index.get(key[0], 0):
                index[key[0]] = len(key)
        got = _longest[id(lex)] = (lex, len(lex.gazetteer), index)
    return got[2]


def gazetteer_tags(lower: list[str], lex: Lexicon) -> list[str]:
    """BIO gazetteer tags (longest match first), e.g. ``B-city``, ``I-city``, ``O``."""
    n = len(lower)
    tags = ["O"] * n
    gaz = lex.gazetteer
    longest = _longest_gaz(lex)
    i = 0
    while i < n:
        hit = 0
        for k in range(min(MAX_GAZ, n - i, longest.get(lower[i], 0)), 0, -1):
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
    titles = lex.feature_titles
    shapes = [shape(w) for w in words] if cased else ["?"] * n
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
        ]
        if cased:
            f.append("sh=" + shapes[i])
            if i == 0:
                f.append("first|" + shapes[i])
        if w in heads:
            f.append("orghead")
        if i > 0:
            p = lower[i - 1]
            pc = cl[i - 1]
            f.extend(("-1w=" + p, "-1c1=" + pc[1], "-1g=" + gaz[i - 1]))
            if cased:
                f.append("-1sh=" + shapes[i - 1] + "|" + shapes[i])
            if p in titles:
                f.append("-1title")
            if p in heads:
                f.append("-1orghead")
            if i > 1:
                f.extend(("-2w=" + lower[i - 2], "-2c0=" + cl[i - 2][0]))
                if lower[i - 2] in titles:
                    f.append("-2title")
        else:
            f.append("BOS")
        if i < n - 1:
            nx = lower[i + 1]
            f.extend(("+1w=" + nx, "+1c1=" + cl[i + 1][1], "+1g=" + gaz[i + 1]))
            if cased:
                f.append("+1sh=" + shapes[i] + "|" + shapes[i + 1])
            if i < n - 2:
                f.extend(("+2w=" + lower[i + 2], "+2c0=" + cl[i + 2][0]))
        else:
            f.append("EOS")
        feats.append(f)
    return feats
