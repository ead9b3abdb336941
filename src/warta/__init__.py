"""warta: Indonesian news to structured, searchable intelligence.

>>> import warta
>>> doc = warta.analyze("Jakarta, CNN Indonesia -- Presiden Joko Widodo ...", published="2021-11-24")
>>> doc.to_dict()["schema"]
'warta/1'
"""

from __future__ import annotations

from typing import Any

from warta._version import __version__
from warta.errors import InputError, LanguageError, WartaError
from warta.model import Document
from warta.pipeline import Pipeline
from warta.schema import validate

__all__ = [
    "Document",
    "InputError",
    "LanguageError",
    "Pipeline",
    "WartaError",
    "__version__",
    "analyze",
    "validate",
]

_default_pipeline: Pipeline | None = None


def analyze(text: str | None = None, published: str | None = None, **meta: Any) -> Document:
    """Analyse one article's ``text`` with the default pipeline (built on first use, then reused).

    ``meta`` may give ``id``, ``title``, ``url``, ``source`` and any other fields to keep; pass
    ``html=...`` instead of ``text`` for a web page. Returns a :class:`Document`
    (``.to_dict()``, ``.to_json()``).
    """
    global _default_pipeline  # noqa: PLW0603 - a process-wide default, like spacy.blank
    if _default_pipeline is None:
        _default_pipeline = Pipeline()
    html = meta.pop("html", None)
    if html is not None:
        return _default_pipeline.analyze(html=html, published=published, **meta)
    return _default_pipeline.analyze(text, published=published, **meta)
