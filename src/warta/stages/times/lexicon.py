"""The word lists of the ``times`` stage, read from ``resources/times/`` (format in its README.md).

``words(name)`` gives a list's entries in file order, ``table(name)`` its entries with their values,
``pattern(name)`` a regular expression (no groups) matching any entry — what a rule's ``{name}``
expands to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["pattern", "table", "words"]


@dataclass(frozen=True, slots=True)
class _List:
    entries: tuple[tuple[str, str], ...]
    order: str = "longest"
    spaces: str = "one"


@cache
def _load(name: str) -> _List:
    folder = resources.files("warta") / "resources" / "times"
    for suffix in (".txt", ".tsv"):
        path = folder / f"{name}{suffix}"
        if path.is_file():
            break
    else:
        raise LookupError(f"no word list {name!r} in resources/times/ (a .txt or .tsv file)")
    entries: list[tuple[str, str]] = []
    options = {"order": "longest", "spaces": "one"}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@"):
            key, _, value = line[1:].partition(":")
            options[key.strip()] = value.split("#")[0].strip()
            continue
        entry, _, value = line.partition("\t")
        entries.append((entry.strip(), value.strip()))
    return _List(tuple(entries), options["order"], options["spaces"])


def words(name: str) -> list[str]:
    """The entries of list ``name`` in file order."""
    return [e for e, _ in _load(name).entries]


def table(name: str) -> dict[str, str]:
    """Entry -> value of list ``name`` (a ``.tsv``), in file order."""
    return dict(_load(name).entries)


@cache
def pattern(name: str) -> str:
    """An alternation (no groups) of the entries of list ``name``."""
    lst = _load(name)
    entries = [e for e, _ in lst.entries]
    if lst.order == "longest":
        entries = sorted(entries, key=len, reverse=True)
    alts = []
    for entry in entries:
        if lst.spaces == "any":
            alts.append(r"\s+".join(re.escape(part) for part in entry.split()))
        else:
            alts.append(re.escape(entry))
    return "|".join(alts)
