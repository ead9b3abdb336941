"""The prefiltered scan of the times expression finds exactly what ``finditer`` finds."""

from __future__ import annotations

import re

import pytest

from warta.stages.times.rules import BOUNDARY, atom_re
from warta.stages.times.scan import _candidates, finditer

SENTENCES = [
    "Kebakaran terjadi pada Minggu (28/12/2014) pukul 06.18 WIB kemarin, kata Kapolsek.",
    "Sidang digelar 3-4 Januari 2024 dan dilanjutkan sekitar tiga pekan lalu.",
    "Pada era 1990-an, setiap tahun, harga naik 10 persen; Jum’at pagi dan jum'at sore.",
    "Rapat 12/05/23 berlangsung 1 jam 24 menit dan 11 detik sejak tengah malam.",
    "JUMAT 1 MEI 2020 — Triwulan III-2021, abad ke-21, Idul Fitri, musim hujan.",
    # non-ASCII letters that match ASCII ones without case: Kelvin sign, long s, dotted I
    "\u212aemarin \u017fenin \u0130ni hari ıni, ſelasa, Kamis\u00a0lalu",
    "tidak-Senin, xSenin, Senin-an, 'Senin, -Senin, (Senin), 2019x, 20199",
    "",
]


def _found(ms: list[re.Match[str]]) -> list[tuple[int, int, str | None, dict[str, str | None]]]:
    return [(m.start(), m.end(), m.lastgroup, m.groupdict()) for m in ms]


@pytest.mark.parametrize("text", SENTENCES)
def test_same_matches_as_finditer(text: str) -> None:
    pat = atom_re()
    expected = _found(list(pat.finditer(text)))
    assert _found(finditer(pat, text, BOUNDARY)) == expected
    upper = text.upper()
    assert _found(finditer(pat, upper, BOUNDARY)) == _found(list(pat.finditer(upper)))


def test_the_prefilter_is_built_for_the_rules() -> None:
    heads = _candidates(atom_re(), BOUNDARY)
    assert heads is not None
    starts = [m.start() for m in heads.finditer("Dia datang Senin lalu ke rumah.")]
    assert starts == [11, 17]  # "Senin", "lalu"; "Dia", "datang", "ke", "rumah" begin no time expression


def test_other_patterns_fall_back() -> None:
    empty = re.compile(r"(?<!\w)x*")  # matches the empty string: scanned the ordinary way
    text = "a xx b x"
    assert _found(finditer(empty, text, r"(?<!\w)")) == _found(list(empty.finditer(text)))
    backref = re.compile(r"(?<!\w)(\d)-\1\b")
    text = "1-1 2-3 4-4"
    assert _found(finditer(backref, text, r"(?<!\w)")) == _found(list(backref.finditer(text)))
    other = re.compile(r"\bSenin\b")  # no such look-behind at its start
    assert _candidates(other, BOUNDARY) is None
    assert _found(finditer(other, "Senin", BOUNDARY)) == _found(list(other.finditer("Senin")))
