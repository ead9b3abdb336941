"""Pass 2, actors: source and target of each trigger from the clause structure.

Active verbs take the subject before them and the object after them; passives their agent (after the
verb or "oleh") and their subject as target; noun triggers their genitive, "oleh", a passive relative
agent or "dari" phrase; light verbs lend a noun their clause. Subject-less clauses borrow the
controlling or previous verb's subject. What each type does differently is data (``types.toml``);
actor phrases become :class:`~warta.model.Actor` objects in :mod:`.resolver`.
"""

from __future__ import annotations

from warta.lang.morphology import strip_clitics
from warta.model import Actor
from warta.stages.events.clause import (
    AUX,
    LIGHT_VERBS,
    PUNCT_BOUNDARY,
    RECEIVE_VERBS,
    SPEECH_VERBS,
    object_chunk,
    relative_head,
    subject_chunks,
)
from warta.stages.events.lexicon import Entry
from warta.stages.events.merge import same_actor
from warta.stages.events.resolver import STATEMENT_NOUNS
from warta.stages.events.triggers import light_verb, match
from warta.stages.events.view import Context, Found, SentenceView, W

__all__ = ["arguments", "borrowed_targets", "fronted", "responsible", "subject_of", "weak", "zero_subjects"]


def weak(actor: Actor) -> bool:
    """A plain noun phrase taken as a target (no entity, no sector): any better-placed actor wins."""
    return actor.entity is None and actor.sector is None


def subject_of(ctx: Context, s: SentenceView, verb: int) -> list[Actor]:
    return ctx.resolver.resolve(s.span_list(subject_chunks(s.clauses, verb)))


def _subject_or_relative(ctx: Context, s: SentenceView, h: int, *, loose: bool = False) -> list[Actor]:
    chunks = subject_chunks(s.clauses, h)
    got = ctx.resolver.resolve(s.span_list(chunks), loose=loose)
    if not got and chunks:  # "Puluhan masyarakat yang tergabung dalam ... melakukan"
        got = ctx.resolver.resolve(s.span(relative_head(s.clauses, chunks[0][0])), loose=loose)
    return got


def _object(ctx: Context, s: SentenceView, j: int, *, loose: bool = False) -> list[Actor]:
    """The actors of the noun chunk at ``j``; ``loose`` for a target (any noun phrase will do)."""
    return ctx.resolver.resolve(s.span(object_chunk(s.clauses, j)), loose=loose)


def arguments(ctx: Context, s: SentenceView, f: Found) -> None:
    """Fill ``f.source`` and ``f.target`` from the clause around the trigger."""
    entry = f.entry
    lv = light_verb(s, f.start - s.offset) if not entry.verbal else None
    if entry.verbal or lv is not None:
        _verbal(ctx, s, f, lv)
    elif entry.patient_genitive:
        _patient_noun(ctx, s, f)
    else:
        _event_noun(ctx, s, f)
    _finish(ctx, s, f)


def _verbal(ctx: Context, s: SentenceView, f: Found, lv: int | None) -> None:
    i, j = f.start - s.offset, f.end - s.offset
    entry, rule = f.entry, ctx.rule(f.entry.type)
    head = lv if lv is not None else i
    receive = lv is not None and s.words[lv] in RECEIVE_VERBS
    if entry.passive:
        f.source = _agent_after(ctx, s, j, entry.objects) or _oleh(ctx, s, j)
        if not f.source and rule.passive_dari_source:
            f.source = _dari_near(ctx, s, j)  # "Israel diserang roket dari Gaza"
        f.target = _subject_or_relative(ctx, s, head)
        if not f.source and s.words[i] in W.implicit_agents:
            country = _place_country(ctx, s, f) or ctx.resolver.default_country
            f.source = [Actor(text="", country=country, sector=W.implicit_agents[s.words[i]])]
        if not f.source and rule.speaker:  # "Masyarakat dihimbau tidak ke pantai," kata BMKG
            f.source = ctx.resolver.speaker_of(f.start)
    elif receive:  # "Jokowi menerima kunjungan PM Jepang", "menerima bantuan dari AS"
        f.target = _subject_or_relative(ctx, s, head)
        f.source = _oleh(ctx, s, j) or _after_dari(ctx, s, j)
        if not f.source and f.target and s.words[head] in W.imposed and entry.type == "SANCTION":
            # "dua pemuda dikenai sanksi adat": imposed by the unnamed authorities
            f.source = [Actor(text="", country=ctx.resolver.default_country, sector="GOV")]
        if not f.source and not entry.verbal and s.words[i] not in W.content_nouns:
            f.source = _object(ctx, s, j)
    else:
        f.source = _subject_or_relative(ctx, s, head)
        thing = (
            rule.thing_object and not s.words[i].startswith(("membantu", "dibantu"))
        ) or entry.mode == "yield"  # "mencabut sanksi": the thing lifted, not a recipient
        # the object is the target, also of a light verb's patient noun ("memerintahkan
        # pengusiran 15 diplomat Iran"), but not the thing sent ("mengirim senjata")
        light = lv is not None
        if (not light and not thing) or (light and entry.patient_genitive):
            f.target = _object(ctx, s, j, loose=True)


def _patient_noun(ctx: Context, s: SentenceView, f: Found) -> None:
    """ "penangkapan wanita itu": the genitive is the patient; the agent follows "oleh"."""
    j = f.end - s.offset
    entry = f.entry
    f.target = _object(ctx, s, j, loose=True)
    f.source = _oleh(ctx, s, j) or _relative_agent(ctx, s, j)
    if not f.source and f.target and entry.type == "COERCE" and entry.mode in ("arrest", "seize"):
        # "penangkapan wanita itu": an arrest of someone by the unnamed authorities
        f.source = [Actor(text="", country=ctx.resolver.default_country, sector="COP")]
    nxt = s.words[j] if j < len(s.words) else ""
    chunk = object_chunk(s.clauses, j)
    pointing = chunk is not None and s.words[chunk[1] - 1] in W.anaphors  # "Penetapan tersangka itu"
    f.anaphoric = nxt in W.anaphors or pointing or not (f.source or f.target)


def _event_noun(ctx: Context, s: SentenceView, f: Found) -> None:
    """ "serangan Israel ke Gaza": the genitive is the source; else "oleh", a relative agent, "dari"."""
    i, j = f.start - s.offset, f.end - s.offset
    entry, rule = f.entry, ctx.rule(f.entry.type)
    genitive = [] if s.words[i] in W.content_nouns else _object(ctx, s, j)
    if rule.genitive_receiver and genitive and genitive[0].sector not in (None, "GOV", "MIL", "INTL", "IGO"):
        f.target, genitive = genitive, []  # "bantuan dana partai politik": who gets it, not who gives
    if not genitive and j + 1 < len(s.words) and s.words[j] == "antara" and rule.antara:
        # "Pertemuan antara Presiden Trump dan Presiden Xi": both sides
        genitive = _object(ctx, s, j + 1)
    f.source = genitive or _oleh(ctx, s, j) or _relative_agent(ctx, s, j)
    if not f.source and rule.dari_source:
        f.source = _dari_near(ctx, s, j)  # "desakan mundur dari partainya", "kritik dari AS"
    nxt = s.words[j] if j < len(s.words) else ""
    prev_word = s.words[i - 1] if i > 0 else ""
    unnamed = (
        not f.source
        and rule.unnamed_noun is not None
        and nxt not in W.anaphors
        and not (prev_word.startswith("pe") and prev_word.endswith("an"))  # "pengamanan unjuk rasa"
        and not W.no_event.intersection(s.words[max(0, i - 3) : i])  # "tidak ada demo atau ..."
    )
    if unnamed:
        # "Perkelahian di penjara Guatemala", "demonstrasi di Paris": the unnamed actors of the place
        # where it happens (no place, no event); a later bare mention joins an earlier event of its type
        country = _sentence_place_country(ctx, s, i, j)
        if country:
            f.source = [Actor(text="", country=country, sector=rule.unnamed_noun or None)]
            if entry.type == "PROTEST" and nxt in ("anti-pemerintah", "antipemerintah"):
                f.target = [Actor(text=nxt, country=country, sector="GOV")]
    f.anaphoric = (
        nxt in W.anaphors or not (f.source or _targets(ctx, s, j, entry.type)) or bool(unnamed and f.source)
    )


def _finish(ctx: Context, s: SentenceView, f: Found) -> None:
    """Checks that apply to every trigger: statement nouns, prepositional targets, objects that are no one."""
    i, j = f.start - s.offset, f.end - s.offset
    entry, rule = f.entry, ctx.rule(f.entry.type)
    head_words = f.source[0].text.lower().split() if f.source else []
    if _statement(head_words):
        f.source = []  # "Hal itu menghadiri ...": a statement stands for its actor only as a target
        f.no_actor = True
    tgt_words = f.target[0].text.lower().split() if f.target else []
    responds = rule.answers_statement and entry.mode != "investigate"
    if not responds and _statement(tgt_words):
        # "Hal tersebut mendapat dukungan dari ...": praise or criticism answers the previous
        # sentence's actor; "membantah/mendalami hal tersebut" is about a claim, not its author
        f.target = []
    if not f.target or weak(f.target[0]):  # a named target after a preposition beats a plain noun
        better = _targets(ctx, s, j, entry.type)
        if better and (not f.target or not weak(better[0])):
            f.target = better
    if not f.target and rule.clause_target:
        f.target = _clause_subject(ctx, s, j)
    if entry.verbal and not entry.passive and rule.object_nouns and (not f.target or weak(f.target[0])):
        obj = object_chunk(s.clauses, j)
        nouns: frozenset[str] = getattr(W, rule.object_nouns)
        someone = obj is not None and any(
            s.words[k] in nouns or s.named[k] or s.caps[k] for k in range(obj[0], obj[1])
        )  # "menyerang desa-desa Rohingya", "menangkap istri dari ...": a place or someone
        if obj is not None and entry.mode in ("arrest", None, "beat", "targeted") and not someone:
            f.source = []  # "menangkap spirit perlindungan data": the object is no one
            f.no_actor = True
    if rule.in_words_is and any(w in W.verbal_attack for w in s.words[j : j + 12]):
        f.entry = Entry(entry.words, rule.in_words_is, "disapprove", entry.verbal, entry.passive)
    if f.source and f.target and same_actor(f.source[0], f.target[0]):
        f.target = f.target[1:]
    mutual = (
        rule.reciprocal
        or "saling" in s.words[max(0, i - 3) : i]
        or (not entry.verbal and entry.type == "ASSAULT" and s.words[j : j + 1] == ["antara"])
    )  # "bentrokan antara polisi dan pendukung oposisi": one side against the other
    if mutual and len(f.source) > 1 and not f.target:
        f.target = [f.source.pop(1)]


def _statement(words: list[str]) -> bool:
    """ "hal tersebut", "kebijakan itu", "pernyataan": a statement standing for its author, not an actor
    ("kebijakan Pemkot" is the Pemkot's)."""
    return 0 < len(words) <= 2 and words[0] in STATEMENT_NOUNS and (len(words) == 1 or words[1] in W.deictic)


def _targets(ctx: Context, s: SentenceView, after: int, typ: str) -> list[Actor]:
    """Actors after target prepositions in the clause(s) following ``after``."""
    rule = ctx.rule(typ)
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
        if w in W.target_preps and not s.named[k]:
            with_ok = w in rule.target_with and (
                not rule.target_with_after or any(a in s.words[after:k] for a in rule.target_with_after)
            )  # "menunda/memutus hubungan diplomatik dengan Belanda"
            if (w in ("dengan", "bersama") and not with_ok) or (w == "dari" and not rule.dari_target):
                k += 1
                continue
            if k + 1 < n and s.clauses.verb(k + 1):
                break
            got = _object(ctx, s, k + 1, loose=True)
            if got:
                return got
        k += 1
    return []


def _clause_subject(ctx: Context, s: SentenceView, j: int) -> list[Actor]:
    """The subject of an "agar/supaya" clause right after a request: "meminta agar BPS merevisi data"."""
    for k in range(j, min(len(s.words) - 1, j + 3)):
        if s.words[k] in ("agar", "supaya"):
            return _object(ctx, s, k + 1, loose=True)
        if s.words[k] in PUNCT_BOUNDARY or s.clauses.verb(k):
            break
    return []


def _agent_after(ctx: Context, s: SentenceView, j: int, objects: frozenset[str] = frozenset()) -> list[Actor]:
    """The agent right after a passive verb (or after "oleh"); not the trigger's own object word
    ("ditetapkan tersangka": no one named "tersangka" did it)."""
    if j < len(s.words) and s.words[j] == "oleh":
        j += 1
    chunk = object_chunk(s.clauses, j)
    if chunk is not None and chunk[1] - chunk[0] == 1 and strip_clitics(s.words[j]) in objects:
        return []
    return ctx.resolver.resolve(s.span(chunk))


def _oleh(ctx: Context, s: SentenceView, j: int) -> list[Actor]:
    for k in range(j, min(len(s.words), j + 10)):
        if s.words[k] == "oleh":
            return _object(ctx, s, k + 1)
        if s.words[k] in PUNCT_BOUNDARY:
            break
        if k > j and s.words[k - 1] == "yang" and s.words[k].startswith("di"):
            m = match(ctx.lex, s, k)
            if m is not None and ctx.rule(m[0].type).response:
                break  # "serangan yang dikecam oleh AS": the agent of the condemnation, not of the attack
    return []


def _place_country(ctx: Context, s: SentenceView, f: Found) -> str | None:
    """The country of a place right after the verb ("ditangkap di Bangkok pada 2003": THA)."""
    j = f.end - s.offset
    for k in range(j, min(len(s.words) - 1, j + 3)):
        if s.words[k] in PUNCT_BOUNDARY or (k > j and s.clauses.verb(k)):
            return None
        if s.words[k] != "di":
            continue
        ents = ctx.resolver.token_entities.get(s.offset + k + 1, [])
        loc = next((e for e in ents if e.type == "LOCATION" and e.country), None)
        return loc.country if loc else None
    return None


def _sentence_place_country(ctx: Context, s: SentenceView, i: int, j: int) -> str | None:
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
            ents = ctx.resolver.token_entities.get(s.offset + k, [])
            loc = next((e for e in ents if e.type == "LOCATION" and e.country), None)
            if loc is not None:
                return loc.country
    return None


def _after_dari(ctx: Context, s: SentenceView, j: int) -> list[Actor]:
    for k in range(j, min(len(s.words), j + 12)):
        if s.words[k] == "dari":
            return _object(ctx, s, k + 1)
    return []


def _relative_agent(ctx: Context, s: SentenceView, j: int) -> list[Actor]:
    """The agent of a passive relative clause on a noun trigger: "gugatan praperadilan yang
    dilayangkan Miryam", "serangan yang dilakukan oleh Israel"."""
    for k in range(j, min(len(s.words) - 2, j + 5)):
        w = s.words[k]
        if w in PUNCT_BOUNDARY or (s.clauses.boundary(k) and w != "yang"):
            return []
        nxt = s.words[k + 1]
        if w == "yang" and nxt.startswith("di") and s.clauses.verb(k + 1) and nxt not in W.naming_passives:
            m = match(ctx.lex, s, k + 1)
            if m is not None and ctx.rule(m[0].type).response:
                return []  # "kesepakatan yang dicampakkan oleh AS": rejected by AS, not made
            return _agent_after(ctx, s, k + 2)
    return []


def _dari_near(ctx: Context, s: SentenceView, j: int) -> list[Actor]:
    """The actor after "dari" within four words of a noun trigger, in the same clause."""
    for k in range(j, min(len(s.words) - 1, j + 4)):
        w = s.words[k]
        if w in PUNCT_BOUNDARY or s.clauses.boundary(k) or (s.clauses.verb(k) and w != "mundur"):
            break
        if w == "dari" and not s.clauses.verb(k + 1):
            return _object(ctx, s, k + 1)
    return []


def fronted(ctx: Context, s: SentenceView, found: list[Found]) -> None:
    """An event noun in a fronted adverbial with no actor of its own is the main clause subject's:
    "Dalam audiensi dengan DPR, mahasiswa menegaskan ...", "Pada pertemuan itu, KPK mengimbau ..."."""
    for f in found:
        i = f.start - s.offset
        if f.source or f.entry.verbal or not any(w in W.adverbial_preps for w in s.words[max(0, i - 2) : i]):
            continue
        comma = next((k for k in range(i, min(len(s.words), i + 14)) if s.words[k] == ","), None)
        if comma is None or any(s.clauses.verb(k) for k in range(i + 1, comma)):
            continue
        verb = next((k for k in range(comma + 1, min(len(s.words), comma + 10)) if s.clauses.verb(k)), None)
        if verb is not None:
            f.source = subject_of(ctx, s, verb)[:1]


def responsible(ctx: Context, s: SentenceView, found: list[Found]) -> None:
    """Who claims or is tied to an act named by a noun: "Taliban mengaku bertanggung jawab atas
    serangan itu", "ISIS mengklaim serangan itu" (the subject of the frame)."""
    for f in found:
        if f.source or f.entry.verbal:
            continue
        i = f.start - s.offset
        for frame in W.responsibility:
            n = len(frame)
            if i >= n and tuple(s.words[i - n : i]) == frame:
                h = i - n
                while h > 0 and s.words[h - 1] in ("mengaku", "mengklaim", "menyatakan", "diduga", "disebut"):
                    h -= 1
                f.source = subject_of(ctx, s, h)[:1]
                break


def zero_subjects(ctx: Context, s: SentenceView, found: list[Found]) -> None:
    """Verbal triggers without a subject of their own borrow one: the speaker of a speech verb before
    them, the controlling trigger ("mengancam akan menyerang"), the previous clause's subject after
    untuk/setelah/dan ..., or the nearest earlier verb's subject or agent."""
    for k, f in enumerate(found):
        if f.source:
            continue
        if not (f.entry.verbal or light_verb(s, f.start - s.offset) is not None):
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
            f.source = subject_of(ctx, s, head - 1)[:1]
        elif ctrl is not None and ctrl.source:
            # "Korut mengancam akan menyerang Guam", "membuka kemungkinan berunding dengan ...":
            # the controlling verb's subject acts; a threat or offer is aimed at the act's target
            f.source = ctrl.source[:1]
            lends = ctx.rule(ctrl.entry.type).lends_target
            if lends and (not ctrl.target or weak(ctrl.target[0])) and f.target:
                ctrl.target = f.target[:1]
        elif head > 0 and s.words[head - 1] in W.means and f.entry.verbal and k > 0 and found[k - 1].source:
            f.source = found[k - 1].source[:1]  # "didalami KPK dengan memeriksa tiga saksi": KPK
        elif head > 0 and (s.words[head - 1] in W.purpose or s.words[head - 1] in W.ellipsis):
            prev = next((g for g in reversed(found[:k]) if g.source), None)
            if prev is not None and prev.entry.passive and prev.target and not f.entry.passive:
                # "Dua aktivis ditahan polisi setelah menembaki markas ...": the passive's subject acts
                f.source = prev.target[:1]
            elif prev is not None:
                f.source = prev.source[:1]
            else:
                f.source = _main_verb_subject(ctx, s, head)
        if not f.source and ctx.rule(f.entry.type).speaker and not subject_chunks(s.clauses, head):
            f.source = ctx.resolver.speaker_of(f.start)  # "..., saya minta masyarakat tenang," kata Tito
        if f.source and f.target and same_actor(f.source[0], f.target[0]):
            f.target = []


def _main_verb_subject(ctx: Context, s: SentenceView, head: int) -> list[Actor]:
    """ "PBB membuat rencana untuk menyediakan bantuan": the nearest earlier verb with a subject ("Dia
    mengaku siap menjalani sidang, dan berjanji ..."), or its agent ("Permintaan maaf itu disampaikan
    Mattis ketika bertemu dengan ...")."""
    verbs = []
    for x in range(head - 2, -1, -1):
        if s.clauses.boundary(x) and s.words[x] != ",":
            break  # not across "yang", "bahwa", "untuk" ...: another clause's subject
        if s.clauses.verb(x):
            verbs.append(x)
    verbs = verbs[:3]
    for x in verbs:
        got = subject_of(ctx, s, x)[:1]
        if got:
            return got
    if verbs and s.words[verbs[0]].startswith(W.agent_after):
        return _agent_after(ctx, s, verbs[0] + 1)[:1]
    return []


def borrowed_targets(ctx: Context, s: SentenceView, found: list[Found]) -> None:
    """A mobilisation takes the target of the act it is for ("menyiapkan pasukan untuk berperang
    melawan AS")."""
    for k, f in enumerate(found[:-1]):
        g = found[k + 1]
        gap = s.words[f.end - s.offset : g.start - s.offset]
        if (
            ctx.rule(f.entry.type).takes_target_of
            and not f.target
            and g.entry.type in ctx.rule(f.entry.type).takes_target_of
            and g.target
            and any(w in W.purpose for w in gap)
            and len(gap) <= 8
        ):
            f.target = g.target[:1]
