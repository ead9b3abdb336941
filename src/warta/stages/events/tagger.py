"""The learned candidate generator: a token-level trigger tagger (CRF) that marks the words telling an
event and their PLOVER type, where the lexicon has no trigger (issue 12: 63 of 82 dev misses had none).

Each word of a sentence is described by features that generalise beyond the words seen in training:
the word, its root (PySastrawi) and affixes (meN-, di-, ber-, ter-, peN-/per-, -kan, -i, -an), the NER's
word clusters (``resources/ner/clusters.tsv``), the lexicon's type for the word when it has one, the
neighbouring words, speech-verb / negation / modal / purpose context, quotes, names, the sentence's
position in the story and the story's domain. A linear-chain CRF (python-crfsuite, already the NER's
model) labels each word with a PLOVER type or ``O``; a word whose probability of being a trigger is
above the model's threshold becomes an event candidate, which then goes through the same actor,
status, time-place and merge passes as a lexicon trigger (a candidate without a source is dropped by
merge, like any other).

Model: ``resources/events/trigger_tagger.crfsuite`` with its settings ``trigger_tagger.json``
(threshold, which types it may add, how it combines with the rules), trained by
``scripts/train_event_tagger.py``; model card ``resources/events/trigger_tagger.md``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from warta.lang.morphology import strip_clitics
from warta.stages.events.lexicon import Entry
from warta.stages.events.view import Context, Found, SentenceView, W

__all__ = ["OUTSIDE", "TaggerSettings", "TriggerTagger", "load_tagger", "propose", "sentence_features"]

OUTSIDE = "O"
_NEGATIONS = frozenset({"tidak", "tak", "belum", "bukan", "tanpa", "jangan", "batal", "gagal", "enggan"})
_MODALS = frozenset(
    {"akan", "bakal", "harus", "perlu", "wajib", "mesti", "sebaiknya", "hendaknya", "bisa", "dapat",
     "ingin", "berencana", "rencananya", "siap", "telah", "sudah", "sedang", "tengah", "masih", "baru"}
)  # fmt: skip
_PURPOSE = frozenset({"agar", "supaya", "untuk", "demi", "guna"})
_PREFIXES = ("memper", "diper", "meng", "meny", "mem", "men", "me", "di", "ber", "ter", "peng", "pem",
             "pen", "pe", "per", "ke")  # fmt: skip
_SUFFIXES = ("kan", "an", "i")


@cache
def _stemmer() -> Any:
    try:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    except ImportError:  # pragma: no cover - a dependency
        return None
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The root of a lower-cased word (the word itself when short, not alphabetic or unknown)."""
    stemmer = _stemmer()
    if stemmer is None or len(word) < 5 or not word.isalpha():
        return word
    return str(stemmer.stem(word))


@cache
def _clusters() -> dict[str, tuple[str, ...]]:
    """The NER's word clusters (``resources/ner/clusters.tsv``: word, then three cluster ids), read here
    rather than through the entities stage (stages share only the document model)."""
    text = (resources.files("warta") / "resources" / "ner" / "clusters.tsv").read_text("utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            w, *ids = line.split("\t")
            out[w] = tuple(ids[:3])
    return out


@cache
def _lexicon_classes() -> tuple[dict[str, str], dict[tuple[int, str], str]]:
    """What the trigger lexicon says beyond its exact forms: the type of each root of a lexicon word
    ("diamankan" shares "aman" with "mengamankan"), and the majority type of the lexicon words in each
    word cluster (so that a synonym the lexicon lacks looks like its neighbours)."""
    from collections import Counter

    from warta.stages.events.lexicon import load_lexicon

    by_root: dict[str, Counter[str]] = {}
    by_cluster: dict[tuple[int, str], Counter[str]] = {}
    clusters = _clusters()
    for word, entries in load_lexicon().triggers.items():
        if len(entries[0].words) > 1 or not word.isalpha():
            continue
        typ = entries[0].type
        by_root.setdefault(stem(word), Counter())[typ] += 1
        for i, c in enumerate(clusters.get(word, ())):
            by_cluster.setdefault((i, c), Counter())[typ] += 1
    roots = {r: c.most_common(1)[0][0] for r, c in by_root.items() if len(r) >= 3}
    clustered = {
        k: c.most_common(1)[0][0]
        for k, c in by_cluster.items()
        if c.most_common(1)[0][1] >= 2 and c.most_common(1)[0][1] >= 0.5 * sum(c.values())
    }
    return roots, clustered


def _lexicon_features(word: str, root: str) -> list[str]:
    roots, clustered = _lexicon_classes()
    out = [f"lexroot={roots[root]}"] if root in roots else []
    for i, c in enumerate(_clusters().get(word, ())):
        if (i, c) in clustered:
            out.append(f"lexc{i}={clustered[(i, c)]}")
    return out


def _affixes(word: str, root: str) -> list[str]:
    out = []
    if root != word and len(root) >= 3 and root in word:
        pre, _, suf = word.partition(root)
        out += [f"pre={pre}", f"suf={suf}", f"circ={pre}-{suf}"]
    else:
        pre = next((p for p in _PREFIXES if word.startswith(p) and len(word) > len(p) + 3), "")
        suf = next((s for s in _SUFFIXES if word.endswith(s) and len(word) > len(s) + 3), "")
        out += [f"gpre={pre}", f"gsuf={suf}"]
    return out


def _word_features(prefix: str, word: str) -> list[str]:
    root = stem(word)
    cl = _clusters().get(word)
    feats = [f"{prefix}w={word}", f"{prefix}root={root}"]
    if cl:
        feats += [f"{prefix}c{i}={c}" for i, c in enumerate(cl)]
    return feats


def sentence_features(
    words: Sequence[str],
    *,
    caps: Sequence[bool],
    named: Sequence[bool],
    quoted: Sequence[bool],
    lexicon_types: Sequence[str | None],
    story: tuple[int, str],
) -> list[list[str]]:
    """The CRF features of every word of one sentence; ``story`` = (sentence index, story domain)."""
    index, dom = story
    n = len(words)
    speech_at = [k for k, w in enumerate(words) if w in W.speech_verbs]
    out = []
    for k, raw in enumerate(words):
        w = strip_clitics(raw)
        root = stem(w)
        before = words[max(0, k - 3) : k]
        f = ["bias", f"sent={min(index, 3)}", f"domain={dom}", f"dom.root={dom}:{root}"]
        f += _word_features("", w) + _affixes(w, root) + _lexicon_features(w, root)
        f += [f"clitic={raw != w}", f"cap={caps[k] and k > 0}", f"named={named[k]}", f"quote={quoted[k]}"]
        f += [f"alpha={w.isalpha()}", f"len={min(len(w), 10) // 3}"]
        if lexicon_types[k]:
            f += [f"lex={lexicon_types[k]}", f"lex.root={lexicon_types[k]}:{root}"]
        for d in (-2, -1, 1, 2):
            if 0 <= k + d < n:
                f += _word_features(f"{d}:", strip_clitics(words[k + d]))[:2]
                if lexicon_types[k + d]:
                    f.append(f"{d}:lex={lexicon_types[k + d]}")
            else:
                f.append(f"{d}:edge")
        f += [f"neg.before={x}" for x in before if x in _NEGATIONS]
        f += [f"modal.before={x}" for x in before if x in _MODALS]
        f += [f"purpose.before={x}" for x in before if x in _PURPOSE]
        f += [f"light.before={x}" for x in before if x in W.light_verbs]
        f.append(f"speech={'before' if any(x < k for x in speech_at) else 'after' if speech_at else 'none'}")
        f.append(f"speech.root={bool(speech_at)}:{root}")
        out.append(f)
    return out


@dataclass(slots=True)
class TaggerSettings:
    """How the tagger's proposals are used (``trigger_tagger.json``, chosen by cross-validation)."""

    #: a word is a candidate when its probability of being a trigger (1 - P(O)) is at least this
    threshold: float = 0.5
    #: types the tagger may add candidates of (empty: every type)
    types: frozenset[str] = frozenset()
    #: "union": add candidates where the rules have none; "new-type": only of a type the rules did not
    #: find in that sentence
    combine: str = "union"
    #: no candidates in a story less political than this (the domain model's P(political))
    min_political: float = 0.0
    cv: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": "warta-tagger/1",
            "threshold": self.threshold,
            "types": sorted(self.types),
            "combine": self.combine,
            "min_political": self.min_political,
            "cv": self.cv,
        }


class TriggerTagger:
    """A trained CRF (``pycrfsuite.Tagger``) with its settings; :meth:`marginals` per sentence."""

    def __init__(self, model_path: str, settings: TaggerSettings) -> None:
        import pycrfsuite

        self.settings = settings
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(model_path)
        self.labels = [y for y in self._tagger.labels() if y != OUTSIDE]

    def marginals_for(self, ctx: Context, s: SentenceView) -> list[tuple[str, float]]:
        """:meth:`marginals` of sentence ``s`` of the document in ``ctx``."""
        return self.marginals(features_of(ctx, s))

    def marginals(self, feats: list[list[str]]) -> list[tuple[str, float]]:
        """For each word: its likeliest PLOVER type and the probability that it is a trigger at all."""
        if not feats:
            return []
        self._tagger.set(feats)
        out = []
        for k in range(len(feats)):
            probs = {y: self._tagger.marginal(y, k) for y in self.labels}
            best = max(probs, key=probs.__getitem__) if probs else OUTSIDE
            out.append((best, 1.0 - self._tagger.marginal(OUTSIDE, k) if probs else 0.0))
        return out


@cache
def load_tagger() -> TriggerTagger:
    """The shipped trigger tagger (cached)."""
    base = resources.files("warta") / "resources" / "events"
    data = json.loads((base / "trigger_tagger.json").read_text("utf-8"))
    if data.get("format") != "warta-tagger/1":
        raise ValueError("trigger_tagger.json: not a warta-tagger/1 file")
    settings = TaggerSettings(
        float(data["threshold"]),
        frozenset(data.get("types") or ()),
        str(data["combine"]),
        float(data.get("min_political", 0.0)),
        data.get("cv", {}),
    )
    with resources.as_file(base / "trigger_tagger.crfsuite") as path:
        return TriggerTagger(str(path), settings)


def features_of(ctx: Context, s: SentenceView) -> list[list[str]]:
    """The tagger's features for one sentence of the document in ``ctx``."""
    from warta.stages.events.triggers import match

    lex_types = []
    for k in range(len(s.words)):
        m = match(ctx.lex, s, k)
        lex_types.append(m[0].type if m else None)
    return sentence_features(
        s.words,
        caps=s.caps,
        named=s.named,
        quoted=s.in_quote,
        lexicon_types=lex_types,
        story=(s.index, ctx.domain or "none"),
    )


def _entry(word: str, typ: str) -> Entry:
    verbal = word.startswith(("me", "di", "ber", "ter")) and len(word) > 4
    return Entry((word,), typ, None, verbal, verbal and word.startswith("di"))


def propose(
    s: SentenceView,
    marginals: list[tuple[str, float]],
    found: list[Found],
    settings: TaggerSettings,
    political: float = 1.0,
) -> list[Found]:
    """Candidates from the tagger's ``marginals`` for sentence ``s`` that the rules' ``found`` lack
    (none in a story whose probability of being political is below the settings' minimum)."""
    if political < settings.min_political:
        return []
    taken = {k for f in found for k in range(f.start - s.offset, f.end - s.offset)}
    # the word right after a lexicon trigger is its object ("pelarangan demonstrasi": a ban, not a
    # protest), unless it is a verb of its own
    after = {f.end - s.offset for f in found}
    rule_types = {f.entry.type for f in found}
    out: list[Found] = []
    for k, (typ, p) in enumerate(marginals):
        if p < settings.threshold or k in taken or s.named[k] or (s.caps[k] and k > 0):
            continue
        if s.words[k] in W.speech_verbs:  # a statement is no event; its content may be (codebook §1)
            continue
        if k in after and not _entry(s.words[k], typ).verbal:
            continue
        if not s.words[k].isalpha() or (settings.types and typ not in settings.types):
            continue
        if settings.combine == "new-type" and typ in rule_types:
            continue
        if out and out[-1].end - s.offset == k and out[-1].entry.type == typ:
            continue  # one candidate per run of tagged words
        out.append(Found(s.index, s.offset + k, s.offset + k + 1, _entry(s.words[k], typ), score=p))
    return out
