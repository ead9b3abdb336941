"""The contract every stage fulfils."""

from __future__ import annotations

from typing import ClassVar

from warta.model import Document
from warta.settings import Settings


class Stage:
    """Base class of a pipeline stage.

    ``requires`` and ``provides`` name :class:`~warta.model.Document` fields; the pipeline checks
    that every requirement is provided by an earlier stage before it runs anything; ``uses`` names
    optional inputs. A stage is
    built once per :class:`~warta.pipeline.Pipeline` (load models in ``__init__``) and then
    called once per document.
    """

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ()
    #: fields used when an earlier stage provides them (never pulled in: ``--stages quotes`` runs without
    #: ``coref``, and the quotes stage then resolves pronouns itself)
    uses: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> None:  # pragma: no cover - abstract
        raise NotImplementedError
