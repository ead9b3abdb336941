"""The rules of the ``times`` stage, one entry per pattern, in the manner of HeidelTime.

A :class:`Rule` names a pattern, gives its regular expression (``{name}`` is a word list from
``resources/times/``, or one of the fragments in :data:`FRAGMENTS`), the slot its match fills in a
chain, the resolver that turns it into a TIMEX3 value (``values.py``) and examples with their
expected values (``tests/test_times_rules.py`` runs every one). The order of :data:`RULES` is the
order of the alternatives in the one compiled expression: an earlier rule wins at a position.

Slots: ``base`` (a date, a month, a year, a relative day: the chain's value), ``wd`` (a weekday),
``clock``, ``pod`` (a part of the day), ``tail`` (``lalu``, ``ini``: a tense), ``approx``
(``sekitar``), ``mod`` (``awal``, ``akhir``); ``lone`` (a duration, a set, a vague reference: an
expression by itself, never joined to a date); ``range`` (two months sharing a year, split in two).
Adding a pattern is one entry here (and a resolver in ``values.py`` when none fits).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from warta.cache import compile_pattern
from warta.lang.numbers import MONTHS, WEEKDAYS, number_words_pattern
from warta.stages.times import values as v
from warta.stages.times.atoms import Atom, Chain
from warta.stages.times.lexicon import pattern as words

__all__ = [
    "BOUNDARY",
    "FRAGMENTS",
    "PUBLISHED",
    "RULES",
    "SLOTS",
    "Example",
    "Rule",
    "atom_re",
    "is_rule",
    "reload",
    "rule",
]

Resolver = Callable[[v.Context, Chain, Atom, "date | None"], "v.Value | None"]
#: the publication date of the examples unless one says otherwise (a Wednesday)
PUBLISHED = "2021-11-24"
SLOTS = ("base", "wd", "clock", "pod", "tail", "approx", "mod", "lone", "range")


@dataclass(frozen=True, slots=True)
class Example:
    """``sentence`` holds ``expression``, which resolves to ``value`` against ``published``."""

    sentence: str
    expression: str
    value: str
    published: str | None = PUBLISHED


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: str
    slot: str
    resolve: Resolver | None
    examples: tuple[Example, ...]
    #: a period of a year that a year written after it qualifies ("Desember 2020", "Lebaran tahun ini")
    takes_year: bool = False


def _month_names() -> tuple[str, str]:
    full = [m for m in MONTHS if len(m) >= 5 or m in {"mei", "juni", "juli"}]
    short = [m for m in MONTHS if m not in full]

    def alt(ws: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))

    return alt(full), rf"{alt(full)}|(?:{alt(short)})\.?"


@cache
def _fragments() -> dict[str, str]:
    month_full, month_any = _month_names()
    return {
        "num": rf"(?:\d+(?:,\d+)?|{number_words_pattern()}|beberapa)",
        "month_full": month_full,
        "month_any": month_any,
        "weekday": "|".join(re.escape(w) for w in sorted(WEEKDAYS, key=len, reverse=True)),
        "year": r"(?:19|20)\d{2}",
        "date_word": r"tanggal|tgl\.?",
    }


#: pattern pieces that are not word lists: numbers (digits or words), month and weekday names
#: (``resources/lang/``), a year
FRAGMENTS = ("num", "month_full", "month_any", "weekday", "year", "date_word")

E = Example
RULES: tuple[Rule, ...] = (
    Rule(
        "rel",
        r"{deictic_days}|dini\s+hari(?:\s+tadi)?|(?:{parts_of_day})\s+(?:ini|tadi|harinya)"
        r"|(?:tadi|nanti)\s+(?:{parts_of_day})",
        "base",
        v.value_rel,
        (
            E("Ia datang kemarin.", "kemarin", "2021-11-23"),
            E("Ia datang kemarin lusa.", "kemarin lusa", "2021-11-22"),
            E("Ia datang besok.", "besok", "2021-11-25"),
            E("Ia datang hari ini.", "hari ini", "2021-11-24"),
            E("Ia datang tadi pagi.", "tadi pagi", "2021-11-24TMO"),
            E("Ia pulang sore ini.", "sore ini", "2021-11-24TAF"),
            E("Gempa terjadi dini hari.", "dini hari", "2021-11-24TMO"),
            E("Ia tiba 20 November. Keesokan harinya ia pulang.", "Keesokan harinya", "2021-11-21"),
        ),
    ),
    Rule(
        "nrel",
        r"(?:{num}\s+(?:{units})|{se_units})\s+(?:{duration_relations})",
        "lone",
        v.lone_nrel,
        (
            E("Ia datang tiga hari lalu.", "tiga hari lalu", "2021-11-21"),
            E("Ia datang dua pekan lalu.", "dua pekan lalu", "2021-W45"),
            E("Ia kembali dua bulan lagi.", "dua bulan lagi", "2022-01"),
            E("Harga naik dalam tiga tahun terakhir.", "tiga tahun terakhir", "P3Y"),
            E("Sebulan kemudian ia wafat.", "Sebulan kemudian", "2021-12-24"),
        ),
    ),
    Rule(
        "unitrel",
        r"(?:{calendar_units})\s+(?:{unit_relations})",
        "base",
        v.value_unitrel,
        (
            E("Harga naik pekan lalu.", "pekan lalu", "2021-W46"),
            E("Harga naik bulan depan.", "bulan depan", "2021-12"),
            E("Harga naik tahun ini.", "tahun ini", "2021"),
            E("Laba kuartal lalu turun.", "kuartal lalu", "2021-Q3"),
        ),
    ),
    Rule(
        "set",
        r"(?:{every})\s+(?:{num}\s+(?:{units})|(?:{every_units})(?:nya)?|{weekday})",
        "lone",
        v.lone_set,
        (
            E("Ia berlatih setiap hari.", "setiap hari", "P1D"),
            E("Pasar buka setiap Senin.", "setiap Senin", "XXXX-WXX-1"),
            E("Bus lewat setiap 15 menit.", "setiap 15 menit", "PT15M"),
            E("Festival digelar tiap tahunnya.", "tiap tahunnya", "P1Y"),
        ),
    ),
    Rule(
        "clock",
        r"(?:{clock_words})\s+\d{1,2}(?:[.:]\d{2})?(?:\s*(?:{zones_indonesia}|{zones_other}))?"
        r"|\d{1,2}[.:]\d{2}\s*(?:{zones_indonesia})",
        "clock",
        None,
        (
            E("Gempa terjadi pukul 10.00 WITA.", "pukul 10.00 WITA", "2021-11-24T10:00"),
            E("Ia pulang pukul 8 malam.", "pukul 8 malam", "2021-11-24T20:00"),
            E("Rapat dimulai 09.30 WIB.", "09.30 WIB", "2021-11-24T09:30"),
        ),
    ),
    Rule(
        "season",
        r"musim\s+(?:{seasons})",
        "base",
        v.value_season,
        (E("Panen gagal saat musim kemarau tahun lalu.", "musim kemarau tahun lalu", "2020-SU"),),
        takes_year=True,
    ),
    Rule(
        "holiday",
        r"{holidays}",
        "base",
        v.value_holiday,
        (
            E("Harga naik menjelang Lebaran tahun ini.", "Lebaran tahun ini", "2021-05-13"),
            E("Mudik Lebaran 2019 lancar.", "Lebaran 2019", "2019-06-05"),
            E("Harga naik saat Ramadan lalu.", "Ramadan lalu", "2021-04"),
        ),
        takes_year=True,
    ),
    Rule(
        "dmy",
        r"(?:(?:{date_word})\s+)?\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+(?:{month_any})(?:\s+{year}(?!\d))?",
        "base",
        v.value_dmy,
        (
            E("Sidang digelar 23 November 2021.", "23 November 2021", "2021-11-23"),
            E("Sidang digelar 23 Nov 2021.", "23 Nov 2021", "2021-11-23"),
            E("Kontrak diteken 3 Januari lalu.", "3 Januari lalu", "2021-01-03"),
            E("Sidang digelar Selasa, 23 November.", "Selasa, 23 November", "2021-11-23"),
        ),
    ),
    Rule(
        "numdate",
        r"\d{1,2}(?P<sep>[/-])\d{1,2}(?P=sep)(?:{year}|\d{2})(?!\d)|\d{1,2}\.\d{1,2}\.{year}",
        "base",
        v.value_numeric,
        (
            E("Sidang digelar 23/11/2021.", "23/11/2021", "2021-11-23"),
            E("Sidang digelar 23-11-2021.", "23-11-2021", "2021-11-23"),
            E("Sidang digelar 23.11.2021.", "23.11.2021", "2021-11-23"),
        ),
    ),
    Rule(
        "paren",
        r"\(\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*(?:{year}|\d{2}))?\s*\)",
        "base",
        v.value_numeric,
        (
            E("Sidang digelar Selasa (23/11).", "Selasa (23/11)", "2021-11-23"),
            E("Sidang digelar Selasa (23/11/2021).", "Selasa (23/11/2021)", "2021-11-23"),
            E("Ia datang kemarin (23/11).", "kemarin (23/11)", "2021-11-23"),
        ),
    ),
    Rule(
        "tanggal",
        r"(?:{date_word})\s+\d{1,2}(?![\d/-]|\.\d)",
        "base",
        v.value_tanggal,
        (E("Sidang digelar tanggal 23.", "tanggal 23", "2021-11-23"),),
    ),
    Rule(
        "decade",
        r"(?:(?:{decade_words})\s+)?(?:19|20)\d0-?an|(?:{decade_words})\s+'?\d0-?an",
        "base",
        v.value_decade,
        (
            E("Musik era 1990-an kembali.", "era 1990-an", "199"),
            E("Musik tahun 80-an kembali.", "tahun 80-an", "198"),
        ),
    ),
    Rule(
        "century",
        r"abad\s+(?:ke-?\s*)?(?:\d{1,2}|[IVXL]+)",
        "base",
        v.value_century,
        (
            E("Tantangan abad ke-21 berbeda.", "abad ke-21", "20"),
            E("Seni abad XIX dipamerkan.", "abad XIX", "18"),
        ),
    ),
    Rule(
        "dur",
        r"(?:{num}\s+(?:{units})|{se_units}|setengah\s+(?:{units})"
        r"|ber(?:jam|hari|minggu|pekan|bulan|tahun)-(?:jam|hari|minggu|pekan|bulan|tahun)|sejenak)"
        r"(?!\s+(?:19|20)\d\d)",
        "lone",
        v.lone_duration,
        (
            E("Ia ditahan tiga hari.", "tiga hari", "P3D"),
            E("Ia bekerja 2,5 tahun di sana.", "2,5 tahun", "P2.5Y"),
            E("Ia menunggu sepekan.", "sepekan", "P1W"),
            E("Proyek molor beberapa bulan.", "beberapa bulan", "PXM"),
            E("Mereka menunggu bertahun-tahun.", "bertahun-tahun", "PXY"),
            E("Skor 1 jam 24 menit dan 11 detik.", "1 jam 24 menit dan 11 detik", "PT1H24M11S"),
        ),
    ),
    Rule(
        "mrange",
        r"(?:{month_full})\s*[-–]\s*(?:{month_full})\s+{year}(?!\d)",
        "range",
        None,
        (E("Ekspor Januari-November 2025 naik.", "Januari", "2025-01"),),
    ),
    Rule(
        "month",
        r"(?:bulan\s+)?(?:{month_full})(?:\s+{year}(?!\d))?",
        "base",
        v.value_month,
        (
            E("Data per Desember 2020 menunjukkan hal itu.", "Desember 2020", "2020-12"),
            E("Mereka mundur pada Agustus lalu.", "Agustus lalu", "2021-08"),
            E("Target dicapai pada Desember tahun depan.", "Desember tahun depan", "2022-12"),
        ),
        takes_year=True,
    ),
    Rule(
        "year",
        r"(?:tahun\s+)?{year}",
        "base",
        v.value_year,
        (
            E("Konflik memanas sejak 2014.", "2014", "2014"),
            E("Konflik memanas tahun 2014.", "tahun 2014", "2014"),
        ),
    ),
    Rule(
        "quarter",
        r"(?:{year_parts})\s+(?:I{1,3}|IV|[1-4]|pertama|kedua|ketiga|keempat)"
        r"(?:(?:\s*[-/]\s*|\s+(?:tahun\s+)?){year}"
        r"|\s+tahun\s+(?:ini|depan|lalu|mendatang|kemarin|sebelumnya|berikutnya))?",
        "base",
        v.value_quarter,
        (
            E("Laba kuartal III 2021 naik.", "kuartal III 2021", "2021-Q3"),
            E("Laba triwulan I-2015 naik.", "triwulan I-2015", "2015-Q1"),
            E("PDB kuartal ketiga tahun ini naik.", "kuartal ketiga tahun ini", "2021-Q3"),
        ),
    ),
    Rule(
        "vague",
        r"{vague}",
        "lone",
        v.lone_vague,
        (
            E("Saat ini harga stabil.", "Saat ini", "PRESENT_REF"),
            E("Saat itu ia masih kecil.", "Saat itu", "PAST_REF"),
            E("Ia akan kembali kelak.", "kelak", "FUTURE_REF"),
        ),
    ),
    Rule(
        "wd",
        r"{weekday}",
        "wd",
        None,
        (
            E("Pada Selasa, ia berangkat.", "Selasa", "2021-11-23"),
            E("Rapat akan digelar pada Jumat.", "Jumat", "2021-11-26"),
        ),
    ),
    Rule(
        "pod",
        r"{parts_of_day}",
        "pod",
        None,
        (
            E("Selasa malam, polisi datang.", "Selasa malam", "2021-11-23TNI"),
            E("Ia bangun jam 7 pagi.", "jam 7 pagi", "2021-11-24T07:00"),
        ),
    ),
    Rule(
        "tail",
        r"{tails}",
        "tail",
        None,
        (
            E("Ia tiba Senin lalu.", "Senin lalu", "2021-11-22"),
            E("Rapat akan digelar Jumat depan.", "Jumat depan", "2021-11-26"),
        ),
    ),
    Rule(
        "approx",
        r"{approx}",
        "approx",
        None,
        (E("Ia tiba sekitar pukul 13.00.", "sekitar pukul 13.00", "2021-11-24T13:00"),),
    ),
    Rule(
        "mod",
        r"{modifiers}",
        "mod",
        None,
        (E("Proyek rampung akhir 2022.", "akhir 2022", "2022"),),
    ),
    Rule(
        "bare",
        r"bulan|tahun",
        "base",
        v.value_bare,
        (
            E("Gaji dibayar awal bulan.", "awal bulan", "2021-11"),
            E("Proyek rampung akhir tahun.", "akhir tahun", "2021"),
        ),
    ),
)
del E

_BY_NAME = {r.name: r for r in RULES}


def rule(name: str) -> Rule:
    """The rule called ``name`` (the kind of an :class:`Atom`)."""
    return _BY_NAME[name]


def is_rule(name: str) -> bool:
    return name in _BY_NAME


def reload() -> None:
    """Rebuild the index and the compiled expression after :data:`RULES` was replaced (tests)."""
    _BY_NAME.clear()
    _BY_NAME.update({r.name: r for r in RULES})
    atom_re.cache_clear()


def _expand(template: str) -> str:
    fragments = _fragments()

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        return fragments[name] if name in fragments else words(name)

    return re.sub(r"\{([a-z_]+)\}", one, template)


#: where a match of :func:`atom_re` may begin: not inside a word
BOUNDARY = r"(?<![\w'’-])"


@cache
def atom_re() -> re.Pattern[str]:
    """Every rule as one named alternative, in :data:`RULES` order, matched as whole words."""
    body = "|".join(f"(?P<{r.name}>{_expand(r.pattern)})" for r in RULES)
    return compile_pattern(rf"{BOUNDARY}(?:{body})(?![\w'’]|-\w)", re.I | re.X)
