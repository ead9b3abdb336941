"""Pass 3 of the ``times`` stage: a chain -> TIMEX3 (type, value) against an anchor.

The chain's ``base`` atom is resolved by its rule's resolver; a weekday, a clock time and a part of
the day refine it (``Selasa (23/11) pukul 10.00 WIB`` -> ``2021-11-23T10:00``). Anaphoric
expressions (``hari itu``, ``pukul 16.15``, ``sebulan kemudian``) use the last date the text
mentioned; without an anchor, anchor-dependent values stay underspecified (``XXXX-11-23``).
"""

from __future__ import annotations

import re
from datetime import date

from warta.lang.numbers import MONTHS, WEEKDAYS
from warta.stages.times.atoms import Atom, Chain
from warta.stages.times.calendar import duration, sum_durations
from warta.stages.times.rules import rule
from warta.stages.times.values import POD, Context, Value

__all__ = ["Resolver"]

_REL_TENSE = {"kemarin": -1, "besok": 1, "esok": 1, "lusa": 1}


class Resolver(Context):
    """Turns chains into TIMEX3 (type, value), tracking the last date mentioned."""

    def value_of(self, chain: Chain, base: Atom | None, wd: Atom | None, anchor: date | None) -> str | None:
        """The date value of ``base`` (by its rule's resolver), or of the weekday when there is none."""
        if base is None:
            if wd is None:  # a bare clock time: on the day last mentioned
                return self.ref_day()
            return self.weekday(WEEKDAYS[wd.text.lower()], chain, anchor)
        resolver = rule(base.kind).resolve
        found = resolver(self, chain, base, anchor) if resolver is not None else None
        return found[1] if found is not None else None

    def resolve(self, chain: Chain, anchor: date | None) -> Value | None:
        durs = [a for a in chain.atoms if a.kind == "dur"]
        if len(durs) > 1:
            return sum_durations([duration(a.text) for a in durs])
        lone = next((a for a in chain.atoms if a.slot == "lone"), None)
        if lone is not None:
            resolver = rule(lone.kind).resolve
            return resolver(self, chain, lone, anchor) if resolver is not None else None
        base = next((a for a in chain.atoms if a.kind == "paren"), None) or chain.get("base")
        wd = chain.get("wd")
        clock = chain.get("clock")
        pod = chain.get("pod") or chain.get("podrel")
        if base is None and wd is None and clock is None:
            base = chain.get("podrel")
            if base is None:  # "pagi itu": a part of the day last mentioned
                if pod is None:
                    return None
                return "TIME", f"{self.ref_day()}{POD[pod.text.lower()]}"
        year_atom = next((a for a in chain.atoms[1:] if a.kind in {"year", "unitrel"}), None)
        if base is not None and rule(base.kind).takes_year and year_atom is not None:
            return self._in_year(chain, base, year_atom, anchor)
        value: str | None
        if wd is not None and base is not None and base.kind == "rel" and base.text.lower() in _REL_TENSE:
            value = self.weekday(WEEKDAYS[wd.text.lower()], chain, anchor, _REL_TENSE[base.text.lower()])
            base = None
        else:
            value = self.value_of(chain, base, wd, anchor)
        if value is None:
            return None
        if pod is None and base is not None and base.kind == "rel":
            pod = next(
                (
                    Atom("pod", base.start, base.end, w, "pod")
                    for w in POD
                    if re.search(rf"\b{w}\b", re.sub(r"^semalam$", "malam", base.text.lower()))
                ),
                None,
            )
        if clock is None and pod is None:
            return "DATE", value
        return self._time(value, base, wd, clock, pod)

    def _in_year(self, chain: Chain, base: Atom, year_atom: Atom, anchor: date | None) -> Value | None:
        """``Desember tahun depan``, ``Lebaran 2019``, ``musim kemarau tahun lalu``."""
        year_value = self.value_of(chain, year_atom, None, anchor)
        if year_value is None or not year_value.isdigit():
            return None
        mid_year = date(int(year_value), 7, 1)
        if base.kind == "month":  # "Desember tahun depan": that month of that year
            mname = re.search(r"[^\W\d_]+$", base.text)
            if mname and mname.group().lower() in MONTHS:
                return "DATE", f"{year_value}-{MONTHS[mname.group().lower()]:02d}"
        return "DATE", self.value_of(Chain([base]), base, None, mid_year) or year_value

    def _time(
        self, value: str, base: Atom | None, wd: Atom | None, clock: Atom | None, pod: Atom | None
    ) -> Value | None:
        """A TIME: the day of ``value`` (or the last one mentioned) with the clock or part of the day."""
        day = value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
        if day is None and base is None and wd is None:
            day = self.ref_day()
        if day is None:
            day = value if value.startswith("XXXX") else "XXXX-XX-XX"
        pod_word = re.sub(r"\s+(ini|tadi|harinya)$|^(tadi|nanti)\s+", "", pod.text.lower()) if pod else None
        if clock is not None:
            m = re.search(r"(\d{1,2})(?:[.:](\d{2}))?", clock.text)
            assert m is not None
            hour, minute = int(m.group(1)), int(m.group(2) or 0)
            evening = pod_word in {"sore", "petang", "malam"} and hour < 12
            if evening or (pod_word in {"siang", "tengah hari"} and hour < 6):
                hour += 12
            if hour > 24 or minute > 59:
                return None
            return "TIME", f"{day}T{hour % 24:02d}:{minute:02d}"
        return "TIME", f"{day}{POD.get(pod_word or '', 'TNI')}"
