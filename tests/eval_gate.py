"""The one quality gate: every stage's figures (``benchmarks/evaluate.py``) against the baseline.

Fails when any figure falls below ``tests/fixtures/eval_baseline.json`` by more than the tolerance
that file states (absolute, e.g. 0.005 = half a point of F1). After a change that improves a figure,
raise the baseline: ``PYTHONPATH=src:tests .venv/bin/python benchmarks/evaluate.py --write-baseline``.
"""

from __future__ import annotations

import json

import pytest

from harness import HARNESS
from warta import Pipeline

BASELINE = json.loads(HARNESS.BASELINE.read_text("utf-8"))


@pytest.fixture(scope="module")
def figures(pipeline: Pipeline) -> dict[str, dict[str, float]]:
    figures: dict[str, dict[str, float]] = HARNESS.evaluate(pipeline=pipeline)
    return figures


def test_baseline_covers_every_task() -> None:
    assert set(BASELINE["figures"]) == set(HARNESS.TASKS)
    assert 0 < BASELINE["tolerance"] <= 0.02


@pytest.mark.parametrize("task", sorted(HARNESS.TASKS))
def test_no_figure_drops_below_its_baseline(figures: dict[str, dict[str, float]], task: str) -> None:
    baseline = {"tolerance": BASELINE["tolerance"], "figures": {task: BASELINE["figures"][task]}}
    assert HARNESS.compare(figures, baseline) == []


def test_the_gate_bites() -> None:
    """A figure below its baseline by more than the tolerance is reported; one within it is not."""
    baseline = {"tolerance": 0.005, "figures": {"times": {"value_f1": 0.98}}}
    assert HARNESS.compare({"times": {"value_f1": 0.976}}, baseline) == []
    (drop,) = HARNESS.compare({"times": {"value_f1": 0.97}}, baseline)
    assert drop.startswith("times.value_f1: 0.9700 < baseline 0.9800")
    assert HARNESS.compare({}, baseline) == ["times.value_f1: missing (baseline 0.9800)"]
