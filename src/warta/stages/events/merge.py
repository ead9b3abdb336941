"""Pass 5, merge: one event, many mentions — joining a sentence's trigger to the event an earlier
sentence told, and denials that reach back to earlier claims."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from warta.model import Actor, Document, Event, Span
from warta.stages.events.lexicon import TypeRule

if TYPE_CHECKING:
    from warta.stages.events.view import Found

__all__ = [
    "Window",
    "add_event",
    "compatible",
    "deny_previous",
    "same_actor",
    "same_speaker",
    "stronger",
]

STRENGTH = {"denied": 4, "negated": 3, "hypothetical": 2, "planned": 1, "asserted": 0}


def stronger(a: str, b: str) -> str:
    """The stronger of two statuses: denied > negated > hypothetical > planned > asserted."""
    return a if STRENGTH[a] >= STRENGTH[b] else b


#: a later mention joins an event only within this many sentences of its last mention
REACH = 8


@dataclass(slots=True)
class Window:
    """The events so far, with the indices of those still within reach of a new mention (so that
    merging costs the same per sentence in a long article as in a short one)."""

    events: list[Event] = field(default_factory=list)
    keys: list[Found] = field(default_factory=list)
    recent: list[int] = field(default_factory=list)

    def advance(self, sentence: int) -> None:
        """Forget events whose last mention is out of reach of ``sentence``."""
        self.recent = [i for i in self.recent if sentence - _last(self.events[i]) <= REACH]

    def near(self) -> list[tuple[Event, Found]]:
        """Events within reach, the most recent first."""
        return [(self.events[i], self.keys[i]) for i in reversed(self.recent)]


def _last(ev: Event) -> int:
    return int(ev.mentions[-1]["sentence"])


def add_event(doc: Document, f: Found, window: Window, types: dict[str, TypeRule]) -> None:
    """Join ``f`` to an earlier event it tells again, or add it as a new event (when it has a source)."""
    events = window.events
    for ev, key in window.near():
        if ev.type != f.entry.type or f.sentence - _last(ev) > REACH:
            continue
        if compatible(key, f, types):
            ev.mentions.append(f.mention(doc))
            if ev.date is None and f.date is not None:
                ev.date = f.date
                ev.date_source = f.date_source
            if ev.location is None:
                ev.location = f.location
            if ev.target is None and f.target:
                ev.target = f.target[0]
            unnamed = types[ev.type].unnamed_noun is not None
            if not ev.source.text and unnamed and f.source and f.source[0].text:
                ev.source = f.source[0]  # "Taliban mengaku bertanggung jawab atas serangan tersebut"
            if ev.mode is None:
                ev.mode = f.mode
            if f.status == "denied" or (f.status == "negated" and ev.status == "hypothetical"):
                ev.status = f.status
            return
    if not f.source:
        return
    src = f.source[0]
    person = src.entity is not None and any(e.id == src.entity and e.type == "PERSON" for e in doc.entities)
    if f.mode == "investigate" and (
        src.sector == "CVL" or (src.sector is None and (src.country is None or person))
    ):
        return  # "pria itu datang untuk menyelidiki": not an investigation by an authority
    trigger = doc.span(doc.tokens[f.start].start, doc.tokens[f.end - 1].end)
    ev = Event(
        id=f"v{len(events) + 1}",
        type=f.entry.type,
        source=f.source[0],
        trigger=Span(trigger.start, trigger.end, trigger.text),
        sentence=f.sentence,
        target=f.target[0] if f.target else None,
        mode=f.mode,
        date=f.date,
        location=f.location,
        status=f.status,
        mentions=[f.mention(doc)],
        other_sources=f.source[1:],
        other_targets=f.target[1:],
        reported=f.reported,
        date_source=f.date_source if f.date is not None else "none",
    )
    events.append(ev)
    window.keys.append(f)
    window.recent.append(len(events) - 1)


def same_actor(a: Actor, b: Actor) -> bool:
    if a.entity and b.entity:
        return a.entity == b.entity
    return a.text.lower() == b.text.lower()


def deny_previous(window: Window, denial: Found) -> None:
    """Mark the claims of the previous two sentences about the denier as denied."""
    who = denial.source[0].country
    for ev, _ in window.near():
        last = int(ev.mentions[-1]["sentence"])
        if not (denial.sentence - 2 <= last < denial.sentence):
            continue
        if (
            (ev.reported or ev.status == "hypothetical")
            and ev.source.country == who
            and ev.status != "negated"
        ):
            ev.status = "denied"


def same_speaker(a: Actor, b: Actor) -> bool:
    if a.entity and b.entity:
        return a.entity == b.entity
    wa, wb = a.text.lower().split(), b.text.lower().split()
    return bool(wa and wb) and (wa[-1] == wb[-1] or wa == wb)


def _countries(actors: list[Actor]) -> str | None:
    return actors[0].country if actors else None


def compatible(old: Found, new: Found, types: dict[str, TypeRule]) -> bool:
    """Is ``new`` another mention of the event first told by ``old``?"""
    rule = types[new.entry.type]
    unnamed = bool(new.source) and not new.source[0].text and rule.unnamed_noun is not None
    if new.anaphoric and (not new.source or (unnamed and not new.target)):
        return new.status in (old.status, "asserted", "denied") or old.status != "asserted"
    if (
        old.source
        and not old.source[0].text
        and types[old.entry.type].unnamed_noun is not None
        and new.sentence != old.sentence
    ):
        return False  # an attack with unnamed actors is joined only by a mention pointing back at it
    if new.date and old.date and new.date != old.date:
        return False
    if new.mode and old.mode and new.mode != old.mode and not rule.modes_may_differ:
        return False
    if (new.status == "asserted") != (old.status == "asserted") and new.status != "denied":
        return False
    if rule.speaker and new.source and old.source and not same_speaker(old.source[0], new.source[0]):
        return False
    a = (_countries(old.source), _countries(old.target))
    b = (_countries(new.source), _countries(new.target))
    if a[0] is None or b[0] is None:
        return False
    if rule.speaker and a[1] is None and b[1] is not None and new.sentence != old.sentence:
        # "mengecam rencana ...", then "menganggap PBB sebagai rumah kebohongan": a later mention names
        # fewer participants than the lead, so one that adds a target is another act
        return False
    ok = _match_pair(a, b)
    if not ok and rule.reciprocal:
        ok = _match_pair(a, (b[1], b[0]))
    return ok


def _match_pair(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    return a[0] == b[0] and (a[1] is None or b[1] is None or a[1] == b[1])
