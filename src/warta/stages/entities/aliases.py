"""Aliases an article defines for the names in it: acronyms in parentheses either way
(``Partai Keadilan Sejahtera (PKS)``, ``KPK (Komisi Pemberantasan Korupsi)``), ``X alias Y``, and
nicknames (``Saifullah Yusuf (Gus Ipul)``, ``Gus Sholah, sapaan akrab KH Salahuddin Wahid``,
``X yang akrab disapa Y``, ``Mou, sapaan akrabnya``)."""

from __future__ import annotations

from warta.model import Token
from warta.stages.entities.lexicon import ALIAS_HONORIFICS, Lexicon
from warta.stages.entities.merge import Mention

__all__ = ["acronym_aliases"]

_NICK_CUES = frozenset(("disapa", "dipanggil", "alias"))


def _name_run(tokens: list[Token], i: int, limit: int = 3) -> int:
    """End of the run of capitalised alphabetic words starting at token ``i`` (at most ``limit``)."""
    j = i
    while j < len(tokens) and j - i < limit and tokens[j].text[:1].isupper() and tokens[j].text.isalpha():
        j += 1
    return j


def _alias_keys(words: tuple[str, ...]) -> list[str]:
    """``Gus Sholah`` is written ``Sholah`` too (the honorific dropped)."""
    keys = [" ".join(words)]
    if len(words) > 1 and words[0].lower() in ALIAS_HONORIFICS:
        keys.append(" ".join(words[1:]))
    return keys


def acronym_aliases(tokens: list[Token], mentions: list[Mention], lex: Lexicon) -> dict[str, tuple[str, ...]]:  # noqa: C901, PLR0912, PLR0915 — too long, to split (issue #15)
    """Aliases defined in the text -> the words of the name they stand for: acronyms
    (``Partai Keadilan Sejahtera (PKS)``, ``Sudiwardono alias SDW``), nicknames in parentheses after a
    person (``Saifullah Yusuf (Gus Ipul)``), and nicknames introduced by ``sapaan akrab`` or ``disapa``
    (``Gus Sholah, sapaan akrab KH Salahuddin Wahid``; ``Mario Teguh yang akrab disapa MT``)."""
    aliases: dict[str, tuple[str, ...]] = {}
    n = len(tokens)
    by_start = {m.start: m for m in mentions}
    # "Jose Mourinho ... Mou, sapaan akrabnya, ...": a nickname of the person last named in full
    for i in range(1, n - 3):
        if (
            tokens[i + 1].text == ","
            and tokens[i + 2].text.lower() == "sapaan"
            and tokens[i + 3].text.lower() == "akrabnya"
            and tokens[i].text[:1].isupper()
        ):
            nick = tokens[i].text.lower()
            full = [m for m in mentions if m.type == "PER" and len(m.words) >= 2 and m.end <= i]
            # the name the nickname is cut from ("Mou" ~ "Mourinho"), else the latest
            cut = [m for m in full if any(w.lower().startswith(nick) for w in m.words)]
            if full:
                aliases.setdefault(tokens[i].text, (cut or full)[-1].words)
    for m in mentions:
        j = m.end
        if j + 1 < n and tokens[j].text.lower() == "alias" and tokens[j + 1].text[:1].isupper():
            aliases[tokens[j + 1].text] = m.words
            continue
        if len(m.words) >= 2 and j + 2 < n and tokens[j].text == "(" and tokens[j + 2].text == ")":
            acr = tokens[j + 1].text
            if acr[:1].isupper() and sum(c.isupper() for c in acr) >= 2:
                aliases[acr] = m.words
                continue
        # "KPK (Komisi Pemberantasan Korupsi)": the acronym first, its expansion in parentheses
        acronym = len(m.words) == 1 and m.words[0].isupper() and len(m.words[0]) >= 2
        if acronym and j < n and tokens[j].text == "(":
            spelled = by_start.get(j + 1)
            closed = spelled is not None and spelled.end < n and tokens[spelled.end].text == ")"
            if spelled is not None and closed and len(spelled.words) >= 2:
                aliases.setdefault(m.words[0], spelled.words)
                continue
        if m.type != "PER":
            continue
        if j + 1 < n and tokens[j].text == "(":  # "Abdurrahman Wahid (Gus Dur)"
            k = _name_run(tokens, j + 1)
            inner = tuple(t.text for t in tokens[j + 1 : k])
            other = any(o.type != "PER" and j < o.start < k for o in mentions)
            if inner and k < n and tokens[k].text == ")" and not other:
                low = tuple(w.lower() for w in inner)
                if low not in lex.gazetteer and low not in lex.institutions:
                    for key in _alias_keys(inner):
                        aliases.setdefault(key, m.words)
            continue
        # "Gus Sholah, sapaan akrab KH Salahudhin Wahid": the nickname comes first
        if j + 2 < n and tokens[j].text == "," and tokens[j + 1].text.lower() == "sapaan":
            k = j + 2 + (tokens[j + 2].text.lower().startswith("akrab"))
            named = next((by_start[i] for i in range(k, min(k + 3, n)) if i in by_start), None)
            if named is not None and named.type == "PER" and len(named.words) >= 2:
                if m.start > 0 and tokens[m.start - 1].text.lower() in ALIAS_HONORIFICS:
                    with_honorific = tuple(t.text for t in tokens[m.start - 1 : m.end])
                    aliases.setdefault(" ".join(with_honorific), named.words)
                for key in _alias_keys(m.words):
                    aliases.setdefault(key, named.words)
            continue
        # "Budi Santoso, yang akrab disapa Cak Budi": the full name comes first
        k = j
        while k < min(j + 4, n) and tokens[k].text.lower() in (
            ",",
            "yang",
            "atau",
            "akrab",
            "biasa",
            "lebih",
        ):
            k += 1
        if len(m.words) >= 2 and k > j and k + 1 < n and tokens[k].text.lower() in _NICK_CUES:
            e = _name_run(tokens, k + 1)
            if e > k + 1:
                for key in _alias_keys(tuple(t.text for t in tokens[k + 1 : e])):
                    aliases.setdefault(key, m.words)
    return aliases
