"""Name rules that must hold whatever the tagger returns: they are fed the mentions a CRF may give
(the shipped model and the retrained one tag these spans differently), so they do not depend on
one model's mistakes. Sentences from the dev fixtures' style, written for these tests."""

from __future__ import annotations

import pytest

from warta.model import Token
from warta.stages.entities.lexicon import lexicon
from warta.stages.entities.merge import Mention
from warta.stages.entities.names import extend_local_places, join_branches, join_name_particles
from warta.stages.segment import tokenize


def _tokens(text: str) -> list[Token]:
    return tokenize(text)


def _span(tokens: list[Token], phrase: str, typ: str) -> Mention:
    words = tuple(phrase.split())
    texts = [t.text for t in tokens]
    for i in range(len(texts)):
        if tuple(texts[i : i + len(words)]) == words:
            return Mention(i, i + len(words), typ, words)
    raise AssertionError(phrase)


@pytest.mark.parametrize(
    ("tagged", "name"),
    [
        (["Emir Qatar Sheikh Tamim bin", "Hamad al-Thani"], "Tamim bin Hamad al-Thani"),  # cut at "bin"
        (["Sheikh Tamim bin Hamad al-Thani"], "Tamim bin Hamad al-Thani"),  # tagged whole with the title
    ],
)
def test_title_before_a_patronymic_name_goes(tagged: list[str], name: str) -> None:
    tokens = _tokens("Cavusoglu bertemu dengan Emir Qatar Sheikh Tamim bin Hamad al-Thani di Doha.")
    mentions = [_span(tokens, p, "PER") for p in tagged]
    out = join_name_particles(tokens, mentions, lexicon())
    assert [" ".join(m.words) for m in out if m.type == "PER"] == [name]


def test_a_name_without_bin_keeps_its_first_word() -> None:
    tokens = _tokens("ujar Perdana Menteri Bangladesh, Sheikh Hasina.")
    out = join_name_particles(tokens, [_span(tokens, "Sheikh Hasina", "PER")], lexicon())
    assert [m.words for m in out] == [("Sheikh", "Hasina")]


def test_a_foreign_company_and_another_country_is_its_branch() -> None:
    tokens = _tokens("Roy Simangunsong, Country Head Twitter Indonesia mengumumkan pengunduran dirinya.")
    mentions = [_span(tokens, "Twitter", "ORG"), _span(tokens, "Indonesia", "LOC")]
    out = join_branches(mentions, lexicon())
    assert [(m.words, m.type) for m in out] == [(("Twitter", "Indonesia"), "ORG")]


@pytest.mark.parametrize(
    ("text", "org", "place"),
    [
        ("Kelompok Hamas Palestina menolak usulan itu.", "Hamas", "Palestina"),  # its own country
        ("Kerja sama Twitter dan Indonesia berlanjut.", "Twitter", "Indonesia"),  # not adjacent
        ("Mahkamah Agung Amerika Serikat memutuskan perkara itu.", "Mahkamah Agung", "Amerika Serikat"),
    ],
)
def test_no_branch_for_its_own_country_a_gap_or_an_institution(text: str, org: str, place: str) -> None:
    tokens = _tokens(text)
    mentions = [_span(tokens, org, "ORG"), _span(tokens, place, "LOC")]
    assert len(join_branches(mentions, lexicon())) == 2


@pytest.mark.parametrize(
    ("text", "tagged", "place"),
    [
        ("Pelaku dibakar di Pasar Muara Bakti, Kabupaten Bekasi.", "Pasar Muara", "Pasar Muara Bakti"),
        ("Ia tinggal di Desa Buni Bakti, Kecamatan Babelan.", "Desa Buni", "Desa Buni Bakti"),
        ("Macet di Jalan Sudirman Senin (3/3) pagi.", "Jalan Sudirman", "Jalan Sudirman"),  # a day
        ("Warga Desa Sukamaju Jakarta, datang.", "Desa Sukamaju", "Desa Sukamaju"),  # a place of its own
        ("Banjir di Kota Bekasi Barat, kata dia.", "Kota Bekasi", "Kota Bekasi"),  # no local head
    ],
)
def test_a_local_place_cut_before_its_last_word(text: str, tagged: str, place: str) -> None:
    tokens = _tokens(text)
    mentions = [_span(tokens, tagged, "LOC")]
    extend_local_places(tokens, mentions, lexicon())
    assert " ".join(mentions[0].words) == place
