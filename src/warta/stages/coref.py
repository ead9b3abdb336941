"""Stage ``coref``: pronouns and role nouns resolved to the entity they point at.

Runs after ``entities`` and fills :attr:`Document.references` with a :class:`~warta.model.Reference`
for each "ia", "dia", "beliau", "dirinya", "yang bersangkutan" (``pronoun``), "-nya" on a speech
cue, a preposition or a noun of a person's own (``possessive``: "ujarnya", "menurutnya",
"istrinya"), "pihaknya" (``side``) and role noun phrase ("sang menteri", "juru bicara itu",
"Mantan Menteri ESDM itu", "partai tersebut": ``role``) that an earlier entity settles. Words
inside quotation marks are left alone ("Dia tidak bersalah" in a quote is someone else).

A salience model over the sentences, no learning, linear in the article's length:

1. a person named earlier in the same sentence, before the pronoun, is its antecedent
   ("Retno mengatakan pihaknya ...", "Odinga, yang memboikot pemilu, menyatakan dirinya ...");
2. else the subject of the sentence before: its first person, or, when that sentence's own subject
   was a resolved pronoun, the same entity ("Xi Jinping mengatakan kepada Presiden Moon ... .
   Dia juga mengatakan ..." -> Xi); a speech cue after a quote ("…," ujarnya) takes the speaker of
   the cue before it when that was the sentence before;
3. else the latest subject within eight sentences.

A role noun prefers a person whose title shares its role word ("sang menteri" -> the minister);
an organisation head ("kementerian itu", "negara tersebut") takes the latest organisation with that
head word in its name, or the latest country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from warta.model import Document, Entity, Reference, Token
from warta.settings import Settings
from warta.stages.base import Stage

__all__ = ["CorefStage", "Lexicon", "find_references", "lexicon"]

_DEMONSTRATIVES = frozenset(("itu", "tersebut", "ini"))
_ROLE_LEAD = frozenset(("mantan", "eks", "sang", "si", "bekas"))
_QUOTE_OPEN = '“"‘'
_QUOTE_CLOSE = '”"’'
_OPEN_RE = re.compile(f"[{re.escape(_QUOTE_OPEN)}]")
_CLOSE_RE = re.compile(f"[{re.escape(_QUOTE_CLOSE)}]")
#: how far back an antecedent is looked for, in sentences
_WINDOW = 8
_WORD = re.compile(r"\w+")
_AGENT_END = re.compile(
    r"\b(?:di|kepada|pada|saat|dalam|ketika|usai|seusai|melalui|dikutip|dilansir|dari|dengan|yang|bahwa|bersama)\b"
    r"|\b(?:di[a-z]{4,}|(?:mem|men|meng|meny)[a-z]{3,})\b|[.;:(!?]"
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    #: word or phrase (lower-cased word tuple) -> (kind, wanted type)
    anaphors: dict[tuple[str, ...], tuple[str, str]]
    #: stems whose -nya points back (single words; two-word stems as tuples)
    clitics: frozenset[tuple[str, ...]]
    #: role words (tuples) -> wanted type (PERSON, ORG, LOC)
    roles: dict[tuple[str, ...], str]
    #: speech cues -> "post" (kata X) or "subject" (X mengatakan)
    speech: dict[str, str]


def _rows(name: str) -> list[list[str]]:
    text = (resources.files("warta") / "resources" / "coref" / name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def lexicon() -> Lexicon:
    """The shipped word lists (``resources/coref/``), loaded once."""
    anaphors = {tuple(r[0].split()): (r[1].strip(), r[2].strip()) for r in _rows("anaphors.txt")}
    clitics = frozenset(tuple(r[0].split()) for r in _rows("clitics.txt"))
    roles = {tuple(r[0].split()): r[1].strip() for r in _rows("roles.txt")}
    speech = {r[0].strip(): r[1].strip() for r in _rows("speech.txt")}
    return Lexicon(anaphors, clitics, roles, speech)


@dataclass(slots=True)
class _Anaphor:
    start: int
    end: int
    kind: str
    want: str
    #: the role word of a role noun phrase ("menteri"), else ""
    role: str = ""
    #: a speech cue after a quote ("…," ujarnya) or after a clause
    cue: bool = False


def _quoted(doc: Document) -> list[tuple[int, int]]:
    """Stretches inside quotation marks, paired per paragraph (an opener with no closer runs to the
    end of its paragraph)."""
    spans = []
    for para in doc.paragraphs or [doc.span(0, len(doc.text))]:
        text = doc.text[para.start : para.end]
        i = 0
        while (mark := _OPEN_RE.search(text, i)) is not None:
            i = mark.start()
            if mark.group() != '"' or i == 0 or not text[i - 1].isalnum():
                end = _CLOSE_RE.search(text, i + 1)
                close = end.start() if end is not None else len(text)
                spans.append((para.start + i, para.start + close))
                i = close + 1
                continue
            i += 1
    return spans


def _role_at(tokens: list[Token], i: int, lo: int, lex: Lexicon) -> tuple[int, str, str] | None:
    """A role noun phrase ending with the demonstrative at token ``i``: (first token, role, type)."""
    for j in range(i - 1, max(lo - 1, i - 7), -1):
        low = tokens[j].text.lower()
        if not low[:1].isalnum():
            return None
        for n in (2, 1):
            key = tuple(t.text.lower() for t in tokens[j : j + n])
            if len(key) == n and key in lex.roles:
                first = j - 1 if j - 1 >= lo and tokens[j - 1].text.lower() in _ROLE_LEAD else j
                at_clause_start = (
                    first == lo
                    or tokens[first - 1].text in (",", "(", ";", ":")
                    or tokens[first - 1].text.lower()
                    in ("kata", "ujar", "tutur", "ucap", "menurut", "bahwa", "dan", "namun")
                )
                if at_clause_start or tokens[first].text.lower() in _ROLE_LEAD:
                    return first, key[-1] if n == 1 else " ".join(key), lex.roles[key]
    return None


def _anaphors(doc: Document, lex: Lexicon) -> list[_Anaphor]:
    tokens = doc.tokens
    lower = [t.text.lower() for t in tokens]
    out: list[_Anaphor] = []
    for sent in doc.sentences:
        lo, hi = sent.token_start, sent.token_end
        i = lo
        while i < hi:
            tok = tokens[i]
            low = lower[i]
            if i + 1 < len(tokens) and (two := (low, lower[i + 1])) in lex.anaphors:
                kind, want = lex.anaphors[two]
                out.append(_Anaphor(tok.start, tokens[i + 1].end, kind, want))
                i += 2
                continue
            if (low,) in lex.anaphors:
                kind, want = lex.anaphors[(low,)]
                prev = tokens[i - 1].text.lower() if i > lo else ""
                out.append(
                    _Anaphor(tok.start, tok.end, kind, want, cue=prev in ("kata", "ujar", "tutur", "ucap"))
                )
            elif low.endswith("nya") and len(low) > 5:
                stem = low[:-3]
                prev = tokens[i - 1].text.lower() if i > lo else ""
                if (stem,) in lex.clitics or (prev, stem) in lex.clitics:
                    cue = (i > lo and tokens[i - 1].text in (",", *_QUOTE_CLOSE)) or i == lo
                    out.append(_Anaphor(tok.end - 3, tok.end, "possessive", "PERSON", cue=cue))
            elif low in _DEMONSTRATIVES or low == "sang":
                found = _role_at(tokens, i, lo, lex) if low != "sang" else None
                if low == "sang" and i + 1 < hi:
                    key = (tokens[i + 1].text.lower(),)
                    if key in lex.roles:
                        found = (i, key[0], lex.roles[key])
                        i += 1
                if found is not None:
                    first, role, want = found
                    out.append(
                        _Anaphor(
                            tokens[first].start,
                            tok.end if low != "sang" else tokens[i].end,
                            "role",
                            want,
                            role,
                        )
                    )
            i += 1
    return out


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    entity: Entity


def _by_sentence(doc: Document, quoted: list[tuple[int, int]]) -> list[list[_Mention]]:
    """Entity mentions outside quotes, per sentence, in text order."""
    out: list[list[_Mention]] = [[] for _ in doc.sentences]
    for ent in doc.entities:
        for m in ent.mentions:
            if any(a <= m.start < b for a, b in quoted):
                continue
            idx = doc.sentence_at(m.start)
            if idx is not None:
                out[idx].append(_Mention(m.start, m.end, ent))
    for row in out:
        row.sort(key=lambda x: x.start)
    return out


_TYPES = {"PERSON": ("PERSON",), "ORG": ("ORGANIZATION",), "LOC": ("LOCATION",)}
_MODIFIERS = frozenset(("warga", "asal", "di", "dari", "ke", "kota", "provinsi", "kabupaten"))
#: prepositions before an object: the name after them is not the sentence's subject
_OBJECT_MARKS = frozenset(("ke", "kepada", "terhadap", "dengan", "untuk", "bagi", "atas", "tentang", "soal"))


class _Resolver:
    def __init__(self, doc: Document, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.quoted = _quoted(doc)
        self.mentions = _by_sentence(doc, self.quoted)
        #: sentence index -> the entity its subject was resolved to (a pronoun subject)
        self.subject: dict[int, Entity] = {}
        #: (offset, entity) of resolved speech cues
        self.cues: list[tuple[int, Entity]] = []
        #: spans of role descriptions ("mantan istri Ivan Fadilla itu"): the names inside are modifiers
        self.described: list[tuple[int, int]] = []

    def inside_quote(self, pos: int) -> bool:
        return any(a < pos < b for a, b in self.quoted)

    def first_of(self, idx: int, types: tuple[str, ...]) -> Entity | None:
        """The subject of sentence ``idx``: its resolved pronoun subject, else its first mention of
        ``types`` (places that only modify a noun, "warga Jember", skipped)."""
        if idx in self.subject and self.subject[idx].type in types:
            return self.subject[idx]
        for m in self.mentions[idx]:
            if m.entity.type in types and not self._modifier(m) and not self._object(m):
                return m.entity
        return None

    def _object(self, m: _Mention) -> bool:
        """A name right after a preposition (``memberi upeti ke Tonny``) is an object, not a subject."""
        before = _WORD.findall(self.doc.text[max(0, m.start - 12) : m.start].lower())
        return bool(before) and before[-1] in _OBJECT_MARKS

    def _modifier(self, m: _Mention) -> bool:
        if m.entity.type != "LOCATION":
            return False
        before = _WORD.findall(self.doc.text[max(0, m.start - 12) : m.start].lower())
        return bool(before) and before[-1] in _MODIFIERS

    def speakers_in(self, idx: int) -> None:
        """Record who speaks in sentence ``idx``: the person after a post cue ("kata Budi",
        "menurut Budi"), or the last person before a speech verb ("Budi mengatakan")."""
        sent = self.doc.sentences[idx]
        persons = [m for m in self.mentions[idx] if m.entity.type == "PERSON"]
        if not persons:
            return
        for tok in self.doc.tokens[sent.token_start : sent.token_end]:
            kind = self.lex.speech.get(tok.text.lower())
            if kind == "post":
                # the agent phrase runs to a preposition or a date ("kata Kepala Divisi Pajak, X di
                # Jakarta"): its last person is the speaker ("Juru bicara Kremlin Dmitry Peskov")
                stop = _AGENT_END.search(self.doc.text, tok.end, min(sent.end, tok.end + 120))
                end = stop.start() if stop else min(sent.end, tok.end + 120)
                after = [m for m in persons if tok.end <= m.start < end]
                if after:
                    self.cues.append((after[-1].start, after[-1].entity))
            elif kind == "subject":
                before = [
                    m for m in persons
                    if sent.start <= m.start < tok.start and not self._in_description(m.start)
                ]  # fmt: skip
                if before:
                    self.cues.append((tok.start, before[-1].entity))
                elif idx in self.subject:
                    self.cues.append((tok.start, self.subject[idx]))

    def _in_description(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.described)

    def _spoke(self, lo: int, hi: int) -> Entity | None:
        hits = [e for at, e in self.cues if lo <= at < hi]
        return hits[-1] if hits else None

    def resolve(self, a: _Anaphor, idx: int) -> Entity | None:
        if a.kind == "role" and a.want != "PERSON":
            return self._organisation(a, idx)
        types = ("PERSON",)
        sents = self.doc.sentences
        sent = sents[idx]
        if a.kind == "role":
            titled = self._titled(a, idx)
            if titled is not None:
                return titled
        # 1. the sentence's subject when a pronoun or description stood for it ("Mantan istri Ivan
        # Fadilla itu menilai ... menurutnya"), else a person named before it in the same sentence
        # outside such a description ("Retno mengatakan pihaknya ...")
        subject = self.subject.get(idx)
        if subject is not None and not a.cue:
            return subject
        before = [
            m for m in self.mentions[idx]
            if m.end <= a.start and m.entity.type in types and not self._in_description(m.start)
        ]  # fmt: skip
        if before and not a.cue:
            return before[0].entity
        # 2. the last speaker in this sentence or the one before, else the subject of the one before
        spoke = self._spoke(sent.start, a.start)
        if spoke is None and idx > 0:
            spoke = self._spoke(sents[idx - 1].start, sents[idx - 1].end) or self.first_of(idx - 1, types)
        if spoke is not None:
            return spoke
        if before:
            return before[-1].entity
        # 3. the latest speaker not long before, else the nearest earlier subject
        floor = sents[max(0, idx - 12)].start
        spoke = self._spoke(floor, a.start)
        if spoke is not None:
            return spoke
        for j in range(idx - 2, max(-1, idx - _WINDOW), -1):
            ent = self.first_of(j, types)
            if ent is not None:
                return ent
        return None

    def _titled(self, a: _Anaphor, idx: int) -> Entity | None:
        """``sang menteri``: the latest person before it whose title has the role word."""
        floor = self.doc.sentences[max(0, idx - _WINDOW)].start
        best = None
        for row in self.mentions[max(0, idx - _WINDOW) : idx + 1]:
            for m in row:
                title = (m.entity.title or "").lower()
                if floor <= m.start < a.start and m.entity.type == "PERSON" and a.role and a.role in title:
                    best = m.entity
        return best

    def _organisation(self, a: _Anaphor, idx: int) -> Entity | None:
        types = _TYPES.get(a.want, ("ORGANIZATION",))
        for j in range(idx, max(-1, idx - _WINDOW), -1):
            for m in reversed(self.mentions[j]):
                if m.start >= a.start or m.entity.type not in types:
                    continue
                name = m.entity.name.lower()
                if (
                    a.want == "LOC"
                    and a.role == "negara"
                    and m.entity.geo is not None
                    and m.entity.geo.precision != "country"
                ):
                    continue
                if a.want == "ORG" and a.role not in name.split():
                    continue
                return m.entity
        return None


def find_references(doc: Document, lex: Lexicon | None = None) -> list[Reference]:
    """Every resolvable pronoun and role noun of ``doc``, in text order."""
    lex = lex or lexicon()
    if not doc.sentences or not doc.entities:
        return []
    res = _Resolver(doc, lex)
    out: list[Reference] = []
    by_sentence: dict[int, list[_Anaphor]] = {}
    for a in _anaphors(doc, lex):
        idx = doc.sentence_at(a.start)
        if idx is not None and not res.inside_quote(a.start):
            by_sentence.setdefault(idx, []).append(a)
    for idx in range(len(doc.sentences)):
        for a in by_sentence.get(idx, []):
            ref = _resolve_one(doc, res, a, idx)
            if ref is not None:
                out.append(ref)
        res.speakers_in(idx)
    res.cues.sort(key=lambda c: c[0])
    return out


def _resolve_one(doc: Document, res: _Resolver, a: _Anaphor, idx: int) -> Reference | None:
    if True:
        ent = res.resolve(a, idx)
        if ent is None:
            return None
        sent = doc.sentences[idx]
        head = res.mentions[idx]
        if ent.type == "PERSON" and (not head or head[0].start > a.start) and a.start - sent.start < 40:
            res.subject.setdefault(idx, ent)  # "Ia ...": the sentence's subject is the pronoun's entity
        if a.cue:
            res.cues.append((a.start, ent))
        if a.kind == "role":
            res.described.append((a.start, a.end))
        return Reference(a.start, a.end, doc.text[a.start : a.end], entity=ent.id, kind=a.kind)
    return None


class CorefStage(Stage):
    name = "coref"
    requires = ("text", "paragraphs", "tokens", "sentences", "entities")
    provides = ("references",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.lexicon = lexicon()

    def __call__(self, doc: Document) -> None:
        doc.references = find_references(doc, self.lexicon)
