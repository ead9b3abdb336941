"""Stage ``events``: PLOVER-coded events — who did what to whom, when, where, and whether it happened.

The stage runs named passes over each sentence, in this order (one module each):

0. :mod:`.domain` — the story's domain: sports, entertainment and technology stories yield no events,
   business and weather stories only their authorities' acts
1. :mod:`.triggers` — lexicon triggers (``resources/events/triggers.txt``) and statement triggers
2. :mod:`.actors` — source and target from the clause (actor phrases resolved in :mod:`.resolver`)
3. :mod:`.status` — cue words, the governing verb, purpose clauses, quotes
4. :mod:`.timeplace` — the date with its ``date_source``, and the location
2b. :mod:`.picker` — the learned argument picker (setting ``events_picker``): a source or target for a
   candidate the clause rules left without one
5. :mod:`.merge` — mentions of one act joined into one event; denials reaching back to claims
6. :mod:`.classifier` — the learned component (setting ``events_model = "learned"``): keeps or drops
   each candidate and confirms or changes its PLOVER type

Word lists are ``resources/events/words.toml`` and per-type behaviour ``resources/events/types.toml``.
"""

from __future__ import annotations

import bisect
from typing import ClassVar, Protocol

from warta.model import Document, Event, TimeExpr
from warta.settings import Settings
from warta.stages.base import Stage
from warta.stages.events import actors, domain, merge, picker, status, tagger, timeplace, triggers
from warta.stages.events.classifier import TriggerModel, certain, features, load_trigger_model
from warta.stages.events.lexicon import Lexicon, load_lexicon
from warta.stages.events.picker import ArgPicker, load_picker
from warta.stages.events.resolver import ActorResolver
from warta.stages.events.tagger import TaggerSettings, load_tagger
from warta.stages.events.view import Context, Found, SentenceView, W

__all__ = ["EventsStage", "extract_events"]


class Proposer(Protocol):
    """The learned candidate generator (:class:`.tagger.TriggerTagger`, or a cache of its output)."""

    settings: TaggerSettings

    def marginals_for(self, ctx: Context, s: SentenceView) -> list[tuple[str, float]]: ...


def _sentence_triggers(
    ctx: Context,
    index: int,
    times: list[list[TimeExpr]],
    proposer: Proposer | None = None,
    arg_picker: ArgPicker | None = None,
) -> list[Found]:
    """Every pass but merge, on one sentence (``times[index]`` is narrowed to the times that can date)."""
    s = SentenceView(ctx.doc, index, ctx.resolver)
    times[index] = timeplace.dated_times(ctx, s, times[index])
    found = triggers.find(ctx, s)
    if proposer is not None:
        found += tagger.propose(s, proposer.marginals_for(ctx, s), found, proposer.settings, ctx.political)
        found.sort(key=lambda f: f.start)
    for f in found:
        actors.arguments(ctx, s, f)
        f.mode = triggers.mode(ctx.lex, s, f)
        status.cues(ctx, s, f)
    actors.zero_subjects(ctx, s, found)
    actors.responsible(ctx, s, found)
    actors.fronted(ctx, s, found)
    found = status.govern(ctx, s, found)
    actors.borrowed_targets(ctx, s, found)
    picker.fill(ctx, s, found, arg_picker)
    status.purpose(ctx, s, found)
    found = status.unannounced_threats(s, found)
    found += triggers.statements(ctx, s, found)
    timeplace.date_and_place(ctx, s, found, times[index])
    status.future(ctx, found)
    return found


def _times_by_sentence(doc: Document) -> list[list[TimeExpr]]:
    """The dated time expressions (DATE/TIME with a calendar value) of each sentence, in one pass."""
    out: list[list[TimeExpr]] = [[] for _ in doc.sentences]
    starts = [s.start for s in doc.sentences]
    for t in doc.times:
        if t.type not in ("DATE", "TIME") or not t.value[:4].isdigit():
            continue
        k = bisect.bisect_right(starts, t.start) - 1
        if 0 <= k < len(doc.sentences) and t.start < doc.sentences[k].end:
            out[k].append(t)
    return out


def _denies_claim(doc: Document, f: Found) -> bool:
    """A denial pointing back at a claim: "Klaim itu dibantah Moskow", "membantah tuduhan tersebut"."""
    sent = doc.sentences[f.sentence]
    words = [t.text.lower() for t in doc.tokens[sent.token_start : sent.token_end]]
    local = f.start - sent.token_start
    if not words[local].startswith(W.deny_roots):
        return False
    near = words[max(0, local - 4) : local] if f.entry.passive else words[local + 1 : local + 4]
    return any(w in W.claim_nouns for w in near)


def extract_events(
    doc: Document,
    lex: Lexicon | None = None,
    model: TriggerModel | None = None,
    proposer: Proposer | None = None,
    arg_picker: ArgPicker | None = None,
) -> list[Event]:
    """The events of ``doc`` (needs sentences and tokens; uses entities, times, quotes and references
    when present). With ``proposer`` (the learned candidate generator) the trigger tagger's words are
    candidates next to the lexicon's; with ``model`` (the candidate classifier) each candidate is kept
    or dropped, and its type confirmed or changed; with ``arg_picker`` (the learned argument picker)
    candidates the clause rules left without a source or target get the picker's best actor."""
    if not doc.sentences or not doc.tokens:
        return []
    lex = lex or load_lexicon()
    ctx = Context(doc, lex, ActorResolver(doc, lex), sorted((q.start, q.end) for q in doc.quotes))
    times = _times_by_sentence(doc)
    ctx.domain, ctx.political = domain.story_domain(doc)
    window = merge.Window()
    for index in range(len(doc.sentences)):
        window.advance(index)
        found = _sentence_triggers(ctx, index, times, proposer, arg_picker)
        for f in found:
            merge.add_event(doc, f, window, lex.types)
        for f in found:
            if lex.types[f.entry.type].denies is not None and f.source and _denies_claim(doc, f):
                merge.deny_previous(window, f)
    events = window.events
    timeplace.attribution_dates(ctx, events, times)
    events = [ev for ev in events if domain.keep(ctx.domain, ctx.political, ev.source.sector)]
    if model is not None:
        events = _learned(doc, events, model, ctx.domain, ctx.political)
    for k, ev in enumerate(events, 1):
        ev.id = f"v{k}"
    return events


def _learned(
    doc: Document, events: list[Event], model: TriggerModel, dom: str, political: float
) -> list[Event]:
    kept = []
    for ev in events:
        keep, typ = model.decide(features(doc, ev, dom, political), ev.type, certain=certain(ev))
        if not keep:
            continue
        if typ != ev.type:
            ev.type, ev.mode = typ, None
        kept.append(ev)
    return kept


class EventsStage(Stage):
    """Sets ``doc.events``."""

    name: ClassVar[str] = "events"
    requires: ClassVar[tuple[str, ...]] = ("text", "tokens", "sentences", "entities", "times", "quotes")
    provides: ClassVar[tuple[str, ...]] = ("events",)
    #: pronouns resolved by a ``coref`` stage, when one ran before (else the list is empty)
    uses: ClassVar[tuple[str, ...]] = ("references",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.lexicon = load_lexicon()
        self.model = load_trigger_model() if settings.events_model == "classifier" else None
        self.proposer = load_tagger() if settings.events_model == "learned" else None
        self.picker = load_picker() if settings.events_picker else None

    def __call__(self, doc: Document) -> None:
        doc.events = extract_events(doc, self.lexicon, self.model, self.proposer, self.picker)
