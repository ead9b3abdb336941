"""The search and event filters as SQL conditions, written once for every backend.

Entity and speaker filters accept any id, key or name of an entity: ``resolve`` (see
:func:`warta.store.aliases.resolve`) turns the value into entity ids first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from warta.store.base import EventFilter, Query
from warta.store.dialect import Dialect

__all__ = ["article_filters", "date_to", "event_filters"]

Resolve = Callable[[str], list[str]]


def date_to(value: str) -> str:
    """An inclusive upper bound: ``2021-11`` covers every day of November."""
    return value if len(value) >= 10 else value + "~"


def article_filters(q: Query, dialect: Dialect, resolve: Resolve) -> tuple[list[str], list[Any]]:
    """SQL conditions on alias ``a`` (articles) for the query's filters; values are parameters."""
    where: list[str] = []
    params: list[Any] = []
    if q.date_from:
        where.append("a.date >= ?")
        params.append(q.date_from)
    if q.date_to:
        where.append("a.date <= ?")
        params.append(date_to(q.date_to))
    if q.outlet:
        where.append(dialect.eq_nocase("a.outlet"))
        params.append(q.outlet)
    if q.entity:
        where.append(
            f"a.id IN (SELECT ae.article_id FROM article_entities ae WHERE {dialect.in_list('ae.entity_id')})"
        )
        params.append(dialect.values(resolve(q.entity)))
    if q.country:
        where.append("a.id IN (SELECT article_id FROM article_countries WHERE country = ?)")
        params.append(q.country.upper())
    if q.event_type:
        where.append("a.id IN (SELECT article_id FROM events WHERE type = ?)")
        params.append(q.event_type.upper())
    if q.speaker:
        where.append(
            f"a.id IN (SELECT article_id FROM quotes WHERE {dialect.in_list('speaker_id')} "
            f"OR {dialect.eq_nocase('speaker')})"
        )
        params.extend([dialect.values(resolve(q.speaker)), q.speaker])
    if q.story:
        where.append("a.story = ?")
        params.append(q.story)
    if q.stored_after is not None:
        where.append(f"a.{dialect.seq} > ?")
        params.append(q.stored_after)
    if q.stored_upto is not None:
        where.append(f"a.{dialect.seq} <= ?")
        params.append(q.stored_upto)
    return where, params


def event_filters(
    flt: EventFilter, dialect: Dialect, resolve: Resolve, alias: str = "v"
) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``events`` (or ``story_events``) as ``alias``, articles as ``a``."""
    v = alias
    where: list[str] = []
    params: list[Any] = []
    for column, value in (("type", flt.type), ("status", flt.status), ("date_source", flt.date_source)):
        if value:
            where.append(f"{v}.{column} = ?")
            params.append(value.upper() if column == "type" else value.lower())
    if flt.entity:
        ids = dialect.values(resolve(flt.entity))
        where.append(f"({dialect.in_list(v + '.source_id')} OR {dialect.in_list(v + '.target_id')})")
        params.extend([ids, ids])
    if flt.country:
        where.append(f"({v}.source_country = ? OR {v}.target_country = ?)")
        params.extend([flt.country.upper()] * 2)
    if flt.date_from:
        where.append("a.date >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        where.append("a.date <= ?")
        params.append(date_to(flt.date_to))
    if flt.article_id:
        where.append(f"{v}.article_id = ?")
        params.append(flt.article_id)
    if flt.story:
        where.append("a.story = ?")
        params.append(flt.story)
    return where, params
