"""Stories: group articles that tell the same news story, as they stream in.

Two tests, cheapest first, against the articles seen so far:

1. **Copies** of one wire story or press release: MinHash over word 3-shingles with LSH
   (:mod:`warta.minhash`); an article whose estimated shingle Jaccard with an earlier one reaches
   ``copy_threshold`` (and published within ``copy_max_days``) joins that article's story.
2. **The same event told differently**: articles sharing names (entity names when the
   ``entities`` stage ran, else capitalised words), published within ``max_days`` of each other,
   whose IDF-weighted name overlap reaches ``name_threshold`` and whose TF-IDF cosine reaches
   ``cosine_threshold``. Time expressions (``doc.times`` DATE values), when present, add the
   dates they mention to the names, so two reports of "the Saturday 11 October murder" match.

An article matching nothing starts a new story; its id is ``"s-"`` plus a hash of the first
article's key, so a story's id is stable as it grows. An undated article is held to the dates of
the story it would join, so it cannot chain reports weeks apart. Use :class:`StoryIndex` directly
(:meth:`StoryIndex.assign`), on a :class:`~warta.model.Document` (:meth:`StoryIndex.assign_document`)
or on a warta/1 record dict (:meth:`StoryIndex.assign_record`, what ``warta analyze`` and a store
call).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from warta.lang.terms import idf, stopwords, words
from warta.minhash import LSH, MinHash
from warta.model import Document

__all__ = ["StoryIndex", "assign_stories", "names_from_text"]

_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MAX_TERMS = 60
#: event candidates come from the article's rarest names, and the latest articles carrying each
_SEED_NAMES = 8
_POSTINGS = 100


def names_from_text(text: str) -> set[str]:
    """A cheap stand-in for entity names: capitalised words not opening a sentence, lower-cased."""
    stop = stopwords()
    out = set()
    for m in _CAPITALISED.finditer(text):
        for w in m.group().split():
            low = w.lower()
            if low not in stop and len(low) > 2:
                out.add(low)
    return out


def _day(value: str | None) -> date | None:
    if not value:
        return None
    m = _ISO_DAY.search(value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _shingles(tokens: list[str], k: int) -> set[bytes]:
    if len(tokens) < k:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + k]).encode() for i in range(len(tokens) - k + 1)}


def _tfidf(tokens: list[str]) -> dict[str, float]:
    stop = stopwords()
    counts = Counter(t for t in tokens if t not in stop and len(t) > 2)
    vec = {t: (1 + math.log(c)) * idf(t) for t, c in counts.most_common(_MAX_TERMS)}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


@dataclass(slots=True)
class _Member:
    story: str
    day: date | None
    names: dict[str, float]  # name -> IDF weight
    weight: float  # sum of the name weights
    vector: dict[str, float]


class StoryIndex:
    """Assigns a story id to each article as articles stream in (not thread-safe)."""

    def __init__(
        self,
        *,
        copy_threshold: float = 0.5,
        name_threshold: float = 0.2,
        cosine_threshold: float = 0.45,
        max_days: int = 3,
        copy_max_days: int = 7,
        num_perm: int = 64,
        shingle: int = 3,
    ) -> None:
        self.copy_threshold = copy_threshold
        self.name_threshold = name_threshold
        self.cosine_threshold = cosine_threshold
        self.max_days = max_days
        self.copy_max_days = copy_max_days
        self.num_perm = num_perm
        self.shingle = shingle
        self._lsh = LSH(threshold=copy_threshold, num_perm=num_perm)
        self._hashes: dict[str, MinHash] = {}
        self._members: dict[str, _Member] = {}
        self._by_name: defaultdict[str, list[str]] = defaultdict(list)
        #: first and last publication day of each story's dated articles
        self._spans: dict[str, tuple[date, date]] = {}

    def __len__(self) -> int:
        return len(self._members)

    def story_of(self, key: str) -> str | None:
        member = self._members.get(key)
        return member.story if member else None

    # -- matching -------------------------------------------------------------------------------
    def _too_far(self, day: date | None, other: _Member, window: int) -> bool:
        """Whether ``day`` lies more than ``window`` days from ``other`` — from its own date, or, when
        it has none, from the dated articles of its story (so an undated article cannot chain
        reports weeks apart into one story)."""
        if day is None:
            return False
        if other.day is not None:
            return abs((day - other.day).days) > window
        span = self._spans.get(other.story)
        return span is not None and ((span[0] - day).days > window or (day - span[1]).days > window)

    def _copy_of(self, mh: MinHash, day: date | None) -> str | None:
        best, best_key = 0.0, None
        for key in self._lsh.query(mh):
            if self._too_far(day, self._members[key], self.copy_max_days):
                continue
            sim = mh.jaccard(self._hashes[key])
            if sim > best or (sim == best and best_key is not None and key < best_key):
                best, best_key = sim, key
        return best_key if best >= self.copy_threshold else None

    @staticmethod
    def _name_overlap(a: dict[str, float], wa: float, b: dict[str, float], wb: float) -> float:
        """IDF-weighted Jaccard of two name sets."""
        if len(a) > len(b):
            a, b = b, a
        inter = sum(w for n, w in a.items() if n in b)
        union = wa + wb - inter
        return inter / union if union else 0.0

    def _event_of(self, names: dict[str, float], day: date | None, vector: dict[str, float]) -> str | None:
        weight = sum(names.values())
        seen: set[str] = set()
        best, best_key = 0.0, None
        seeds = sorted(names, key=lambda n: (-names[n], n))[:_SEED_NAMES]
        for name in seeds:
            for key in self._by_name.get(name, [])[-_POSTINGS:]:
                if key in seen:
                    continue
                seen.add(key)
                other = self._members[key]
                if self._too_far(day, other, self.max_days):
                    continue
                overlap = self._name_overlap(names, weight, other.names, other.weight)
                if overlap < self.name_threshold:
                    continue
                cosine = sum(v * other.vector.get(t, 0.0) for t, v in vector.items())
                if cosine >= self.cosine_threshold and cosine + overlap > best:
                    best, best_key = cosine + overlap, key
        return best_key

    # -- public ---------------------------------------------------------------------------------
    def assign(
        self,
        key: str,
        text: str,
        *,
        published: str | None = None,
        names: Iterable[str] | None = None,
        dates: Iterable[str] = (),
        story: str | None = None,
    ) -> str:
        """The story id of article ``key`` (assigned once; the same key gets the same id).

        ``names``: entity names (default: capitalised words of ``text``); ``dates``: ISO dates the
        article mentions; ``story``: register the article under this known story id without
        matching (to reload an index from stored articles).
        """
        if key in self._members:
            return self._members[key].story
        tokens = words(text)
        mh = MinHash(self.num_perm)
        mh.update_batch(list(_shingles(tokens, self.shingle)))
        name_set = {n.lower() for n in names} if names is not None else names_from_text(text)
        name_set |= {f"@{d[:10]}" for d in dates if _ISO_DAY.match(d)}
        weights = {n: idf(n) for n in name_set}
        day = _day(published)
        vector = _tfidf(tokens)
        if story is None:
            match = self._copy_of(mh, day) if tokens else None
            if match is None and weights:
                match = self._event_of(weights, day, vector)
            story = (
                self._members[match].story if match else "s-" + hashlib.sha1(key.encode()).hexdigest()[:12]
            )
        self._members[key] = _Member(story, day, weights, sum(weights.values()), vector)
        if day is not None:
            first, last = self._spans.get(story, (day, day))
            self._spans[story] = (min(first, day), max(last, day))
        if tokens:
            self._hashes[key] = mh
            self._lsh.insert(key, mh)
        for name in name_set:
            self._by_name[name].append(key)
        return story

    def assign_document(self, doc: Document) -> str:
        """Set and return ``doc.story``."""
        names = [e.name for e in doc.entities] if doc.entities else None
        dates = [t.value for t in doc.times if t.type == "DATE"]
        key = doc.id or doc.url or hashlib.sha1(doc.text.encode()).hexdigest()
        doc.story = self.assign(key, doc.text, published=doc.published, names=names, dates=dates)
        return doc.story

    def assign_record(self, record: dict[str, Any], *, keep: bool = True) -> str:
        """Set and return ``record["document"]["story"]`` of a warta/1 record.

        With ``keep`` (default) a record that already has a story keeps it and is registered under
        it, so a store can reload its articles into a fresh index and then assign new ones.
        """
        document = record.get("document") or {}
        text = document.get("text") or ""
        entities = record.get("entities") or []
        names = [e["name"] for e in entities if e.get("name")] if entities else None
        dates = [t.get("value", "") for t in record.get("times") or [] if t.get("type") == "DATE"]
        key = document.get("id") or document.get("url") or hashlib.sha1(text.encode()).hexdigest()
        known = document.get("story") if keep else None
        story = self.assign(
            str(key), text, published=document.get("published"), names=names, dates=dates, story=known
        )
        document["story"] = story
        return story


def assign_stories(
    records: Iterable[dict[str, Any]], index: StoryIndex | None = None
) -> Iterator[dict[str, Any]]:
    """Yield each warta/1 record with ``document.story`` set, in order (one index for them all)."""
    index = index or StoryIndex()
    for record in records:
        index.assign_record(record)
        yield record
