"""Who said it: the speaker phrase of a cue -> an entity id (or a generic ``speaker_text``).

* mentions in the phrase: its last PERSON (``Juru bicara Kremlin, Dmitry Peskov,`` -> Peskov),
  else its first other mention (``Kementerian Pertahanan Rusia``); after ``mengutip`` only what
  follows counts (``kata pernyataan kementerian mengutip Shoigu`` -> Shoigu);
* pronouns, clitics and omitted subjects (ia, dia, beliau, -nya, pihaknya) and descriptions
  pointing back (``Mantan Menteri ESDM itu``) -> :meth:`Resolver.pronoun`;
* a role standing for a person (``kata Kapolri``) -> the PERSON entity with that title, else the
  person just quoted;
* anything else (polisi, warga, sumber) -> no entity, the words kept as ``speaker_text``.

See docs/quotes.md for the rules with examples.
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
    "kepada", "wartawan", "media", "awak", "seraya", "sambil", "tegas", "memang",
}  # fmt: skip


_AGENT_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")
_AGENT_STOP = {
    "kepada", "di", "dalam", "saat", "ketika", "usai", "seusai", "setelah", "sebelum", "pada", "melalui",
    "lewat", "via", "dikutip", "seperti", "sebagaimana", "sambil", "kemarin", "dari", "yang", "dengan",
    "menurut", "kala", "selepas", "soal", "terkait", "tentang", "mengenai", "ke", "sejak", "hari",
    "bersama",
}  # fmt: skip
_LINKER = re.compile(
    r"\b(?:setelah|sebelum|ketika|karena|sedangkan|sementara|bahwa|namun|tetapi|sehingga|meski|meskipun|"
    r"walaupun|jika|kalau|usai|seusai)\b",
    re.IGNORECASE,
)
_SUBJECT_PRONOUNS = {"ia", "dia", "beliau", "pihaknya", "menurutnya", "dikatakannya", "mereka"}
#: what a pronoun may stand for: "mereka" is people or an organisation, never a country or a town
_WANTED = {"person": {"PERSON"}, "org": {"ORGANIZATION", "LOCATION"}, "group": {"ORGANIZATION"}}
#: a sentence opening with its subject and a relative clause between commas, up to the verb
_INSERTED = re.compile(r"\s*([^,.;\"“”]{2,80}?),\s+yang\b[^.;\"“”]*,\s*(?:(?:juga|pun|kemudian|lalu)\s+)?")
_OBJECT_MARKS = {"ke", "kepada", "terhadap", "dengan", "untuk", "bagi", "atas", "tentang", "soal"}
_MODIFIER_WORDS = {"warga", "asal", "di", "dari", "ke", "kota", "provinsi", "kabupaten", "negara"}
_PERSON_NOUNS = {"pria", "wanita", "perempuan", "lelaki", "laki-laki", "sosok", "pemuda", "ibu", "bapak"}
_ORG_HEADS = {
    "kantor", "lembaga", "badan", "perusahaan", "kementerian", "partai", "media", "organisasi", "institusi",
    "stasiun", "kelompok", "pemerintah", "negara", "komisi", "dewan",
}  # fmt: skip
#: a lower-case passive or active verb form (ditemui, dihubungi, menuturkan, menambahkan)
_VERB_FORM = re.compile(r"(?:di[a-z]{4,}|(?:mem|men|meng|meny)[a-z]{3,})$")
#: adverbs between a subject and its verb
_ADVERB_WORDS = """juga pun kembali bahkan lantas kemudian lalu pula sendiri telah sudah sempat pernah masih
tegas memang lebih"""
_ADVERBS = frozenset(_ADVERB_WORDS.split())
_ADJUNCT_AFTER = re.compile(
    r"\s*,\s*(?:dalam|pada|saat|ketika|di|usai|seusai|melalui|kepada|yang|sebelumnya)\b"
)
#: a mention after these is how something was said, not who said it
_CHANNEL_WORDS = {"melalui", "lewat", "via"}
#: roles of one person an article does not name: the speaker is nobody the entities list holds
_UNNAMED_ROLES = {
    "pejabat", "bicara", "jubir", "delegasi", "perwakilan", "sumber", "petugas", "staf", "pegawai",
    "utusan", "diplomat", "anggota", "personel", "seorang", "karyawan", "narasumber",
}  # fmt: skip
#: lower-case words inside a title before a name (`Menteri Koordinator bidang Kemaritiman`)
_TITLE_GLUE = {"bidang", "dan", "urusan", "luar", "negeri", "besar", "untuk", "di", "of"}
_RELATIVE_AFTER = re.compile(r"\s+yang\s+(?:merupakan|adalah|juga|kini|saat|sempat|pernah|menjabat)\b")
_DAYS = {"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad"}


@dataclass(slots=True)
class Speaker:
    entity: str | None = None
    text: str | None = None


@dataclass(slots=True)
class _Phrase:
    """The phrase naming a speaker: its span, words, mentions (persons among them) and the noun
    phrase at its head (``np_lo``, lower-case ``np_words``)."""

    lo: int
    hi: int
    tail_end: int
    words: list[str]
    mentions: list[tuple[int, int, Entity]]
    persons: list[tuple[int, int, Entity]]
    np_lo: int
    np_words: list[str]
    subject: bool


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

    def mentions_in(self, lo: int, hi: int, *, starting: bool = False) -> list[tuple[int, int, Entity]]:
        """Mentions inside ``[lo, hi)`` (or only starting there) and outside direct quotes."""
        return [
            m
            for m in self._mentions
            if lo <= m[0] < hi and (starting or m[1] <= hi) and not self._in_quote(m[0], m[1])
        ]

    def _modifier(self, m: tuple[int, int, Entity]) -> bool:
        """A place that only modifies a noun: ``warga Jember``, ``asal Spanyol``, ``di Jakarta``."""
        before = self.doc.text[max(0, m[0] - 12) : m[0]].lower().split()
        if before and before[-1] in _CHANNEL_WORDS:
            return True  # `Direktorat investigasi pidana melalui Twitter menyatakan`: a channel
        return m[2].type == "LOCATION" and bool(before) and before[-1] in _MODIFIER_WORDS

    def _object(self, m: tuple[int, int, Entity]) -> bool:
        """A name right after a preposition (``memberi upeti ke Tonny``) is an object, not a subject."""
        before = self.doc.text[max(0, m[0] - 12) : m[0]].lower().split()
        return bool(before) and before[-1] in _OBJECT_MARKS

    # -- the phrase naming the speaker ---------------------------------------------------------
    def from_phrase(self, lo: int, hi: int, *, subject: bool) -> Speaker:
        """The speaker named in ``text[lo:hi]``: before the verb (``subject``) or after the cue."""
        lo = max(0, lo)
        inserted = self._before_relative(lo, hi) if subject else None
        return inserted if inserted is not None else self._in_phrase(lo, hi, subject=subject)

    def _in_phrase(self, lo: int, hi: int, *, subject: bool) -> Speaker:
        text = self.doc.text
        tail_end = hi
        if not subject:
            hi = self.agent_end(lo, hi)
        chain = re.search(r"\bmengutip\b", text[lo:hi].lower())
        if chain:
            lo = lo + chain.end()
        words = [w.group(0) for w in _WORD.finditer(text[lo:hi])]
        if subject:
            while words and words[-1].lower() in _FILLER - {"itu", "ini", "yang"}:
                words.pop()
        mentions = [m for m in self.mentions_in(lo, hi, starting=not subject) if not self._modifier(m)]
        if subject:
            titled = self._titled_head(lo, mentions)
            if titled is not None:
                return titled
        if subject and mentions:
            mentions = self._subject_mentions(lo, hi, mentions)
        persons = [m for m in mentions if m[2].type == _PERSON]
        if len(persons) > 1:  # `Prof. Dr. Abdul Mu'ti, M.Ed`: a degree read as a name
            persons = [m for m in persons if m[1] - m[0] > 3] or persons
        # a description pointing back (`Mantan Menteri ESDM itu mengaku`, `kata putra pendiri NU,
        # KH Hasyim Asy'ari, ini`, `pria yang akrab disapa Kecuk ini`): the names in it are modifiers
        np_lo, np_words = self._noun_phrase(lo, hi, tail_end, subject=subject)
        if subject:
            while np_words and np_words[-1] in _ADVERBS:
                np_words.pop()  # `Eks duta besar RI di Belanda itu juga mengaku`
        phrase = _Phrase(lo, hi, tail_end, words, mentions, persons, np_lo, np_words, subject)
        found = self._described(phrase)
        if found is not None:
            return found
        if mentions:
            if subject and text[lo:hi].rstrip().lower().endswith(" yang"):
                pick = mentions[-1]
            else:
                # `Kantor media Qatar Al Jazeera mengaku`: an organisation, not the country before it
                orgs = [m for m in mentions if m[2].type == "ORGANIZATION"]
                pick = persons[-1] if persons else orgs[0] if orgs else mentions[0]
            return Speaker(pick[2].id, pick[2].name)
        return self._from_words(lo, hi, words, subject=subject)

    def _before_relative(self, lo: int, hi: int) -> Speaker | None:
        """``Odinga, yang memboikot pemilu karena komisi pemilu gagal …, menyatakan``: a relative
        clause between commas sits between the subject and its verb; the person before it speaks."""
        idx = self.doc.sentence_at(lo)
        if idx is None:
            return None
        s0 = self.doc.sentences[idx].start
        hit = _INSERTED.fullmatch(self.doc.text, s0, hi)
        if hit is None:
            return None
        persons = [m for m in self.mentions_in(s0, hit.end(1)) if m[2].type == _PERSON]
        return Speaker(persons[-1][2].id, persons[-1][2].name) if persons else None

    def _described(self, p: _Phrase) -> Speaker | None:
        """The speaker when the phrase describes one (a person and an adjunct, a pronoun, a relative
        of someone generic, a description pointing back, a role, someone of an organisation)."""
        text, lo, hi, words, mentions, persons, np_lo, np_words = (
            self.doc.text,
            p.lo,
            p.hi,
            p.words,
            p.mentions,
            p.persons,
            p.np_lo,
            p.np_words,
        )
        # `Robert Wood, dalam Konferensi … yang didukung PBB di Jenewa, mengatakan`, `Odinga, yang
        # memboikot pemilu …, menyatakan`: a person followed by a comma and an adjunct is the subject
        if p.subject and persons:
            head = persons[0]
            if head[0] <= lo + 2 and _ADJUNCT_AFTER.match(text, head[1]):
                return Speaker(head[2].id, head[2].name)
        # `Lantaran … Yerusalem …, ia menganggap`: a pronoun right before the verb is the subject
        last = words[-1].lower() if p.subject and words else ""
        if self.lex.speakers.get(last) == "pronoun" and last != "nya" and all(m[0] < np_lo for m in mentions):
            return self.pronoun(lo, "group" if last == "mereka" else "person", words[-1], end=hi)
        # `ibu tiri korban berdalih`: a relative of a generic person is generic too
        if (
            np_words
            and np_words[0] in _PERSON_NOUNS
            and np_words[-1] not in ("ini", "itu", "tersebut")
            and any(self.lex.speakers.get(w) == "generic" for w in np_words[1:])
            and not persons
        ):
            return Speaker(None, " ".join(words[-4:]))
        if np_words and (np_words[-1] in ("ini", "itu", "tersebut") or np_words[0] in _PERSON_NOUNS):
            starts_with_name = any(m[0] <= np_lo + 1 for m in self.mentions_in(np_lo, p.tail_end))
            if not starts_with_name:
                return self.pronoun(lo, "org" if np_words[0] in _ORG_HEADS else "person", end=p.tail_end)
        # a role standing for a person: `kata Kapolri`, `kata Ketua MPR`
        if np_words and self.lex.speakers.get(np_words[0]) == "title" and not persons:
            role = self._by_title(" ".join(words))
            if role is None and self._specific_role(np_lo, hi, mentions):
                role = self._recent_person(lo, np_words[:3])
            if role is not None:
                return role
        if mentions and not persons and self._unnamed_role(np_lo if p.subject else lo, mentions[0][0]):
            # `pejabat Kementerian Luar Negeri RI mengatakan`, `kata juru bicara Kementerian
            # Telekomunikasi Iran`: someone of the organisation, unnamed, not the organisation
            return Speaker(None, " ".join(words[-6:] if p.subject else words[:6]))
        return None

    def _from_words(self, lo: int, hi: int, words: list[str], *, subject: bool) -> Speaker:
        """A phrase naming no entity: its last (``subject``) or first words, or the pronoun they are."""
        phrase_words = words[-4:] if subject else words[:4]
        if not phrase_words:
            # `Dan menambahkan bahwa …`: the subject left out is the one just before
            return self.pronoun(lo, "person") if subject else Speaker()
        phrase = " ".join(phrase_words)
        key = (phrase_words[-1] if subject else phrase_words[0]).lower()
        clitic = key.endswith("nya") and (key[:-3] in ("pihak", "dia") or self.lex.verb_kind(key) == "post")
        if self.lex.speakers.get(key) == "pronoun" or clitic:
            return self.pronoun(
                lo, "group" if key == "mereka" else "person", phrase_words[-1] if subject else key, end=hi
            )
        named = self._by_name_word(phrase_words[-1] if subject else phrase_words[0])
        return named if named is not None else Speaker(None, phrase)

    def _by_name_word(self, word: str) -> Speaker | None:
        """``ujar Imam`` after ``Imam Wahyudi``: a capitalised word that is the first or last word of
        exactly one person's name (the entity stage left it unlinked, as a title word)."""
        if not word[:1].isupper() or len(word) < 3:
            return None
        hits = {
            e.id: e
            for e in self.doc.entities
            if e.type == _PERSON
            and len(e.name.split()) > 1
            and word in (e.name.split()[0], e.name.split()[-1])
        }
        if len(hits) != 1:
            return None
        ent = next(iter(hits.values()))
        return Speaker(ent.id, ent.name)

    def _titled_head(self, lo: int, mentions: list[tuple[int, int, Entity]]) -> Speaker | None:
        """``Duta Besar Pelucutan Senjata AS Robert Wood, dalam Konferensi … yang didukung PBB di
        Jenewa, mengatakan``; ``Odinga, yang memboikot pemilu karena komisi pemilu gagal …,
        menyatakan``: the first person of the subject, after nothing but a title and followed by a
        comma and an adjunct, is the speaker (the names in the adjunct are not)."""
        text = self.doc.text
        head = next((m for m in mentions if m[2].type == _PERSON), None)
        if head is None:
            return None
        if head[0] <= lo + 2 and head is mentions[0] and _RELATIVE_AFTER.match(text, head[1]):
            # `Ashour yang merupakan anggota organisasi yang diinisiasi PBB … mengatakan`
            return Speaker(head[2].id, head[2].name)
        if not _ADJUNCT_AFTER.match(text, head[1]):
            return None
        before = text[lo : head[0]]
        if "," in before or _LINKER.search(before) or re.search(r"\b(?:me|ber|di)[a-z]{3,}\b", before):
            return None
        if any(w[:1].islower() and w not in _TITLE_GLUE for w in _WORD.findall(before)):
            return None
        return Speaker(head[2].id, head[2].name)

    def _unnamed_role(self, lo: int, first: int) -> bool:
        """The words before the phrase's first mention end with a role of one unnamed person
        (``pejabat``, ``juru bicara``, ``delegasi``, ``sumber di``)."""
        words = [w.lower() for w in _WORD.findall(self.doc.text[lo:first])]
        while words and words[-1] in ("di", "dari"):
            words.pop()
        if words and words[-1] in _UNNAMED_ROLES:
            return True
        # `Juru bicara kantor Jaksa AS`: a role of one person, then the unnamed office it speaks for
        return len(words) <= 5 and any(w in _UNNAMED_ROLES for w in words[:3])

    def _noun_phrase(self, lo: int, hi: int, tail_end: int, *, subject: bool) -> tuple[int, list[str]]:
        """Start and lower-cased words of the speaker noun phrase: a subject's last comma-free
        stretch, or everything from an agent to the end of its sentence."""
        text = self.doc.text
        if subject:
            cut = max(text.rfind(",", lo, hi), text.rfind(";", lo, hi))
            np_lo = cut + 1 if cut >= 0 else lo
            span = text[np_lo:hi]
        else:
            np_lo = lo
            idx = self.doc.sentence_at(lo)
            end = self.doc.sentences[idx].end if idx is not None else tail_end
            span = re.sub(r"\([^)]*\)", " ", text[lo:end])
        words = _WORD.findall(span)
        while np_lo < hi and text[np_lo].isspace():
            np_lo += 1
        return np_lo, [w.lower() for w in words]

    def _specific_role(self, lo: int, hi: int, mentions: list[tuple[int, int, Entity]]) -> bool:
        """``Ketua MPR``, ``Kapolri``: a capitalised role whose other capitalised words are all
        known organisations or places (``juru bicara partai`` is generic, ``anggota Laskar
        Nusantara Yeni`` names someone the entity stage missed)."""
        text = self.doc.text
        words = list(_WORD.finditer(text, lo, hi))
        if not words or not words[0].group(0)[:1].isupper():
            return False
        covered = [(m[0], m[1]) for m in mentions]
        for w in words[1:]:
            if w.group(0)[:1].isupper() and not any(a <= w.start() < b for a, b in covered):
                return False
        return True

    def _recent_person(self, pos: int, role: list[str]) -> Speaker | None:
        """The latest person quoted in the five sentences before ``pos``, preferring one whose
        title shares a word with ``role`` (``kata Ketua MPR`` after quotes of the Ketua)."""
        idx = self.doc.sentence_at(pos)
        floor = self.doc.sentences[max(0, idx - 5)].start if idx is not None else 0
        recent: list[tuple[Speaker, Entity]] = []
        for at, sp in reversed(self.said):
            ent = self.doc.entity(sp.entity or "")
            if floor <= at < pos and ent is not None and ent.type == _PERSON:
                recent.append((sp, ent))
        for sp, ent in recent:
            if set(role) & set((ent.title or "").lower().split()):
                return sp
        return recent[0][0] if recent else None

    def agent_end(self, lo: int, hi: int) -> int:
        """End of the agent phrase after a cue: ``kata Kapolres X, Kombes Y, kepada wartawan``."""
        text = self.doc.text
        pos = lo
        skip_to = 0
        for m in _AGENT_TOKEN.finditer(text, lo, hi):
            tok = m.group(0)
            low = tok.lower()
            if skip_to and m.start() < skip_to:
                continue
            if tok == ",":
                nxt = _AGENT_TOKEN.search(text, m.end(), hi)
                word = nxt.group(0) if nxt else ""
                if not word[:1].isupper() or word.lower() in _DAYS:
                    return pos
                continue
            if tok == "(":
                close = text.find(")", m.end(), hi)
                if close < 0:
                    return pos
                skip_to = close + 1
                continue
            if tok in '.;:!?)"“”' or low in _AGENT_STOP or low.startswith(("dikutip", "dilansir")):
                return pos
            if pos > lo and tok.islower() and _VERB_FORM.match(tok) and low not in self.lex.speakers:
                return pos  # `kata Nadine ditemui bersama Ilham`: a verb ends the agent
            pos = m.end()
        return pos

    def _subject_mentions(
        self, lo: int, hi: int, mentions: list[tuple[int, int, Entity]]
    ) -> list[tuple[int, int, Entity]]:
        text = self.doc.text
        # `X mengonfirmasi ... dan mengatakan`: the subject is the clause's first phrase
        tail = text[lo:hi].rstrip().lower()
        if tail.endswith((" dan", " serta")):
            return mentions[:1]
        if tail.endswith((" lalu", " kemudian")) and re.search(r"\b(?:me|ber|di)[a-z]{3,}\b", tail):
            return mentions[:1]  # (`X, Jenderal Y, kemudian mengatakan`: an adverb, no clause before)
        # `… setelah Ukraina mewanti-wanti`: the subject follows the last clause linker
        for link in reversed(list(_LINKER.finditer(text, lo, hi))):
            after = [x for x in mentions if x[0] >= link.end()]
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

    def _by_title(self, phrase: str) -> Speaker | None:
        """The person whose title the phrase is: ``Kapolri`` -> the entity titled Kapolri."""
        low = phrase.lower()
        for ent in self.doc.entities:
            title = (ent.title or "").lower()
            if ent.type == _PERSON and title and (low == title or set(low.split()) <= set(title.split())):
                return Speaker(ent.id, ent.name)
        return None

    # -- pronouns ------------------------------------------------------------------------------
    def reference(self, lo: int, hi: int, want: str = "person") -> Speaker | None:
        """The entity the ``coref`` stage resolved a pronoun or role noun in ``text[lo:hi]`` to
        (the last one: the subject stands right before the verb), when that stage ran."""
        types = _WANTED[want]
        for ref in reversed(self.doc.references):
            if lo <= ref.start < hi:
                ent = self.doc.entity(ref.entity)
                if ent is not None and ent.type in types:
                    return Speaker(ent.id, ent.name)
        return None

    def _group(self, pos: int, word: str | None) -> Speaker:
        """``Mereka mengatakan``: the organisation that opens the sentence before (``Partai Demokrat
        … menuding. Mereka mengklaim``), else nobody (``Para pemerhati … . Mereka mengatakan``:
        a group is rarely one entity of the article)."""
        idx = self.doc.sentence_at(pos)
        if not idx:
            return Speaker(None, word)
        prev = self.doc.sentences[idx - 1]
        opening = _WORD.findall(self.doc.text[prev.start : prev.start + 30].lower())[:1]
        head = self.mentions_in(prev.start, min(prev.end, prev.start + 40), starting=True)
        lead = _WORD.findall(self.doc.text[prev.start : head[0][0]]) if head else []
        if head and head[0][2].type == "ORGANIZATION" and len(lead) <= 2 and opening[:1] != ["para"]:
            return Speaker(head[0][2].id, head[0][2].name)
        return Speaker(None, word)

    def _settled(self, pos: int, want: str, word: str | None, end: int | None) -> Speaker | None:
        """What ``mereka`` stands for, or the entity ``coref`` resolved the pronoun to."""
        if want == "group":
            return self._group(pos, word)
        return self.reference(pos, end, want) if end is not None and self.doc.references else None

    def pronoun(
        self, pos: int, want: str = "person", word: str | None = None, end: int | None = None
    ) -> Speaker:
        """The referent of a pronoun at ``pos``: the entity the ``coref`` stage resolved it to (in
        ``text[pos:end]``), else, walking back sentence by sentence, the speaker of the latest quote
        there, else the sentence's first person (or organisation) outside quotes; a sentence whose
        own subject is a pronoun (``Ia lantas menyinggung … Prabowo``) names only objects, so it is
        passed over. Unresolved: no entity, ``word`` as the text."""
        found = self._settled(pos, want, word, end)
        if found is not None:
            return found
        idx = self.doc.sentence_at(pos)
        if idx is None:
            return Speaker(None, word)
        types = _WANTED[want]

        def said_in(lo: int, hi: int, kinds: set[str] = types) -> Speaker | None:
            for at, sp in reversed(self.said):
                ent = self.doc.entity(sp.entity or "")
                if lo <= at < hi and ent is not None and ent.type in kinds:
                    return sp
            return None

        def subject_in(i: int) -> Speaker | None:
            sent = self.doc.sentences[i]
            found = [m for m in self.mentions_in(sent.start, sent.end) if m[2].type in types]
            found = [m for m in found if not self._modifier(m) and not self._object(m)]
            if not found:
                return None
            # `Ke depan, pihaknya mencermati … Donald Trump`: a pronoun before any name is the
            # sentence's subject, and the names after it are objects
            head = _WORD.findall(self.doc.text[sent.start : found[0][0]])
            if any(w.lower() in _SUBJECT_PRONOUNS for w in head):
                return None
            return Speaker(found[0][2].id, found[0][2].name)

        sent = self.doc.sentences[idx]
        prev_idx = idx - 1
        # the same sentence's earlier quote, then the sentence right before
        # (a person quoted just before may have been typed as an organisation by the entity stage)
        near = types | {"ORGANIZATION"}
        hit = said_in(sent.start, pos, near)
        if hit is None and prev_idx >= 0:
            prev = self.doc.sentences[prev_idx]
            hit = said_in(prev.start, prev.end, near) or subject_in(prev_idx)
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
        return said_in(floor, pos, near) or Speaker(None, word)
