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
_LINKER = re.compile(
    r"\b(?:setelah|sebelum|ketika|karena|sedangkan|sementara|bahwa|namun|tetapi|sehingga|meski|meskipun|"
    r"walaupun|jika|kalau|usai|seusai)\b",
    re.IGNORECASE,
)
_MODIFIER_WORDS = {"warga", "asal", "di", "dari", "ke", "kota", "provinsi", "kabupaten", "negara"}
_PERSON_NOUNS = {"pria", "wanita", "perempuan", "lelaki", "laki-laki", "sosok", "pemuda", "ibu", "bapak"}
_ORG_HEADS = {
    "kantor", "lembaga", "badan", "perusahaan", "kementerian", "partai", "media", "organisasi", "institusi",
    "stasiun", "kelompok", "pemerintah", "negara", "komisi", "dewan",
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
    #: (offset, speaker) of every quote resolved so far, in text order
    said: list[tuple[int, Speaker]] = field(default_factory=list)
    _mentions: list[tuple[int, int, Entity]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._mentions = sorted(
            ((m.start, m.end, e) for e in self.doc.entities for m in e.mentions), key=lambda x: (x[0], -x[1])
        )

    def _in_quote(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.quoted)

    def mentions_in(self, lo: int, hi: int) -> list[tuple[int, int, Entity]]:
        return [m for m in self._mentions if lo <= m[0] and m[1] <= hi and not self._in_quote(m[0], m[1])]

    def _modifier(self, m: tuple[int, int, Entity]) -> bool:
        """A place that only modifies a noun: ``warga Jember``, ``asal Spanyol``, ``di Jakarta``."""
        before = self.doc.text[max(0, m[0] - 12) : m[0]].lower().split()
        return m[2].type == "LOCATION" and bool(before) and before[-1] in _MODIFIER_WORDS

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
        words = [w.group(0) for w in _WORD.finditer(text[lo:hi])]
        if subject:
            while words and words[-1].lower() in _FILLER - {"itu", "ini", "yang"}:
                words.pop()
        mentions = [m for m in self.mentions_in(lo, hi) if not self._modifier(m)]
        if subject and mentions:
            mentions = self._subject_mentions(lo, hi, mentions)
        persons = [m for m in mentions if m[2].type == _PERSON]
        # `Mantan Menteri ESDM itu mengaku`, `pria yang akrab disapa Kecuk ini`: an earlier referent
        if subject:
            clause = re.split(r"[,;]", text[lo:hi])[-1]
            np_words = [w.lower() for w in _WORD.findall(clause)]
            anaphor = np_words[-1:] in (["ini"], ["itu"], ["tersebut"])
        else:
            np_words = [w.lower() for w in words[:3]]
            anaphor = bool(np_words) and np_words[0] in _PERSON_NOUNS
        if anaphor and not persons:
            return self.pronoun(lo, "org" if np_words and np_words[0] in _ORG_HEADS else "person")
        if mentions:
            if subject and text[lo:hi].rstrip().lower().endswith(" yang"):
                pick = mentions[-1]
            else:
                pick = persons[-1] if persons else mentions[0]
            return Speaker(pick[2].id, pick[2].name)
        phrase_words = words[-4:] if subject else words[:4]
        if not phrase_words:
            return Speaker()
        phrase = " ".join(phrase_words)
        key = (phrase_words[-1] if subject else phrase_words[0]).lower()
        if self.lex.speakers.get(key) == "pronoun" or (key.endswith("nya") and key[:-3] in ("pihak", "dia")):
            return self.pronoun(lo, "org" if key == "mereka" else "person")
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
        # `… setelah Ukraina mewanti-wanti`: the subject follows the last clause linker
        for m in reversed(list(_LINKER.finditer(text, lo, hi))):
            after = [x for x in mentions if x[0] >= m.end()]
            if after:
                mentions = after
            break
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
    def pronoun(self, pos: int, want: str = "person") -> Speaker:
        """The referent of a pronoun at ``pos``: walking back sentence by sentence, the speaker of
        the latest quote there, else the sentence's first person (or organisation) outside quotes;
        a sentence whose own subject is a pronoun (``Ia lantas menyinggung … Prabowo``) names
        only objects, so it is passed over."""
        idx = self.doc.sentence_at(pos)
        if idx is None:
            return Speaker(None, "mereka" if want == "org" else None)
        types = {_PERSON} if want == "person" else {"ORGANIZATION", "LOCATION"}

        def said_in(lo: int, hi: int) -> Speaker | None:
            for at, sp in reversed(self.said):
                ent = self.doc.entity(sp.entity or "")
                if lo <= at < hi and ent is not None and ent.type in types:
                    return sp
            return None

        def subject_in(i: int) -> Speaker | None:
            sent = self.doc.sentences[i]
            first = _WORD.match(sent.text.lstrip("“\"'‘ "))
            if first and first.group(0).lower() in ("ia", "dia", "beliau", "menurutnya", "dikatakannya"):
                return None
            found = [m for m in self.mentions_in(sent.start, sent.end) if m[2].type in types]
            found = [m for m in found if not self._modifier(m)]
            return Speaker(found[0][2].id, found[0][2].name) if found else None

        sent = self.doc.sentences[idx]
        # the same sentence's earlier quote, then the sentence right before
        hit = said_in(sent.start, pos)
        if hit is None and idx > 0:
            prev = self.doc.sentences[idx - 1]
            hit = said_in(prev.start, prev.end) or subject_in(idx - 1)
        if hit is not None:
            return hit
        # else the latest speaker not long before, else the nearest earlier subject
        floor = self.doc.sentences[max(0, idx - 12)].start
        hit = said_in(floor, pos)
        if hit is not None:
            return hit
        for i in range(idx - 2, max(-1, idx - 12), -1):
            hit = subject_in(i)
            if hit is not None:
                return hit
        return Speaker(None, None)
