"""Token features for the CRF: word form, shape, affixes, clusters, gazetteers and context.

Kept in one plain function so training (``scripts/train_ner.py``) and inference share it. Pure
Python, tuned for speed: ~35 string features per token. Besides the word itself and its ±2
neighbours: the resources/ner gazetteer tag, the knowledge-base tag (``kb=B-ORG``: the longest
searchable name of ``warta.kb`` that covers the word, ±1), acronym shape (``acro3``, inner
capitals) and an organisation head word two or three words away (``headwin-``/``headwin+``).
"""

from __future__ import annotations

import re
import struct
from functools import lru_cache
from itertools import pairwise
from typing import Any, Final

from warta.kb import KnowledgeBase
from warta.stages.entities.lexicon import MAX_GAZ, Lexicon

__all__ = ["gazetteer_tags", "kb_tags", "model_attributes", "sentence_features", "shape", "tagger_features"]

_SHAPE_SUBS = (
    (re.compile(r"[A-Z]+"), "X"),
    (re.compile(r"[a-z]+"), "x"),
    (re.compile(r"[0-9]+"), "d"),
)
_shape_cache: dict[str, str] = {}
_NO_CLUSTER = ("-", "-", "-")
#: id of a knowledge base -> its searchable names as gazetteer kinds (PER, ORG, LOC)
_kb_names: dict[int, tuple[KnowledgeBase, dict[tuple[str, ...], str]]] = {}

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


def sentence_features(
    words: list[str], lex: Lexicon, *, cased: bool = True, known: frozenset[str] | None = None
) -> list[list[str]]:
    """Features of each word of one sentence. ``cased=False`` drops case-derived features
    (used for lower-cased training data such as NERP). ``known`` (the attributes of a model,
    :func:`model_attributes`) keeps only those, in the same order: what the tagger reads of the
    full list, without the strings it would look up and drop.

    Each word's own features and its features as a neighbour are built once per word type (and
    per lexicon and ``known``): :class:`_Parts`."""
    return _features(words, _parts(lex, known, encoded=False), cased)


def tagger_features(words: list[str], lex: Lexicon, known: frozenset[str] | None) -> list[list[bytes]]:
    """``sentence_features(words, lex, known=known)`` encoded in UTF-8, as python-crfsuite passes
    them to crfsuite (kept encoded in the caches: the tagger does not encode them at every call)."""
    return _features(words, _parts(lex, known, encoded=True), True)


def _features(words: list[str], parts: _Parts, cased: bool) -> list[list[Any]]:
    lex = parts.lex
    n = len(words)
    case: list[tuple[str, _Feats]] | None
    pairs: list[tuple[_Feats, _Feats]] | None
    lower = [w.lower() for w in words]
    # the caches' dict.get first, the building method only for a new key (no call per token)
    entry, known_word = parts.entry, parts.words.get
    ent = [known_word(w) or entry(w) for w in lower]
    tag, known_tag = parts.tag, parts.tags.get
    gz = [known_tag(t) or tag(t) for t in gazetteer_tags(lower, lex)]
    kb = [known_tag(t) or tag(t) for t in kb_tags(lower, lex)]
    if cased:
        shaped, known_case = parts.case, parts.cased.get
        case = [shaped(words[0], lower[0], True)] if n else []
        rest = zip(words[1:], lower[1:], strict=True)
        case += [known_case((wd, lw, False)) or shaped(wd, lw, False) for wd, lw in rest]
        pair, known_pair = parts.pair, parts.pairs.get
        shapes = [c[0] for c in case]
        pairs = [known_pair(ab) or pair(*ab) for ab in pairwise(shapes)]
    else:
        case = pairs = None
    return _assemble(ent, gz, kb, case, pairs, parts.consts)


def _assemble(
    ent: list[_Entry],
    gz: list[tuple[_Feats, ...]],
    kb: list[tuple[_Feats, ...]],
    case: list[tuple[str, _Feats]] | None,
    pairs: list[tuple[_Feats, _Feats]] | None,
    consts: tuple[_Feats, ...],
) -> list[_Feats]:
    """Each token's features from the parts, in the order the model was trained with."""
    n = len(ent)
    head_at = [e[_HEAD] for e in ent]
    bos, eos, orghead, win_minus, win_plus = consts
    feats: list[_Feats] = []
    for i in range(n):
        e = ent[i]
        f = [*e[_OWN], *gz[i][0], *kb[i][1]]
        if case is not None:
            f += case[i][1]
        if head_at[i]:
            f += orghead
        if i == 0:
            f += bos
        else:
            p = ent[i - 1]
            f += [*p[_M1], *gz[i - 1][2], *kb[i - 1][3]]
            if pairs is not None:
                f += pairs[i - 1][0]
            f += p[_M1T]
            if i > 1:
                f += ent[i - 2][_M2]
        if i >= n - 1:
            f += eos
        else:
            f += [*ent[i + 1][_P1], *gz[i + 1][4], *kb[i + 1][5]]
            if pairs is not None:
                f += pairs[i][1]
            if i < n - 2:
                f += ent[i + 2][_P2]
        # one flag per head word (two heads: the flag twice, as trained)
        if i >= 3 and head_at[i - 3]:
            f += win_minus
        if i >= 2 and head_at[i - 2]:
            f += win_minus
        if i + 2 < n and head_at[i + 2]:
            f += win_plus
        if i + 3 < n and head_at[i + 3]:
            f += win_plus
        feats.append(f)
    return feats


#: a token's features, or a piece of them: strings, or their UTF-8 bytes for the tagger
_Feats = list[Any]
#: the fields of a word's entry in :class:`_Parts`
_OWN: Final = 0
_M1: Final = 1
_M1T: Final = 2
_M2: Final = 3
_P1: Final = 4
_P2: Final = 5
_HEAD: Final = 6
_Entry = tuple[_Feats, _Feats, _Feats, _Feats, _Feats, _Feats, bool]
_MAX_CACHED = 32_768  # per cache: ~23 MB for the 16,000 word types and 20,000 cased forms of the 443


class _Parts:
    """The pieces of the features, built once per word type, shape, shape pair and tag."""

    def __init__(self, lex: Lexicon, known: frozenset[str] | None, encoded: bool) -> None:
        self.lex = lex
        self.known = known
        self.encoded = encoded
        self.words: dict[str, _Entry] = {}
        self.cased: dict[tuple[str, str, bool], tuple[str, _Feats]] = {}
        self.pairs: dict[tuple[str, str], tuple[_Feats, _Feats]] = {}
        self.tags: dict[str, tuple[_Feats, ...]] = {}
        keep = self.keep
        self.consts = (
            keep(["BOS"]),
            keep(["EOS"]),
            keep(["orghead"]),
            keep(["headwin-"]),
            keep(["headwin+"]),
        )

    def keep(self, feats: list[str]) -> _Feats:
        known = self.known
        if self.encoded:
            return [f.encode("utf-8") for f in feats if known is None or f in known]
        return feats if known is None else [f for f in feats if f in known]

    def entry(self, w: str) -> _Entry:
        """``w``'s own features (after the bias), as the word before (two lists: before and after
        the shape pair), two before, after and two after; whether it is an organisation head."""
        e = self.words.get(w)
        if e is None:
            lex, keep = self.lex, self.keep
            c = lex.clusters.get(w, _NO_CLUSTER)
            title, head = w in lex.feature_titles, w in lex.org_heads
            own = ["b", "w=" + w, "p3=" + w[:3], "s2=" + w[-2:], "s3=" + w[-3:], "c0=" + c[0], "c1=" + c[1]]
            e = (
                keep([*own, "c2=" + c[2]]),
                keep(["-1w=" + w, "-1c1=" + c[1]]),
                keep((["-1title"] if title else []) + (["-1orghead"] if head else [])),
                keep(["-2w=" + w, "-2c0=" + c[0], *(["-2title"] if title else [])]),
                keep(["+1w=" + w, "+1c1=" + c[1]]),
                keep(["+2w=" + w, "+2c0=" + c[0]]),
                head,
            )
            if len(self.words) >= _MAX_CACHED:
                self.words.clear()
            self.words[w] = e
        return e

    def tag(self, t: str) -> tuple[_Feats, ...]:
        """A gazetteer or KB tag as ``g=``, ``kb=``, ``-1g=``, ``-1kb=``, ``+1g=``, ``+1kb=``."""
        hit = self.tags.get(t)
        if hit is None:
            keep = self.keep
            hit = self.tags[t] = tuple(keep([p + t]) for p in ("g=", "kb=", "-1g=", "-1kb=", "+1g=", "+1kb="))
        return hit

    def case(self, wd: str, w: str, first: bool) -> tuple[str, _Feats]:
        """The shape of ``wd`` (``w`` lower-cased) and its case features: shape, sentence-initial
        shape, acronym shape and inner capitals."""
        key = (wd, w, first)
        hit = self.cased.get(key)
        if hit is None:
            sh = shape(wd)
            f = ["sh=" + sh]
            if first:
                f.append("first|" + sh)
            if len(wd) >= 2 and wd.isupper() and wd.isalpha():
                f.append("acro" + str(min(len(wd), 5)))
            elif wd[1:] != w[1:]:  # a capital inside the word
                f.append("inner_cap")
            if len(self.cased) >= _MAX_CACHED:
                self.cased.clear()
            hit = self.cased[key] = (sh, self.keep(f))
        return hit

    def pair(self, a: str, b: str) -> tuple[_Feats, _Feats]:
        """Two neighbouring shapes as the right word's ``-1sh=`` and the left word's ``+1sh=``."""
        hit = self.pairs.get((a, b))
        if hit is None:
            both = a + "|" + b
            if len(self.pairs) >= _MAX_CACHED:
                self.pairs.clear()
            hit = self.pairs[(a, b)] = (self.keep(["-1sh=" + both]), self.keep(["+1sh=" + both]))
        return hit


_parts_by: dict[tuple[int, int, bool], _Parts] = {}


def _parts(lex: Lexicon, known: frozenset[str] | None, *, encoded: bool) -> _Parts:
    key = (id(lex), id(known), encoded)
    hit = _parts_by.get(key)
    if hit is None or hit.lex is not lex or hit.known is not known:
        if len(_parts_by) >= 8:
            _parts_by.clear()
        hit = _parts_by[key] = _Parts(lex, known, encoded)
    return hit


@lru_cache(maxsize=4)
def model_attributes(model: bytes) -> frozenset[str] | None:
    """The attributes a crfsuite CRF1d model (the bytes of its file) has weights for, read from its
    attribute dictionary (a CQDB chunk); None when the file is not laid out as expected. The tagger
    looks every attribute of a token up there and drops the others, so leaving them out first
    changes no label. (Cached: every pipeline of a process gets the same set, and so shares the
    feature caches keyed by it.)"""
    try:
        magic, _size, kind = struct.unpack_from("<4sI4s", model, 0)
        n_attrs, off = struct.unpack_from("<I8xI", model, 24)
        chunk, _csize, _flag, _order, n_keys, bwd = struct.unpack_from("<4sIIIII", model, off)
        if (magic, kind, chunk) != (b"lCRF", b"FOMC", b"CQDB") or n_keys != n_attrs:
            return None
        keys = []
        for i, at in enumerate(struct.unpack_from(f"<{n_keys}I", model, off + bwd)):
            ident, size = struct.unpack_from("<iI", model, off + at)
            if ident != i or size == 0:
                return None
            keys.append(model[off + at + 8 : off + at + 7 + size])
        return frozenset(b"\0".join(keys).decode("utf-8").split("\0"))
    except (struct.error, UnicodeDecodeError):
        return None
