"""Clause structure of one sentence, read from its words: where clauses start and end, the subject
before a verb, the object after it, the agent of a passive, the targets after ``ke``/``terhadap``/
``kepada``, and the status cues (negation, modality, plans) that govern a trigger.

Everything works on the lower-cased words of one sentence (``words``) plus a mask of the tokens that
belong to a named entity (``named``), so it runs with or without the entities stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from warta.stages.events.words import load_words

__all__ = [
    "AUX",
    "LIGHT_VERBS",
    "RECEIVE_VERBS",
    "SPEECH_VERBS",
    "Clauses",
    "is_verb",
    "object_chunk",
    "relative_head",
    "subject_chunks",
]

#: the word lists (resources/events/words.toml); the names below are kept for the other passes
W = load_words()
PUNCT_BOUNDARY = W.punct_boundary
WORD_BOUNDARY = W.word_boundary
PREPS = W.preps
AUX = W.aux
_MANNER = W.manner
_CHUNK_BREAK = W.chunk_break
LIGHT_VERBS = W.light_verbs
RECEIVE_VERBS = W.receive_verbs
SPEECH_VERBS = W.speech_verbs
_NOT_VERBS = W.not_verbs
_VERB_PREFIXES = ("me", "di", "ber", "ter", "memper", "diper", "ke")
_BARE_VERBS = W.bare_verbs


def is_verb(word: str, capitalised: bool = False) -> bool:
    """A rough verb test from Indonesian verbal prefixes (``menyerang``, ``diserang``, ``bertemu``)."""
    if capitalised or word in _NOT_VERBS:
        return False
    if word in _BARE_VERBS or word in SPEECH_VERBS:
        return True
    if len(word) < 5:
        return False
    if word in SPEECH_VERBS or word in LIGHT_VERBS or word in RECEIVE_VERBS:
        return True
    if word.startswith("ke") and not word.endswith("an"):
        return False
    return word.startswith(_VERB_PREFIXES[:-1])


@dataclass(slots=True)
class Clauses:
    """Clause ids of one sentence's words: a new clause starts at punctuation, a subordinator, or
    ``dan``/``serta``/``lalu`` followed by a verb."""

    words: Sequence[str]
    caps: Sequence[bool]
    named: Sequence[bool]
    ids: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.ids = []
        cid = 0
        for i, w in enumerate(self.words):
            if (w in PUNCT_BOUNDARY and not self.named[i]) or (w in WORD_BOUNDARY and not self.named[i]):
                cid += 1
            elif w in ("dan", "serta", "lalu", "kemudian") and i + 1 < len(self.words):
                nxt = self.words[i + 1]
                if self.verb(i + 1) or nxt in AUX:
                    cid += 1
            self.ids.append(cid)

    def verb(self, i: int) -> bool:
        return is_verb(self.words[i], self.caps[i] and i > 0) and not self.named[i]

    def boundary(self, i: int) -> bool:
        w = self.words[i]
        return not self.named[i] and (w in PUNCT_BOUNDARY or w in WORD_BOUNDARY)

    def in_name(self, i: int) -> bool:
        """A capitalised preposition between capitalised words is part of a name: "Menteri Dalam Negeri"."""
        return (
            0 < i < len(self.words) - 1
            and self.caps[i]
            and self.caps[i - 1]
            and self.caps[i + 1]
            and self.words[i] not in ("di", "ke", "dari", "oleh")
        )

    def same_clause(self, i: int, j: int) -> bool:
        return self.ids[i] == self.ids[j]


def _chunk_left(cl: Clauses, end: int, limit: int = 16) -> tuple[int, int] | None:
    """The noun chunk ending just before ``end`` (exclusive): ``[start, end)``."""
    i = end - 1
    while i >= 0 and end - i <= limit:
        w = cl.words[i]
        if cl.named[i]:
            i -= 1
            continue
        if w == ")":  # an acronym in parentheses: "Mahkamah Konstitusi (MK) menolak"
            j = next((k for k in range(i - 1, max(-1, i - 5), -1) if cl.words[k] == "("), None)
            if j is not None and j > 0:
                i = j - 1
                continue
        if w == "bersama" and 0 < i < end - 1 and cl.named[i - 1] and cl.named[i + 1]:
            i -= 1  # "Indonesia bersama Malaysia sepakat ...": one coordinated subject
            continue
        if cl.boundary(i) or cl.verb(i) or (w in PREPS and not cl.in_name(i)) or w in _CHUNK_BREAK:
            break
        if w in ("dan", "serta") and i + 1 < end and (cl.words[i + 1] in AUX or cl.verb(i + 1)):
            break  # "... di Arab Saudi dan kini memohon": a new clause without its own subject
        i -= 1
    start = i + 1
    return (start, end) if start < end else None


def subject_chunks(cl: Clauses, trigger: int) -> list[tuple[int, int]]:
    """The subject before the verb at ``trigger``: one chunk, or a title and a name in apposition
    ("Juru bicara Kremlin, Dmitry Peskov, mengatakan")."""
    j = trigger - 1
    while j >= 0:
        if (cl.words[j] in AUX or _fuzzy_aux(cl.words[j])) and not cl.named[j]:
            j -= 1
        elif j >= 1 and cl.words[j] in _MANNER and cl.words[j - 1] == "dengan":
            j -= 2  # "Presiden Ashraf Ghani dengan cepat mengutuk"
        else:
            break
    relative = j >= 0 and cl.words[j] == "yang"
    if relative:
        j -= 1
    apposition = False
    if j >= 0 and cl.words[j] == ",":
        j -= 1
        apposition = True
    if j < 0:
        return []
    chunk = _chunk_left(cl, j + 1)
    if chunk is not None and chunk[0] > 1 and cl.words[chunk[0] - 1] == "dari":
        head = _chunk_left(cl, chunk[0] - 1)  # "Capres AS dari Partai Republik Donald Trump"
        if head is not None:
            chunk = (head[0], chunk[1])
    if relative and chunk is not None and chunk[0] > 1 and cl.words[chunk[0] - 1] in ("adalah", "merupakan"):
        # "Iran adalah salah satu pendukung utama Assad yang juga mengirimkan ...": Iran
        chunk = _chunk_left(cl, chunk[0] - 1) or chunk
    if chunk is None or (chunk[0] > 0 and cl.words[chunk[0] - 1] in ("di", "ke", "pada")):
        return []  # "serangan di London Bridge, ... yang menewaskan": a place, not a subject
    chunks = [chunk]
    start = chunk[0]
    if apposition and start >= 2 and cl.words[start - 1] == ",":
        before = _chunk_left(cl, start - 1)
        if before is not None and before[0] > 0 and cl.words[before[0] - 1] in ("di", "ke", "pada"):
            return []  # "... di wilayah Punjab, Pakistan, menyiksa": a place, not a subject
        if before is not None:
            chunks.insert(0, before)
    return chunks


def relative_head(cl: Clauses, start: int) -> tuple[int, int] | None:
    """The noun a relative clause hangs on, when the subject chunk at ``start`` ends one:
    "Puluhan masyarakat [yang tergabung dalam sejumlah organisasi] melakukan ..." -> "Puluhan masyarakat"."""
    for k in range(start - 1, max(-1, start - 10), -1):
        w = cl.words[k]
        if w in PUNCT_BOUNDARY:
            return None
        if w == "yang" and not cl.named[k]:
            return _chunk_left(cl, k)
    return None


def _fuzzy_aux(word: str) -> bool:
    """Typo-tolerant match of long control verbs ("memperimbangkan" for "mempertimbangkan")."""
    if len(word) < 9:
        return False
    return any(len(a) >= 9 and _edit1(word, a) for a in AUX)


def _edit1(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def object_chunk(cl: Clauses, after: int, limit: int = 10) -> tuple[int, int] | None:
    """The noun chunk starting at ``after``."""
    i = after
    n = len(cl.words)
    while i < n and i - after < limit:
        if cl.named[i]:
            i += 1
            continue
        w = cl.words[i]
        if w == "(" and i > after:
            k = next((k for k in range(i + 1, min(n, i + 5)) if cl.words[k] == ")"), None)
            if k is not None:
                i = k + 1
                continue
        if cl.boundary(i) or cl.verb(i) or (w in PREPS and not cl.in_name(i)):
            break
        if w in _CHUNK_BREAK and i > after:
            break
        i += 1
    return (after, i) if i > after else None


def fuzzy_equal(word: str, cue: str) -> bool:
    return word == cue or (len(cue) >= 9 and _edit1(word, cue))
