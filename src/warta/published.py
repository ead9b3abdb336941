"""Publication dates as real inputs give them, normalised to ISO 8601.

Scrapers and feeds write ``published`` in many forms: ISO 8601 ("2021-11-24",
"2021-11-24T10:15:00+07:00", "2021-11-24 10:15:00"), RFC 2822 ("Wed, 24 Nov 2021 10:15:00 +0700"),
numeric day-first dates ("24/11/2021", "24-11-2021 10:15"), Indonesian and English month names
("24 November 2021", "Senin, 24 Nov 2021 10:15 WIB", "3 Agt 2022 pukul 08.00 WITA") and epoch
seconds (``1637723700`` or ``"1637723700"``). :func:`normalise_published` reads them all.

ISO 8601 and epoch values are read by the standard library; every other form by ``dateparser``
(imported on first use; it knows Indonesian month and weekday names and the WIB/WITA/WIT zones),
restricted to absolute dates: a value must name a day, a month and a year, so relative or partial
values ("kemarin", "24 November") are refused rather than completed from today's date.

Numeric dates are read day-first (the Indonesian convention) unless the value cannot be (a
second number over 12, as in "10/21/2025"). :class:`PublishedReader` reads one input file's
values and learns its order: once a file has shown a month-first date that cannot be day-first,
its ambiguous dates ("9/10/2025") are read month-first too.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import Any

from warta.errors import InputError

__all__ = ["PublishedReader", "normalise_published"]

#: strict ISO 8601 as warta writes it: kept verbatim
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?")
#: a plain number: epoch seconds (or milliseconds)
_EPOCH = re.compile(r"\d{9,10}(\.\d+)?|\d{13}")
#: a numeric date at the start of a value, after an optional weekday: 24/11/2021, 9-10-2025
_NUMERIC = re.compile(r"^(?:[^\W\d]+,?\s+)?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)")
#: epoch values accepted: 1970-01-01 .. 2100-01-01
_EPOCH_RANGE = (0, 4_102_444_800)
_MAX_LENGTH = 200
_HINT = (
    "ISO 8601, RFC 2822, '24/11/2021', '24 November 2021', 'Senin, 24 Nov 2021 10:15 WIB' or epoch seconds"
)


def _from_epoch(number: float) -> str:
    if number >= 1e11:  # milliseconds
        number /= 1000
    if not _EPOCH_RANGE[0] <= number < _EPOCH_RANGE[1]:
        raise ValueError(number)
    return datetime.fromtimestamp(number, tz=UTC).isoformat()


def _iso(moment: datetime | date) -> str:
    """Date-only when there is no time of day and no zone, else a full ISO 8601 date-time."""
    if isinstance(moment, datetime):
        if moment.tzinfo is None and moment.time() == time(0, 0):
            return moment.date().isoformat()
        return moment.isoformat()
    return moment.isoformat()


@lru_cache(maxsize=4096)
def _parse_text(text: str, order: str) -> str | None:
    """ISO 8601 text for ``text`` or None; ``order`` is "DMY" or "MDY" for numeric dates."""
    if _ISO.fullmatch(text):
        try:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
        return text
    if _EPOCH.fullmatch(text):
        try:
            return _from_epoch(float(text))
        except (ValueError, OverflowError, OSError):
            return None
    try:
        return _iso(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    return _dateparser(text, order)


def _dateparser(text: str, order: str) -> str | None:
    import dateparser  # a dependency, imported only for values that are not ISO 8601 or epoch

    settings: Any = {
        "DATE_ORDER": order,
        "PARSERS": ["custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_LOCALE_DATE_ORDER": False,
    }
    try:
        moment = dateparser.parse(text, languages=["id", "en"], settings=settings)
    except (ValueError, OverflowError, TypeError, LookupError):  # dateparser's own refusals
        return None
    return None if moment is None else _iso(moment)


def _numeric_order(text: str) -> str | None:
    """ "DMY" or "MDY" when a numeric date can be read only one way, else None."""
    m = _NUMERIC.match(text)
    if not m:
        return None
    first, second = int(m.group(1)), int(m.group(2))
    if first > 12 >= second:
        return "DMY"
    if second > 12 >= first:
        return "MDY"
    return None


def normalise_published(value: Any, *, source: str | None = None, order: str = "DMY") -> str | None:
    """An ISO 8601 date or date-time string for ``value``, or None when it is empty.

    A value that names no complete date raises :class:`InputError`.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime | date):
        return _iso(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return _from_epoch(float(value))
        except (ValueError, OverflowError, OSError):
            raise InputError(f"'published' is not a plausible epoch time: {value!r}", source=source) from None
    if not isinstance(value, str):
        raise InputError(
            f"'published' must be a date string or epoch seconds, got {type(value).__name__}", source=source
        )
    text = " ".join(value.split())
    parsed = _parse_text(text, order) if 0 < len(text) <= _MAX_LENGTH else None
    if parsed is None:
        raise InputError(
            f"'published' is not a date warta can read: {value!r} (known: {_HINT})", source=source
        )
    return parsed


class PublishedReader:
    """Reads the ``published`` values of one input, learning its numeric date order as it goes."""

    def __init__(self, source: str | None = None) -> None:
        self.source = source
        self.order = "DMY"

    def __call__(self, value: Any) -> str | None:
        if isinstance(value, str):
            seen = _numeric_order(value.strip())
            if seen is not None:
                self.order = seen
        return normalise_published(value, source=self.source, order=self.order)
