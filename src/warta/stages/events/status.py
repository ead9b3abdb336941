"""Pass 3, status: asserted, negated, hypothetical, planned or denied — and whether it is only reported.

Cue words before the trigger in its clause (``status.txt``), modal cues after a noun trigger, the verb
that governs a trigger (what an accusation accuses is alleged, what a denial denies is denied — the
table is ``[TYPE.governs]``/``[TYPE.denies]`` in ``types.toml``), purpose clauses, quotes and speech
verbs (reported), and a resolved date after publication (planned).
"""

from __future__ import annotations

import datetime
import re

from warta.stages.events.clause import AUX, LIGHT_VERBS, PUNCT_BOUNDARY, SPEECH_VERBS, fuzzy_equal
from warta.stages.events.lexicon import Governs, Lexicon
from warta.stages.events.merge import same_actor, stronger
from warta.stages.events.triggers import light_verb
from warta.stages.events.view import Context, Found, SentenceView, W

__all__ = ["after_publication", "cues", "future", "govern", "purpose", "unannounced_threats"]

_CONDITIONALS = ("jika", "kalau", "apabila", "bila")


def _long_cues(lex: Lexicon) -> list[tuple[str, tuple[str, bool]]]:
    """Single-word status cues long enough for a typo-tolerant match (computed once per lexicon)."""
    key = id(lex)
    if key not in _LONG:
        _LONG[key] = [(c[0], v) for c, v in lex.status.items() if len(c) == 1 and len(c[0]) >= 9]
    return _LONG[key]


_LONG: dict[int, list[tuple[str, tuple[str, bool]]]] = {}


def _status_cues(lex: Lexicon, s: SentenceView, head: int, noun: bool = False) -> str:
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
            if cue is None and n == 1 and len(w) >= 8:  # a typo of a long cue: "memperimbangkan"
                cue = next((v for c, v in _long_cues(lex) if fuzzy_equal(w, c)), None)
            if cue is not None and k + n <= head:
                if not (crossed and cue[0] == "negated"):
                    status = stronger(status, cue[0])
                break
        if s.clauses.boundary(k) and w not in _CONDITIONALS:
            break
        k -= 1
    return status


def _status_after(lex: Lexicon, s: SentenceView, end: int) -> str:
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


def cues(ctx: Context, s: SentenceView, f: Found) -> None:
    """Status from the cue words around ``f``; reported when inside a quote."""
    lex = ctx.lex
    head = f.start - s.offset
    lv = None if f.entry.verbal else light_verb(s, head)
    if lv is not None:
        head = lv
    f.status = _status_cues(lex, s, head, noun=lv is None and not f.entry.verbal)
    if lv is not None and (s.words[lv],) in lex.status:  # "menjadwalkan pemeriksaan"
        f.status = stronger(f.status, lex.status[(s.words[lv],)][0])
    if not f.entry.verbal and head == f.start - s.offset:
        f.status = stronger(f.status, _status_after(lex, s, f.end - s.offset))
    char = ctx.doc.tokens[f.start].start
    if s.in_quote[f.start - s.offset] or ctx.in_quote(char):
        f.reported = True


def _governor(s: SentenceView, found: list[Found], k: int) -> Found | None:
    """The trigger whose content ``found[k]`` is: the nearest verbal trigger (or light-verb noun) before
    it in the same stretch, unless a second predicate begins ("menolak banding dan menjatuhkan")."""
    f = found[k]
    local = f.start - s.offset
    lv = None if f.entry.verbal else light_verb(s, local)
    head = lv if lv is not None else local
    coordinated = (f.entry.verbal or lv is not None) and head > 0 and s.words[head - 1] in W.coord
    if coordinated and k > 0:  # "mengajak ... untuk mematuhi ... dan mendukung": still the content
        gap = s.words[found[k - 1].end - s.offset : head]
        coordinated = not any(w in W.purpose or w in ("agar", "supaya") for w in gap)
    if coordinated:
        return None
    for g in reversed(found[:k]):
        if local - (g.end - s.offset) > 12:
            return None
        between = range(g.end - s.offset, local)
        if any(s.words[x] == ";" or (s.clauses.boundary(x) and s.words[x] != "bahwa") for x in between):
            return None
        if g.entry.verbal or s.words[g.start - s.offset - 1] in LIGHT_VERBS:
            return g
        return None
    return None


def _apply(f: Found, rule: Governs) -> None:
    if rule.status is not None:
        f.status = stronger(f.status, rule.status)
    f.reported = f.reported or rule.reported


def govern(ctx: Context, s: SentenceView, found: list[Found]) -> list[Found]:
    """Content events: what is accused, denied, requested, refused or said (``types.toml`` governs);
    returns the triggers without those a governing trigger absorbs."""
    absorbed: list[Found] = []
    for k, f in enumerate(found):
        local = f.start - s.offset
        gov = _governor(s, found, k)
        speech = None
        for x in range(local - 1, max(-1, local - 14), -1):
            if s.words[x] in (";", "“", "”"):
                break
            if s.words[x] in SPEECH_VERBS:
                speech = x
                break
        if gov is not None and (speech is None or gov.end - s.offset > speech):
            rule = ctx.rule(gov.entry.type)
            root = s.words[gov.start - s.offset]
            f.governed = rule.governs is not None
            if f.entry.type in rule.absorbs:
                absorbed.append(f)
            if rule.denies is not None and root.startswith(W.deny_roots):
                _apply(f, rule.denies)
                if not f.source:
                    f.source = gov.source[:1]
            elif rule.denies is not None and not f.entry.verbal and ctx.rule(f.entry.type).speech_act:
                _refused_speech_act(f, gov)
            elif rule.governs is not None:
                _apply(f, rule.governs)
        if speech is not None:
            f.reported = True
            f.governed = True
    return [f for f in found if not any(f is a for a in absorbed)]


def _refused_speech_act(f: Found, gov: Found) -> None:
    """ "menolak desakan mundur dari partainya": the demand was made (at the refuser); the refusal
    answers whoever made it ("menolak gugatan yang dilayangkan Miryam")."""
    f.status = "asserted"
    if not gov.target and f.source and gov.source and not same_actor(gov.source[0], f.source[0]):
        gov.target = f.source[:1]
    if (
        f.entry.type == "REQUEST"
        and not f.target
        and gov.source
        and f.source
        and not same_actor(gov.source[0], f.source[0])
    ):
        f.target = gov.source[:1]


def purpose(ctx: Context, s: SentenceView, found: list[Found]) -> None:
    """An act after a purpose word is wanted: planned, or hypothetical after a request or a threat
    ("tuntutan untuk segera menangkap")."""
    for k, f in enumerate(found):
        h = f.start - s.offset
        while h > 0 and s.words[h - 1] in AUX:
            h -= 1
        if k > 0 and h > 0 and s.words[h - 1] in W.purpose:
            prev = found[k - 1]
            wanted = ctx.rule(prev.entry.type).purpose_status
            f.status = stronger(f.status, stronger(prev.status, wanted))
            f.reported = f.reported or prev.reported
            f.governed = f.governed or prev.governed


def unannounced_threats(s: SentenceView, found: list[Found]) -> list[Found]:
    """Firm action is a threat only while announced: "RS X mengambil tindakan tegas" is no threat; "Polri
    akan mengambil tindakan tegas" is a threat that was made (asserted: the modal is what threatens)."""
    kept = []
    for f in found:
        if tuple(s.words[f.start - s.offset : f.end - s.offset]) in W.modal_threats:
            if f.status == "asserted":
                continue
            if f.status in ("planned", "hypothetical"):
                f.status = "asserted"
        kept.append(f)
    return kept


def after_publication(value: str, published: str) -> bool:
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


def future(ctx: Context, found: list[Found]) -> None:
    """A resolved date after publication: a statement is made now (its date belongs to what it is
    about); any other asserted act is planned."""
    published = ctx.doc.published or ""
    for f in found:
        if f.date and after_publication(f.date, published):
            if ctx.rule(f.entry.type).speaker:
                f.date = None
                f.date_source = "none"
            elif f.status == "asserted" and not f.governed:
                f.status = "planned"
