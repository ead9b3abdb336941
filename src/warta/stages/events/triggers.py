"""Pass 1, triggers: where a sentence may tell an event, and of which PLOVER type.

Lexicon triggers (``resources/events/triggers.txt``) are matched longest first, object-constrained
entries only with one of their objects nearby; a noun that is the object of a verbal trigger of the
same type is dropped ("mengirim bantuan"). Statement triggers come from what a speaker says rather
than a verb of the lexicon: criticism and praise cues (``disapproval.txt``, ``approval.txt``) and
advice ("X menilai pemerintah perlu ...").
"""

from __future__ import annotations

from warta.lang.morphology import strip_clitics
from warta.model import Actor
from warta.stages.events.clause import (
    AUX,
    LIGHT_VERBS,
    RECEIVE_VERBS,
    SPEECH_VERBS,
    object_chunk,
    subject_chunks,
)
from warta.stages.events.lexicon import Entry, Lexicon
from warta.stages.events.merge import same_actor
from warta.stages.events.view import Context, Found, SentenceView, W

__all__ = ["find", "light_verb", "match", "mode", "statements"]


def match(lex: Lexicon, s: SentenceView, i: int) -> tuple[Entry, int] | None:
    """The longest trigger starting at word ``i`` (its entry and length), if any."""
    w = s.words[i]
    if s.named[i] or (s.caps[i] and i > 0):
        return None
    bare = strip_clitics(w)
    if w not in lex.triggers and bare not in lex.triggers:
        return None
    entries = lex.triggers.get(w, []) + lex.triggers.get(bare, [])
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


def _object_position(s: SentenceView, start: int, end: int, entry: Entry) -> int | None:
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


def light_verb(s: SentenceView, i: int) -> int | None:
    """Index of the light verb a noun trigger is the object of ("melakukan (aksi) serangan")."""
    k = i - 1
    if k >= 0 and s.words[k] in W.fillers:
        k -= 1
    if k >= 0 and (s.words[k] in LIGHT_VERBS | RECEIVE_VERBS or (s.words[k] in AUX and s.clauses.verb(k))):
        for q in range(i + 1, min(len(s.words), i + 8)):
            w = s.words[q]
            if s.clauses.boundary(q):  # "... permintaan maaf jika penolakan itu merupakan ..."
                break
            if w in W.copulas:  # "menyatakan ledakan di pasar itu merupakan aksi teror": a subject
                return None
        return k  # also control verbs: "menjadwalkan pemeriksaan", "mempertimbangkan sanksi"
    return None


def mode(lex: Lexicon, s: SentenceView, found: Found) -> str | None:
    """The trigger's own mode, else the first mode cue (``modes.txt``) in its clause or just after it."""
    if found.entry.mode:
        return found.entry.mode
    lo = found.start - s.offset
    hi = min(len(s.words), found.end - s.offset + 7)
    clause = s.clauses.ids[lo]
    span = [k for k in range(len(s.words)) if s.clauses.ids[k] == clause or lo <= k < hi]
    cues = lex.modes.get(found.entry.type, [])
    if not cues or not span:
        return None
    words = [strip_clitics(x) for x in s.words]
    firsts = {words[k] for k in span}
    for cue, m in cues:
        if cue[0] not in firsts:
            continue
        for k in span:
            if tuple(words[k : k + len(cue)]) == cue:
                return m
    return None


def find(ctx: Context, s: SentenceView) -> list[Found]:
    """The lexicon triggers of one sentence, left to right, without the nouns that are a verb's object."""
    found: list[Found] = []
    i = 0
    words, triggers = s.words, ctx.lex.triggers
    while i < len(words):
        w = words[i]
        if w not in triggers and strip_clitics(w) not in triggers:  # what match() would say first
            i += 1
            continue
        m = match(ctx.lex, s, i)
        if m is None:
            i += 1
            continue
        entry, n = m
        found.append(Found(s.index, s.offset + i, s.offset + i + n, entry))
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
    return [
        f
        for f in found
        if not (
            f.start - s.offset > 0
            and s.words[f.start - s.offset - 1] == "yang"
            and s.words[f.start - s.offset] in ("dikuasai", "diduduki")
        )
    ]


def statements(ctx: Context, s: SentenceView, found: list[Found]) -> list[Found]:
    """Statement triggers: criticism, praise and advice in reported speech."""
    out = _evaluation(ctx, s, found)
    out += _evaluation(ctx, s, found, approval=True)
    out += _advice(ctx, s, found)
    out += _quoted_advice(ctx, s, found + out)
    return out


def _evaluation(ctx: Context, s: SentenceView, found: list[Found], *, approval: bool = False) -> list[Found]:
    """ACCUSE from criticism in reported speech ("Peskov mengatakan langkah AS ... meningkatkan
    ketegangan"); with ``approval``, SUPPORT from praise ("X menilai langkah pemerintah sudah tepat")."""
    cues = ctx.lex.approval if approval else ctx.lex.disapproval
    typ, md = ("SUPPORT", None) if approval else ("ACCUSE", "disapprove")
    out: list[Found] = []
    spoke = False
    at = _cues_at(s.words, cues)
    if at is None:  # no cue in the sentence: nothing to find (and nothing is resolved)
        return out
    for x, w in enumerate(s.words):
        if w not in SPEECH_VERBS or s.in_quote[x]:
            continue
        spoke = True
        for y in range(x + 1, len(s.words)):
            cue = at[y]
            if cue is None:
                continue
            speaker = ctx.resolver.resolve(s.span_list(subject_chunks(s.clauses, x)))
            if not speaker:
                break
            out.append(_evaluation_found(ctx, s, where=(x, y), cue=cue, speaker=speaker, kind=(typ, md)))
            break
    if not spoke:  # a quote or "Menurut X, ..." whose speaker the quotes stage knows
        for y in range(len(s.words)):
            cue = at[y]
            speaker = ctx.resolver.speaker_of(s.offset + y) if cue is not None else []
            if cue is not None and speaker:
                out.append(_evaluation_found(ctx, s, where=(-1, y), cue=cue, speaker=speaker, kind=(typ, md)))
                break
    return [f for f in out if not any(g.entry.type == typ and g.source == f.source for g in found)]


_CUE_INDEX: dict[int, tuple[list[tuple[str, ...]], dict[str, list[tuple[str, ...]]]]] = {}


def _cues_at(words: list[str], cues: list[tuple[str, ...]]) -> list[tuple[str, ...] | None] | None:
    """For every word, the first of ``cues`` (in list order) that starts there, or None (None
    for the sentence when no cue starts anywhere); the cues indexed by their first word once per
    list (the same answer as trying every cue at every word)."""
    got = _CUE_INDEX.get(id(cues))
    if got is None or got[0] is not cues:
        index: dict[str, list[tuple[str, ...]]] = {}
        for c in cues:
            index.setdefault(c[0], []).append(c)
        got = _CUE_INDEX[id(cues)] = (cues, index)
    index = got[1]
    if index.keys().isdisjoint(words):
        return None
    out: list[tuple[str, ...] | None] = [None] * len(words)
    for y, w in enumerate(words):
        if w in index:
            out[y] = next((c for c in index[w] if tuple(words[y : y + len(c)]) == c), None)
    return out if any(c is not None for c in out) else None


def _evaluation_found(
    ctx: Context,
    s: SentenceView,
    *,
    where: tuple[int, int],
    cue: tuple[str, ...],
    speaker: list[Actor],
    kind: tuple[str, str | None],
) -> Found:
    """The event of an evaluation cue at ``where`` = (speech verb or -1, cue) by ``speaker``."""
    (x, y), (typ, md) = where, kind
    target = _criticised(ctx, s, x, y, speaker[0])
    entry = Entry(cue, typ, md, True, False)
    f = Found(s.index, s.offset + y, s.offset + y + len(cue), entry, speaker[:1], target)
    f.mode = md
    return f


def _criticised(ctx: Context, s: SentenceView, x: int, y: int, speaker: Actor) -> list[Actor]:
    """Whom a statement between the speech verb ``x`` and the cue ``y`` is about: a foreign actor named
    in it, else its first actor ("menyebut pemilik toko melanggar")."""
    for z in range(x + 1, y):
        hit = ctx.resolver.gazetteer(s.words, z)
        if s.named[z] or hit:
            n = hit[0] if hit else 1  # the whole name: "Uni Eropa", not "Uni"
            while not hit and z + n < y and s.named[z + n] and not s.clauses.boundary(z + n):
                n += 1
            got = ctx.resolver.resolve([(z + s.offset, z + s.offset + n)])
            if got and got[0].country != speaker.country:
                return got[:1]
    first = ctx.resolver.resolve(s.span(object_chunk(s.clauses, x + 1)))
    if first and not same_actor(first[0], speaker):
        return first[:1]
    return []


def _advice(ctx: Context, s: SentenceView, found: list[Found]) -> list[Found]:
    """REQUEST from advice in reported speech: "Anggota DPR X menilai pemerintah perlu menunda
    ekspor" (the speaker asks someone else to act; "pihaknya perlu" is no request)."""
    out: list[Found] = []
    for x, w in enumerate(s.words):
        if w not in W.advice_speech or s.in_quote[x]:
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
        if s.words[y] not in W.advice_modals or any(s.words[z] in W.self for z in range(*chunk)):
            continue
        if y + 1 >= len(s.words) or not s.clauses.verb(y + 1):
            continue
        speaker = ctx.resolver.resolve(s.span_list(subject_chunks(s.clauses, x)))
        addressee = ctx.resolver.resolve(s.span(chunk))
        if not speaker or not addressee or same_actor(speaker[0], addressee[0]):
            continue
        if any(f.entry.type == "REQUEST" and f.source and same_actor(f.source[0], speaker[0]) for f in found):
            continue
        entry = Entry((s.words[y],), "REQUEST", None, True, False)
        out.append(Found(s.index, s.offset + y, s.offset + y + 1, entry, speaker[:1], addressee[:1]))
    return out


def _quoted_advice(ctx: Context, s: SentenceView, found: list[Found]) -> list[Found]:
    """REQUEST from advice inside a quote or after "menurut X": "Pemerintah pusat harus memperhatikan
    ini," kata Koster (the speaker asks the actor before the modal; not first persons, not the speaker)."""
    out: list[Found] = []
    for y, w in enumerate(s.words):
        if w not in W.advice_modals or y == 0 or y + 1 >= len(s.words) or not s.clauses.verb(y + 1):
            continue
        speaker = ctx.resolver.speaker_of(s.offset + y)
        if not speaker:
            continue
        chunk = _chunk_before(s, y)
        if chunk is None or any(s.words[z] in W.self or s.words[z] in _FIRST for z in range(*chunk)):
            continue
        addressee = ctx.resolver.resolve(s.span(chunk), loose=True)
        if not addressee or same_actor(addressee[0], speaker[0]):
            continue
        if any(f.entry.type == "REQUEST" and f.sentence == s.index for f in found):
            continue
        entry = Entry((w,), "REQUEST", None, True, False)
        out.append(Found(s.index, s.offset + y, s.offset + y + 1, entry, speaker[:1], addressee[:1]))
        break
    return out


_FIRST = frozenset({"saya", "aku", "kami", "kita", "kamu", "anda"})


def _chunk_before(s: SentenceView, y: int) -> tuple[int, int] | None:
    """The noun chunk right before word ``y`` (over "juga", "pun", "tetap", "tentu"), in its clause."""
    k = y
    while k > 0 and s.words[k - 1] in ("juga", "pun", "tetap", "tentu", "memang", "sangat"):
        k -= 1
    chunks = subject_chunks(s.clauses, k)
    return chunks[-1] if chunks else None
