"""Filters of the ``times`` stage: what looks like a time but is not (``Pasal 2014``, ``Pasar
Minggu``, ``Juli mengatakan``, ``terlebih dahulu``)."""

from __future__ import annotations

import re

from warta.lang.numbers import MONTHS, WEEKDAYS
from warta.stages.times.atoms import Chain
from warta.stages.times.lexicon import pattern, words
from warta.stages.times.values import DELIVERY

__all__ = ["keep"]

_YEAR_BLOCK_BEFORE = re.compile(rf"(?:\b(?:{pattern('not_year_before')})\s*|[\w-]-\s*|/)$", re.I)
_YEAR_BLOCK_AFTER = re.compile(rf"^\s*(?:{pattern('not_year_after')})\b", re.I)
_HIJRI_AFTER = re.compile(rf"\s+(?:{pattern('hijri_months')})\b", re.I)
_WEEKDAY_OPENERS = frozenset(words("weekday_openers"))
#: "dulu" reads "formerly" at the head of a clause, after a pronoun or a time word; elsewhere it is "first"
_FORMERLY = re.compile(rf"(?:^|[.,;:!?(\"“”]\s*|\b(?:{pattern('formerly_cues')})\s+)$", re.I)
_MONTH_CONTEXT = re.compile(rf"\b(?:{pattern('month_cues')})\s*$", re.I)
#: "Januari hingga Maret": a month paired with another
_MONTH_PAIR = re.compile(
    rf"\s*(?:hingga|sampai|dan|atau|[-–])\s*(?:bulan\s+)?(?:{'|'.join(m for m in MONTHS if len(m) >= 3)})\b",
    re.I,
)


def _keep_without_core(chain: Chain) -> bool:
    """A chain of parts of the day, tails and modifiers only: ``pagi itu``, ``tengah malam``."""
    slots = chain.slots
    kinds = [a.kind for a in chain.atoms]
    tail = chain.get("tail")
    if "pod" not in slots:
        return False
    if tail is not None:
        return tail.text.lower() == "itu"  # "pagi itu"
    if kinds != ["pod"]:
        return False
    # "hingga tengah hari", "selesai tengah malam"; a bare "pagi", "siang" alone is often generic
    return re.sub(r"\s+", " ", chain.atoms[0].text.lower()) in {"tengah hari", "tengah malam"}


def _keep_vague(text: str, before: str) -> bool:
    if re.search(r"\b(?:terlebih|lebih)\s+$", before, re.I):
        return False  # "terlebih dahulu": first, not formerly
    if re.match(r"masa|kemudian", text, re.I) and not re.search(r"\b(?:di|pada|dalam)\s+$", before, re.I):
        return False  # "pemimpin masa depan", "masa depan Wenger": the future as a thing, not a time
    return not (text.lower() in {"dulu", "dahulu"} and not _FORMERLY.search(before))


def _keep_weekday(chain: Chain, text: str, before: str) -> bool:
    first = chain.atoms[0]
    if not first.text[0].isupper() and not re.search(r"\bhari\s+$", before, re.I):
        return False
    # "Pasar Minggu", "Jalan Senin Raya": a weekday inside a capitalised name
    prev = re.search(r"(\S+)\s+$", before)
    dated = re.match(r"\s*\(\d{1,2}/\d{1,2}", text[first.end :])  # "Damaskus Jumat (17/11)"
    return not (
        not dated
        and prev
        and prev.group(1)[0].isupper()
        and prev.group(1)[-1].isalpha()
        and prev.group(1).lower() not in _WEEKDAY_OPENERS
    )


def _keep_month(chain: Chain, text: str, before: str) -> bool | None:
    """A month or holiday named alone: False when it is a name, None when the other checks decide."""
    base = chain.atoms[0]
    if not base.text[0].isupper() and not base.text.lower().startswith("bulan"):
        return False
    if base.kind == "month" and re.match(r"\s+[A-Z][a-z]", text[chain.end : chain.end + 3]):
        nxt = re.match(r"\s+(\w+)", text[chain.end :])
        if nxt and nxt.group(1).lower() not in MONTHS and nxt.group(1).lower() not in WEEKDAYS:
            return False  # "Juli Siregar": a person named Juli
    if (
        base.kind == "month"
        and not re.search(r"\d{4}", base.text)
        and base.year is None
        and not base.text.lower().startswith("bulan")
    ):
        after = text[chain.end : chain.end + 25]
        return bool(_MONTH_CONTEXT.search(before) or DELIVERY.search(before) or _MONTH_PAIR.match(after))
    return None


def _keep_year(chain: Chain, text: str, before: str) -> bool:
    after = text[chain.end : chain.end + 20]
    if _YEAR_BLOCK_BEFORE.search(before) or _YEAR_BLOCK_AFTER.match(after):
        return False  # "Pasal 2014", "2014 orang"
    return not re.search(r"\d[.,]?\s*$", before)


def keep(chain: Chain, text: str) -> bool:
    """Whether ``chain`` is a time expression of ``text`` (False for the look-alikes)."""
    slots = chain.slots
    kinds = [a.kind for a in chain.atoms]
    if not [s for s in slots if s not in {"approx", "mod", "tail", "pod"}]:
        return _keep_without_core(chain)
    if kinds == ["bare"] or (
        set(kinds) <= {"approx", "mod", "bare", "tail"} and "bare" in kinds and "mod" not in kinds
    ):
        return False
    before = text[max(0, chain.start - 30) : chain.start]
    first = chain.atoms[0]
    base = chain.get("base")
    if first.kind == "tanggal" and _HIJRI_AFTER.match(text[chain.end : chain.end + 30]):
        return False  # "tanggal 1 Syawal 1438 H": a Hijri date
    if first.kind == "vague" and not _keep_vague(first.text, before):
        return False
    if first.kind == "wd" and not _keep_weekday(chain, text, before):
        return False
    if base is not None and base.kind in {"month", "holiday"} and len(chain.atoms) == 1:
        verdict = _keep_month(chain, text, before)
        if verdict is not None:
            return verdict
    if base is not None and base.kind in {"month", "dmy"}:
        # abbreviated months only with a day and a capital: "23 Nov 2021", not "3 mar"
        mname = re.search(r"([A-Za-z]+)\.?(?:\s+\d{4})?$", base.text)
        if (
            mname
            and len(mname.group(1)) <= 4
            and mname.group(1).lower() not in {"mei", "juni", "juli"}
            and not mname.group(1)[0].isupper()
        ):
            return False
    if kinds in (["year"], ["year", "tail"]) and not first.text.lower().startswith("tahun"):
        return _keep_year(chain, text, before)
    return True
