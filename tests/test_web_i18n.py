"""Every label a template asks for has an Indonesian and an English text (web/i18n.py), and the
formatting helpers never show a raw ISO date or an article id."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from warta.web.format import fallback_title, format_date
from warta.web.i18n import MESSAGES

TEMPLATES = resources.files("warta") / "web" / "templates"
_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+)["']""")


def _keys() -> set[str]:
    keys: set[str] = set()
    for template in TEMPLATES.iterdir():
        if template.name.endswith(".html"):
            # t("gran_" ~ g): a prefix, checked by test_value_labels_are_translated
            keys |= {k for k in _KEY.findall(template.read_text("utf-8")) if not k.endswith("_")}
    return keys


def test_every_template_label_exists_in_both_languages() -> None:
    keys = _keys()
    assert len(keys) > 80
    for lang in ("id", "en"):
        missing = sorted(k for k in keys if k not in MESSAGES[lang])
        assert not missing, f"{lang}: {missing}"


@pytest.mark.parametrize("prefix", ["status", "ds", "type", "precision", "gran"])
def test_value_labels_are_translated(prefix: str) -> None:
    ids = {k for k in MESSAGES["id"] if k.startswith(prefix + "_")}
    assert ids
    assert ids == {k for k in MESSAGES["en"] if k.startswith(prefix + "_")}
    assert all(MESSAGES["id"][k] != MESSAGES["en"][k] or k == "type_other" for k in ids if k != "gran_auto")


def test_format_date_in_each_language() -> None:
    assert format_date("2021-11-24", "id") == "24 November 2021"
    assert format_date("2021-02-03", "id") == "3 Februari 2021"
    assert format_date("2021-02-03", "en") == "3 February 2021"
    assert format_date("2021-11-24T10:30:00+07:00", "id") == "24 November 2021, 10.30"
    assert format_date("2021-11-24T10:30:00Z", "en") == "24 November 2021, 10:30"
    assert format_date("2021-11-24T00:00:00", "en") == "24 November 2021"
    assert format_date("2022-01", "id") == "Januari 2022"
    assert format_date("2021-W47", "id") == "minggu 47, 2021"
    assert format_date("PAST_REF", "id") == "PAST_REF"
    assert format_date(None, "id") == ""


def test_fallback_title_is_the_first_sentence_never_an_id() -> None:
    text = "Jakarta, CNN Indonesia -- Presiden Joko Widodo meresmikan jalan tol. Peresmian dihadiri menteri."
    assert fallback_title(None, text) == "Presiden Joko Widodo meresmikan jalan tol."
    assert fallback_title("  Judul  ", text) == "Judul"
    assert fallback_title("", "") == "(untitled)"
    long = "Kata " * 60
    shown = fallback_title(None, long)
    assert shown.endswith("…")
    assert len(shown) <= 111
    assert fallback_title(None, "Banjir merendam Bekasi dan sekitarnya sejak") == (
        "Banjir merendam Bekasi dan sekitarnya sejak…"
    )
