"""The real ``warta`` command on real-looking inputs: good records out, one line per bad one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import warta
from warta import validate

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
SRC = Path(__file__).resolve().parents[1] / "src"
ARTICLE = INPUTS / "article.txt"


def run(
    *args: str | Path, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``warta ARGS`` (the installed console script when there is one) on this checkout's code."""
    script = Path(sys.executable).with_name("warta")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "warta"]
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("WARTA_")}
    full_env["PYTHONPATH"] = os.pathsep.join([str(SRC), full_env.get("PYTHONPATH", "")])
    full_env["XDG_CONFIG_HOME"] = str(INPUTS / "no-config-here")
    full_env.update(env or {})
    return subprocess.run(
        [*cmd, *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        check=False,
    )


def records(out: str) -> list[dict[str, Any]]:
    recs = [json.loads(line) for line in out.splitlines() if line.strip()]
    for rec in recs:
        validate(rec)
    return recs


def error_lines(err: str) -> list[str]:
    assert "Traceback" not in err
    return [line for line in err.splitlines() if line.strip()]


def test_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"warta {warta.__version__}"


def test_text_article() -> None:
    proc = run("analyze", ARTICLE, "--published", "2025-11-17")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    (rec,) = records(proc.stdout)
    doc = rec["document"]
    assert (doc["source"], doc["place"], doc["byline"], doc["published"]) == (
        "Kompas.com",
        "Jakarta",
        "rah/rah",
        "2025-11-17",
    )
    assert doc["text"].startswith("Badan Meteorologi, Klimatologi, dan Geofisika (BMKG)")
    for furniture in ("ADVERTISEMENT", "SCROLL TO", "Baca juga", "(rah/rah)", "KOMPAS.com"):
        assert furniture not in doc["text"]
    assert len(rec["paragraphs"]) == 4
    assert len(rec["sentences"]) == 6


def test_html_article() -> None:
    proc = run("analyze", INPUTS / "article.html")
    assert proc.returncode == 0, proc.stderr
    (rec,) = records(proc.stdout)
    doc = rec["document"]
    assert doc["title"] == "Pemkot Bandung Tambah 40 Bus Listrik untuk Layanan Trans Metro Pasundan"
    assert doc["published"] == "2025-11-20"
    assert doc["url"] == "https://kotakembang.example.id/berita/2025/11/20/bus-listrik-bandung"
    assert doc["source"] == "Warta Kota Kembang"
    assert doc["byline"] == "Rina Marlina"
    assert doc["place"] == "Bandung"
    assert doc["text"].startswith("Pemerintah Kota Bandung menambah 40 unit bus listrik")
    for furniture in ("Beranda", "ADVERTISEMENT", "Baca juga", "Angkot Bandung", "Pedoman Media Siber", "©"):
        assert furniture not in doc["text"]
    assert len(rec["sentences"]) == 8


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("empty.txt", "empty file"),
        ("binary.bin", "binary file"),
        ("no_article.html", "no article text found"),
        ("english.txt", "not Indonesian"),
        ("missing.txt", "no such file"),
    ],
)
def test_bad_input_is_one_line_and_the_rest_goes_on(name: str, problem: str) -> None:
    bad = INPUTS / name
    proc = run("analyze", ARTICLE, bad, ARTICLE)
    assert proc.returncode == 1
    (line,) = error_lines(proc.stderr)
    assert line.startswith(f"warta: error: {bad}: ")
    assert problem in line
    assert len(records(proc.stdout)) == 2


def test_force_analyses_other_languages() -> None:
    proc = run("analyze", INPUTS / "english.txt", "--force")
    assert proc.returncode == 0, proc.stderr
    (rec,) = records(proc.stdout)
    assert rec["document"]["language"] == "en"


def test_jsonl_with_broken_lines() -> None:
    path = INPUTS / "broken.jsonl"
    proc = run("analyze", path)
    assert proc.returncode == 1
    recs = records(proc.stdout)
    assert [r["document"]["id"] for r in recs] == ["berita-1", "berita-2", "tanggal-salah", "3"]
    assert recs[0]["document"]["source"] == "Contoh News"
    assert recs[0]["document"]["meta"] == {"category": "ekonomi"}
    assert recs[1]["document"]["published"] == "2025-12-02T19:30:00+07:00"
    assert recs[2]["document"]["published"] is None  # an unreadable date: kept, never dropped
    assert recs[2]["document"]["meta"] == {"published": "kemarin sore"}
    assert recs[3]["document"]["title"] == "Banjir Rob Genangi Pesisir Semarang"
    assert recs[3]["document"]["place"] == "Semarang"
    lines = error_lines(proc.stderr)
    assert len(lines) == 4
    assert lines[0].startswith(f"warta: error: {path}:2: invalid JSON")
    assert lines[1].startswith(f"warta: error: {path}:4: a record must be a JSON object")
    assert lines[2].startswith(f"warta: error: {path}:6 [id=tanpa-teks]: record has neither")
    assert lines[3] == (
        f"warta: warning: {path}:7 [id=tanggal-salah]: 'published' is not a date warta can read: "
        "'kemarin sore': kept with published null (value in document.meta.published)"
    )


def test_directory_is_read_sorted_and_only_known_files() -> None:
    proc = run("analyze", INPUTS / "corpus")
    assert proc.returncode == 0, proc.stderr
    recs = records(proc.stdout)
    assert [r["document"]["source"] for r in recs] == ["Kompas.com", "Contoh News", "Warta Kota Kembang"]


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    proc = run("analyze", tmp_path)
    assert proc.returncode == 1
    (line,) = error_lines(proc.stderr)
    assert str(tmp_path) in line
    assert proc.stdout == ""


def test_stdin_text_and_jsonl() -> None:
    proc = run("analyze", "-", "--published", "2025-11-17", stdin=ARTICLE.read_text("utf-8"))
    assert proc.returncode == 0, proc.stderr
    (rec,) = records(proc.stdout)
    assert rec["document"]["byline"] == "rah/rah"
    proc = run("analyze", "-", stdin=(INPUTS / "broken.jsonl").read_text("utf-8"))
    assert proc.returncode == 1
    assert len(records(proc.stdout)) == 4
    assert all(line.startswith("warta: error: <stdin>:") for line in error_lines(proc.stderr)[:3])


def test_published_fills_only_missing_dates() -> None:
    proc = run("analyze", INPUTS / "broken.jsonl", ARTICLE, "--published", "2025-11-30")
    dates = [r["document"]["published"] for r in records(proc.stdout)]
    # the record whose own date is unreadable keeps null: --published is for inputs without one
    assert dates == ["2025-12-01", "2025-12-02T19:30:00+07:00", None, "2025-11-30", "2025-11-30"]


@pytest.mark.parametrize("backend", ["local", "dask"])
def test_workers_keep_input_order(backend: str) -> None:
    args = ("analyze", INPUTS / "broken.jsonl", INPUTS / "corpus", INPUTS / "empty.txt", ARTICLE)
    serial = run(*args, "--workers", "1")
    parallel = run(*args, "--workers", "2", "--backend", backend)
    assert parallel.returncode == serial.returncode == 1
    assert parallel.stdout == serial.stdout
    assert len(records(parallel.stdout)) == 8
    assert sorted(error_lines(parallel.stderr)) == sorted(error_lines(serial.stderr))


def test_format_json_object_then_array() -> None:
    one = run("analyze", ARTICLE, "--format", "json")
    rec = json.loads(one.stdout)
    assert isinstance(rec, dict)
    validate(rec)
    assert one.stdout.startswith("{\n  ")
    many = run("analyze", ARTICLE, INPUTS / "article.html", "--format", "json")
    array = json.loads(many.stdout)
    assert [type(r) for r in array] == [dict, dict]
    for r in array:
        validate(r)


def test_format_table_and_output_file(tmp_path: Path) -> None:
    proc = run("analyze", INPUTS / "article.html", "--format", "table")
    assert proc.returncode == 0
    assert "Pemkot Bandung Tambah 40 Bus Listrik" in proc.stdout
    assert "Rina Marlina" in proc.stdout
    out = tmp_path / "out.jsonl"
    proc = run("analyze", ARTICLE, INPUTS / "article.html", "-o", out)
    assert proc.returncode == 0
    assert proc.stdout == ""
    assert len(records(out.read_text("utf-8"))) == 2


def test_stages_option() -> None:
    proc = run("analyze", ARTICLE, "--stages", "clean")
    (rec,) = records(proc.stdout)
    assert rec["sentences"] == []
    assert rec["document"]["language"] == "und"
    proc = run("analyze", ARTICLE, "--stages", "segment")  # requires clean: added automatically
    (rec,) = records(proc.stdout)
    assert len(rec["sentences"]) == 6


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("analyze",), "required"),
        (("analyze", "x.txt", "--published", "yesterday"), "ISO 8601"),
        (("analyze", "x.txt", "--workers", "-1"), "workers"),
        (("analyze", "x.txt", "--workers", "0"), "--workers: must be 1 or more, got 0"),
        (("analyze", "x.txt", "--workers", "two"), "invalid int"),
        (("ingest", "x.txt", "--batch-size", "0"), "--batch-size: must be 1 or more"),
        (("analyze", "x.txt", "--format", "xml"), "invalid choice"),
        (("analyze", "x.txt", "--stages", "clean,nonsense"), "unknown stage 'nonsense'"),
        (("analyze", "x.txt", "--config", "missing.toml"), "settings file not found"),
        (("analyze", "x.txt", "-o", "/nonexistent/dir/out.jsonl"), "cannot write"),
        (("frobnicate",), "invalid choice"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    proc = run(*args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
