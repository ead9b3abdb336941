"""Stage ``times``: Indonesian time expressions -> TIMEX3 values, resolved against the publication date.

Rule-based in three passes, after the HeidelTime / SUTime recipe:

1. *atoms* (``rules.py``): one entry per pattern — its regular expression over the word lists in
   ``resources/times/``, the slot it fills, its resolver, examples with their values — compiled into
   one expression that finds the pieces news uses (``Selasa``, ``(23/11)``, ``23 November 2021``,
   ``pukul 10.00 WIB``, ``pagi``, ``kemarin``, ``tiga hari``, ``bulan lalu``, ``2014`` ...);
2. *chains* (``chains.py``): atoms separated only by spaces join into one expression when their
   slots fit (``Minggu (28/12/2014) pukul 06.18 WIB kemarin`` is one TIME); ``filters.py`` drops the
   look-alikes (``Pasal 2014``, ``Pasar Minggu``);
3. *resolution* (``resolve.py``, ``values.py``): each chain gets a TIMEX3 type and value against an
   anchor: the publication date, or the speech date when a quote's attribution gives one
   (``"...," kata X, Sabtu (18/10)``). Anaphoric expressions (``hari itu``, ``pukul 16.15``,
   ``sebulan kemudian``) use the last date the text mentioned. Without a publication date,
   anchor-dependent values stay underspecified (``XXXX-11-23``, ``XXXX-XX-XX``) — today's date is
   never guessed.

How to add a pattern: docs/architecture.md.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from itertools import accumulate

from warta.lang.numbers import WEEKDAYS
from warta.model import Document, TimeExpr
from warta.settings import Settings
from warta.stages.base import Stage
from warta.stages.times.atoms import Chain
from warta.stages.times.calendar import hijri, safe_date, ymd
from warta.stages.times.chains import chains
from warta.stages.times.filters import keep
from warta.stages.times.lexicon import pattern
from warta.stages.times.resolve import Resolver
from warta.stages.times.rules import BOUNDARY, atom_re
from warta.stages.times.scan import finditer

__all__ = ["TimesStage", "find_times"]

_SPEECH_VERB = re.compile(rf"\b({pattern('speech_verbs')})\b", re.I)
_QUOTE = re.compile(r"[“\"]([^“”\"\n]{2,}?)[”\"]")


def _remember(resolver: Resolver, chain: Chain, typ: str, value: str) -> None:
    """What later anaphoric expressions refer to: the month, the year, the day this chain named."""
    month_value = re.match(r"(\d{4})-(\d{2})(?!\d)", value)
    if month_value and 1 <= int(month_value.group(2)) <= 12:
        resolver.months[int(month_value.group(2))] = (int(month_value.group(1)), chain.end)
    year = re.match(r"(\d{4})(?:-\d\d)*$", value)
    if year and typ == "DATE":
        resolver.last_year = int(year.group(1))
    day = re.match(r"(\d{4}-\d{2}-\d{2})", value)
    explicit = {a.kind for a in chain.atoms} & {"dmy", "numdate", "paren", "tanggal", "wd"}
    if day and explicit:
        resolver.ref = date.fromisoformat(day.group(1))
        wd = chain.get("wd")
        if wd is not None and explicit - {"wd"}:
            resolver.weekdays[WEEKDAYS[wd.text.lower()]] = resolver.ref


def find_times(text: str, published: str | None = None) -> list[TimeExpr]:
    """Time expressions in ``text`` resolved against ``published`` (ISO date or None)."""
    anchor = None
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", published or "")
    if m:
        anchor = safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    found = [c for c in chains(text) if keep(c, text)]
    speech = _speech_anchors(text, found, anchor)
    resolver = Resolver(text, anchor)
    out: list[TimeExpr] = []
    for chain in found:
        local = anchor
        for (qs, qe), d in speech:
            if qs <= chain.start and chain.end <= qe:
                local = d
        try:
            resolved = resolver.resolve(chain, local)
        except (ValueError, OverflowError):  # a calendar value out of range ("31 Februari", year 99999)
            resolved = None
        if resolved is None:
            continue
        typ, value = resolved
        start, end = chain.start, chain.end
        out.append(
            TimeExpr(start, end, text[start:end], type=typ, value=value, anchor=ymd(local) if local else None)
        )
        _remember(resolver, chain, typ, value)
    return out


def _speech_anchors(text: str, found: list[Chain], anchor: date | None) -> list[tuple[tuple[int, int], date]]:
    """Quote spans whose attribution gives a speech date: ``"...," kata X, Sabtu (18/10).``"""
    out: list[tuple[tuple[int, int], date]] = []
    explicit = [c for c in found if any(a.kind in {"paren", "dmy", "numdate"} for a in c.atoms)]
    if not explicit:
        return out
    resolver = Resolver(text, anchor)
    for m in _QUOTE.finditer(text):
        after_end = m.end()
        stop = len(text)
        for sep in ("\n", "“", ". "):
            i = text.find(sep, after_end)
            if i >= 0:
                stop = min(stop, i)
        verb = _SPEECH_VERB.search(text[after_end:stop])
        if verb is None or verb.start() > 60:
            continue
        for c in explicit:
            if after_end + verb.start() <= c.start and c.end <= stop + 1:
                value = resolver.resolve(c, anchor)
                if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[1]):
                    out.append(((m.start(), m.end()), date.fromisoformat(value[1])))
                break
    return out


class TimesStage(Stage):
    """Recognise and normalise time expressions (TIMEX3) in ``doc.times``."""

    name = "times"
    requires = ("text",)
    provides = ("times",)
    #: a "time" inside a name found by ``entities`` is part of the name
    uses = ("entities",)

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        finditer(atom_re(), "", BOUNDARY)  # compile once (and its prefilter), at pipeline build time
        hijri()

    def __call__(self, doc: Document) -> None:
        times = find_times(doc.text, doc.published)
        # when entities ran first, a "time" inside a name is part of the name ("Pasar Minggu", "Juli Siregar")
        reach = _reach(doc)
        doc.times = [t for t in times if not _inside(t, reach)]


def _reach(doc: Document) -> tuple[list[int], list[int]]:
    """The entity mentions' starts, sorted, and the furthest end of the mentions up to each."""
    spans = sorted((m.start, m.end) for e in doc.entities for m in e.mentions)
    starts = [a for a, _ in spans]
    ends = list(accumulate((b for _, b in spans), max))
    return starts, ends


def _inside(t: TimeExpr, reach: tuple[list[int], list[int]]) -> bool:
    """Does a mention contain ``t`` (``any(m.contains(t) ...)`` by a binary search)?"""
    starts, ends = reach
    k = bisect_right(starts, t.start)
    return k > 0 and ends[k - 1] >= t.end
