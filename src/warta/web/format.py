"""What pages show instead of raw values: a title when an article has none, dates in the reader's
language (never a raw ISO timestamp), labels of statuses, date sources and entity types."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup, escape

from warta.web.i18n import translate

__all__ = ["FILTERS", "fallback_title", "format_date"]

_MONTHS = {
    "id": [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
_SENTENCE = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])|\n+")
_DATELINE = re.compile(r"^[A-Z][\w .'-]{1,40},\s*[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}\s*(?:--|—|–|-)\s+")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
TITLE_CHARS = 110


def fallback_title(title: Any, text: Any, untitled: str = "(untitled)") -> str:
    """``title``, else the first sentence of ``text`` (dateline removed, cut at a word near
    ``TITLE_CHARS``), else ``untitled``: never the article's hex id."""
    if isinstance(title, str) and title.strip():
        return title.strip()
    body = _DATELINE.sub("", (text or "").strip()) if isinstance(text, str) else ""
    first = _SENTENCE.split(body, maxsplit=1)[0].strip() if body else ""
    if not first:
        return untitled
    if len(first) <= TITLE_CHARS:
        return first if first[-1] in '.!?"”’)' else first + "…"
    cut = first[:TITLE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def format_date(value: Any, lang: str) -> str:
    """2021-11-24 → '24 November 2021' (id) / '24 November 2021' (en); a date-time adds the
    time (10.30 / 10:30); 2022-01 → 'Januari 2022'; 2021-W47 → 'minggu 47, 2021'. Other values
    (PAST_REF, durations) are returned unchanged."""
    if not isinstance(value, str) or not value:
        return ""
    months = _MONTHS.get(lang, _MONTHS["id"])
    text = value.strip()
    try:
        if len(text) > 10 and text[10] in "T ":
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            clock = moment.strftime("%H.%M" if lang == "id" else "%H:%M")
            day = f"{moment.day} {months[moment.month - 1]} {moment.year}"
            return day if clock in ("00.00", "00:00") else f"{day}, {clock}"
        if len(text) == 10:
            d = date.fromisoformat(text)
            return f"{d.day} {months[d.month - 1]} {d.year}"
        if len(text) == 7 and text[4] == "-":
            return f"{months[int(text[5:]) - 1]} {text[:4]}"
    except (ValueError, IndexError):
        return text
    week = _WEEK.match(text)
    if week:
        word = "minggu" if lang == "id" else "week"
        return f"{word} {int(week.group(2))}, {week.group(1)}"
    return text


@pass_context
def _date(ctx: Any, value: Any) -> Markup:
    """``<time datetime="…">`` with the date written out in the page's language."""
    shown = format_date(value, ctx.get("lang", "id"))
    if not shown:
        return Markup("")
    return Markup('<time datetime="{}">{}</time>').format(escape(str(value)), escape(shown))


@pass_context
def _title(ctx: Any, title: Any, text: Any = None) -> str:
    return fallback_title(title, text, translate(ctx.get("lang", "id"), "untitled"))


@pass_context
def _label(ctx: Any, value: Any, prefix: str) -> str:
    """The translated label of a status, date source or entity type (``prefix`` + value)."""
    if not value:
        return ""
    key = f"{prefix}_{str(value).lower()}"
    shown = translate(ctx.get("lang", "id"), key)
    return str(value) if shown == key else shown


FILTERS = {"date": _date, "title": _title, "label": _label}
