"""Stage ``amounts``: numbers with what they count or measure, on unit cases, the seed and dev fixtures."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from harness import HARNESS
from warta import Pipeline
from warta.lang.numbers import parse_digits, parse_number, parse_words
from warta.model import Document
from warta.stages.amounts import find_amounts
from warta.stages.times import find_times

FIXTURE = Path(__file__).parent / "fixtures" / "amounts" / "dev_amounts.txt"


def _amounts(text: str) -> list[tuple[str, float, str | None, str | None]]:
    times = find_times(text, "2021-11-24")
    return [(a.text, a.value, a.unit, a.kind) for a in find_amounts(text, list(times))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.250.000", 1250000),
        ("4,7", 4.7),
        ("2,5", 2.5),
        ("7.2", 7.2),
        ("dua", 2),
        ("dua belas", 12),
        ("sebelas", 11),
        ("dua ratus lima puluh ribu", 250000),
        ("seratus dua puluh tiga", 123),
        ("satu setengah juta", 1500000),
        ("setengah", 0.5),
        ("sepertiga", 1 / 3),
        ("belasan", 11),
        ("puluhan", 10),
        ("ratusan", 100),
        ("ribuan", 1000),
        ("puluhan ribu", 10000),
    ],
)
def test_number_parsing(text: str, expected: float) -> None:
    value = parse_number(text)
    assert value is not None
    assert math.isclose(value, expected)


def test_number_parsing_rejects_non_numbers() -> None:
    assert parse_digits("1.2.3") is None
    assert parse_number("kapal") is None
    assert parse_words(["dua", "tiga"]) == (2.0, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dana Rp 5 triliun disiapkan.", ("Rp 5 triliun", 5e12, "Rp", "money")),
        ("Harganya Rp5.000 per bungkus.", ("Rp5.000", 5000, "Rp", "money")),
        ("Nilainya 100 juta dollar AS.", ("100 juta dollar AS", 1e8, "dollar AS", "money")),
        ("Investasi US$ 2 miliar masuk.", ("US$ 2 miliar", 2e9, "US$", "money")),
        ("Utang Rp 1,25 triliun dibayar.", ("Rp 1,25 triliun", 1.25e12, "Rp", "money")),
        ("Harga minyak 65-75 dollar AS per barel.", ("65-75 dollar AS", 65, "dollar AS", "money")),
        ("Suku bunga naik 20 persen.", ("20 persen", 20, "persen", "percent")),
        ("Inflasi 4,5% tahun ini.", ("4,5%", 4.5, "persen", "percent")),
        ("Jaraknya 20 kilometer.", ("20 kilometer", 20, "kilometer", "measure")),
        ("Jaraknya 12 mil.", ("12 mil", 12, "mil", "measure")),
        ("Lahan 4.000 hektare terbakar.", ("4.000 hektare", 4000, "hektare", "measure")),
        ("Gempa 7,2 SR mengguncang.", ("7,2 SR", 7.2, "SR", "measure")),
        ("Produksi 2 juta ton beras.", ("2 juta ton", 2e6, "ton", "measure")),
        ("AS mengirim dua kapal patroli.", ("dua kapal", 2, "kapal", "count")),
        ("Pesawat terbang sebanyak 30 kali.", ("30 kali", 30, "kali", "count")),
        ("Pesawat membawa 162 penumpang.", ("162 penumpang", 162, "penumpang", "count")),
        ("Sebanyak 1.250.000 jiwa mengungsi.", ("1.250.000 jiwa", 1250000, "jiwa", "count")),
        ("Belasan orang terluka.", ("Belasan orang", 11, "orang", "count")),
        ("Puluhan ribu warga berkumpul.", ("Puluhan ribu warga", 10000, "warga", "count")),
        ("Ratusan rumah rusak.", ("Ratusan rumah", 100, "rumah", "count")),
        ("Sepertiga penduduk miskin.", ("Sepertiga penduduk", 1 / 3, "penduduk", "count")),
        ("Ada 30 SPBU ditutup.", ("30 SPBU", 30, "SPBU", "count")),
    ],
)
def test_forms(text: str, expected: tuple[str, float, str, str]) -> None:
    found = _amounts(text)
    assert len(found) == 1, found
    got = found[0]
    assert (got[0], got[2], got[3]) == (expected[0], expected[2], expected[3])
    assert math.isclose(got[1], expected[1])


@pytest.mark.parametrize(
    "text",
    [
        "Hal itu diatur dalam Pasal 5 ayat 2.",
        "Budi (31) ditangkap polisi.",
        "Hubungi 021-5551234 sekarang.",
        "Helikopter Mi-17 dan pesawat QZ8501.",
        "Konflik memanas sejak 2014.",
        "Persib menang 3-1 atas Persija.",
        "Ia menjabat selama tiga tahun.",
        "Rapat digelar pukul 10.00 WIB.",
        "Ia menjadi salah satu pemain terbaik.",
        "Periode 2025-2029 melebihi target.",
        "Ia dipanggil pada menit ke-55.",
        "",
    ],
)
def test_not_amounts(text: str) -> None:
    assert _amounts(text) == []


def test_amounts_do_not_overlap_times() -> None:
    text = "Dalam dua hari, 30 kapal tiba pada 23 November 2021."
    times = find_times(text, "2021-11-24")
    for a in find_amounts(text, list(times)):
        assert not any(a.overlaps(t) for t in times)
        assert text[a.start : a.end] == a.text


def test_seed_amounts(seed_doc: Document) -> None:
    found = {a.text: a for a in seed_doc.amounts}
    assert found["20 kilometer"].kind == "measure"
    assert found["12 mil"].unit == "mil"
    assert found["30 kali"].value == 30
    assert any(t.startswith("dua kapal") for t in found)
    assert found["dua wilayah"].value == 2
    assert not any(a.overlaps(t) for a in seed_doc.amounts for t in seed_doc.times)


# --- quality gate on hand-checked dev fixtures ----------------------------------------------


def test_quality_gate_on_dev_fixture(pipeline: Pipeline) -> None:
    """F1 (span, kind and value) by the evaluation harness's scorer (benchmarks/evaluate.py)."""
    assert sum(len(gold) for _pub, _sent, gold in HARNESS.load_amounts()) >= 100
    f1 = HARNESS.score_amounts(pipeline)["f1"]
    assert f1 >= 0.9, f"amounts F1 {f1:.3f}"
