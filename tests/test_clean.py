"""Stage clean: page furniture out, datelines and bylines into metadata, real text untouched."""

from __future__ import annotations

import pytest

from warta.errors import InputError
from warta.model import Document
from warta.settings import Settings
from warta.stages.clean import CleanStage, clean_text

BODY = "Pemerintah menyiapkan anggaran tambahan untuk perbaikan jalan di wilayah selatan."


def clean(raw: str, **fields: str) -> Document:
    doc = Document(raw=raw, **fields)  # type: ignore[arg-type]
    CleanStage(Settings())(doc)
    for span in doc.paragraphs:
        assert doc.text[span.start : span.end] == span.text
    return doc


@pytest.mark.parametrize(
    ("first_line", "source", "place"),
    [
        ("Jakarta, CNN Indonesia -- ", "CNN Indonesia", "Jakarta"),
        ("Bandung, CNN Indonesia -- ", "CNN Indonesia", "Bandung"),
        ("JAKARTA, KOMPAS.com - ", "Kompas.com", "Jakarta"),
        ("Jakarta (ANTARA News) - ", "ANTARA", "Jakarta"),
        ("Liputan6.com, Jakarta - ", "Liputan6.com", "Jakarta"),
        ("Jakarta - ", None, "Jakarta"),
        ("Jakarta- ", None, "Jakarta"),
        ("Rimanews-", "Rimanews", None),
        ("Suara.com-", "Suara.com", None),
        ("Suara.com - ", "Suara.com", None),
        ("JAKARTA (Pos Kota) – ", "Pos Kota", "Jakarta"),
        ("JAKARTA (Pos Kota) -", "Pos Kota", "Jakarta"),
        ("SPANYOL - ", None, "Spanyol"),
        ("AMERIKA SERIKAT – ", None, "Amerika Serikat"),
        ("Jakarta, detikcom - ", "detik.com", "Jakarta"),
        # tokenised corpora (IndoSum) space out the comma and the double dash
        ("Jakarta , CNN Indonesia - - ", "CNN Indonesia", "Jakarta"),
    ],
)
def test_datelines(first_line: str, source: str | None, place: str | None) -> None:
    doc = clean(first_line + BODY + "\n\nWarga menyambut baik rencana itu.")
    assert (doc.source, doc.place) == (source, place)
    assert doc.text.startswith(BODY)


@pytest.mark.parametrize(
    "first",
    [
        "Presiden Prabowo Subianto meresmikan jembatan baru di Kalimantan Barat pada Senin pagi.",
        "SEMENJAK menikah, artis itu memilih fokus mengurus keluarga dan mengurangi jadwal syuting.",
        '"KPK menjadwalkan pemeriksaan terhadap saksi hari ini," kata juru bicara KPK.',
        "PSSI - Persatuan Sepak Bola Seluruh Indonesia - menggelar kongres tahunan.",
        "Jakarta-Bandung kini bisa ditempuh dalam 45 menit dengan kereta cepat Whoosh.",
    ],
)
def test_no_dateline_no_removal(first: str) -> None:
    doc = clean(first + "\nWarga menyambut baik rencana itu.")
    assert doc.text.startswith(first)
    assert doc.place is None or first.startswith("PSSI")


def test_source_from_input_wins_over_dateline() -> None:
    doc = clean("JAKARTA, KOMPAS.com - " + BODY, source="Kompas")
    assert doc.source == "Kompas"


@pytest.mark.parametrize(
    ("last", "byline"),
    [
        ("(rds)", "rds"),
        ("(rah/rah)", "rah/rah"),
        ("(ugo)", "ugo"),
        ("(kid/ sur)", "kid/sur"),
        ("Penulis: Rina Marlina", "Rina Marlina"),
        ("Reporter: Ahmad Fauzi", "Ahmad Fauzi"),
    ],
)
def test_byline_on_its_own_line(last: str, byline: str) -> None:
    doc = clean(f"{BODY}\nWarga menyambut baik rencana itu.\n{last}")
    assert doc.byline == byline
    assert doc.text.endswith("Warga menyambut baik rencana itu.")


@pytest.mark.parametrize(
    ("tail", "byline"),
    [
        ("kata dia. (ugo)", "ugo"),
        ("ujarnya. (embun)", "embun"),
        ("kata Siti. (b)", "b"),
        ('tandasnya." (ilham/yp)', "ilham/yp"),
        ("lanjutnya. [Antara]", "Antara"),
        ("pada Minggu (27/11). (Reuters)", "Reuters"),
    ],
)
def test_byline_after_the_last_sentence(tail: str, byline: str) -> None:
    doc = clean(f"{BODY}\nHal itu disampaikan {tail}")
    assert doc.byline == byline
    assert doc.text.endswith(tail[: tail.rindex(" ")])


@pytest.mark.parametrize(
    "last",
    [
        "Pertandingan akan digelar Minggu (27/11).",
        "Kasus itu melibatkan Menteri Dalam Negeri (Mendagri).",
        "Indonesia U-22 bertemu Malaysia di Grup H (AS)",
        "Pemerintah menanggung iuran peserta (PBI)",
    ],
)
def test_parentheses_that_are_not_bylines(last: str) -> None:
    doc = clean(f"{BODY}\n{last}")
    assert doc.byline is None
    assert doc.text.endswith(last)


@pytest.mark.parametrize(
    "artefact",
    [
        "SCROLL TO CONTINUE WITH CONTENT",
        "SCROLL TO RESUME CONTENT",
        "ADVERTISEMENT",
        "Baca juga: Banjir Rendam Ratusan Rumah di Bekasi",
        "Baca Juga : Harga Emas Hari Ini",
        "Simak juga Video: Harga Emas Naik Tinggi, Pengamat: Beli!",
        "Simak juga Video 'MRT Sepi Penumpang di Awal Pekan':",
        "Simak Video: Daftar Menteri yang Diganti Sore Ini",
        "Lihat juga Video: Heboh Aturan Ijazah Dirahasiakan",
        'Tonton juga video "IHSG Stagnan Menunggu Kabar The Fed" di sini:',
        "Tonton juga Video: Fenomena Jutaan Ubur-ubur Muncul di Pelabuhan",
        "Saksikan Live DetikPagi :",
        "Saksikan LiveDetikpagi:",
        "Saksikan pembahasan lengkapnya hanya di program detikPagi edisi Kamis (12/06/2025). Nikmati terus.",
        '"Detik Pagi, Jangan Tidur Lagi!"',
        "[Gambas:Video CNN]",
        "(Foto: dok. Cetaphil)",
        "Foto: Presiden Prabowo di Istana (Dok. Setpres)",
        "Editor: Yuniman Farid",
        "Artikel ini telah tayang di Kompas.com dengan judul Harga Cabai Naik.",
        "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com.",
        "Ikuti berita terkini di Google News",
        "Berita Terkait:",
        "Bagikan",
        "Copyright © 2025 Contoh Media. All rights reserved.",
        "Halaman selanjutnya >>",
    ],
)
def test_artefact_lines_are_removed(artefact: str) -> None:
    paragraphs = clean_text(f"{BODY}\n\n{artefact}\n\nWarga menyambut baik rencana itu.")
    assert paragraphs == [BODY, "Warga menyambut baik rencana itu."]


def test_inline_detik_artefact_is_removed() -> None:
    paragraphs = clean_text(f"{BODY} ADVERTISEMENT SCROLL TO CONTINUE WITH CONTENT Warga menyambut baik.")
    assert paragraphs == [f"{BODY} Warga menyambut baik."]


@pytest.mark.parametrize(
    "line",
    [
        "Lihat juga bagaimana warga bergotong royong membersihkan saluran air.",
        "Hak cipta lagu itu kini dipegang oleh ahli waris sang pencipta.",
        "Berita terkait penangkapan itu ramai dibicarakan warganet.",
        "Video itu beredar luas di media sosial sejak Senin malam.",
        "Foto-foto kerusakan diunggah warga ke grup WhatsApp desa.",
        "Sumber dana proyek berasal dari APBD dan bantuan pusat, kata dia.",
        "Simak selengkapnya dalam artikel berikut mengenai tata cara pendaftaran.",
        "Saksikan pertandingan itu di stadion, ajak Ketua Umum PSSI.",
        '"Setuju," jawab para peserta rapat.',
        "Editor senior itu menilai kebebasan pers harus dijaga.",
        "Iklan rokok dilarang tampil di ruang publik kota.",
    ],
)
def test_real_text_is_kept(line: str) -> None:
    assert clean_text(f"{BODY}\n{line}") == [BODY, line]


def test_normalisation() -> None:
    raw = "  Cafe\u0301 itu   dibuka\u00a0kembali.\r\n\r\n\u200bWarga &amp; pedagang senang.\t\n"
    assert clean_text(raw) == ["Café itu dibuka kembali.", "Warga & pedagang senang."]


def test_paragraph_spans_and_derived_id() -> None:
    doc = clean(f"{BODY}\n\n\nWarga menyambut baik rencana itu.")
    assert doc.text == f"{BODY}\nWarga menyambut baik rencana itu."
    assert [p.text for p in doc.paragraphs] == [BODY, "Warga menyambut baik rencana itu."]
    assert doc.id is not None
    assert len(doc.id) == 16
    assert clean(f"{BODY}\n\n\nWarga menyambut baik rencana itu.").id == doc.id


@pytest.mark.parametrize("raw", ["", "   \n\n ", "ADVERTISEMENT\nSCROLL TO CONTINUE WITH CONTENT", "(rds)"])
def test_nothing_left_is_an_input_error(raw: str) -> None:
    with pytest.raises(InputError, match="empty article"):
        clean(raw)
