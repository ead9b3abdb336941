"""Pass 4, time and place: the event's date (with where it came from) and its location.

Dates come from the time expressions of the ``times`` stage: one in the event's own clause, else a
verb-less adverbial that opens or closes the sentence or sits next to the trigger's clause.
"""

from __future__ import annotations

from warta.model import TimeExpr
from warta.stages.events.clause import PUNCT_BOUNDARY
from warta.stages.events.triggers import match
from warta.stages.events.view import Context, Found, SentenceView, W

__all__ = ["date_and_place"]


def date_and_place(ctx: Context, s: SentenceView, found: list[Found], times: list[TimeExpr]) -> None:
    """Set ``date``, ``date_source`` and ``location`` of the sentence's triggers; ``times`` are the
    sentence's dated time expressions."""
    for f in found:
        f.date = _date(ctx, s, f, times)
        f.date_source = "clause" if f.date else "none"
        f.location = _location(ctx, s, f)


def _value(t: TimeExpr) -> str:
    return t.value.split("T")[0] if "T" in t.value and t.value[:4].isdigit() else t.value


def _token_at(s: SentenceView, char: int) -> int | None:
    return next((q for q, tok in enumerate(s.tokens) if tok.end > char), None)


def _busy(ctx: Context, s: SentenceView) -> set[int]:
    """Clause ids with a trigger or a verb of their own: they keep their times to themselves."""
    if s.busy is None:
        s.busy = {s.clauses.ids[k] for k in range(len(s.words)) if s.clauses.verb(k) or match(ctx.lex, s, k)}
    return s.busy


def _date(ctx: Context, s: SentenceView, f: Found, times: list[TimeExpr]) -> str | None:
    local = f.start - s.offset
    clause = s.clauses.ids[local]
    in_clause: list[tuple[int, str]] = []
    free: list[tuple[int, str]] = []
    busy = _busy(ctx, s)
    own = {clause}
    end = f.end - s.offset
    if not f.entry.verbal:  # "serangan yang dilakukan pada Kamis itu"
        nxt = end + 1 if end < len(s.words) and s.words[end] in W.anaphors else end
        if nxt < len(s.words) and s.words[nxt] == "yang":
            own.add(s.clauses.ids[nxt])
    for t in times:
        k = _token_at(s, t.start)
        if k is None:
            continue
        if s.clauses.ids[k] in own:
            in_clause.append((abs(k - local), _value(t)))
        elif s.clauses.ids[k] not in busy and _edge_time(s, t.start, t.end):
            free.append((abs(k - local), _value(t)))  # a fronted or closing adverbial
    if in_clause:
        return min(in_clause)[1]
    if free and not f.governed:
        return min(free)[1]
    near = _near_times(s, local, busy, times)
    if near and not f.governed:
        return min(near)[1]
    return None


def _near_times(s: SentenceView, local: int, busy: set[int], times: list[TimeExpr]) -> list[tuple[int, str]]:
    """Times in verb-less comma segments next to the trigger's clause: "berunjuk rasa di Dublin,
    Irlandia, Sabtu (30/9) waktu setempat, mendesak ...", "Dalam pidato ..., Selasa malam (21/11),
    Rouhani berterima kasih"."""
    clause = s.clauses.ids[local]
    near = set()
    for step in (-1, 1):
        c = clause + step
        while c >= 0 and c not in busy and c in s.clauses.ids:
            near.add(c)
            c += step
    got = []
    for t in times:
        k = _token_at(s, t.start)
        if k is None or s.clauses.ids[k] not in near:
            continue
        value = t.value.split("T")[0] if "T" in t.value else t.value
        got.append((abs(k - local), value))
    return got


def _edge_time(s: SentenceView, start: int, end: int) -> bool:
    """Does the time open the sentence ("Pada Selasa (23/11), ...") or close it ("..., Rabu (14/2).")?"""
    words = [k for k, t in enumerate(s.tokens) if t.text not in PUNCT_BOUNDARY]
    before = [k for k in words if s.tokens[k].end <= start]
    after = [k for k in words if s.tokens[k].start >= end]
    if len(before) <= 1:
        return True
    return len(after) <= 4 and not any(s.clauses.verb(k) for k in after)


def _location(ctx: Context, s: SentenceView, f: Found) -> str | None:
    best: tuple[int, str] | None = None
    local = f.start - s.offset
    # "di X"; for visits also "ke X" (the place visited is where the meeting happens)
    preps = ("di", "ke") if f.entry.type == "CONSULT" and f.mode == "visit" else ("di",)
    for k in range(len(s.words)):
        ents = ctx.resolver.token_entities.get(s.offset + k, [])
        loc = next((e for e in ents if e.type == "LOCATION"), None)
        if loc is None:
            continue
        for back in range(k - 1, max(-1, k - 5), -1):
            w = s.words[back]
            if w not in W.place_words and w not in preps and not s.named[back]:
                break
            if w in preps:
                dist = abs(k - local) + (0 if s.clauses.ids[k] == s.clauses.ids[local] else 50)
                if best is None or dist < best[0]:
                    best = (dist, loc.id)
                break
            if w in PUNCT_BOUNDARY or s.clauses.verb(back):
                break
    return best[1] if best else None
