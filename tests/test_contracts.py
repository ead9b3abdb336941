"""Stage contracts are true: each stage runs on a document holding only what it declares.

For every stage of the default pipeline, on the seed article: a copy of the document as it stands
before the stage runs, in which reading any field the stage does not declare (``requires``,
``uses``, ``provides`` or a field given with the input) raises; the stage must run on it, give the
same output as in the real run, and change no field it does not ``provides``.
"""

from __future__ import annotations

import copy
import json
from dataclasses import fields
from typing import Any

import pytest

from conftest import FIXTURES, SEED, SEED_PUBLISHED
from warta import Pipeline
from warta.errors import PipelineError
from warta.ingest import Record
from warta.model import Document
from warta.pipeline import _GIVEN, STAGES, _load_stage_class, _resolve
from warta.stages.base import Stage

FIELDS = frozenset(f.name for f in fields(Document))


class UndeclaredRead(AssertionError):
    pass


class Guarded(Document):
    """A :class:`Document` whose undeclared fields raise when read."""

    __slots__ = ("_readable", "_stage")

    def __getattribute__(self, name: str) -> Any:
        if name in FIELDS and name not in object.__getattribute__(self, "_readable"):
            stage = object.__getattribute__(self, "_stage")
            raise UndeclaredRead(f"stage {stage!r} reads doc.{name}, which it does not declare")
        return object.__getattribute__(self, name)


def _guarded(doc: Document, stage: Stage) -> Guarded:
    g = Guarded.__new__(Guarded)
    for name in FIELDS:
        object.__setattr__(g, name, copy.deepcopy(getattr(doc, name)))
    readable = set(_GIVEN) | set(stage.requires) | set(stage.uses) | set(stage.provides)
    object.__setattr__(g, "_readable", frozenset(readable))
    object.__setattr__(g, "_stage", stage.name)
    return g


def _inputs() -> list[tuple[str, Record]]:
    """The seed article, an HTML page and three development articles of the events fixtures."""
    out = [
        ("seed", Record.from_fields(text=SEED.read_text("utf-8"), published=SEED_PUBLISHED, id="seed")),
        ("html", Record.from_fields(html=(FIXTURES / "inputs" / "article.html").read_text("utf-8"))),
    ]
    for path in sorted((FIXTURES / "events").glob("*.json"))[:3]:
        row = json.loads(path.read_text("utf-8"))
        out.append(
            (row["id"], Record.from_fields(text=row["text"], published=row["published"], id=row["id"]))
        )
    return out


def _runs() -> list[tuple[str, Stage, Document, Document]]:
    """(input, stage, document before it, document after it) for each stage of the default pipeline."""
    pipeline = Pipeline()
    out = []
    for label, record in _inputs():
        doc = record.to_document()
        for stage in pipeline.stages:
            before = copy.deepcopy(doc)
            stage(doc)
            doc.stages.append(stage.name)
            out.append((label, stage, before, copy.deepcopy(doc)))
    return out


_RUNS = _runs()


@pytest.mark.parametrize(
    ("label", "stage", "before", "after"), _RUNS, ids=[f"{label}-{s.name}" for label, s, _, _ in _RUNS]
)
def test_stage_runs_on_what_it_declares(label: str, stage: Stage, before: Document, after: Document) -> None:
    guarded = _guarded(before, stage)
    stage(guarded)
    object.__setattr__(guarded, "_readable", FIELDS)
    for name in sorted(FIELDS - {"stages"}):
        if name in stage.provides:
            assert getattr(guarded, name) == getattr(after, name), f"{stage.name}: doc.{name} differs"
        else:
            assert getattr(guarded, name) == getattr(before, name), (
                f"stage {stage.name!r} changes doc.{name}, which it does not provide"
            )


def test_guard_catches_an_undeclared_read() -> None:
    class Sneaky(Stage):
        name = "sneaky"
        requires = ("text",)
        provides = ("keywords",)

        def __call__(self, doc: Document) -> None:
            doc.keywords = [e.name for e in doc.entities]

    stage = Sneaky(Pipeline(stages=["clean"]).settings)
    with pytest.raises(UndeclaredRead, match=r"'sneaky' reads doc.entities"):
        stage(_guarded(Document(raw="x", text="x"), stage))


def test_declared_fields_exist() -> None:
    for name in STAGES:
        cls = _load_stage_class(name)
        for f in (*cls.requires, *cls.uses, *cls.provides):
            assert f in FIELDS, f"{name} declares {f!r}, no Document field"


def test_order_honours_every_contract() -> None:
    """In the canonical order, whatever a stage requires or uses is provided before it runs."""
    provided_by = {f: n for n in STAGES for f in _load_stage_class(n).provides}
    order = list(STAGES)
    for name in STAGES:
        cls = _load_stage_class(name)
        for f in (*cls.requires, *cls.uses):
            if f in _GIVEN:
                continue
            assert f in provided_by, f"{name} needs {f!r}, which no stage provides"
            assert order.index(provided_by[f]) < order.index(name), f"{name} needs {f!r} from a later stage"


def test_pipeline_rejects_a_stage_that_uses_a_later_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The orchestrator checks ``uses`` too: a provider of a used field must run first."""
    from warta.stages.times import TimesStage

    monkeypatch.setattr(TimesStage, "uses", ("entities", "quotes"))
    with pytest.raises(PipelineError, match=r"stage 'times' uses quotes from a stage that runs later"):
        _resolve(["times", "quotes"])
    assert [c.name for c in _resolve(["times"])] == ["clean", "times"]  # a used field is never pulled in
