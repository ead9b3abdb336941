"""``sort`` values (``field`` ascending, ``-field`` descending) checked and turned into ORDER BY.

The fields each listing takes are in :mod:`warta.store.base` (``ARTICLE_SORTS`` …); an unknown
one is an :class:`~warta.errors.InputError` (HTTP 422) naming the allowed values.
"""

from __future__ import annotations

from warta.errors import InputError

__all__ = ["order_sql", "parse_sort", "sort_pattern"]


def parse_sort(value: str | None, allowed: tuple[str, ...], default: str) -> tuple[str, bool]:
    """(field, descending) of ``value`` (``default`` when empty)."""
    text = (value or default).strip()
    descending = text.startswith("-")
    name = text.removeprefix("-").removeprefix("+")
    if name not in allowed:
        choices = ", ".join(allowed)
        raise InputError(
            f"unknown sort field {name!r} (one of {choices}; '-field' for descending)", source="sort"
        )
    return name, descending


def sort_pattern(allowed: tuple[str, ...]) -> str:
    """The regular expression of the values a ``sort`` parameter accepts (for OpenAPI)."""
    return f"^([-+]?({'|'.join(allowed)}))?$"


def order_sql(column: str, descending: bool, tiebreak: str) -> str:
    """``column`` ordered with NULLs last either way, then ``tiebreak`` (same direction)."""
    way = "DESC" if descending else "ASC"
    return f"{column} {way} NULLS LAST, {tiebreak} {way}"
