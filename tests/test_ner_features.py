"""The CRF features: the cached implementation gives the very strings the model was trained on,
and leaving out the attributes the model does not know changes no label."""

from __future__ import annotations

from importlib import resources

import pycrfsuite
import pytest

from conftest import shared_path
from warta import Pipeline
from warta.ingest import iter_records
from warta.stages.entities.features import (
    gazetteer_tags,
    kb_tags,
    model_attributes,
    sentence_features,
    shape,
    tagger_features,
)
from warta.stages.entities.lexicon import Lexicon, lexicon

SENTENCES = [
    "Presiden Joko Widodo bertemu Menteri Luar Negeri Retno Marsudi di Istana Merdeka , Jakarta .",
    "KPK menetapkan Bupati Sidoarjo Ahmad Muhdlor Ali sebagai tersangka pada Selasa ( 16/4/2024 ) .",
    "Kapolda Metro Jaya Irjen Karyoto mengatakan PT Pertamina ( Persero ) dan Bank BRI ikut membantu",
    "iPhone buatan Apple Inc. dijual Rp 20.000.000 di Surabaya , kata juru bicara ExxonMobil",
    "Dia",
    "Ketua Umum Partai Golkar",
]
_MODEL = resources.files("warta") / "resources" / "ner" / "ner.crfsuite"


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return lexicon()


@pytest.fixture(scope="module")
def tagger() -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    with resources.as_file(_MODEL) as path:
        tagger.open(str(path))
    return tagger


def _dev_sentences() -> list[list[str]]:
    path = shared_path("data", "articles", "articles.jsonl")
    dev = set(shared_path("data", "articles", "dev_ids.txt").read_text("utf-8").split())
    pipeline = Pipeline(stages=["clean", "language", "segment"])
    out: list[list[str]] = []
    for rec in [r for r in iter_records([path]) if r.id in dev][:40]:
        doc = pipeline(rec.to_document())
        out.extend([t.text for t in doc.tokens[s.token_start : s.token_end]] for s in doc.sentences)
    return out


@pytest.mark.parametrize("cased", [True, False])
def test_same_strings_as_before(lex: Lexicon, cased: bool) -> None:
    for text in SENTENCES:
        words = text.split()
        expected = reference_features(words, lex, cased=cased)
        assert sentence_features(words, lex, cased=cased) == expected
        assert sentence_features(words, lex, cased=cased) == expected  # from the caches this time


def test_same_strings_on_dev_articles(lex: Lexicon) -> None:
    sentences = _dev_sentences()
    assert len(sentences) > 500
    for words in sentences:
        assert sentence_features(words, lex) == reference_features(words, lex)


def test_known_attributes_only_drop_what_the_tagger_drops(lex: Lexicon, tagger: pycrfsuite.Tagger) -> None:
    known = model_attributes(_MODEL.read_bytes())
    assert known is not None
    assert known == frozenset(tagger.info().attributes)
    dropped = 0
    for text in SENTENCES:
        words = text.split()
        full = sentence_features(words, lex)
        kept = sentence_features(words, lex, known=known)
        assert kept == [[a for a in f if a in known] for f in full]
        assert tagger.tag(kept) == tagger.tag(full)
        encoded = tagger_features(words, lex, known)
        assert encoded == [[a.encode("utf-8") for a in f] for f in kept]
        assert tagger.tag(encoded) == tagger.tag(full)
        dropped += sum(map(len, full)) - sum(map(len, kept))
    assert dropped > 0  # rare words and shape pairs are unknown to the model


def test_not_a_model() -> None:
    assert model_attributes(b"") is None
    assert model_attributes(_MODEL.read_bytes()[:2000]) is None
    assert model_attributes(b"lCRF" + bytes(60)) is None


def reference_features(words: list[str], lex: Lexicon, *, cased: bool = True) -> list[list[str]]:
    """``sentence_features`` as it was written before its per-word-type caches (frozen copy)."""
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


_HEAD_WINDOW = ((-3, "headwin-"), (-2, "headwin-"), (2, "headwin+"), (3, "headwin+"))
_NO_CLUSTER = ("-", "-", "-")
