"""The search filters as SQL conditions, for every backend (only the dialect differs)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from warta.store.base import Query

__all__ = ["POSTGRES", "SQLITE", "Dialect", "article_filters", "date_to"]


@dataclass(frozen=True, slots=True)
class Dialect:
    """How a backend writes a parameter and a case-insensitive equality."""

    param: str
    nocase: str  # format string with {col} and {p}

    def eq_nocase(self, column: str) -> str:
        return self.nocase.format(col=column, p=self.param)


SQLITE = Dialect("?", "{col} = {p} COLLATE NOCASE")
POSTGRES = Dialect("%s", "lower({col}) = lower({p})")


def date_to(value: str) -> str:
    """An inclusive upper bound: ``2021-11`` covers every day of November."""
    return value if len(value) >= 10 else value + "~"


def article_filters(q: Query, dialect: Dialect = SQLITE) -> tuple[list[str], list[Any]]:
    """SQL conditions on alias ``a`` (articles) for the query's filters; values are parameters."""
    p = dialect.param
    where: list[str] = []
    params: list[Any] = []
    if q.date_from:
        where.append(f"a.date >= {p}")
        params.append(q.date_from)
    if q.date_to:
        where.append(f"a.date <= {p}")
        params.append(date_to(q.date_to))
    if q.outlet:
        where.append(dialect.eq_nocase("a.outlet"))
        params.append(q.outlet)
    if q.entity:
        where.append(
            "a.id IN (SELECT ae.article_id FROM article_entities ae WHERE ae.entity_id IN "
            f"(SELECT id FROM entities WHERE id = {p} OR {dialect.eq_nocase('name')}))"
        )
        params.extend([q.entity, q.entity])
    if q.country:
        where.append(f"a.id IN (SELECT article_id FROM article_countries WHERE country = {p})")
        params.append(q.country.upper())
    if q.event_type:
        where.append(f"a.id IN (SELECT article_id FROM events WHERE type = {p})")
        params.append(q.event_type.upper())
    if q.speaker:
        speaker = dialect.eq_nocase("speaker")
        where.append(f"a.id IN (SELECT article_id FROM quotes WHERE speaker_id = {p} OR {speaker})")
        params.extend([q.speaker, q.speaker])
    if q.story:
        where.append(f"a.story = {p}")
        params.append(q.story)
    return where, params
