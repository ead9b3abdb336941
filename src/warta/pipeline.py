"""The orchestrator: builds the stages named in the settings, checks what each requires and
provides, and runs them in one fixed order. Build a :class:`Pipeline` once and reuse it: models
are loaded when it is built, not per document.
"""

from __future__ import annotations

import importlib
import time
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from warta.errors import InputError, InputWarning, PipelineError, WartaError
from warta.ingest import Record
from warta.model import Document
from warta.settings import Settings, load_settings
from warta.stages.base import Stage

__all__ = ["STAGES", "Pipeline", "Result"]

#: Every stage warta knows, in the only order they run: name -> "module:Class".
STAGES: dict[str, str] = {
    "clean": "warta.stages.clean:CleanStage",
    "language": "warta.stages.language:LanguageStage",
    "segment": "warta.stages.segment:SegmentStage",
    "entities": "warta.stages.entities:EntitiesStage",
    "coref": "warta.stages.coref:CorefStage",
    "times": "warta.stages.times:TimesStage",
    "amounts": "warta.stages.amounts:AmountsStage",
    "quotes": "warta.stages.quotes:QuoteStage",
    "events": "warta.stages.events:EventsStage",
    "summary": "warta.stages.summary:SummaryStage",
    "keywords": "warta.stages.keywords:KeywordsStage",
}

#: Document fields set before any stage runs (from the input itself).
_GIVEN = frozenset({"raw", "raw_format", "title", "url", "published", "meta"})


def _load_stage_class(name: str) -> type[Stage]:
    try:
        module_name, cls_name = STAGES[name].split(":")
    except KeyError:
        raise PipelineError(f"unknown stage {name!r} (known: {', '.join(STAGES)})") from None
    cls: Any = getattr(importlib.import_module(module_name), cls_name)
    if not (isinstance(cls, type) and issubclass(cls, Stage)):
        raise PipelineError(f"{STAGES[name]} is not a Stage")
    return cls


def _resolve(requested: Iterable[str]) -> list[type[Stage]]:
    """The requested stages plus whatever they require, in canonical order, checked."""
    wanted = set()
    for name in requested:
        _load_stage_class(name)
        wanted.add(name)
    # add providers of missing requirements (e.g. --stages entities pulls in clean and segment)
    changed = True
    while changed:
        changed = False
        for name in [n for n in STAGES if n in wanted]:
            for req in _load_stage_class(name).requires:
                if req in _GIVEN or any(req in _load_stage_class(n).provides for n in wanted):
                    continue
                provider = next((n for n in STAGES if req in _load_stage_class(n).provides), None)
                if provider is None:
                    raise PipelineError(f"stage {name!r} requires {req!r}, which no stage provides")
                wanted.add(provider)
                changed = True
    ordered = [_load_stage_class(n) for n in STAGES if n in wanted]
    _check_order(ordered)
    return ordered


def _check_order(ordered: list[type[Stage]]) -> None:
    """Every field a stage requires, or uses and a stage of the run provides, comes from an earlier one."""
    provided = set(_GIVEN)
    in_run = {f for cls in ordered for f in cls.provides}
    for cls in ordered:
        missing = [r for r in cls.requires if r not in provided]
        if missing:
            raise PipelineError(
                f"stage {cls.name!r} requires {', '.join(missing)} from a stage that runs later"
            )
        late = [u for u in cls.uses if u in in_run and u not in provided]
        if late:
            raise PipelineError(f"stage {cls.name!r} uses {', '.join(late)} from a stage that runs later")
        provided.update(cls.provides)


@dataclass(slots=True)
class Result:
    """The outcome of one input record: a document, or the error that stopped it."""

    record: Record
    document: Document | None = None
    error: WartaError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Pipeline:
    """Stages built once from settings, run in order on each document."""

    def __init__(self, settings: Settings | None = None, *, stages: Iterable[str] | None = None) -> None:
        self.settings = settings or load_settings()
        names = list(stages) if stages is not None else list(self.settings.stages)
        if not names:
            raise PipelineError(f"no stages to run (known: {', '.join(STAGES)})")
        self.stages: list[Stage] = [cls(self.settings) for cls in _resolve(names)]
        #: seconds spent per stage, summed over every document (for benchmarks)
        self.timings: dict[str, float] = {s.name: 0.0 for s in self.stages}

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        limit = self.settings.max_article_chars
        if doc.raw_format == "text":
            self._check_length(len(doc.raw), limit)
        for stage in self.stages:
            t0 = time.perf_counter()
            stage(doc)
            self.timings[stage.name] += time.perf_counter() - t0
            doc.stages.append(stage.name)
            if stage.name == "clean":
                self._check_length(len(doc.text), limit)
        return doc

    @staticmethod
    def _check_length(length: int, limit: int) -> None:
        if length > limit:
            raise InputError(
                f"article of {length:,} characters is over the limit of {limit:,} "
                "(settings.max_article_chars; raise it to analyse such inputs anyway)"
            )

    def analyze(
        self,
        text: str | None = None,
        *,
        html: str | None = None,
        published: str | None = None,
        **meta: Any,
    ) -> Document:
        """Analyse one article given as plain ``text`` or an ``html`` page."""
        if (text is None) == (html is None):
            raise InputError("give exactly one of text or html")
        record = Record.from_fields(text=text, html=html, published=published, **meta)
        for message in record.warnings:
            warnings.warn(message, InputWarning, stacklevel=2)
        return self(record.to_document())

    def analyze_record(self, record: Record) -> Result:
        """Analyse one record; a bad record gives a :class:`Result` with its error, never an exception."""
        if record.error is not None:
            return Result(record, error=record.error)
        try:
            doc = self(record.to_document())
        except WartaError as exc:
            if isinstance(exc, InputError):
                exc.source = exc.source or record.origin
                exc.line = exc.line if exc.line is not None else record.line
                exc.record_id = exc.record_id or record.id
            return Result(record, error=exc)
        return Result(record, document=doc)

    def pipe(self, records: Iterable[Record]) -> Iterator[Result]:
        """Analyse ``records`` one after another, in order, streaming."""
        for record in records:
            yield self.analyze_record(record)
