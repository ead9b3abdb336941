"""Stage ``events``: PLOVER-coded events — who did what to whom, when, where, and whether it happened.

For each sentence: find triggers from the Indonesian lexicon (``resources/events/triggers.txt``),
read source and target from the clause (subject before the verb, object after it, the agent of a
passive, ``ke``/``terhadap``/``kepada`` targets), decide the status from cues and from the verb that
governs the trigger (an accusation's content is reported, a denied claim is ``denied``), take the date
from the clause's time expression and the place from a ``di`` + LOCATION entity. Mentions of the same
event across sentences ("Pembicaraan itu ...") are merged into one event with every mention kept.
"""

from __future__ import annotations

from typing import ClassVar

from warta.events.actors import ActorResolver
from warta.events.clause import (
    AUX,
    LIGHT_VERBS,
    PUNCT_BOUNDARY,
    RECEIVE_VERBS,
    SPEECH_VERBS,
    Clauses,
    fuzzy_equal,
    object_chunk,
    subject_chunks,
)
from warta.events.lexicon import Entry, Lexicon, load_lexicon
from warta.events.merge import (
    RECIPROCAL,
    SPEAKER_TYPES,
    Found,
    add_event,
    deny_previous,
    same_actor,
    stronger,
)
from warta.lang.morphology import strip_clitics
from warta.model import Actor, Document, Event
from warta.settings import Settings
from warta.stages.base import Stage

__all__ = ["EventsStage", "extract_events"]

_DENY_ROOTS = ("bantah", "sangkal", "tepis", "tampik", "membantah", "dibantah", "menyangkal", "disangkal")
_ANAPHORS = frozenset({"itu", "tersebut", "ini"})
_TARGET_PREPS = (
    "ke",
    "terhadap",
    "kepada",
    "atas",
    "untuk",
    "bagi",
    "pada",
    "dengan",
    "bersama",
    "melawan",
    "dari",
)
_QUOTE_MARKS = frozenset({"“", "”", '"'})
#: types whose direct object is the thing moved, not the recipient ("mengirim senjata ke Ukraina")
_THING_OBJECT = frozenset({"AID", "MOBILIZE"})
_PURPOSE = frozenset({"untuk", "guna", "demi"})
#: passives whose unnamed agent is the authorities ("pelaku ditahan"): the source gets the article's
#: country, this sector and an empty text
_IMPLICIT_AGENTS = {
    **dict.fromkeys(
        ["ditangkap", "ditahan", "diamankan", "diringkus", "dibekuk", "dicokok", "disita", "digeledah",
         "digerebek", "dideportasi", "diperiksa", "diselidiki", "disidik", "diusut", "diinterogasi",
         "dipanggil"],
        "COP",
    ),
    **dict.fromkeys(
        ["ditetapkan", "didakwa", "dituntut", "divonis", "dihukum", "dijatuhi", "dipenjara", "dipenjarakan",
         "dinyatakan"],
        "JUD",
    ),
}  # fmt: skip
#: "menyerang X dengan pernyataan": an attack in words is an accusation
_VERBAL_ATTACK = frozenset(
    {"pernyataan", "kritik", "komentar", "cuitan", "twit", "ucapan", "kata-kata", "dokumen", "memo", "pidato",
     "retorika", "tudingan", "tuduhan", "kecaman", "sindiran", "verbal"}
)  # fmt: skip
#: nouns whose genitive is what they are about, not who did it ("gugatan hasil pilkada")
_CONTENT_NOUNS = frozenset({"gugatan", "dakwaan", "tuduhan", "tudingan", "tuntutan", "usulan", "permohonan"})
#: words a subject-less clause starts with: its subject is the previous clause's ("X mundur, setelah menolak")
_ELLIPSIS = frozenset(
    {"setelah", "sebelum", "sambil", "seraya", "usai", "dan", "serta", "lalu", "kemudian", ","}
)
#: nouns between a light verb and its event noun: "memulai program latihan", "melakukan aksi unjuk rasa"
_FILLERS = frozenset(
    {"program", "aksi", "upaya", "kegiatan", "operasi", "rangkaian", "serangkaian", "sejumlah"}
)
#: words between "di" and a place name: "tiba di pelabuhan selatan Odessa"
_PLACE_WORDS = frozenset(
    {
        "kota", "pelabuhan", "wilayah", "provinsi", "kabupaten", "desa", "kecamatan", "distrik", "negara",
        "ibu", "pulau", "selatan", "utara", "barat", "timur", "perbatasan", "kawasan", "daerah", "bandara",
        "markas", "gedung", "istana", "kantor", "laut", "perairan", "semenanjung", "jalan", "kampung",
        "kelurahan", "bagian", "sebelah", "dekat", "luar", "dalam", "sekitar", "lepas", "pantai", "kompleks",
    }
)  # fmt: skip
#: what a denial can point back to: "Klaim itu dibantah Moskow"
_CLAIM_NOUNS = frozenset(
    {"klaim", "tuduhan", "tudingan", "laporan", "kabar", "rumor", "isu", "informasi", "berita", "spekulasi"}
)


class _Sentence:
    """Per-sentence view: lower-cased words, capitalisation, entity mask, clauses."""

    def __init__(self, doc: Document, index: int, resolver: ActorResolver) -> None:
        sent = doc.sentences[index]
        self.index = index
        self.offset = sent.token_start
        toks = doc.tokens[sent.token_start : sent.token_end]
        self.words = [t.text.lower() for t in toks]
        self.caps = [t.text[:1].isupper() for t in toks]
        self.named = [resolver.named(sent.token_start + k) for k in range(len(toks))]
        self.clauses = Clauses(self.words, self.caps, self.named)
        self.tokens = toks
        marks = 0
        self.in_quote = []
        for w in self.words:
            if w in _QUOTE_MARKS:
                marks += 1
            self.in_quote.append(marks % 2 == 1)
        #: clause ids with a trigger or a verb of their own (computed on first use)
        self.busy: set[int] | None = None


def _match(lex: Lexicon, s: _Sentence, i: int) -> tuple[Entry, int] | None:
    """The longest trigger starting at word ``i`` (its entry and length), if any."""
    w = s.words[i]
    if s.named[i] or (s.caps[i] and i > 0):
        return None
    entries = lex.triggers.get(w, []) + lex.triggers.get(strip_clitics(w), [])
    best: tuple[Entry, int] | None = None
    best_pos = 99
    for entry in entries:
        n = len(entry.words)
        got = s.words[i : i + n]
        if len(got) < n or entry.words not in (tuple(got), (*got[:-1], strip_clitics(got[-1]))):
            continue
        if any(tuple(s.words[i : i + len(p)]) == p and len(p) >= n for p in lex.never.get(w, [])):
            return None
        if best is not None and len(best[0].words) > n:
            break
        if not entry.objects:
            if best is None:
                best = (entry, n)
            continue
        pos = _object_position(s, i, i + n, entry)
        if pos is not None and pos < best_pos:
            best, best_pos = (entry, n), pos
    return best


def _object_position(s: _Sentence, start: int, end: int, entry: Entry) -> int | None:
    """How far (in words) the nearest required object is from the trigger, or None."""
    window = list(range(end, min(end + 5, len(s.words))))
    if entry.passive:
        window += list(range(max(0, start - 5), start))
    for dist, k in enumerate(window):
        w = strip_clitics(s.words[k])
        bigram = w + " " + strip_clitics(s.words[k + 1]) if k + 1 < len(s.words) else ""
        if w in entry.objects or bigram in entry.objects:
            return dist
    return None


def _status_cues(lex: Lexicon, s: _Sentence, head: int) -> str:
    """Status from cue words left of ``head`` in its clause (and governing cues before "bahwa")."""
    status = "asserted"
    k = head - 1
    lower = max(0, head - 10)
    while k >= lower:
        w = s.words[k]
        if w in PUNCT_BOUNDARY or (s.clauses.ids[k] != s.clauses.ids[head] and w != "bahwa"):
            break
        if w == "bahwa":
            for g in range(max(0, k - 3), k):
                cue = lex.status.get((s.words[g],))
                if cue and cue[1]:
                    status = stronger(status, cue[0])
            break
        for n in (2, 1):
            phrase = tuple(s.words[k : k + n])
            cue = lex.status.get(phrase)
            if cue is None and n == 1:
                cue = next((v for c, v in lex.status.items() if len(c) == 1 and fuzzy_equal(w, c[0])), None)
            if cue is not None and k + n <= head:
                status = stronger(status, cue[0])
                break
        if s.clauses.boundary(k) and w not in ("jika", "kalau", "apabila", "bila"):
            break
        k -= 1
    return status


def _light_verb(s: _Sentence, i: int) -> int | None:
    """Index of the light verb a noun trigger is the object of ("melakukan (aksi) serangan")."""
    k = i - 1
    if k >= 0 and s.words[k] in _FILLERS:
        k -= 1
    if k >= 0 and (s.words[k] in LIGHT_VERBS | RECEIVE_VERBS or (s.words[k] in AUX and s.clauses.verb(k))):
        return k  # also control verbs: "menjadwalkan pemeriksaan", "mempertimbangkan sanksi"
    return None


def _status_after(lex: Lexicon, s: _Sentence, end: int) -> str:
    """Modal cues after a noun trigger's own phrase: "invasi Rusia bisa berlangsung"."""
    status = "asserted"
    k = end
    while k < len(s.words) and k - end < 6 and not s.clauses.boundary(k):
        cue = lex.status.get((s.words[k],))
        if cue is not None and not cue[1]:
            status = stronger(status, cue[0])
        if s.clauses.verb(k):
            break
        k += 1
    return status


def _mode(lex: Lexicon, s: _Sentence, found: Found) -> str | None:
    if found.entry.mode:
        return found.entry.mode
    lo = found.start - s.offset
    hi = min(len(s.words), found.end - s.offset + 7)
    clause = s.clauses.ids[lo]
    span = [k for k in range(len(s.words)) if s.clauses.ids[k] == clause or lo <= k < hi]
    for cue, mode in lex.modes.get(found.entry.type, []):
        for k in span:
            if tuple(strip_clitics(x) for x in s.words[k : k + len(cue)]) == cue:
                return mode
    return None


class _Extractor:
    def __init__(self, doc: Document, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.resolver = ActorResolver(doc, lex)
        self.quote_spans = [(q.start, q.end) for q in doc.quotes]

    # --- actors -------------------------------------------------------------------------------
    def _abs(self, s: _Sentence, chunk: tuple[int, int] | None) -> list[tuple[int, int]]:
        return [] if chunk is None else [(chunk[0] + s.offset, chunk[1] + s.offset)]

    def _targets(self, s: _Sentence, after: int, typ: str) -> list[Actor]:
        """Actors after target prepositions in the clause(s) following ``after``."""
        k = after
        n = len(s.words)
        while k < n and k - after < 12:
            w = s.words[k]
            if w in PUNCT_BOUNDARY or (s.clauses.boundary(k) and w != "untuk"):
                break
            if w in _TARGET_PREPS and not s.named[k]:
                if (
                    w in ("dengan", "bersama")
                    and typ not in RECIPROCAL
                    and not (w == "dengan" and typ == "ASSAULT")
                ):
                    k += 1
                    continue
                if w == "dari" and typ not in ("RETREAT", "ASSAULT", "SANCTION"):
                    k += 1
                    continue
                if k + 1 < n and s.clauses.verb(k + 1):
                    break
                got = self.resolver.resolve(self._abs(s, object_chunk(s.clauses, k + 1)))
                if got:
                    return got
            k += 1
        return []

    def _agent_after(self, s: _Sentence, j: int) -> list[Actor]:
        if j < len(s.words) and s.words[j] == "oleh":
            j += 1
        return self.resolver.resolve(self._abs(s, object_chunk(s.clauses, j)))

    def _oleh(self, s: _Sentence, j: int) -> list[Actor]:
        for k in range(j, min(len(s.words), j + 10)):
            if s.words[k] == "oleh":
                return self.resolver.resolve(self._abs(s, object_chunk(s.clauses, k + 1)))
            if s.words[k] in PUNCT_BOUNDARY:
                break
        return []

    def actors(self, s: _Sentence, f: Found) -> None:
        i, j = f.start - s.offset, f.end - s.offset
        entry = f.entry
        lv = _light_verb(s, i) if not entry.verbal else None
        light = lv is not None
        receive = lv is not None and s.words[lv] in RECEIVE_VERBS

        def subject(h: int) -> list[Actor]:
            return self.resolver.resolve(
                [(a + s.offset, b + s.offset) for a, b in subject_chunks(s.clauses, h)]
            )

        if entry.verbal or lv is not None:
            head = lv if lv is not None else i
            if entry.passive:
                f.source = self._agent_after(s, j) or self._oleh(s, j)
                f.target = subject(head)
                if not f.source and s.words[i] in _IMPLICIT_AGENTS:
                    f.source = [
                        Actor(
                            text="",
                            country=self.resolver.default_country,
                            sector=_IMPLICIT_AGENTS[s.words[i]],
                        )
                    ]
            elif receive:  # "Jokowi menerima kunjungan PM Jepang", "menerima bantuan dari AS"
                f.target = subject(head)
                f.source = self._oleh(s, j) or self._after_dari(s, j)
                if not f.source and not entry.verbal and s.words[i] not in _CONTENT_NOUNS:
                    f.source = self.resolver.resolve(self._abs(s, object_chunk(s.clauses, j)))
            else:
                f.source = subject(head)
                thing = entry.type in _THING_OBJECT and not s.words[i].startswith(("membantu", "dibantu"))
                # the object is the target, also of a light verb's patient noun ("memerintahkan
                # pengusiran 15 diplomat Iran"), but not the thing sent ("mengirim senjata")
                if (not light and not thing) or (light and entry.patient_genitive):
                    f.target = self.resolver.resolve(self._abs(s, object_chunk(s.clauses, j)))
        elif entry.patient_genitive:
            f.target = self.resolver.resolve(self._abs(s, object_chunk(s.clauses, j)))
            f.source = self._oleh(s, j)
            nxt = s.words[j] if j < len(s.words) else ""
            f.anaphoric = nxt in _ANAPHORS or not (f.source or f.target)
        else:
            genitive = (
                []
                if s.words[i] in _CONTENT_NOUNS
                else self.resolver.resolve(self._abs(s, object_chunk(s.clauses, j)))
            )
            if (
                entry.type == "AID"
                and genitive
                and genitive[0].sector not in (None, "GOV", "MIL", "INTL", "IGO")
            ):
                f.target, genitive = genitive, []  # "bantuan dana partai politik": who gets it, not who gives
            f.source = genitive or self._oleh(s, j)
            nxt = s.words[j] if j < len(s.words) else ""
            f.anaphoric = nxt in _ANAPHORS or not (f.source or self._targets(s, j, entry.type))
        if not f.target:
            f.target = self._targets(s, j, entry.type)
        if entry.verbal and not entry.passive and entry.type in ("COERCE", "ASSAULT") and not f.target:
            obj = object_chunk(s.clauses, j)
            if obj is not None and entry.mode in ("arrest", None, "beat", "targeted"):
                f.source = []  # "menangkap spirit perlindungan data": the object is no one
        if entry.type == "ASSAULT" and any(w in _VERBAL_ATTACK for w in s.words[j : j + 12]):
            f.entry = Entry(entry.words, "ACCUSE", "disapprove", entry.verbal, entry.passive)
        if f.source and f.target and same_actor(f.source[0], f.target[0]):
            f.target = f.target[1:]
        mutual = entry.type in RECIPROCAL or "saling" in s.words[max(0, i - 3) : i]
        if mutual and len(f.source) > 1 and not f.target:
            f.target = [f.source.pop(1)]

    def _subject(self, s: _Sentence, verb: int) -> list[Actor]:
        return self.resolver.resolve(
            [(a + s.offset, b + s.offset) for a, b in subject_chunks(s.clauses, verb)]
        )

    def _after_dari(self, s: _Sentence, j: int) -> list[Actor]:
        for k in range(j, min(len(s.words), j + 8)):
            if s.words[k] == "dari":
                return self.resolver.resolve(self._abs(s, object_chunk(s.clauses, k + 1)))
        return []

    # --- per sentence -----------------------------------------------------------------------------
    def sentence(self, index: int) -> list[Found]:
        s = _Sentence(self.doc, index, self.resolver)
        found: list[Found] = []
        i = 0
        while i < len(s.words):
            m = _match(self.lex, s, i)
            if m is None:
                i += 1
                continue
            entry, n = m
            found.append(Found(index, s.offset + i, s.offset + i + n, entry))
            i += n
        # a noun right after a verbal trigger of the same type is its object ("mengirim bantuan")
        found = [
            f
            for k, f in enumerate(found)
            if not (
                k > 0
                and not f.entry.verbal
                and found[k - 1].entry.type == f.entry.type
                and f.start - found[k - 1].end <= 2
            )
        ]
        for f in found:
            self.actors(s, f)
            f.mode = _mode(self.lex, s, f)
            head = f.start - s.offset
            lv = None if f.entry.verbal else _light_verb(s, head)
            if lv is not None:
                head = lv
            f.status = _status_cues(self.lex, s, head)
            if lv is not None and (s.words[lv],) in self.lex.status:  # "menjadwalkan pemeriksaan"
                f.status = stronger(f.status, self.lex.status[(s.words[lv],)][0])
            if not f.entry.verbal and head == f.start - s.offset:
                f.status = stronger(f.status, _status_after(self.lex, s, f.end - s.offset))
            local = f.start - s.offset
            char = self.doc.tokens[f.start].start
            if s.in_quote[local] or any(a <= char < b for a, b in self.quote_spans):
                f.reported = True
        for k, f in enumerate(found):
            if f.source or not (f.entry.verbal or _light_verb(s, f.start - s.offset) is not None):
                continue
            head = f.start - s.offset
            while (
                head > 0
                and s.words[head - 1] not in SPEECH_VERBS
                and (s.words[head - 1] in AUX or s.words[head - 1] in LIGHT_VERBS)
            ):
                head -= 1
            if head > 0 and s.words[head - 1] in SPEECH_VERBS:  # "Korut mengatakan telah mempersiapkan ..."
                f.source = self._subject(s, head - 1)[:1]
            elif head > 0 and (s.words[head - 1] in _PURPOSE or s.words[head - 1] in _ELLIPSIS):
                prev = next((g for g in reversed(found[:k]) if g.source), None)
                if prev is not None:
                    f.source = prev.source[:1]
                else:  # "PBB membuat rencana untuk menyediakan bantuan": the main verb's subject
                    verb = next((x for x in range(head - 2, -1, -1) if s.clauses.verb(x)), None)
                    f.source = self._subject(s, verb)[:1] if verb is not None else []
            if f.source and f.target and same_actor(f.source[0], f.target[0]):
                f.target = []
        self._govern(s, found)
        for k, f in enumerate(found):
            head = f.start - s.offset
            if k > 0 and head > 0 and s.words[head - 1] in _PURPOSE:
                prev = found[k - 1]
                f.status = stronger(f.status, stronger(prev.status, "planned"))
                f.reported = f.reported or prev.reported
                f.governed = f.governed or prev.governed
        found += self._disapproval(s, found)
        for f in found:
            f.date = self._date(s, f)
            f.location = self._location(s, f)
            pub = (self.doc.published or "")[:10][: len(f.date or "")]
            if f.date and pub and f.date[:4].isdigit() and f.date[:10] > pub:
                if f.entry.type in SPEAKER_TYPES:
                    f.date = None  # a statement is made now; its future date belongs to what it is about
                elif f.status == "asserted" and not f.governed:
                    f.status = "planned"
        return found

    def _govern(self, s: _Sentence, found: list[Found]) -> None:
        """Content events: what is accused, denied, requested, refused or said."""
        for k, f in enumerate(found):
            local = f.start - s.offset
            gov: Found | None = None
            for g in reversed(found[:k]):
                if local - (g.end - s.offset) > 12:
                    break
                between = range(g.end - s.offset, local)
                if any(
                    s.words[x] == ";" or (s.clauses.boundary(x) and s.words[x] != "bahwa") for x in between
                ):
                    break
                if g.entry.verbal or s.words[g.start - s.offset - 1] in LIGHT_VERBS:
                    gov = g
                break
            speech = None
            for x in range(local - 1, max(-1, local - 14), -1):
                if s.words[x] in (";", "“", "”"):
                    break
                if s.words[x] in SPEECH_VERBS:
                    speech = x
                    break
            if gov is not None and (speech is None or gov.end - s.offset > speech):
                typ = gov.entry.type
                root = s.words[gov.start - s.offset]
                f.governed = typ in ("ACCUSE", "REJECT", "REQUEST", "THREATEN", "AGREE", "CONSULT")
                if typ == "ACCUSE":
                    f.reported = True
                    f.status = stronger(f.status, "hypothetical")
                elif typ == "REJECT" and root.startswith(_DENY_ROOTS):
                    f.reported = True
                    f.status = "denied"
                    if not f.source:
                        f.source = gov.source[:1]
                elif typ == "REJECT":
                    f.status = stronger(f.status, "negated")
                elif typ in ("REQUEST", "THREATEN"):
                    f.status = stronger(f.status, "hypothetical")
                elif typ == "AGREE":
                    f.status = stronger(f.status, "planned")
                elif typ == "CONSULT":
                    f.reported = True  # what was discussed
            if speech is not None:
                f.reported = True
                f.governed = True

    def _disapproval(self, s: _Sentence, found: list[Found]) -> list[Found]:
        """ACCUSE from criticism in reported speech ("Peskov mengatakan langkah AS ... meningkatkan
        ketegangan")."""
        out: list[Found] = []
        for x, w in enumerate(s.words):
            if w not in SPEECH_VERBS or s.in_quote[x]:
                continue
            for y in range(x + 1, len(s.words)):
                cue = next((c for c in self.lex.disapproval if tuple(s.words[y : y + len(c)]) == c), None)
                if cue is None:
                    continue
                speaker = self.resolver.resolve(
                    [(a + s.offset, b + s.offset) for a, b in subject_chunks(s.clauses, x)]
                )
                if not speaker:
                    break
                target: list[Actor] = []
                for z in range(x + 1, y):  # a foreign actor named in the criticism
                    if s.named[z] or self.resolver.gazetteer(s.words, z):
                        got = self.resolver.resolve([(z + s.offset, z + s.offset + 1)])
                        if got and got[0].country != speaker[0].country:
                            target = got[:1]
                            break
                if not target:  # else whoever the words are about: "menyebut pemilik toko melanggar"
                    first = self.resolver.resolve(self._abs(s, object_chunk(s.clauses, x + 1)))
                    if first and not same_actor(first[0], speaker[0]):
                        target = first[:1]
                entry = Entry(cue, "ACCUSE", "disapprove", True, False)
                f = Found(s.index, s.offset + y, s.offset + y + len(cue), entry, speaker[:1], target)
                f.mode = "disapprove"
                out.append(f)
                break
        return [f for f in out if not any(g.entry.type == "ACCUSE" and g.source == f.source for g in found)]

    # --- when and where -----------------------------------------------------------------------------
    def _date(self, s: _Sentence, f: Found) -> str | None:
        sent = self.doc.sentences[s.index]
        local = f.start - s.offset
        clause = s.clauses.ids[local]
        in_clause: list[tuple[int, str]] = []
        free: list[tuple[int, str]] = []
        # clauses with a trigger or a verb of their own keep their times to themselves
        if s.busy is None:
            s.busy = {
                s.clauses.ids[k] for k in range(len(s.words)) if s.clauses.verb(k) or _match(self.lex, s, k)
            }
        busy = s.busy
        own = {clause}
        end = f.end - s.offset
        if not f.entry.verbal:  # "serangan yang dilakukan pada Kamis itu"
            nxt = end + 1 if end < len(s.words) and s.words[end] in _ANAPHORS else end
            if nxt < len(s.words) and s.words[nxt] == "yang":
                own.add(s.clauses.ids[nxt])
        for t in self.doc.times:
            if not (sent.start <= t.start < sent.end) or t.type not in ("DATE", "TIME"):
                continue
            if not t.value[:4].isdigit():
                continue
            value = t.value.split("T")[0] if "T" in t.value and t.value[:4].isdigit() else t.value
            k = next((q for q, tok in enumerate(s.tokens) if tok.end > t.start), None)
            if k is None:
                continue
            if s.clauses.ids[k] in own:
                in_clause.append((abs(k - local), value))
            elif s.clauses.ids[k] not in busy and self._edge_time(s, t.start, t.end):
                free.append((abs(k - local), value))  # a fronted or closing adverbial
        if in_clause:
            return min(in_clause)[1]
        if free and not f.governed:
            return min(free)[1]
        return None

    def _edge_time(self, s: _Sentence, start: int, end: int) -> bool:
        """Does the time open the sentence ("Pada Selasa (23/11), ...") or close it ("..., Rabu (14/2).")?"""
        words = [t for t in s.tokens if t.text not in PUNCT_BOUNDARY]
        before = [t for t in words if t.end <= start]
        after = [t for t in words if t.start >= end]
        if len(before) <= 1:
            return True
        return len(after) <= 4 and not any(s.clauses.verb(s.tokens.index(t)) for t in after)

    def _location(self, s: _Sentence, f: Found) -> str | None:
        best: tuple[int, str] | None = None
        local = f.start - s.offset
        for k in range(len(s.words)):
            ents = self.resolver.token_entities.get(s.offset + k, [])
            loc = next((e for e in ents if e.type == "LOCATION"), None)
            if loc is None:
                continue
            # "di X"; for visits also "ke X" (the place visited is where the meeting happens)
            preps = ("di", "ke") if f.entry.type == "CONSULT" and f.mode == "visit" else ("di",)
            for back in range(k - 1, max(-1, k - 5), -1):
                w = s.words[back]
                if w not in _PLACE_WORDS and w not in preps and not s.named[back]:
                    break
                if w in preps:
                    dist = abs(k - local) + (0 if s.clauses.ids[k] == s.clauses.ids[local] else 50)
                    if best is None or dist < best[0]:
                        best = (dist, loc.id)
                    break
                if w in PUNCT_BOUNDARY or s.clauses.verb(back):
                    break
        return best[1] if best else None

    # --- the whole document --------------------------------------------------------------------------
    def run(self) -> list[Event]:
        events: list[Event] = []
        keys: list[Found] = []
        for index in range(len(self.doc.sentences)):
            found = self.sentence(index)
            for f in found:
                add_event(self.doc, f, events, keys)
            for f in found:
                if f.entry.type == "REJECT" and f.source and self._denies_claim(f):
                    deny_previous(events, f)
        return events

    def _denies_claim(self, f: Found) -> bool:
        """A denial pointing back at a claim: "Klaim itu dibantah Moskow", "membantah tuduhan tersebut"."""
        sent = self.doc.sentences[f.sentence]
        words = [t.text.lower() for t in self.doc.tokens[sent.token_start : sent.token_end]]
        local = f.start - sent.token_start
        root = words[local]
        if not root.startswith(_DENY_ROOTS):
            return False
        near = words[max(0, local - 4) : local] if f.entry.passive else words[local + 1 : local + 4]
        return any(w in _CLAIM_NOUNS for w in near)


def extract_events(doc: Document, lex: Lexicon | None = None) -> list[Event]:
    """The events of ``doc`` (needs sentences and tokens; uses entities, times, quotes when present)."""
    if not doc.sentences or not doc.tokens:
        return []
    return _Extractor(doc, lex or load_lexicon()).run()


class EventsStage(Stage):
    """Sets ``doc.events``."""

    name: ClassVar[str] = "events"
    requires: ClassVar[tuple[str, ...]] = ("sentences", "entities", "times", "quotes")
    provides: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.lexicon = load_lexicon()

    def __call__(self, doc: Document) -> None:
        doc.events = extract_events(doc, self.lexicon)
