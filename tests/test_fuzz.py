"""Fuzzing: hostile input never crashes warta, never breaks a span, never blows the time budget.

Each property holds for every input: no exception other than warta's own (:class:`WartaError`),
every output valid warta/1 with ``span.text == document.text[start:end]``, and the run inside
:func:`fuzz_strategies.budget` for its size. The suite runs a bounded number of cases
(``WARTA_FUZZ_EXAMPLES``, default below); ``python scripts/fuzz.py`` runs 100,000 and more.
"""

from __future__ import annotations

import gzip
import json
import os
import warnings
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED
from fuzz_strategies import (
    Timer,
    any_unicode,
    budget,
    check_record,
    hostile_text,
    json_values,
    published_values,
)
from warta import Pipeline, WartaError
from warta.cli.main import main
from warta.errors import InputError, InputWarning
from warta.ingest import iter_records
from warta.published import normalise_published
from warta.settings import load_settings

#: cases per property in the suite; scripts/fuzz.py raises it
EXAMPLES = int(os.environ.get("WARTA_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the time budget below is per input size, not hypothesis' fixed deadline
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


@pytest.fixture(scope="module")
def full() -> Pipeline:
    """Every stage, on any language (the language stage would stop random text early)."""
    return Pipeline(load_settings({"force": True}, environ={}))


def analyse(pipe: Pipeline, text: str | None = None, **kwargs: Any) -> None:
    """Analyse; warta's own errors are fine, anything else fails; check output and time."""
    size = len(text or kwargs.get("html") or "")
    with Timer() as t, warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        try:
            doc = pipe.analyze(text, **kwargs)
        except WartaError:
            doc = None
    assert t.seconds <= budget(size), f"{t.seconds:.1f}s for {size} characters"
    if doc is not None:
        check_record(doc.to_dict())


@FUZZ
@given(text=hostile_text(), published=st.one_of(st.none(), st.sampled_from(["2021-11-24", "1999-12-31"])))
def test_hostile_news_text(full: Pipeline, text: str, published: str | None) -> None:
    analyse(full, text, published=published)


@FUZZ
@given(text=any_unicode(600))
def test_any_unicode(full: Pipeline, text: str) -> None:
    analyse(full, text)


@FUZZ
@given(
    body=hostile_text(80), title=any_unicode(40), tags=st.sampled_from(["p", "div", "script", "h1", "a", "x"])
)
def test_hostile_html(full: Pipeline, body: str, title: str, tags: str) -> None:
    html = (
        f"<html><head><title>{title}</title></head><body><{tags}>{body}</{tags}><p>{body}</p></body></html>"
    )
    analyse(full, html=html, title=title)


@FUZZ
@given(prefix=hostile_text(30), suffix=hostile_text(30))
def test_real_article_with_hostile_edges(full: Pipeline, prefix: str, suffix: str) -> None:
    analyse(full, prefix + SEED.read_text("utf-8") + suffix, published="2021-11-24")


@settings(max_examples=EXAMPLES * 5, deadline=None)
@given(value=published_values())
def test_published_is_iso_or_an_input_error(value: Any) -> None:
    try:
        iso = normalise_published(value)
    except InputError:
        return
    if iso is not None:
        datetime.fromisoformat(iso.replace("Z", "+00:00"))


@settings(
    max_examples=EXAMPLES * 2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(st.one_of(json_values().map(json.dumps), st.binary(max_size=60).map(repr)), max_size=12),
    raw=st.binary(max_size=300),
)
def test_reader_never_raises(tmp_path: Path, lines: list[str], raw: bytes) -> None:
    """Any bytes, any JSON: every line is a record or a one-line error; gzip or not."""
    (tmp_path / "x.jsonl").write_text("\n".join(lines), "utf-8", errors="surrogatepass")
    (tmp_path / "y.jsonl.gz").write_bytes(raw if raw[:1] == b"\x1f" else gzip.compress(raw))
    (tmp_path / "z.txt").write_bytes(raw)
    (tmp_path / "w.html.gz").write_bytes(raw)
    for rec in iter_records(sorted(tmp_path.iterdir())):
        assert rec.error is None or str(rec.error)
        assert isinstance(rec.raw, str)
        rec.raw.encode("utf-8")


def _cli_line(row: dict[str, Any]) -> str:
    return json.dumps(row)  # ASCII escapes: lone surrogates travel as \\ud83d, as scrapers write them


@settings(
    max_examples=max(5, EXAMPLES // 4),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {"text": st.one_of(hostile_text(40), any_unicode(200))},
            optional={"title": any_unicode(30), "published": published_values(), "id": any_unicode(10),
                      "url": any_unicode(20), "outlet": json_values(), "extra": json_values()},
        ),
        min_size=1,
        max_size=8,
    )
)  # fmt: skip
def test_cli_writes_every_record_or_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: list[dict[str, Any]]
) -> None:
    """The real CLI entry point, writing to a strict UTF-8 stream, loses no record."""
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(_cli_line(r) for r in rows) + "\n", "utf-8")
    code = main(["analyze", str(path), "--stages", "clean,segment,times,amounts", "--force", "--no-stories"])
    out, err = capsys.readouterr()
    assert code in (0, 1)
    assert "Traceback" not in err
    records = [json.loads(line) for line in out.splitlines()]
    errors = [line for line in err.splitlines() if line.startswith("warta: error:")]
    assert len(records) + len(errors) == len(rows)
    assert code == (1 if errors else 0)
    for record in records:
        check_record(record)


def test_five_megabyte_article(full: Pipeline) -> None:
    """Refused in an instant by default (max_article_chars); read linearly when allowed."""
    text = "\n\n".join(SEED.read_text("utf-8").replace("Rusia", f"Rusia{i % 7}") for i in range(1800))
    assert len(text) > 5_000_000
    with (
        Timer() as t,
        pytest.raises(InputError, match=r"over the limit of 500,000 \(settings.max_article_chars"),
    ):
        full.analyze(text)
    assert t.seconds < 1
    big = Pipeline(load_settings({"max_article_chars": 10_000_000}, environ={}), stages=["segment"])
    with Timer() as t:
        doc = big.analyze(text)
    assert t.seconds <= budget(len(text)), t.seconds
    assert len(doc.sentences) > 30_000
    check_record(doc.to_dict())


def test_a_million_tiny_paragraphs() -> None:
    text = "Ya.\n" * 1_000_000
    pipe = Pipeline(load_settings({"max_article_chars": 10_000_000}, environ={}), stages=["segment"])
    with Timer() as t:
        doc = pipe.analyze(text)
    assert t.seconds <= budget(len(text)), t.seconds
    assert len(doc.paragraphs) == len(doc.sentences) == 1_000_000
    record = doc.to_dict()
    assert record["paragraphs"][-1]["text"] == "Ya."
    check_record(record)


def test_long_article_full_pipeline(full: Pipeline) -> None:
    """16 copies of a real article (45,000 characters) through every stage, inside the budget."""
    text = "\n\n".join(SEED.read_text("utf-8").replace("Rusia", f"Rusia{i % 7}") for i in range(16))
    analyse(full, text, published="2021-11-24")
