"""Stage segment: tokens and sentences of Indonesian news, and a quality gate on annotated paragraphs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harness import HARNESS
from warta import Pipeline
from warta.model import Document, Span
from warta.stages.clean import clean_text
from warta.stages.segment import segment_text, tokenize

GOLD = sorted((Path(__file__).parent / "fixtures" / "segment").glob("*.json"))


def sentences(text: str) -> list[str]:
    _, sents = segment_text(text, [Span(0, len(text), text)])
    return [s.text for s in sents]


def tokens(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Presiden Susilo B. Yudhoyono tiba di Bandung.",
            ["Presiden", "Susilo", "B.", "Yudhoyono", "tiba", "di", "Bandung", "."],
        ),
        (
            "Prof. Dr. Ir. H. Budi, S.H., M.Si. hadir",
            ["Prof.", "Dr.", "Ir.", "H.", "Budi", ",", "S.H.", ",", "M.Si.", "hadir"],
        ),
        ("dr. Rina dan Hj. Siti dkk. datang", ["dr.", "Rina", "dan", "Hj.", "Siti", "dkk.", "datang"]),
        (
            "di Jl. Merdeka No. 5 Kec. Gambir, Kab. Bogor",
            ["di", "Jl.", "Merdeka", "No.", "5", "Kec.", "Gambir", ",", "Kab.", "Bogor"],
        ),
        ("Kel. Menteng RT/RW 05/03", ["Kel.", "Menteng", "RT/RW", "05/03"]),
        (
            "sayur, buah dll. serta a.n. Budi u.p. Direktur",
            ["sayur", ",", "buah", "dll.", "serta", "a.n.", "Budi", "u.p.", "Direktur"],
        ),
        ("naik 4,7 persen", ["naik", "4,7", "persen"]),
        ("Rp1.250.000 atau Rp 5.000", ["Rp", "1.250.000", "atau", "Rp", "5.000"]),
        ("US$ 30,69 juta", ["US$", "30,69", "juta"]),
        ("pukul 10.00 WIB dan 08:30 WITA", ["pukul", "10.00", "WIB", "dan", "08:30", "WITA"]),
        ("Senin (23/11) dan 30/12/2014", ["Senin", "(", "23/11", ")", "dan", "30/12/2014"]),
        ("tahun 1990-an", ["tahun", "1990-an"]),
        ("skor 2-1 untuk pro-Rusia", ["skor", "2-1", "untuk", "pro-Rusia"]),
        ("helikopter Mi-17 jatuh", ["helikopter", "Mi-17", "jatuh"]),
        ("anak-anak dan Bapak-Ibu", ["anak-anak", "dan", "Bapak-Ibu"]),
        (
            "lihat https://www.bmkg.go.id/cuaca?kota=bogor.",
            ["lihat", "https://www.bmkg.go.id/cuaca?kota=bogor", "."],
        ),
        ("kirim ke humas@bmkg.go.id.", ["kirim", "ke", "humas@bmkg.go.id", "."]),
        ("akun @infoBMKG dan #SaveRajaAmpat!", ["akun", "@infoBMKG", "dan", "#SaveRajaAmpat", "!"]),
        ("“Siap,” kata dia.", ["“", "Siap", ",", "”", "kata", "dia", "."]),
        ("tunggu... lalu pergi", ["tunggu", "...", "lalu", "pergi"]),
        ("Grup H. Evan", ["Grup", "H", ".", "Evan"]),
        ("Jakarta -- Presiden", ["Jakarta", "--", "Presiden"]),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Presiden Susilo B. Yudhoyono bertemu Prof. Dr. Budi di Jl. Merdeka No. 5. Ia tiba pukul 10.00.",
            [
                "Presiden Susilo B. Yudhoyono bertemu Prof. Dr. Budi di Jl. Merdeka No. 5.",
                "Ia tiba pukul 10.00.",
            ],
        ),
        (
            "“Kami akan terus berupaya,” kata Jokowi. “Tidak ada yang mustahil!” tegasnya. Ia pun pergi.",
            [
                "“Kami akan terus berupaya,” kata Jokowi.",
                "“Tidak ada yang mustahil!” tegasnya.",
                "Ia pun pergi.",
            ],
        ),
        (
            'Ia menambahkan, "Kita harus kuat." Rapat pun selesai.',
            ['Ia menambahkan, "Kita harus kuat."', "Rapat pun selesai."],
        ),
        (
            "Dia berkata 'ya.' Lalu pergi.",
            ["Dia berkata 'ya.'", "Lalu pergi."],
        ),
        (
            '"Apa benar pulau kita jumlahnya masih 17 ribu?" Pertanyaan itu muncul.',
            ['"Apa benar pulau kita jumlahnya masih 17 ribu?"', "Pertanyaan itu muncul."],
        ),
        (
            '"Macet... macet... macet...," sahut sang perekam video.',
            ['"Macet... macet... macet...," sahut sang perekam video.'],
        ),
        (
            "Skor itu... membuat Persib puas. Pelatih pun tersenyum.",
            ["Skor itu... membuat Persib puas.", "Pelatih pun tersenyum."],
        ),
        (
            "Harga naik 4,7 persen menjadi Rp 1.250.000. Sementara itu, stok aman.",
            ["Harga naik 4,7 persen menjadi Rp 1.250.000.", "Sementara itu, stok aman."],
        ),
        (
            "Rapat dihadiri Kapolda, Pangdam dkk. Acara berlangsung lancar.",
            ["Rapat dihadiri Kapolda, Pangdam dkk.", "Acara berlangsung lancar."],
        ),
        (
            "Info di https://www.bmkg.go.id. Hubungi humas@bmkg.go.id. Selesai.",
            ["Info di https://www.bmkg.go.id.", "Hubungi humas@bmkg.go.id.", "Selesai."],
        ),
        (
            "Tim menang 3-0! Apa benar? Ya, benar.",
            ["Tim menang 3-0!", "Apa benar?", "Ya, benar."],
        ),
        ("1. Joseph Sulistijo, Direktur PT Amanat", ["1. Joseph Sulistijo, Direktur PT Amanat"]),
        ("Syaratnya: 1. sehat; 2. jujur. Itu saja.", ["Syaratnya: 1. sehat; 2. jujur.", "Itu saja."]),
        (
            "Pemilik mobilnya berinisial I. Mereka warga kami.",
            ["Pemilik mobilnya berinisial I.", "Mereka warga kami."],
        ),
        ("Kasus ini diatur dalam UU No. 1 Tahun 2024.", ["Kasus ini diatur dalam UU No. 1 Tahun 2024."]),
        (
            "Hal itu disampaikan pengacaranya, Budi Santoso, S.H. Ia menolak. Rektor Agus, S.H. M.H. hadir.",
            [
                "Hal itu disampaikan pengacaranya, Budi Santoso, S.H.",
                "Ia menolak.",
                "Rektor Agus, S.H. M.H. hadir.",
            ],
        ),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_paragraph_break_always_ends_a_sentence() -> None:
    doc = Document(raw="")
    paragraphs = clean_text("Judul tanpa titik\nIsi berita dimulai di sini. Lalu berlanjut")
    doc.text = "\n".join(paragraphs)
    spans, pos = [], 0
    for p in paragraphs:
        spans.append(Span(pos, pos + len(p), p))
        pos += len(p) + 1
    toks, sents = segment_text(doc.text, spans)
    assert [s.text for s in sents] == ["Judul tanpa titik", "Isi berita dimulai di sini.", "Lalu berlanjut"]
    assert [s.paragraph for s in sents] == [0, 1, 1]
    assert [t.text for t in toks[sents[1].token_start : sents[1].token_end]][-1] == "."


def test_quality_gate_on_annotated_news_paragraphs(pipeline: Pipeline) -> None:
    """Hand-annotated paragraphs from dev articles: sentence-boundary F1 and token F1 must stay high
    (the evaluation harness's scorer, benchmarks/evaluate.py)."""
    assert GOLD, "tests/fixtures/segment/*.json missing"
    assert sum(len(json.loads(p.read_text("utf-8"))) for p in GOLD) >= 20
    figures = HARNESS.score_segment(pipeline)
    assert figures["sentence_f1"] >= 0.95, f"sentence-boundary F1 {figures['sentence_f1']:.3f}"
    assert figures["token_f1"] >= 0.99, f"token F1 {figures['token_f1']:.3f}"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"aAbBkKrR .,!?:;\"'“”‘’()-–—/@#…\n\t\u00a0\u200b0123456789",
                *["Rp", "Dr.", "H.", "dkk.", "...", "https://x.id/a", "a@b.id", "\r\n", "ADVERTISEMENT\n"],
                *["(rds)", "&amp;", "Grup", "inisial"],
            ]
        ),
        max_size=120,
    ).map("".join)
)
def test_clean_and_segment_never_crash_and_spans_match(raw: str) -> None:
    paragraphs = clean_text(raw)
    text = "\n".join(paragraphs)
    spans, pos = [], 0
    for p in paragraphs:
        spans.append(Span(pos, pos + len(p), p))
        pos += len(p) + 1
    toks, sents = segment_text(text, spans)
    for t in toks:
        assert t.text == text[t.start : t.end]
        assert t.text.strip() == t.text != ""
    for s in sents:
        assert s.text == text[s.start : s.end]
        assert 0 <= s.token_start < s.token_end <= len(toks)
        assert toks[s.token_start].start == s.start
        assert toks[s.token_end - 1].end == s.end
    # sentences tile the tokens in order, without gaps or overlaps
    assert [i for s in sents for i in range(s.token_start, s.token_end)] == list(range(len(toks)))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_crashes(raw: str) -> None:
    paragraphs = clean_text(raw)
    text = "\n".join(paragraphs)
    spans, pos = [], 0
    for p in paragraphs:
        spans.append(Span(pos, pos + len(p), p))
        pos += len(p) + 1
    toks, sents = segment_text(text, spans)
    assert all(t.text == text[t.start : t.end] for t in toks)
    assert all(s.text == text[s.start : s.end] for s in sents)
