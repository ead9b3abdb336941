"""Stage ``events``: PLOVER-coded events — who did what to whom, when, where, and whether it happened.

For each sentence: find triggers from the Indonesian lexicon (``resources/events/triggers.txt``),
read source and target from the clause (subject before the verb, object after it, the agent of a
passive, ``ke``/``terhadap``/``kepada`` targets), decide the status from cues and from the verb that
governs the trigger (an accusation's content is reported, a denied claim is ``denied``), take the date
from the clause's time expression and the place from a ``di`` + LOCATION entity. Mentions of the same
event across sentences ("Pembicaraan itu ...") are merged into one event with every mention kept.
"""

from __future__ import annotations

import datetime
import re
from typing import ClassVar

from warta.lang.morphology import strip_clitics
from warta.model import Actor, Document, Event
from warta.settings import Settings
from warta.stages.base import Stage
from warta.stages.events.actors import STATEMENT_NOUNS, ActorResolver
from warta.stages.events.clause import (
    AUX,
    LIGHT_VERBS,
    PUNCT_BOUNDARY,
    RECEIVE_VERBS,
    SPEECH_VERBS,
    Clauses,
    fuzzy_equal,
    object_chunk,
    relative_head,
    subject_chunks,
)
from warta.stages.events.lexicon import Entry, Lexicon, load_lexicon
from warta.stages.events.merge import (
    RECIPROCAL,
    SPEAKER_TYPES,
    Found,
    add_event,
    deny_previous,
    same_actor,
    stronger,
)

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
#: things whose attack is an attack on people ("menyerang desa", "menembaki kamp pengungsi")
_PLACE_OBJECTS = frozenset(
    {
        "desa", "desa-desa", "kota", "wilayah", "daerah", "kawasan", "kamp", "markas", "pangkalan", "pos",
        "gedung", "rumah", "permukiman", "pemukiman", "kantor", "kedutaan", "masjid", "gereja", "sekolah",
        "rumah sakit", "pasar", "konvoi", "kapal", "pesawat", "kendaraan", "bus", "pelabuhan", "bandara",
    }
)  # fmt: skip
#: types of a passive relative verb whose agent responds to a noun trigger rather than acting it out
_RESPONSE_TYPES = frozenset({"REJECT", "RETREAT", "ACCUSE", "SANCTION", "CONCEDE", "SUPPORT"})
#: people nouns an actor lookup may not place ("menangkap istri dari Omarkhayam Maute")
_PEOPLE = frozenset(
    {
        "istri", "suami", "anak", "putra", "putri", "ayah", "ibu", "kakak", "adik", "kerabat", "keluarga",
        "orang", "seseorang", "pria", "wanita", "perempuan", "remaja", "bocah", "pemuda", "penduduk",
        "tersangka", "pelaku", "terduga", "buronan", "pengungsi", "migran", "imigran", "turis", "jurnalis",
        "wartawan", "aktivis", "pendukung", "simpatisan", "anggota", "tahanan", "sandera",
    }
)  # fmt: skip
_IMPLICIT_AGENTS = {
    **dict.fromkeys(
        ["ditangkap", "ditahan", "diamankan", "diringkus", "dibekuk", "dicokok", "disita", "digeledah",
         "digerebek", "dideportasi", "diperiksa", "diselidiki", "disidik", "diusut", "diinterogasi",
         "dipanggil"],
        "COP",
    ),
    **dict.fromkeys(
        ["ditetapkan", "didakwa", "dituntut", "divonis", "dihukum", "dijatuhi", "dipenjara", "dipenjarakan",
         "dinyatakan", "dijerat"],
        "JUD",
    ),
}  # fmt: skip
_COPULAS = frozenset({"merupakan", "adalah", "ialah"})
_NO_EVENT = frozenset({"tidak", "tak", "tanpa", "bukan", "belum", "jangan"})
#: firm action is a threat only while it is announced, not once taken ("RS X mengambil tindakan tegas")
_MODAL_THREATS = frozenset({("mengambil", "tindakan", "tegas"), ("bertindak", "tegas")})
#: noun triggers whose unnamed actors are the people of the place where it happens, with their sector
_UNNAMED_NOUN_TYPES = {"ASSAULT": None, "PROTEST": "CVL"}
#: "menyerang X dengan pernyataan": an attack in words is an accusation
_VERBAL_ATTACK = frozenset(
    {"pernyataan", "kritik", "komentar", "cuitan", "twit", "ucapan", "kata-kata", "dokumen", "memo", "pidato",
     "retorika", "tudingan", "tuduhan", "kecaman", "sindiran", "verbal"}
)  # fmt: skip
#: nouns whose genitive is what they are about, not who did it ("gugatan hasil pilkada")
_CONTENT_NOUNS = frozenset({"gugatan", "dakwaan", "tuduhan", "tudingan", "tuntutan", "usulan", "permohonan"})
#: words a subject-less clause starts with: its subject is the previous clause's ("X mundur, setelah menolak")
_ELLIPSIS = frozenset(
    {"setelah", "sebelum", "sambil", "seraya", "usai", "dan", "serta", "lalu", "kemudian", ",", "ketika",
     "saat", "seusai", "sesudah", "selepas", "sembari"}
)  # fmt: skip
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
#: advice in reported speech is a request: "X menilai pemerintah perlu menunda ekspor"
_ADVICE_SPEECH = frozenset(
    {"menilai", "mengatakan", "menyatakan", "menegaskan", "berpendapat", "menyarankan", "mengingatkan",
     "menekankan", "menganggap"}
)  # fmt: skip
_ADVICE_MODALS = frozenset(
    {"perlu", "harus", "sebaiknya", "hendaknya", "mesti", "semestinya", "seharusnya", "wajib", "diminta"}
)  # fmt: skip
#: first persons and the speaker's own side: "pihaknya perlu ..." asks no one
_SELF = frozenset({"kami", "kita", "saya", "aku", "pihaknya", "ia", "dia", "beliau", "dirinya", "mereka"})
#: speech-act nouns whose "dari" phrase is the source: "desakan mundur dari partainya"
_DARI_SOURCE_TYPES = frozenset({"REQUEST", "ACCUSE", "SUPPORT", "THREATEN", "AGREE", "REJECT"})
#: nouns of speech acts: refusing one does not undo it ("menolak desakan", "menolak tuduhan")
_SPEECH_ACTS = frozenset({"REQUEST", "ACCUSE", "THREATEN", "AGREE", "SUPPORT"})
#: a verb after these is a second predicate of the subject, not the content of the first one
_COORD = frozenset({"dan", "serta", "lalu", "kemudian", "sekaligus"})
#: frames whose subject did the act a following noun names ("bertanggung jawab atas serangan itu")
_RESPONSIBILITY = (
    ("bertanggung", "jawab", "atas"),
    ("bertanggungjawab", "atas"),
    ("mendalangi",),
    ("mengklaim",),
)
#: verbs whose actor follows them: passives ("disampaikan Mattis") and inverted speech ("kata Jokowi")
_AGENT_AFTER = ("di", "kata", "ujar", "ucap", "tutur")
#: passives that name or judge rather than do: "serangan yang disebut pemerintah sebagai ..."
_NAMING_PASSIVES = frozenset(
    {"disebut", "dinilai", "dianggap", "dikenal", "dinamakan", "diduga", "diyakini", "dilaporkan",
     "dikatakan", "diklaim", "dijuluki", "disinyalir", "ditengarai", "dikabarkan", "diberitakan"}
)  # fmt: skip
#: receivers of what the authorities impose
_IMPOSED = frozenset({"dikenai", "dikenakan", "dijatuhi", "terkena"})
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
    # names do not count: "menetapkan Wali Kota Madiun Bambang Irianto sebagai tersangka"
    window: list[int] = []
    k = end
    while k < len(s.words) and len(window) < 5 + sum(s.named[q] for q in window):
        window.append(k)
        k += 1
    if entry.passive:
        window += list(range(max(0, start - 5), start))
    for dist, k in enumerate(window):
        w = strip_clitics(s.words[k])
        bigram = w + " " + strip_clitics(s.words[k + 1]) if k + 1 < len(s.words) else ""
        if w in entry.objects or bigram in entry.objects:
            return dist
    return None


def _status_cues(lex: Lexicon, s: _Sentence, head: int, noun: bool = False) -> str:
    """Status from cue words left of ``head`` in its clause (and governing cues before "bahwa").

    For a noun trigger (``noun``) a negation before another verb is that verb's: "belum menerima laporan
    penggeledahan" does not negate the search; modal cues still apply ("bisa terlibat dalam kerja sama")."""
    status = "asserted"
    crossed = False  # passed another verb: its negation is its own, its modality is shared
    k = head - 1
    lower = max(0, head - 10)
    while k >= lower:
        w = s.words[k]
        if noun and s.clauses.verb(k) and (w,) not in lex.status and w not in LIGHT_VERBS and w not in AUX:
            noun = False
            crossed = True
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
                if not (crossed and cue[0] == "negated"):
                    status = stronger(status, cue[0])
                break
        if s.clauses.boundary(k) and w not in ("jika", "kalau", "apabila", "bila"):
            break
        k -= 1
    return status


def _after_publication(value: str, published: str) -> bool:
    """Does the TIMEX3 ``value`` lie wholly after the publication date? A week ("2016-W46") counts from
    its Monday: "pekan ini" is not the future."""
    if not value[:4].isdigit() or not published[:4].isdigit():
        return False
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        try:
            monday = datetime.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            sunday = monday + datetime.timedelta(days=6)
        except ValueError:
            return False
        return sunday.isoformat() > published[:10] and monday.isoformat() > published[:10]
    pub = published[:10][: len(value)]
    return value[:10] > pub


def _light_verb(s: _Sentence, i: int) -> int | None:
    """Index of the light verb a noun trigger is the object of ("melakukan (aksi) serangan")."""
    k = i - 1
    if k >= 0 and s.words[k] in _FILLERS:
        k -= 1
    if k >= 0 and (s.words[k] in LIGHT_VERBS | RECEIVE_VERBS or (s.words[k] in AUX and s.clauses.verb(k))):
        for q in range(i + 1, min(len(s.words), i + 8)):
            w = s.words[q]
            if s.clauses.boundary(q):  # "... permintaan maaf jika penolakan itu merupakan ..."
                break
            if w in _COPULAS:  # "menyatakan ledakan di pasar itu merupakan aksi teror": a subject
                return None
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
            if w == "(":  # an alias or acronym: "Presiden Joko Widodo (Jokowi) ke Singapura"
                close = next((q for q in range(k + 1, min(n, k + 6)) if s.words[q] == ")"), None)
                if close is not None:
                    k = close + 1
                    continue
            if w in PUNCT_BOUNDARY or (s.clauses.boundary(k) and w != "untuk"):
                break
            if w in _TARGET_PREPS and not s.named[k]:
                if (
                    w in ("dengan", "bersama")
                    and typ not in RECIPROCAL
                    and not (w == "dengan" and typ == "ASSAULT")
                    # "menunda/memutus hubungan diplomatik dengan Belanda"
                    and not (w == "dengan" and typ == "SANCTION" and "hubungan" in s.words[after:k])
                ):
                    k += 1
                    continue
                if w == "dari" and typ not in ("RETREAT", "ASSAULT", "SANCTION", "REJECT"):
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
            if k > j and s.words[k - 1] == "yang" and s.words[k].startswith("di"):
                m = _match(self.lex, s, k)
                if m is not None and m[0].type in _RESPONSE_TYPES:
                    break  # "serangan yang dikecam oleh AS": the agent of the condemnation, not of the attack
        return []

    def actors(self, s: _Sentence, f: Found) -> None:
        i, j = f.start - s.offset, f.end - s.offset
        entry = f.entry
        lv = _light_verb(s, i) if not entry.verbal else None
        light = lv is not None
        receive = lv is not None and s.words[lv] in RECEIVE_VERBS

        def subject(h: int) -> list[Actor]:
            chunks = subject_chunks(s.clauses, h)
            got = self.resolver.resolve([(a + s.offset, b + s.offset) for a, b in chunks])
            if not got and chunks:  # "Puluhan masyarakat yang tergabung dalam ... melakukan"
                got = self.resolver.resolve(self._abs(s, relative_head(s.clauses, chunks[0][0])))
            return got

        if entry.verbal or lv is not None:
            head = lv if lv is not None else i
            if entry.passive:
                f.source = self._agent_after(s, j) or self._oleh(s, j)
                if not f.source and entry.type == "ASSAULT":
                    f.source = self._dari_near(s, j)  # "Israel diserang roket dari Gaza"
                f.target = subject(head)
                if not f.source and s.words[i] in _IMPLICIT_AGENTS:
                    f.source = [
                        Actor(
                            text="",
                            country=self._place_country(s, f) or self.resolver.default_country,
                            sector=_IMPLICIT_AGENTS[s.words[i]],
                        )
                    ]
            elif receive:  # "Jokowi menerima kunjungan PM Jepang", "menerima bantuan dari AS"
                f.target = subject(head)
                f.source = self._oleh(s, j) or self._after_dari(s, j)
                if not f.source and f.target and s.words[head] in _IMPOSED and entry.type == "SANCTION":
                    # "dua pemuda dikenai sanksi adat": imposed by the unnamed authorities
                    f.source = [Actor(text="", country=self.resolver.default_country, sector="GOV")]
                if not f.source and not entry.verbal and s.words[i] not in _CONTENT_NOUNS:
                    f.source = self.resolver.resolve(self._abs(s, object_chunk(s.clauses, j)))
            else:
                f.source = subject(head)
                thing = (
                    entry.type in _THING_OBJECT and not s.words[i].startswith(("membantu", "dibantu"))
                ) or entry.mode == "yield"  # "mencabut sanksi": the thing lifted, not a recipient
                # the object is the target, also of a light verb's patient noun ("memerintahkan
                # pengusiran 15 diplomat Iran"), but not the thing sent ("mengirim senjata")
                if (not light and not thing) or (light and entry.patient_genitive):
                    f.target = self.resolver.resolve(self._abs(s, object_chunk(s.clauses, j)))
        elif entry.patient_genitive:
            f.target = self.resolver.resolve(self._abs(s, object_chunk(s.clauses, j)))
            f.source = self._oleh(s, j) or self._relative_agent(s, j)
            if not f.source and f.target and entry.type == "COERCE" and entry.mode in ("arrest", "seize"):
                # "penangkapan wanita itu": an arrest of someone by the unnamed authorities
                f.source = [Actor(text="", country=self.resolver.default_country, sector="COP")]
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
            if (
                not genitive
                and j + 1 < len(s.words)
                and s.words[j] == "antara"
                and (entry.type in RECIPROCAL or entry.type == "ASSAULT")
            ):
                # "Pertemuan antara Presiden Trump dan Presiden Xi": both sides
                genitive = self.resolver.resolve(self._abs(s, object_chunk(s.clauses, j + 1)))
            f.source = genitive or self._oleh(s, j) or self._relative_agent(s, j)
            if not f.source and entry.type in _DARI_SOURCE_TYPES:
                f.source = self._dari_near(s, j)  # "desakan mundur dari partainya", "kritik dari AS"
            nxt = s.words[j] if j < len(s.words) else ""
            prev_word = s.words[i - 1] if i > 0 else ""
            unnamed = (
                not f.source
                and entry.type in _UNNAMED_NOUN_TYPES
                and nxt not in _ANAPHORS
                and not (prev_word.startswith("pe") and prev_word.endswith("an"))  # "pengamanan unjuk rasa"
                and not _NO_EVENT.intersection(s.words[max(0, i - 3) : i])  # "tidak ada demo atau ..."
            )
            if unnamed:
                # "Perkelahian di penjara Guatemala", "demonstrasi di Paris": the unnamed actors
                # of the place where it happens (no place, no event); a later bare mention joins an
                # earlier event of its type ("serangan yang dilakukan pada Kamis itu")
                country = self._sentence_place_country(s, i, j)
                if country:
                    f.source = [Actor(text="", country=country, sector=_UNNAMED_NOUN_TYPES[entry.type])]
                    if entry.type == "PROTEST" and nxt in ("anti-pemerintah", "antipemerintah"):
                        f.target = [Actor(text=nxt, country=country, sector="GOV")]
            f.anaphoric = (
                nxt in _ANAPHORS
                or not (f.source or self._targets(s, j, entry.type))
                or bool(unnamed and f.source)
            )
        head_words = f.source[0].text.lower().split() if f.source else []
        if 0 < len(head_words) <= 2 and head_words[0] in STATEMENT_NOUNS:
            f.source = []  # "Hal itu menghadiri ...": a statement stands for its actor only as a target
        tgt_words = f.target[0].text.lower().split() if f.target else []
        responds = entry.type in ("SUPPORT", "ACCUSE") and entry.mode != "investigate"
        if not responds and 0 < len(tgt_words) <= 2 and tgt_words[0] in STATEMENT_NOUNS:
            # "Hal tersebut mendapat dukungan dari ...": praise or criticism answers the previous
            # sentence's actor; "membantah/mendalami hal tersebut" is about a claim, not its author
            f.target = []
        if not f.target:
            f.target = self._targets(s, j, entry.type)
        if entry.verbal and not entry.passive and entry.type in ("COERCE", "ASSAULT") and not f.target:
            obj = object_chunk(s.clauses, j)
            nouns = _PLACE_OBJECTS if entry.type == "ASSAULT" else _PEOPLE
            place = obj is not None and any(
                s.words[k] in nouns or s.named[k] or s.caps[k] for k in range(obj[0], obj[1])
            )  # "menyerang desa-desa Rohingya", "menangkap istri dari ...": a place or someone
            if obj is not None and entry.mode in ("arrest", None, "beat", "targeted") and not place:
                f.source = []  # "menangkap spirit perlindungan data": the object is no one
        if entry.type == "ASSAULT" and any(w in _VERBAL_ATTACK for w in s.words[j : j + 12]):
            f.entry = Entry(entry.words, "ACCUSE", "disapprove", entry.verbal, entry.passive)
        if f.source and f.target and same_actor(f.source[0], f.target[0]):
            f.target = f.target[1:]
        mutual = (
            entry.type in RECIPROCAL
            or "saling" in s.words[max(0, i - 3) : i]
            or (not entry.verbal and entry.type == "ASSAULT" and s.words[j : j + 1] == ["antara"])
        )  # "bentrokan antara polisi dan pendukung oposisi": one side against the other
        if mutual and len(f.source) > 1 and not f.target:
            f.target = [f.source.pop(1)]

    def _place_country(self, s: _Sentence, f: Found) -> str | None:
        """The country of a place right after the verb ("ditangkap di Bangkok pada 2003": THA)."""
        j = f.end - s.offset
        for k in range(j, min(len(s.words) - 1, j + 3)):
            if s.words[k] in PUNCT_BOUNDARY or (k > j and s.clauses.verb(k)):
                return None
            if s.words[k] != "di":
                continue
            ents = self.resolver.token_entities.get(s.offset + k + 1, [])
            loc = next((e for e in ents if e.type == "LOCATION" and e.country), None)
            return loc.country if loc else None
        return None

    def _sentence_place_country(self, s: _Sentence, i: int, j: int) -> str | None:
        """The country of the first place after "di" following the noun (within twelve words, up to a
        comma), else before it in the sentence ("Ledakan di pasar Davao merupakan aksi teroris")."""
        after = []
        for k in range(j, min(len(s.words), j + 12)):
            if s.words[k] in PUNCT_BOUNDARY:
                break
            after.append(k)
        for ks in (after, range(i)):
            seen_di = False
            for k in ks:
                if s.words[k] == "di":
                    seen_di = True
                    continue
                if not seen_di:
                    continue
                ents = self.resolver.token_entities.get(s.offset + k, [])
                loc = next((e for e in ents if e.type == "LOCATION" and e.country), None)
                if loc is not None:
                    return loc.country
        return None

    def _subject(self, s: _Sentence, verb: int) -> list[Actor]:
        return self.resolver.resolve(
            [(a + s.offset, b + s.offset) for a, b in subject_chunks(s.clauses, verb)]
        )

    def _after_dari(self, s: _Sentence, j: int) -> list[Actor]:
        for k in range(j, min(len(s.words), j + 12)):
            if s.words[k] == "dari":
                return self.resolver.resolve(self._abs(s, object_chunk(s.clauses, k + 1)))
        return []

    def _relative_agent(self, s: _Sentence, j: int) -> list[Actor]:
        """The agent of a passive relative clause on a noun trigger: "gugatan praperadilan yang
        dilayangkan Miryam", "serangan yang dilakukan oleh Israel"."""
        for k in range(j, min(len(s.words) - 2, j + 5)):
            w = s.words[k]
            if w in PUNCT_BOUNDARY or (s.clauses.boundary(k) and w != "yang"):
                return []
            nxt = s.words[k + 1]
            if w == "yang" and nxt.startswith("di") and s.clauses.verb(k + 1) and nxt not in _NAMING_PASSIVES:
                m = _match(self.lex, s, k + 1)
                if m is not None and m[0].type in _RESPONSE_TYPES:
                    return []  # "kesepakatan yang dicampakkan oleh AS": rejected by AS, not made
                return self._agent_after(s, k + 2)
        return []

    def _dari_near(self, s: _Sentence, j: int) -> list[Actor]:
        """The actor after "dari" within four words of a noun trigger, in the same clause."""
        for k in range(j, min(len(s.words) - 1, j + 4)):
            w = s.words[k]
            if w in PUNCT_BOUNDARY or s.clauses.boundary(k) or (s.clauses.verb(k) and w != "mundur"):
                break
            if w == "dari" and not s.clauses.verb(k + 1):
                return self.resolver.resolve(self._abs(s, object_chunk(s.clauses, k + 1)))
        return []

    def _responsible(self, s: _Sentence, i: int) -> list[Actor]:
        """Who claims or is tied to an act named by a noun: "Taliban mengaku bertanggung jawab atas
        serangan itu", "ISIS mengklaim serangan itu" (the subject of the frame)."""
        for frame in _RESPONSIBILITY:
            n = len(frame)
            if i >= n and tuple(s.words[i - n : i]) == frame:
                h = i - n
                while h > 0 and s.words[h - 1] in ("mengaku", "mengklaim", "menyatakan", "diduga", "disebut"):
                    h -= 1
                return self._subject(s, h)[:1]
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
                and f.start - found[k - 1].end <= 2
                and (
                    found[k - 1].entry.type == f.entry.type
                    # "pelarangan demonstrasi", "penangkapan pengunjuk rasa": the patient, not a protest
                    or (found[k - 1].entry.patient_genitive and f.start == found[k - 1].end)
                )
            )
        ]
        # "desa yang dikuasai Pakistan", "wilayah yang diduduki Israel": who holds a place, not an attack
        found = [
            f
            for f in found
            if not (
                f.start - s.offset > 0
                and s.words[f.start - s.offset - 1] == "yang"
                and s.words[f.start - s.offset] in ("dikuasai", "diduduki")
            )
        ]
        for f in found:
            self.actors(s, f)
            f.mode = _mode(self.lex, s, f)
            head = f.start - s.offset
            lv = None if f.entry.verbal else _light_verb(s, head)
            if lv is not None:
                head = lv
            f.status = _status_cues(self.lex, s, head, noun=lv is None and not f.entry.verbal)
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
            ctrl = next((g for g in found[:k] if g.end - s.offset == head and g.entry.verbal), None)
            if head > 0 and s.words[head - 1] in SPEECH_VERBS:  # "Korut mengatakan telah mempersiapkan ..."
                f.source = self._subject(s, head - 1)[:1]
            elif ctrl is not None and ctrl.source:
                # "Korut mengancam akan menyerang Guam", "membuka kemungkinan berunding dengan ...":
                # the controlling verb's subject acts; a threat or offer is aimed at the act's target
                f.source = ctrl.source[:1]
                if ctrl.entry.type in ("THREATEN", "AGREE") and not ctrl.target and f.target:
                    ctrl.target = f.target[:1]
            elif head > 0 and (s.words[head - 1] in _PURPOSE or s.words[head - 1] in _ELLIPSIS):
                prev = next((g for g in reversed(found[:k]) if g.source), None)
                if prev is not None and prev.entry.passive and prev.target and not f.entry.passive:
                    # "Dua aktivis ditahan polisi setelah menembaki markas ...": the passive's subject acts
                    f.source = prev.target[:1]
                elif prev is not None:
                    f.source = prev.source[:1]
                else:  # "PBB membuat rencana untuk menyediakan bantuan": the main verb's subject
                    # the nearest earlier verb with a subject: "Dia mengaku siap menjalani sidang, dan
                    # berjanji ..." (menjalani has none of its own, mengaku has "Dia")
                    verbs = []
                    for x in range(head - 2, -1, -1):
                        if s.clauses.boundary(x) and s.words[x] != ",":
                            break  # not across "yang", "bahwa", "untuk" ...: another clause's subject
                        if s.clauses.verb(x):
                            verbs.append(x)
                    verbs = verbs[:3]
                    verb = verbs[0] if verbs else None
                    for x in verbs:
                        f.source = self._subject(s, x)[:1]
                        if f.source:
                            break
                    if not f.source and verb is not None and s.words[verb].startswith(_AGENT_AFTER):
                        # "Permintaan maaf itu disampaikan Mattis ketika bertemu dengan ...": the agent
                        f.source = self._agent_after(s, verb + 1)[:1]
            if f.source and f.target and same_actor(f.source[0], f.target[0]):
                f.target = []
        for f in found:
            if not f.source and not f.entry.verbal:
                f.source = self._responsible(s, f.start - s.offset)
        self._govern(s, found)
        for k, f in enumerate(found[:-1]):
            g = found[k + 1]
            gap = s.words[f.end - s.offset : g.start - s.offset]
            if (
                f.entry.type == "MOBILIZE"
                and not f.target
                and g.entry.type in ("ASSAULT", "COERCE", "THREATEN")
                and g.target
                and any(w in _PURPOSE for w in gap)
                and len(gap) <= 8
            ):
                f.target = g.target[:1]  # "menyiapkan pasukan untuk berperang melawan AS": against the US
        for k, f in enumerate(found):
            head = f.start - s.offset
            h = head
            while h > 0 and s.words[h - 1] in AUX:
                h -= 1
            if k > 0 and h > 0 and s.words[h - 1] in _PURPOSE:
                prev = found[k - 1]
                wanted = "hypothetical" if prev.entry.type in ("REQUEST", "THREATEN") else "planned"
                f.status = stronger(
                    f.status, stronger(prev.status, wanted)
                )  # "tuntutan untuk segera menangkap"
                f.reported = f.reported or prev.reported
                f.governed = f.governed or prev.governed
        found = [
            f
            for f in found
            if not (
                f.status == "asserted"
                and tuple(s.words[f.start - s.offset : f.end - s.offset]) in _MODAL_THREATS
            )
        ]
        found += self._disapproval(s, found)
        found += self._disapproval(s, found, approval=True)
        found += self._advice(s, found)
        for f in found:
            f.date = self._date(s, f)
            f.location = self._location(s, f)
            if f.date and _after_publication(f.date, self.doc.published or ""):
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
            lv = None if f.entry.verbal else _light_verb(s, local)
            head = lv if lv is not None else local
            coordinated = (f.entry.verbal or lv is not None) and head > 0 and s.words[head - 1] in _COORD
            if coordinated and k > 0:  # "mengajak ... untuk mematuhi ... dan mendukung": still the content
                gap = s.words[found[k - 1].end - s.offset : head]
                coordinated = not any(w in _PURPOSE or w in ("agar", "supaya") for w in gap)
            for g in reversed(found[:k] if not coordinated else []):  # "menolak banding dan menjatuhkan"
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
                elif typ == "REJECT" and not f.entry.verbal and f.entry.type in _SPEECH_ACTS:
                    # "menolak desakan mundur dari partainya": the demand was made (at the refuser);
                    # the refusal answers whoever made it ("menolak gugatan yang dilayangkan Miryam")
                    f.status = "asserted"
                    if (
                        not gov.target
                        and f.source
                        and gov.source
                        and not same_actor(gov.source[0], f.source[0])
                    ):
                        gov.target = f.source[:1]
                    if (
                        f.entry.type == "REQUEST"
                        and not f.target
                        and gov.source
                        and f.source
                        and not same_actor(gov.source[0], f.source[0])
                    ):
                        f.target = gov.source[:1]
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

    def _disapproval(self, s: _Sentence, found: list[Found], *, approval: bool = False) -> list[Found]:
        """ACCUSE from criticism in reported speech ("Peskov mengatakan langkah AS ... meningkatkan
        ketegangan"); with ``approval``, SUPPORT from praise ("X menilai langkah pemerintah sudah tepat")."""
        cues = self.lex.approval if approval else self.lex.disapproval
        typ, mode = ("SUPPORT", None) if approval else ("ACCUSE", "disapprove")
        out: list[Found] = []
        for x, w in enumerate(s.words):
            if w not in SPEECH_VERBS or s.in_quote[x]:
                continue
            for y in range(x + 1, len(s.words)):
                cue = next((c for c in cues if tuple(s.words[y : y + len(c)]) == c), None)
                if cue is None:
                    continue
                speaker = self.resolver.resolve(
                    [(a + s.offset, b + s.offset) for a, b in subject_chunks(s.clauses, x)]
                )
                if not speaker:
                    break
                target: list[Actor] = []
                for z in range(x + 1, y):  # a foreign actor named in the criticism
                    hit = self.resolver.gazetteer(s.words, z)
                    if s.named[z] or hit:
                        n = hit[0] if hit else 1  # the whole name: "Uni Eropa", not "Uni"
                        while not hit and z + n < y and s.named[z + n] and not s.clauses.boundary(z + n):
                            n += 1
                        got = self.resolver.resolve([(z + s.offset, z + s.offset + n)])
                        if got and got[0].country != speaker[0].country:
                            target = got[:1]
                            break
                if not target:  # else whoever the words are about: "menyebut pemilik toko melanggar"
                    first = self.resolver.resolve(self._abs(s, object_chunk(s.clauses, x + 1)))
                    if first and not same_actor(first[0], speaker[0]):
                        target = first[:1]
                entry = Entry(cue, typ, mode, True, False)
                f = Found(s.index, s.offset + y, s.offset + y + len(cue), entry, speaker[:1], target)
                f.mode = mode
                out.append(f)
                break
        return [f for f in out if not any(g.entry.type == typ and g.source == f.source for g in found)]

    def _advice(self, s: _Sentence, found: list[Found]) -> list[Found]:
        """REQUEST from advice in reported speech: "Anggota DPR X menilai pemerintah perlu menunda
        ekspor" (the speaker asks someone else to act; "pihaknya perlu" is no request)."""
        out: list[Found] = []
        for x, w in enumerate(s.words):
            if w not in _ADVICE_SPEECH or s.in_quote[x]:
                continue
            k = x + 1
            if k < len(s.words) and s.words[k] == "bahwa":
                k += 1
            chunk = object_chunk(s.clauses, k)
            if chunk is None or chunk[1] >= len(s.words):
                continue
            y = chunk[1]
            if s.words[y] == "juga" and y + 1 < len(s.words):
                y += 1
            if s.words[y] not in _ADVICE_MODALS or any(s.words[z] in _SELF for z in range(*chunk)):
                continue
            if y + 1 >= len(s.words) or not s.clauses.verb(y + 1):
                continue
            speaker = self._subject(s, x)
            addressee = self.resolver.resolve(self._abs(s, chunk))
            if not speaker or not addressee or same_actor(speaker[0], addressee[0]):
                continue
            if any(
                f.entry.type == "REQUEST" and f.source and same_actor(f.source[0], speaker[0]) for f in found
            ):
                continue
            entry = Entry((s.words[y],), "REQUEST", None, True, False)
            out.append(Found(s.index, s.offset + y, s.offset + y + 1, entry, speaker[:1], addressee[:1]))
        return out

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
        near = self._near_times(s, local, busy)
        if near and not f.governed:
            return min(near)[1]
        return None

    def _near_times(self, s: _Sentence, local: int, busy: set[int]) -> list[tuple[int, str]]:
        """Times in verb-less comma segments next to the trigger's clause: "berunjuk rasa di Dublin,
        Irlandia, Sabtu (30/9) waktu setempat, mendesak ...", "Dalam pidato ..., Selasa malam (21/11),
        Rouhani berterima kasih"."""
        sent = self.doc.sentences[s.index]
        clause = s.clauses.ids[local]
        near = set()
        for step in (-1, 1):
            c = clause + step
            while c >= 0 and c not in busy and c in s.clauses.ids:
                near.add(c)
                c += step
        got = []
        for t in self.doc.times:
            if not (sent.start <= t.start < sent.end) or t.type not in ("DATE", "TIME"):
                continue
            if not t.value[:4].isdigit():
                continue
            k = next((q for q, tok in enumerate(s.tokens) if tok.end > t.start), None)
            if k is None or s.clauses.ids[k] not in near:
                continue
            value = t.value.split("T")[0] if "T" in t.value else t.value
            got.append((abs(k - local), value))
        return got

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
