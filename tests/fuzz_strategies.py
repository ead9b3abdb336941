"""Hypothesis strategies for hostile input, and the checks every output must pass.

Shared by ``tests/test_fuzz.py`` (the bounded version the suite runs) and ``scripts/fuzz.py``
(the long run). Inputs: Indonesian news vocabulary mixed with random Unicode, control and
zero-width characters, lone surrogates, pathological numbers and dates, and quotes nested deep.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st

from warta import validate

WORDS = (  # noqa: SIM905 - a readable word list
    "Presiden Joko Widodo mengatakan bahwa pemerintah akan menambah anggaran Jakarta Senin Selasa "
    "pukul WIB WITA kata ujarnya ujar Menurut Kapolri Jenderal Listyo menyerang membantah menolak "
    "tidak belum akan bisa AS Rusia Ukraina PBB TNI Polri DPR KPK Menteri Luar Negeri Retno tahun "
    "lalu depan mendatang kemarin Januari Februari Desember persen kilometer triliun miliar juta "
    "ribu dua tiga puluh ratus Rp US$ Dr. H. S.H. M.Si. Prof. dll. No. Jl. Kab. Sulawesi Selatan "
    "di ke dari oleh terhadap kepada dan yang itu ini -nya pun juga serangan bom bantuan militer "
    "mengirim menangkap mengunjungi bertemu Gus Dur Jokowi SBY Nomor Tahun UU Perpres"
).split()
PUNCT = list(".,!?;:-—–()[]{}/\\|*&%$#@~^_+=<>\"'“”‘’«»‹›„‚…·•")
ODD = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u2028", "\u2029", "\x85",
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x9f", "\t", "\r",
    "\r\n", "\n", "\n\n", "\n\n\n", "\u0301", "e\u0301", "\u202e", "\u202d", "\u200f",
    "\U0001f600", "\U0001f1ee\U0001f1e9", "\ud83d", "\udc00", "\ud83d\ud83d", "ﬁ", "Ⅻ",
    "１２３", "٣٤", "ı", "İ", "ß", "ǅ", "\ufffd", "\U0010ffff", "\ue000", "  ", "\u3000",
]  # fmt: skip
DATES = [
    "32/13", "(31/2)", "Senin (31/2)", "29/02/2023", "31 Februari 2021", "1 Januari 0000",
    "tanggal 0", "tahun 99999", "tahun 0", "abad ke-99999999", "9999999 tahun lalu",
    "99999999999 hari lagi", "pukul 25.61", "pukul 99:99:99 WIB", "(99/99)", "Selasa (23/11)",
    "24 November 2021", "2021-11-24", "1945", "10000 SM", "tahun 1e9", "20 tahun 30 bulan 40 hari",
    "setiap 0 tahun", "-5 hari", "H-99999", "pekan depan depan depan", "Ramadan 99999 H",
]  # fmt: skip


def _number() -> st.SearchStrategy[str]:
    digits = st.integers(min_value=1, max_value=400).map(lambda n: "9" * n)
    grouped = st.integers(min_value=1, max_value=60).map(lambda n: "1" + ".000" * n)
    decimal = st.integers(min_value=1, max_value=60).map(lambda n: "0," + "5" * n)
    commas = st.integers(min_value=1, max_value=60).map(lambda n: ",".join(["1"] * n))
    money = st.tuples(
        st.sampled_from(["Rp", "Rp ", "US$", "$", "€", ""]),
        st.one_of(digits, grouped, decimal, st.integers().map(str), st.floats().map(str)),
        st.sampled_from(["", " triliun", " miliar", " juta", " ribu", " persen", "%", " km", " kg"]),
    ).map("".join)
    return st.one_of(digits, grouped, decimal, commas, money)


def _quoted() -> st.SearchStrategy[str]:
    pairs = st.sampled_from(
        [("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("«", "»"), ("“", '"'), ("", "”")]
    )
    leaf = st.lists(st.sampled_from(WORDS), min_size=0, max_size=6).map(" ".join)
    return st.recursive(
        leaf,
        lambda inner: st.tuples(pairs, inner, st.sampled_from([", kata Jokowi", "", " ujarnya.", "."])).map(
            lambda t: f"{t[0][0]}{t[1]}{t[0][1]}{t[2]}"
        ),
        max_leaves=40,
    )


def pieces() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(WORDS),
        st.sampled_from(PUNCT),
        st.sampled_from(ODD),
        st.sampled_from(DATES),
        _number(),
        _quoted(),
        st.text(max_size=8),
        st.text(
            st.characters(codec=None, categories=["Cc", "Cf", "Cs", "Co", "Zs", "Zl", "Zp", "Mn"]), max_size=4
        ),
    )


def hostile_text(max_pieces: int = 200) -> st.SearchStrategy[str]:
    """Text that looks enough like news for every stage to run on it, with hostile parts."""
    seps = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", ". ", ", "])
    return st.lists(st.tuples(pieces(), seps), max_size=max_pieces).map(
        lambda parts: "".join(p + s for p, s in parts)
    )


def any_unicode(max_size: int = 400) -> st.SearchStrategy[str]:
    """Any code points, lone surrogates included."""
    return st.text(st.characters(codec=None), max_size=max_size)


def json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        any_unicode(40),
        st.sampled_from(DATES),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(any_unicode(8), inner, max_size=4)
        ),
        max_leaves=12,
    )


def published_values() -> st.SearchStrategy[Any]:
    return st.one_of(json_values(), st.sampled_from(DATES), hostile_text(6))


# -- checks ----------------------------------------------------------------------------------------


def spans(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every span (a dict with integer start/end and a text) anywhere in a record."""
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("end"), int) and "text" in node:
            yield path, node
        for key, value in node.items():
            yield from spans(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from spans(value, f"{path}[{i}]")


def check_record(record: dict[str, Any]) -> None:
    """Valid warta/1, UTF-8-encodable, and every span's text is document.text[start:end].

    Schema validation of a record with a million spans takes minutes: such a record's lists are
    validated on their first 1,000 items (every span's offsets are still checked).
    """
    lists = [k for k, v in record.items() if isinstance(v, list)]
    if sum(len(record[k]) for k in lists) > 20_000:
        validate({k: (v[:1000] if k in lists else v) for k, v in record.items()})
    else:
        validate(record)
    text = record["document"]["text"]
    for path, span in spans(record):
        assert 0 <= span["start"] <= span["end"] <= len(text), (path, span)
        assert span["text"] == text[span["start"] : span["end"]], (path, span)
    import json

    json.dumps(record, ensure_ascii=False).encode("utf-8")


def budget(chars: int) -> float:
    """CPU seconds allowed for an input of ``chars`` characters: 10-20x today's cost, so only a
    blow-up (catastrophic backtracking, a quadratic scan) fails."""
    return 5.0 + chars * 200e-6


class Timer:
    """CPU time of this thread (``seconds``) and wall-clock time (``wall``): the budget is checked
    on CPU time, which other processes on a shared machine do not inflate (a 6.7 s wall-clock
    stall on a 116-character input under load 10 did not reproduce)."""

    def __enter__(self) -> Timer:
        self.start, self.wall_start = time.thread_time(), time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.thread_time() - self.start
        self.wall = time.perf_counter() - self.wall_start
