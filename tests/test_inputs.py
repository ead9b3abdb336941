"""Inputs as real pipelines produce them: odd dates, outlet fields, compressed files, broken Unicode."""

from __future__ import annotations

import gzip
import json
import warnings
from pathlib import Path
from typing import Any

import pytest

import warta
from conftest import shared_path
from test_ingest_cli import ARTICLE, INPUTS, error_lines, records, run
from warta.errors import InputError, InputWarning
from warta.ingest import Record, iter_records, sanitise
from warta.published import PublishedReader, normalise_published

TEXT = "Presiden Joko Widodo meresmikan jembatan baru di Samarinda, Kalimantan Timur, pada Senin pagi."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-11-24", "2021-11-24"),
        ("2021-11-24T10:15:00+07:00", "2021-11-24T10:15:00+07:00"),
        ("2021-11-24T03:15:00Z", "2021-11-24T03:15:00Z"),
        ("2021-11-24 10:15:00", "2021-11-24T10:15:00"),
        ("Wed, 24 Nov 2021 10:15:00 +0700", "2021-11-24T10:15:00+07:00"),  # RFC 2822
        ("Wed, 24 Nov 2021 03:15:00 GMT", "2021-11-24T03:15:00+00:00"),
        ("24/11/2021", "2021-11-24"),
        ("24-11-2021", "2021-11-24"),
        ("24.11.2021", "2021-11-24"),
        ("24 November 2021", "2021-11-24"),
        ("24 Nopember 2021", "2021-11-24"),
        ("3 Agustus 2022", "2022-08-03"),
        ("17 Agt 2022", "2022-08-17"),
        ("1 Mei 2021", "2021-05-01"),
        ("5 Des 2021", "2021-12-05"),
        ("Senin, 24 Nov 2021 10:15 WIB", "2021-11-24T10:15:00+07:00"),
        ("Rabu, 24 Agustus 2022 08:00 WITA", "2022-08-24T08:00:00+08:00"),
        ("Kamis, 25 Mei 2023 19.30 WIT", "2023-05-25T19:30:00+09:00"),
        ("Kamis, 25/11/2021 07:05 WIB", "2021-11-25T07:05:00+07:00"),
        ("Jumat, 3 Desember 2021 - 08:10 WIB", "2021-12-03T08:10:00+07:00"),
        ("24 November 2021 pukul 10.15 WIB", "2021-11-24T10:15:00+07:00"),
        ("10/21/2025 20:43", "2025-10-21T20:43:00"),  # cannot be day-first: read month-first
        ("1637723700", "2021-11-24T03:15:00+00:00"),
        (1637723700, "2021-11-24T03:15:00+00:00"),
        (1637723700000, "2021-11-24T03:15:00+00:00"),  # milliseconds
        (1637723700.5, "2021-11-24T03:15:00.500000+00:00"),
        ("  24   November 2021 ", "2021-11-24"),
        (None, None),
        ("", None),
    ],
)
def test_published_forms(value: Any, expected: str | None) -> None:
    assert normalise_published(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "kemarin sore",  # relative: never completed from today's date
        "24 November",  # no year
        "November 2021",  # no day
        "2021",
        "31/02/2021",
        "2021-02-30",
        "99/99/9999",
        "-1637723700",
        "1e5",
        "nan",
        True,
        [2021, 11, 24],
        {"date": "2021-11-24"},
        99999999999999,
        "2021-11-24" * 30,
    ],
)
def test_unreadable_published_is_an_input_error(value: Any) -> None:
    with pytest.raises(InputError, match="'published'"):
        normalise_published(value)


def test_numeric_order_is_learned_per_input() -> None:
    """detik.com writes month-first (10/21/2025): once a file shows it, 9/10/2025 is 10 September."""
    reader = PublishedReader("detik.jsonl")
    assert reader("9/10/2025 22:30") == "2025-10-09T22:30:00"  # nothing learned yet: day-first
    assert reader("10/21/2025 20:43") == "2025-10-21T20:43:00"
    assert reader("9/10/2025 22:30") == "2025-09-10T22:30:00"
    assert reader("24/11/2021") == "2021-11-24"  # a day-first file switches back
    assert reader("9/10/2025") == "2025-10-09"
    assert PublishedReader()("9/10/2025") == "2025-10-09"  # each input learns on its own


def test_outlet_fields_map_to_source() -> None:
    rec = Record.from_fields(text=TEXT, outlet="Kompas", source="indosum", site_name="kompas.com")
    assert rec.source == "Kompas"
    assert rec.meta == {"source": "indosum", "site_name": "kompas.com"}  # nothing lost
    assert Record.from_fields(text=TEXT, site_name="detikcom").source == "detikcom"
    assert Record.from_fields(text=TEXT, source="Antara").source == "Antara"
    assert Record.from_fields(text=TEXT, outlet="", source="Antara").source == "Antara"


def test_lone_surrogates_are_replaced_with_a_warning() -> None:
    fixed, n = sanitise({"a": ["x\ud83dy", "\ud83d\ude00"], "\udc00": 1})
    assert fixed == {"a": ["x\ufffdy", "\U0001f600"], "\ufffd": 1}
    assert n == 2
    with pytest.warns(InputWarning, match="lone surrogate"):
        doc = warta.analyze(TEXT + " \ud83d", title="Judul \ud83d", published="2021-11-22")
    assert doc.title == "Judul \ufffd"
    assert doc.to_json().encode("utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warta.analyze(TEXT + " \U0001f600")  # a whole emoji is not repaired


def _jsonl(path: Path, rows: list[dict[str, Any]], *, opener: Any = open) -> Path:
    with opener(path, "wt", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")  # ensure_ascii: lone surrogates written as \\ud83d
    return path


def test_surrogates_in_jsonl_lose_no_record(tmp_path: Path) -> None:
    """A scraper's half emoji in text and title: every record analysed, output valid UTF-8."""
    rows = [
        {"id": "a", "title": "Judul \ud83d", "text": TEXT + " \ud83d"},
        {"id": "b", "title": "Lain", "text": TEXT.replace("Senin", "Selasa") + " \udc00 akhir."},
        {"id": "c", "text": TEXT.replace("Senin", "Rabu")},
    ]
    path = _jsonl(tmp_path / "surrogates.jsonl", rows)
    for args in (("analyze", path), ("analyze", path, "--format", "json")):
        proc = run(*args)
        assert proc.returncode == 0, proc.stderr
        out = json.loads(proc.stdout) if "json" in args else records(proc.stdout)
        assert [r["document"]["id"] for r in out] == ["a", "b", "c"]
        assert out[0]["document"]["title"] == "Judul \ufffd"
        warn = error_lines(proc.stderr)
        assert warn == [
            f"warta: warning: {path}:1 [id=a]: replaced 1 lone surrogate(s) in 'text' with U+FFFD",
            f"warta: warning: {path}:1 [id=a]: replaced 1 lone surrogate(s) in 'title' with U+FFFD",
            f"warta: warning: {path}:2 [id=b]: replaced 1 lone surrogate(s) in 'text' with U+FFFD",
        ]
    db = tmp_path / "s.db"
    proc = run("ingest", path, "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert "3 stored" in proc.stderr


def test_odd_dates_in_jsonl_are_parsed_or_kept_with_a_warning(tmp_path: Path) -> None:
    forms = [
        "Senin, 24 Nov 2021 10:15 WIB",
        "24/11/2021",
        "24 November 2021",
        "2021-11-24 10:15:00",
        "Wed, 24 Nov 2021 10:15:00 +0700",
        1637723700,
        "kemarin",
    ]
    rows = [{"id": f"d{i}", "text": TEXT, "published": f} for i, f in enumerate(forms)]
    path = _jsonl(tmp_path / "dates.jsonl", rows)
    proc = run("analyze", path, "--stages", "segment")
    assert proc.returncode == 0, proc.stderr
    dates = [r["document"]["published"] for r in records(proc.stdout)]
    assert dates == [
        "2021-11-24T10:15:00+07:00",
        "2021-11-24",
        "2021-11-24",
        "2021-11-24T10:15:00",
        "2021-11-24T10:15:00+07:00",
        "2021-11-24T03:15:00+00:00",
        None,
    ]
    (warning,) = error_lines(proc.stderr)
    assert warning.startswith(f"warta: warning: {path}:7 [id=d6]: 'published' is not a date warta can read")
    assert "'kemarin'" in warning


def test_compressed_inputs_are_read_streaming(tmp_path: Path) -> None:
    zstd = pytest.importorskip("backports.zstd")
    rows = [{"id": "g1", "text": TEXT}, {"id": "g2", "text": TEXT.replace("Senin", "Selasa")}]
    _jsonl(tmp_path / "a.jsonl.gz", rows, opener=gzip.open)
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(ARTICLE.read_bytes()))
    (tmp_path / "c.html.gz").write_bytes(gzip.compress((INPUTS / "article.html").read_bytes()))
    (tmp_path / "d.jsonl.zst").write_bytes(zstd.compress(b'{"id": "z1", "text": "%s"}\n' % TEXT.encode()))
    (tmp_path / "e.txt.zst").write_bytes(zstd.compress(ARTICLE.read_bytes()))
    (tmp_path / "f.gz").write_bytes(b"not gzip at all")
    (tmp_path / "ignored.md.gz").write_bytes(gzip.compress(b"# not an input"))
    got = list(iter_records([tmp_path]))
    assert [(Path(r.origin or "").name, r.id, r.format) for r in got if r.error is None] == [
        ("a.jsonl.gz", "g1", "text"),
        ("a.jsonl.gz", "g2", "text"),
        ("b.txt.gz", None, "text"),
        ("c.html.gz", None, "html"),
        ("d.jsonl.zst", "z1", "text"),
        ("e.txt.zst", None, "text"),
    ]
    assert got[2].raw == ARTICLE.read_text("utf-8")
    proc = run("analyze", tmp_path / "f.gz", tmp_path / "a.jsonl.gz")
    assert proc.returncode == 1
    (line,) = error_lines(proc.stderr)
    assert line.startswith(f"warta: error: {tmp_path / 'f.gz'}: cannot read: ")
    assert len(records(proc.stdout)) == 2


def test_truncated_gzip_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    rows = [{"id": f"t{i}", "text": TEXT + f" Nomor {i}." * 40} for i in range(50)]
    whole = gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    got = list(iter_records([path]))
    assert got[-1].error is not None
    assert "cannot read past line" in str(got[-1].error)
    good = [r for r in got if r.error is None]
    assert 0 < len(good) < 50
    assert [r.id for r in good] == [f"t{i}" for i in range(len(good))]


def test_compressed_stdin(tmp_path: Path) -> None:
    rows = [{"id": "s1", "text": TEXT}]
    data = gzip.compress(("\n".join(json.dumps(r) for r in rows) + "\n").encode())
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "warta", "analyze", "-", "--stages", "segment"],
        input=data,
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert [r["document"]["id"] for r in records(proc.stdout.decode())] == ["s1"]


@pytest.mark.shared
def test_raw_corpus_reads_every_line() -> None:
    """The 4,311-line raw corpus (gzip, 894 month-first dates, outlet fields) loses no record."""
    path = shared_path("data", "raw", "news-raw.jsonl.gz")
    got = list(iter_records([path]))
    assert len(got) == 4311
    assert [str(r.error) for r in got if r.error is not None] == []
    assert [w for r in got for w in r.warnings] == []
    dated = [r for r in got if r.published]
    assert len(dated) == 894
    assert all(r.published and r.published.startswith("2025-") for r in dated)
    assert sum(1 for r in got if r.source) == 4311
    assert {r.source for r in got} >= {"cnn indonesia", "detik.com", "kumparan"}
