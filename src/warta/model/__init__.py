"""The document model every stage annotates, and its warta/1 serialisation.

Stages compute on a :class:`Document` and write their results back into it; nothing else is
shared between stages. Every span is a ``start``/``end`` pair of Python string indices into the
cleaned ``Document.text`` (end exclusive).
"""

from warta.model.document import (
    Actor,
    Amount,
    Document,
    Entity,
    Event,
    Geo,
    Quote,
    Reference,
    Sentence,
    Span,
    TimeExpr,
    Token,
)
from warta.model.keys import name_key, normalise_name
from warta.model.serialize import SCHEMA_ID, from_dict, to_dict, to_json

__all__ = [
    "SCHEMA_ID",
    "Actor",
    "Amount",
    "Document",
    "Entity",
    "Event",
    "Geo",
    "Quote",
    "Reference",
    "Sentence",
    "Span",
    "TimeExpr",
    "Token",
    "from_dict",
    "name_key",
    "normalise_name",
    "to_dict",
    "to_json",
]
