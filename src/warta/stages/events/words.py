"""The events stage's word lists (``resources/events/words.toml``), loaded once into typed fields.

Every list is named in the file with a comment saying what it does; a key the code does not know, or
a missing one, is an error naming the file. Phrases (values with spaces) become word tuples.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["Words", "load_words"]

_FILE = "words.toml"


@dataclass(frozen=True, slots=True)
class Words:
    """One field per list of ``words.toml`` (see the file for what each does)."""

    deny_roots: tuple[str, ...]
    anaphors: frozenset[str]
    target_preps: frozenset[str]
    quote_marks: frozenset[str]
    purpose: frozenset[str]
    place_objects: frozenset[str]
    people: frozenset[str]
    copulas: frozenset[str]
    no_event: frozenset[str]
    modal_threats: frozenset[tuple[str, ...]]
    verbal_attack: frozenset[str]
    content_nouns: frozenset[str]
    ellipsis: frozenset[str]
    fillers: frozenset[str]
    means: frozenset[str]
    adverbial_preps: frozenset[str]
    place_words: frozenset[str]
    advice_speech: frozenset[str]
    advice_modals: frozenset[str]
    self: frozenset[str]
    coord: frozenset[str]
    responsibility: tuple[tuple[str, ...], ...]
    agent_after: tuple[str, ...]
    naming_passives: frozenset[str]
    imposed: frozenset[str]
    claim_nouns: frozenset[str]
    document_words: frozenset[str]
    budget_words: frozenset[str]
    publication_times: frozenset[str]
    attribution_verbs: frozenset[str]
    not_actor_heads: frozenset[str]
    punct_boundary: frozenset[str]
    word_boundary: frozenset[str]
    preps: frozenset[str]
    aux: frozenset[str]
    manner: frozenset[str]
    chunk_break: frozenset[str]
    light_verbs: frozenset[str]
    receive_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    not_verbs: frozenset[str]
    bare_verbs: frozenset[str]
    pronouns: frozenset[str]
    deictic: frozenset[str]
    statement_nouns: frozenset[str]
    split: frozenset[str]
    #: passive form -> sector of its unnamed agent ("ditangkap" -> COP; "dibunuh" -> None)
    implicit_agents: dict[str, str | None]


def _convert(name: str, kind: str, value: Any) -> Any:
    if name == "implicit_agents":
        if not isinstance(value, dict):
            raise ValueError(f"{_FILE}: [implicit_agents] must be a table of sector = [words]")
        return {w: (None if sector == "NONE" else sector) for sector, ws in value.items() for w in ws}
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{_FILE}: {name} must be a list of strings")
    if "tuple[tuple" in kind or "frozenset[tuple" in kind:
        phrases = tuple(tuple(v.split()) for v in value)
        return frozenset(phrases) if kind.startswith("frozenset") else phrases
    if kind.startswith("tuple"):
        return tuple(value)
    return frozenset(value)


def parse_words(text: str) -> Words:
    """:class:`Words` from the TOML ``text`` of a words file (checked: every key known, none missing)."""
    data = tomllib.loads(text)
    known = {f.name: str(f.type) for f in fields(Words)}
    unknown = sorted(set(data) - set(known))
    missing = sorted(set(known) - set(data))
    if unknown or missing:
        raise ValueError(f"{_FILE}: unknown lists {unknown}, missing lists {missing}")
    return Words(**{name: _convert(name, kind, data[name]) for name, kind in known.items()})


@cache
def load_words() -> Words:
    """The shipped word lists (cached)."""
    return parse_words((resources.files("warta") / "resources" / "events" / _FILE).read_text("utf-8"))
