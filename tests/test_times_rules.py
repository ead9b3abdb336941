"""The ``times`` rule registry: every rule's examples, generated from ``stages/times/rules.py``."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from warta.stages.times import find_times, lexicon
from warta.stages.times.rules import FRAGMENTS, RULES, SLOTS, Example, Rule, _expand

_CASES = [(r, ex) for r in RULES for ex in r.examples]


@pytest.mark.parametrize(("rule", "example"), _CASES, ids=[f"{r.name}:{ex.expression}" for r, ex in _CASES])
def test_rule_example(rule: Rule, example: Example) -> None:
    found = {(t.text, t.value) for t in find_times(example.sentence, example.published)}
    assert (example.expression, example.value) in found, (rule.name, found)


def test_every_rule_is_complete() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    for r in RULES:
        assert r.examples, f"rule {r.name!r} has no examples"
        assert r.slot in SLOTS, r
        # a rule that makes a value by itself has a resolver; a modifier (wd, clock, tail...) has none
        assert (r.resolve is not None) == (r.slot in {"base", "lone"}), r.name


def test_every_example_is_matched_by_its_rule() -> None:
    for r in RULES:
        compiled = re.compile(rf"(?:{_expand(r.pattern)})", re.I | re.X)
        for ex in r.examples:
            assert compiled.search(ex.sentence), (r.name, ex.sentence)


def test_every_word_list_is_used_and_well_formed() -> None:
    folder = resources.files("warta") / "resources" / "times"
    names = {p.name.rsplit(".", 1)[0] for p in folder.iterdir() if p.name.endswith((".txt", ".tsv"))}
    src = (resources.files("warta") / "stages" / "times").iterdir()
    code = "\n".join(p.read_text("utf-8") for p in src if p.name.endswith(".py"))
    for name in sorted(names):
        assert f"{{{name}}}" in code or f"'{name}'" in code or f'"{name}"' in code, f"{name} is not used"
        entries = lexicon.words(name)
        assert entries, name
        assert len(entries) == len(set(entries)), f"{name} lists an entry twice"
    assert not set(FRAGMENTS) & names


def test_word_list_format() -> None:
    assert lexicon.table("parts_of_day")["dini hari"] == "TMO"
    assert list(lexicon.table("parts_of_day"))[:2] == ["pagi", "subuh"]  # file order kept
    # @spaces: any -> a space matches any run of whitespace; default: exactly one
    assert re.fullmatch(lexicon.pattern("approx"), "kurang \t lebih")
    assert not re.fullmatch(lexicon.pattern("parts_of_day"), "dini  hari")
    # @order: listed keeps the file order, default puts the longest first
    assert lexicon.pattern("deictic_days").startswith(r"kemarin\s+lusa|")
    assert lexicon.pattern("units").startswith("dasawarsa|")
    with pytest.raises(LookupError, match="no word list 'nope'"):
        lexicon.words("nope")


def test_a_new_rule_is_one_entry() -> None:
    """The registry is what the stage runs: a rule added to it is found and resolved."""
    from datetime import date

    import warta.stages.times.rules as rules_mod
    from warta.stages.times import values as v
    from warta.stages.times.atoms import Atom, Chain

    def new_year(ctx: v.Context, chain: Chain, atom: Atom, anchor: date | None) -> v.Value | None:
        return ("DATE", f"{anchor.year + 1}-01-01") if anchor else None

    extra = Rule("tahun_baru", r"tahun\s+baru", "base", new_year, (Example("x", "x", "x"),))
    saved = rules_mod.RULES
    try:
        rules_mod.RULES = (extra, *saved)
        rules_mod.reload()
        assert [(t.text, t.value) for t in find_times("Pesta tahun baru meriah.", "2021-11-24")] == [
            ("tahun baru", "2022-01-01")
        ]
    finally:
        rules_mod.RULES = saved
        rules_mod.reload()
    assert find_times("Pesta tahun baru meriah.", "2021-11-24") == []
