"""Quote speakers: two people speaking in turn with pronouns, unnamed officials of an organisation,
a titled subject with an adjunct, a channel that is not a speaker (sentences written for these
tests, in the style of the dev articles)."""

from __future__ import annotations

import pytest

from warta import Pipeline
from warta.model import Document

TURNS = (
    "Menteri Luar Negeri Sugiono bertemu Menlu Rusia Sergey Lavrov di Moskow, Senin (3/3). "
    '"Kami membahas kerja sama energi," kata Sugiono kepada wartawan.\n'
    'Lavrov menyambut baik kunjungan itu. "Rusia siap meningkatkan investasi di Indonesia," ujarnya.\n'
    "Ia menambahkan kedua negara akan menggelar latihan militer bersama tahun depan.\n"
    "Sugiono menilai hubungan kedua negara terus membaik. "
    "Menurut dia, perdagangan naik 20 persen tahun lalu.\n"
    '"Kami ingin angka itu naik lagi," tegas Sugiono.\n'
    '"Tidak ada masalah di antara kita," imbuh Lavrov.\n'
    "Beliau juga mengatakan Rusia mendukung keanggotaan Indonesia di BRICS."
)


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(stages=["clean", "segment", "entities", "coref", "quotes"])


def _speakers(doc: Document) -> dict[str, str | None]:
    names = {e.id: e.name for e in doc.entities}
    return {q.text[:30]: names.get(q.speaker or "") for q in doc.quotes}


def test_two_speakers_in_turn_with_pronouns(pipe: Pipeline) -> None:
    got = _speakers(pipe.analyze(TURNS, published="2025-03-03"))
    assert got == {
        "Kami membahas kerja sama energ": "Sugiono",
        "Rusia siap meningkatkan invest": "Sergei Lavrov",  # ujarnya
        "kedua negara akan menggelar la": "Sergei Lavrov",  # Ia
        "hubungan kedua negara terus me": "Sugiono",
        "perdagangan naik 20 persen tah": "Sugiono",  # Menurut dia
        "Kami ingin angka itu naik lagi": "Sugiono",
        "Tidak ada masalah di antara ki": "Sergei Lavrov",
        "Rusia mendukung keanggotaan In": "Sergei Lavrov",  # Beliau
    }


@pytest.mark.parametrize(
    "text",
    [
        "Sementara itu, pejabat Kementerian Luar Negeri Jepang mengatakan keputusan itu tidak cukup.",
        '"Informasi itu benar," kata juru bicara Kementerian Telekomunikasi Iran kepada AFP.',
        "Di sisi lain, Delegasi Guam di Kongres AS mengatakan ancaman itu sangat mengkhawatirkan.",
    ],
)
def test_unnamed_official_is_not_the_organisation(pipe: Pipeline, text: str) -> None:
    doc = pipe.analyze(text, published="2017-08-10")
    assert len(doc.quotes) == 1
    assert doc.quotes[0].speaker is None
    assert doc.quotes[0].speaker_text


def test_titled_subject_with_an_adjunct(pipe: Pipeline) -> None:
    text = (
        "Duta Besar Pelucutan Senjata AS Robert Wood, dalam konferensi yang didukung Perserikatan "
        "Bangsa-Bangsa di Jenewa, Selasa (22/8), mengatakan Korea Utara mempunyai dua pilihan."
    )
    got = _speakers(pipe.analyze(text, published="2017-08-22"))
    assert list(got.values()) == ["Robert Wood"]


def test_channel_is_not_the_speaker(pipe: Pipeline) -> None:
    text = "Kepolisian Kenya melalui Twitter menyatakan pegiat itu tengah diperiksa terkait penghasutan."
    doc = pipe.analyze(text, published="2017-12-04")
    names = {e.id: e.name for e in doc.entities}
    assert [names.get(q.speaker or "") for q in doc.quotes] == ["Kepolisian Kenya"]


def test_reported_clause_with_a_common_noun_subject(pipe: Pipeline) -> None:
    text = (
        "Kapolres Garut AKBP Fajar Hidayat mengatakan pelaku ditangkap di rumahnya. "
        "Dia menyebut pelaku terancam hukuman lima tahun penjara. "
        "Warga menyampaikan protes terkait banjir itu."
    )
    got = _speakers(pipe.analyze(text, published="2025-03-03"))
    assert got == {
        "pelaku ditangkap di rumahnya": "Fajar Hidayat",
        "pelaku terancam hukuman lima t": "Fajar Hidayat",  # Dia, through coref
    }  # "menyampaikan protes terkait …" is no statement
