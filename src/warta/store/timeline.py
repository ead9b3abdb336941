"""Day counts → a zero-filled timeline of day, week or month buckets with a burst score per bucket.

Pure functions over ``[(YYYY-MM-DD, count)]``; the store (:mod:`warta.store.workbench`) supplies
the counts. docs/web.md explains the burst score:

    z = (count - mean) / max(sd, 1)   over the ``BURST_WINDOW`` buckets just before this one

(``None`` while fewer than ``BURST_MIN_HISTORY`` earlier buckets exist). A bucket is a **spike**
when ``z >= BURST_Z`` and it holds at least ``BURST_MIN_COUNT`` items. The floor of 1 on the
standard deviation keeps a quiet series (all zeros) from calling every first article a spike.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from warta.errors import InputError

__all__ = [
    "BURST_MIN_COUNT",
    "BURST_MIN_HISTORY",
    "BURST_WINDOW",
    "BURST_Z",
    "GRANULARITIES",
    "MAX_BUCKETS",
    "bucket_start",
    "burst_scores",
    "choose_granularity",
    "timeline",
]

GRANULARITIES = ("day", "week", "month")
#: trailing buckets the burst score compares against
BURST_WINDOW = 8
#: no score before this many earlier buckets exist
BURST_MIN_HISTORY = 3
BURST_Z = 3.0
BURST_MIN_COUNT = 3
#: a timeline never has more buckets than this (a finer granularity asked for is refused)
MAX_BUCKETS = 1500


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def _bound(value: str | None, upper: bool) -> date | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD filter bound as a day (an upper bound: its last day)."""
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if upper else 1)
        if len(parts) > 2:
            return date(year, month, int(parts[2]))
        if not upper:
            return date(year, month, 1)
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    except ValueError:
        return None


def choose_granularity(first: date, last: date) -> str:
    """day for a span up to 92 days, week up to two years, month beyond."""
    span = (last - first).days
    if span <= 92:
        return "day"
    if span <= 731:
        return "week"
    return "month"


def bucket_start(day: date, granularity: str) -> date:
    if granularity == "week":
        return day - timedelta(days=day.weekday())  # ISO weeks start on Monday
    if granularity == "month":
        return day.replace(day=1)
    return day


def _next(start: date, granularity: str) -> date:
    if granularity == "day":
        return start + timedelta(days=1)
    if granularity == "week":
        return start + timedelta(days=7)
    return date(start.year + (start.month == 12), start.month % 12 + 1, 1)


def _label(start: date, granularity: str) -> str:
    if granularity == "month":
        return start.strftime("%Y-%m")
    if granularity == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.isoformat()


def burst_scores(counts: list[int]) -> list[float | None]:
    """The z-score of each count against the ``BURST_WINDOW`` counts before it (see the module)."""
    out: list[float | None] = []
    for i, value in enumerate(counts):
        window = counts[max(0, i - BURST_WINDOW) : i]
        if len(window) < BURST_MIN_HISTORY:
            out.append(None)
            continue
        mean = sum(window) / len(window)
        sd = (sum((v - mean) ** 2 for v in window) / len(window)) ** 0.5
        out.append(round((value - mean) / max(sd, 1.0), 2))
    return out


def timeline(
    day_counts: Iterable[tuple[str, int]],
    granularity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> dict[str, Any]:
    """Zero-filled buckets from the first to the last day (or the given bounds), with burst scores.

    Answers ``{"granularity", "from", "to", "total", "buckets": [{"start", "end", "label",
    "count", "z", "spike"}]}``; ``granularity`` None chooses one from the span.
    """
    if granularity is not None and granularity not in GRANULARITIES:
        raise InputError(f"unknown granularity {granularity!r} (one of {', '.join(GRANULARITIES)})")
    days: dict[date, int] = {}
    for value, count in day_counts:
        day = _day(value)
        if day is not None:
            days[day] = days.get(day, 0) + int(count)
    lo, hi = _bound(date_from, False), _bound(date_to, True)
    first = lo or (min(days) if days else None)
    last = hi or (max(days) if days else None)
    if first is None or last is None or first > last:
        return {"granularity": granularity or "day", "from": None, "to": None, "total": 0, "buckets": []}
    chosen = granularity or choose_granularity(first, last)
    per: dict[date, int] = {}
    for day, count in days.items():
        if first <= day <= last:
            start = bucket_start(day, chosen)
            per[start] = per.get(start, 0) + count
    starts = [bucket_start(first, chosen)]
    while _next(starts[-1], chosen) <= last:
        starts.append(_next(starts[-1], chosen))
        if len(starts) > MAX_BUCKETS:
            raise InputError(
                f"a {chosen} timeline from {first} to {last} has over {MAX_BUCKETS} buckets: "
                "choose a coarser granularity or a shorter period"
            )
    counts = [per.get(s, 0) for s in starts]
    scores = burst_scores(counts)
    buckets = [
        {
            "start": s.isoformat(),
            "end": (_next(s, chosen) - timedelta(days=1)).isoformat(),
            "label": _label(s, chosen),
            "count": c,
            "z": z,
            "spike": z is not None and z >= BURST_Z and c >= BURST_MIN_COUNT,
        }
        for s, c, z in zip(starts, counts, scores, strict=True)
    ]
    return {
        "granularity": chosen,
        "from": first.isoformat(),
        "to": last.isoformat(),
        "total": sum(counts),
        "buckets": buckets,
    }
