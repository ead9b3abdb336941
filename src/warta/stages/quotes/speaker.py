"""Who said it: the speaker phrase of a cue -> an entity id (or a generic ``speaker_text``).

* a stretch with entity mentions: its last PERSON mention (``Juru bicara Kremlin, Dmitry
  Peskov,`` -> Peskov), else its first other mention (``Kementerian Pertahanan Rusia``);
  after ``mengutip`` only what follows counts (``kata pernyataan kementerian mengutip Shoigu``);
* a pronoun or clitic (ia, dia, beliau, -nya, pihaknya) -> the nearest earlier person, looking
  back sentence by sentence (the sentence's first person outside quotes: its subject);
* a title alone (``kata Kapolri``) -> the entity whose ``title`` it is;
* anything else (polisi, warga, sumber) -> no entity, the words kept as ``speaker_text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from warta.model import Document, Entity
from warta.stages.quotes.lexicon import Lexicon

__all__ = ["Resolver", "Speaker"]

_PERSON = "PERSON"
_WORD = re.compile(r"[\w'’-]+")
#: words that may sit between a subject and its verb, or open a sentence before the subject
_FILLER = {
    "juga", "pun", "kembali", "bahkan", "lantas", "kemudian", "lalu", "pula", "sendiri", "telah", "sudah",
    "sempat", "pernah", "tak", "tidak", "belum", "masih", "lebih", "lanjut", "secara", "terpisah", "saat",
    "itu", "ini", "sebelumnya", "sementara", "namun", "tetapi", "tapi", "selain", "yang", "dan", "serta",
    "kepada", "wartawan", "media", "awak",
}  # fmt: skip


_AGENT_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")
_AGENT_STOP = {
    "kepada", "di", "dalam", "saat", "ketika", "usai", "seusai", "setelah", "sebelum", "pada", "melalui",
    "lewat", "via", "dikutip", "seperti", "sebagaimana", "sambil", "kemarin", "dari", "yang", "dengan",
    "menurut", "kala", "selepas", "soal", "terkait", "tentang", "mengenai", "di", "ke", "sejak", "hari",
}  # fmt: skip
_DAYS = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}


@dataclass(slots=True)
class Speaker:
    entity: str | None = None
    text: str | None = None


@dataclass(slots=True)
class Resolver:
    doc: Document
    lex: Lexicon
    #: direct-quote contents: mentions inside them are not speakers
    quoted: list[tuple[int, int]] = field(default_factory=list)
    _mentions: list[tuple[int, int, Entity]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._mentions = sorted(
            ((m.start, m.end, e) for e in self.doc.entities for m in e.mentions), key=lambda x: (x[0], -x[1])
        )

    def _in_quote(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.quoted)

    def mentions_in(self, lo: int, hi: int) -> list[tuple[int, int, Entity]]:
        return [m for m in self._mentions if lo <= m[0] and m[1] <= hi and not self._in_quote(m[0], m[1])]

    # -- the phrase naming the speaker ---------------------------------------------------------
    def from_phrase(self, lo: int, hi: int, *, subject: bool) -> Speaker:
        """The speaker named in ``text[lo:hi]``: before the verb (``subject``) or after the cue."""
        text = self.doc.text
        lo = max(0, lo)
        if not subject:
            hi = self.agent_end(lo, hi)
        low = text[lo:hi].lower()
        chain = re.search(r"\bmengutip\b", low)
        if chain:
            lo = lo + chain.end()
        mentions = self.mentions_in(lo, hi)
        if subject and mentions:
            # a subject ends right before its verb: skip mentions in an earlier clause's object
            mentions = self._subject_mentions(lo, hi, mentions)
        if mentions:
            persons = [m for m in mentions if m[2].type == _PERSON]
            pick = persons[-1] if persons else mentions[0]
            return Speaker(pick[2].id, pick[2].name)
        words = [w.group(0) for w in _WORD.finditer(text[lo:hi])]
        if subject:
            # the words after the last comma-free stretch that is not filler
            while words and words[-1].lower() in _FILLER:
                words.pop()
            phrase_words = words[-4:]
        else:
            phrase_words = words[:4]
        if not phrase_words:
            return Speaker()
        phrase = " ".join(phrase_words)
        key = (phrase_words[-1] if subject else phrase_words[0]).lower()
        if self.lex.speakers.get(key) == "pronoun" or (key.endswith("nya") and key[:-3] in ("pihak", "dia")):
            return self.pronoun(lo, key)
        titled = self._by_title(phrase)
        if titled is not None:
            return Speaker(titled.id, titled.name)
        return Speaker(None, phrase)

    def agent_end(self, lo: int, hi: int) -> int:
        """End of the agent phrase after a cue: ``kata Kapolres X, Kombes Y, kepada wartawan``."""
        text = self.doc.text
        pos = lo
        for m in _AGENT_TOKEN.finditer(text, lo, hi):
            tok = m.group(0)
            low = tok.lower()
            if tok == ",":
                nxt = _AGENT_TOKEN.search(text, m.end(), hi)
                word = nxt.group(0) if nxt else ""
                if not word[:1].isupper() or word.lower() in _DAYS:
                    return pos
                continue
            if tok in ".;:!?()\"“”" or low in _AGENT_STOP:
                return pos
            pos = m.end()
        return pos

    def _subject_mentions(
        self, lo: int, hi: int, mentions: list[tuple[int, int, Entity]]
    ) -> list[tuple[int, int, Entity]]:
        text = self.doc.text
        # `X mengonfirmasi ... dan mengatakan`: the subject is the clause's first phrase
        tail = text[lo:hi].rstrip().lower()
        if tail.endswith((" dan", " serta", " lalu", " kemudian")):
            return mentions[:1]
        # keep the mentions after the last verb-like word between them and the verb
        keep: list[tuple[int, int, Entity]] = []
        for m in mentions:
            between = text[m[1] : hi]
            if re.search(r"\b(?:me|ber|di)[a-z]{3,}\b", between) and not re.search(
                r"\byang\s+\w+\s*$", between
            ):
                continue
            keep.append(m)
        return keep or mentions

    def _by_title(self, phrase: str) -> Entity | None:
        low = phrase.lower()
        for ent in self.doc.entities:
            title = (ent.title or "").lower()
            if title and (low == title or low.endswith(" " + title) or title.endswith(" " + low)):
                return ent
        return None

    # -- pronouns ------------------------------------------------------------------------------
    def pronoun(self, pos: int, word: str) -> Speaker:
        """The person an ``ia``/``dia``/``-nya`` at ``pos`` refers to: the nearest earlier subject."""
        if word == "mereka":
            return Speaker(None, "mereka")
        idx = self.doc.sentence_at(pos)
        if idx is None:
            return Speaker(None, word)
        first = True
        for i in range(idx, max(-1, idx - 6), -1):
            sent = self.doc.sentences[i]
            hi = pos if first else sent.end
            first = False
            persons = [m for m in self.mentions_in(sent.start, hi) if m[2].type == _PERSON]
            if persons:
                pick = persons[-1] if i == idx else persons[0]
                return Speaker(pick[2].id, pick[2].name)
        return Speaker(None, word)
