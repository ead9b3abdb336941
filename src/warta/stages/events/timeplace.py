"""Pass 4, time and place: the event's date, where the date came from (``date_source``), and its location.

Dates come from the time expressions of the ``times`` stage: one in the event's own clause, else a
verb-less adverbial that opens or closes the sentence or sits next to the trigger's clause
(``clause``; ``publication`` when it is "hari ini", "pagi tadi" ...; ``dateline`` when it opens the
story). A year that numbers a document or a budget ("UU Nomor 19 Tahun 2016", "APBN 2026") is no date.
After merging, an undated statement or asserted act takes the date of its attribution
(``attribution``): "..., kata X, Selasa (21/10)" after the quote it is in, the same speaker's quote in
the next sentences, or "Hal itu disampaikan X ..., Rabu (22/10)".
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from warta.model import Document, Event, Quote, TimeExpr
from warta.stages.events.clause import PUNCT_BOUNDARY
from warta.stages.events.triggers import match
from warta.stages.events.view import Context, Found, SentenceView, W

__all__ = ["attribution_dates", "date_and_place", "dated_times"]


def dated_times(ctx: Context, s: SentenceView, times: list[TimeExpr]) -> list[TimeExpr]:
    """The sentence's time expressions that can date an event: not a document number, not a budget year."""
    out = []
    for t in times:
        k = _token_at(s, t.start)
        if k is None:
            continue
        before = s.words[max(0, k - 4) : k]
        bare_year = len(t.value) == 4 and t.text.strip().isdigit()
        acronym = k > 0 and s.tokens[k - 1].text.isupper() and len(s.tokens[k - 1].text) >= 2
        if any(w in W.document_words for w in before) or (before and before[-1] in W.budget_words):
            continue  # "UU Nomor 19 Tahun 2016", "APBN 2026"
        if bare_year and acronym:
            continue  # "MBG 2025": a programme's year
        out.append(t)
    return out


def date_and_place(ctx: Context, s: SentenceView, found: list[Found], times: list[TimeExpr]) -> None:
    """Set ``date``, ``date_source`` and ``location`` of the sentence's triggers; ``times`` are the
    sentence's dated time expressions (already narrowed by :func:`dated_times`)."""
    for f in found:
        t = _date(ctx, s, f, times)
        f.date = _value(t) if t is not None else None
        f.date_source = _source(ctx.doc, t)
        f.location = _location(ctx, s, f)


def _source(doc: Document, t: TimeExpr | None) -> str:
    if t is None:
        return "none"
    if " ".join(t.text.lower().split()) in W.publication_times:
        return "publication"
    if t.start < 40 and doc.text[t.end : t.end + 4].strip()[:1] in ("-", "–", "—"):
        return "dateline"  # "Jakarta, Selasa (21/10) - ..."
    return "clause"


def _value(t: TimeExpr) -> str:
    return t.value.split("T")[0] if "T" in t.value and t.value[:4].isdigit() else t.value


def _token_at(s: SentenceView, char: int) -> int | None:
    return next((q for q, tok in enumerate(s.tokens) if tok.end > char), None)


def _busy(ctx: Context, s: SentenceView) -> set[int]:
    """Clause ids with a trigger or a verb of their own: they keep their times to themselves."""
    if s.busy is None:
        s.busy = {s.clauses.ids[k] for k in range(len(s.words)) if s.clauses.verb(k) or match(ctx.lex, s, k)}
    return s.busy


def _date(ctx: Context, s: SentenceView, f: Found, times: list[TimeExpr]) -> TimeExpr | None:
    local = f.start - s.offset
    clause = s.clauses.ids[local]
    in_clause: list[tuple[int, int, TimeExpr]] = []
    free: list[tuple[int, int, TimeExpr]] = []
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
            in_clause.append((abs(k - local), t.start, t))
        elif s.clauses.ids[k] not in busy and _edge_time(s, t.start, t.end):
            free.append((abs(k - local), t.start, t))  # a fronted or closing adverbial
    if in_clause:
        return min(in_clause)[2]
    if free and not f.governed:
        return min(free)[2]
    near = _near_times(s, local, busy, times)
    if near and not f.governed:
        return min(near)[2]
    return None


def _near_times(
    s: SentenceView, local: int, busy: set[int], times: list[TimeExpr]
) -> list[tuple[int, int, TimeExpr]]:
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
        got.append((abs(k - local), t.start, t))
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


def _attribution_time(doc: Document, sentence: int, after: int, times: list[TimeExpr]) -> TimeExpr | None:
    """The first dated time in ``sentence`` after character ``after`` that follows an attribution verb
    ("..., kata X di Jakarta, Selasa (21/10)")."""
    sent = doc.sentences[sentence]
    toks = doc.tokens[sent.token_start : sent.token_end]
    verb_at = None
    for k, tok in enumerate(toks):
        if tok.start < after:
            continue
        if tok.text.lower() in W.attribution_verbs:
            verb_at = k
            continue
        if verb_at is not None and k - verb_at <= 16:  # "kata X di Gedung KPK, Jakarta, Selasa (21/10)"
            t = next((t for t in times if t.start == tok.start), None)
            if t is not None:
                return t
    return None


@dataclass(slots=True)
class _Quotes:
    """The document's quotes by position and by speaker."""

    quotes: list[Quote]
    starts: list[int]
    by_speaker: dict[str, list[Quote]]

    @classmethod
    def of(cls, doc: Document) -> _Quotes:
        quotes = sorted(doc.quotes, key=lambda q: q.start)
        by_speaker: dict[str, list[Quote]] = {}
        for q in quotes:
            if q.speaker:
                by_speaker.setdefault(q.speaker, []).append(q)
        return cls(quotes, [q.start for q in quotes], by_speaker)

    def at(self, char: int) -> Quote | None:
        k = bisect.bisect_right(self.starts, char) - 1
        if k >= 0 and self.quotes[k].start <= char < self.quotes[k].end:
            return self.quotes[k]
        return None


def attribution_dates(ctx: Context, events: list[Event], times: list[list[TimeExpr]]) -> None:
    """Date an undated statement or asserted act from the attribution of its quote or statement."""
    quotes = _Quotes.of(ctx.doc)
    year = (ctx.doc.published or "")[:4]
    for ev in events:
        vague = ev.date is not None and ev.date == year  # "di tahun 2025" in a 2025 story: say which day
        if (ev.date is not None and not vague) or ev.status not in ("asserted", "negated", "denied"):
            continue
        t = _attributed(ctx, ev, quotes, times)
        if t is not None and (not vague or _value(t).startswith(year)):
            ev.date = _value(t)
            ev.date_source = "attribution"


def _attributed(ctx: Context, ev: Event, quotes: _Quotes, times: list[list[TimeExpr]]) -> TimeExpr | None:
    doc = ctx.doc
    for m in ev.mentions:
        sent, char = int(m["sentence"]), int(m["start"])
        q = quotes.at(char)
        if q is not None:  # the event is told inside a quote: its attribution follows the quote
            end_sent = doc.sentence_at(max(q.start, q.end - 1))
            t = _attribution_time(doc, end_sent, q.end, times[end_sent]) if end_sent is not None else None
            if t is not None:
                return t
        t = _attribution_time(doc, sent, char, times[sent])  # "X meminta ..., kata dia, Selasa (21/10)"
        if t is not None:
            return t
    if not ctx.rule(ev.type).speaker:
        return None
    first = min(int(m["sentence"]) for m in ev.mentions)
    for q in quotes.by_speaker.get(ev.source.entity or "", []):  # the same speaker's, in the next sentences
        qs = doc.sentence_at(q.start)
        qe = doc.sentence_at(max(q.start, q.end - 1))
        if qs is None or qe is None or not (first <= qs <= first + 3):
            continue
        t = _attribution_time(doc, qe, q.end, times[qe]) or _attribution_time(doc, qs, q.start, times[qs])
        if t is not None:
            return t
    nxt = first + 1  # "Hal itu disampaikan X di Jakarta, Rabu (22/10)"
    if nxt < len(doc.sentences):
        words = [t.text.lower() for t in doc.sentence_tokens(nxt)[:6]]
        if words and words[0] in W.statement_nouns and any(w in W.attribution_verbs for w in words):
            return _attribution_time(doc, nxt, doc.sentences[nxt].start, times[nxt])
    # a statement told in the lead and attributed in the next sentences ("Polda mengultimatum ...";
    # then "...," kata Kabid Humas Polda ..., Jumat (6/1)): the story's first attribution after it
    after = range(first, min(len(doc.sentences), first + ATTRIBUTION_REACH + 1))
    # or just before it: "..., ujar Husni, Jumat (15/8)." then "Ia juga mengutuk ..."
    before = range(first - 1, max(-1, first - 3), -1)
    for k in (*after, *before):
        t = _attribution_time(doc, k, doc.sentences[k].start, times[k])
        if t is not None:
            return t
    return None


#: how many sentences after a statement its attribution may follow
ATTRIBUTION_REACH = 5
