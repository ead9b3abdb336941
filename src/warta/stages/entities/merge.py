"""Mentions -> entities within one article: names and their surnames, acronyms and their
expansions, country-name variants and lexicon aliases become one entity each."""

from __future__ import annotations

from dataclasses import dataclass, field

from warta.stages.entities.lexicon import Lexicon

__all__ = ["Group", "Mention", "acronym_of", "group_mentions"]

_ACRONYM_SKIP = frozenset(
    {"dan", "untuk", "dari", "di", "ke", "&", "-", "atau", "yang", "serta", "the", "of"}
)


@dataclass(slots=True)
class Mention:
    """A named mention: tokens ``[start, end)`` of the document, its NER type."""

    start: int
    end: int
    type: str
    words: tuple[str, ...]
    #: character offsets when the mention is part of a token (``Prabowo-Gibran``), else -1
    cstart: int = -1
    cend: int = -1

    @property
    def lower(self) -> tuple[str, ...]:
        return tuple(w.lower() for w in self.words)


@dataclass(slots=True)
class Group:
    """Mentions of one real-world entity, and what the lexicons know about it."""

    key: str
    mentions: list[Mention] = field(default_factory=list)
    name: str | None = None
    type: str | None = None
    country: str | None = None
    sector: str | None = None


def _other_branch(name: tuple[str, ...], place: tuple[str, ...], lex: Lexicon) -> bool:
    """``Twitter`` and ``Twitter Indonesia``: a known organisation of one country and its branch
    in another are two organisations (``Mahkamah Agung`` … ``Mahkamah Agung Kanada`` are one)."""
    inst = lex.institutions.get(name)
    there = lex.place_country.get(place) or lex.countries.get(place)
    return inst is not None and not inst.default_country and bool(inst.country) and inst.country != there


def acronym_of(words: tuple[str, ...]) -> str:
    """Initials of the content words: ``Partai Keadilan Sejahtera`` -> ``PKS``."""
    return "".join(w[0].upper() for w in words if w.lower() not in _ACRONYM_SKIP and w[:1].isalpha())


def _contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def _variant(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    """``Salahuddin Wahid`` / ``Salahudhin Wahid``: one word of a multi-word name spelled differently
    (by one letter, in a word of five letters or more), the others equal."""
    if len(big) != len(small) or len(big) < 2:
        return False
    diff = [(x, y) for x, y in zip(big, small, strict=True) if x != y]
    return len(diff) == 1 and min(len(diff[0][0]), len(diff[0][1])) >= 5 and _one_edit(*diff[0])


def _person_key(persons: list[tuple[tuple[str, ...], str]], low: tuple[str, ...]) -> str | None:
    """The latest full name containing ``low``, else one that is a spelling variant of it."""
    key = next((k for full, k in reversed(persons) if _contains(full, low)), None)
    return key or next((k for full, k in reversed(persons) if _variant(full, low)), None)


def group_mentions(mentions: list[Mention], lex: Lexicon, aliases: dict[str, tuple[str, ...]]) -> list[Group]:  # noqa: C901, PLR0912, PLR0915 — too long, to split (issue #15)
    """Group ``mentions`` (in text order). ``aliases`` maps an acronym defined in the text
    ("Partai Keadilan Sejahtera (PKS)") to the words of its expansion."""
    groups: dict[str, Group] = {}
    order: list[str] = []

    def add(key: str, m: Mention) -> Group:
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(key)
            order.append(key)
        g.mentions.append(m)
        return g

    def lexicon_key(lower: tuple[str, ...]) -> str | None:
        if lower in lex.countries:
            return "country:" + lex.countries[lower]
        inst = lex.institutions.get(lower)
        if inst is not None:
            return "inst:" + inst.name
        return None

    persons: list[tuple[tuple[str, ...], str]] = []  # (lower words, key) of full person names
    pending: list[tuple[Mention, tuple[str, ...]]] = []
    deferred: list[tuple[Mention, tuple[str, ...]]] = []  # aliases whose full name comes later
    full_names = [m.lower for m in mentions if m.type == "PER" and len(m.words) >= 2]
    for m in mentions:
        low = m.lower
        expansion = aliases.get(" ".join(m.words))
        if (
            expansion is None
            and m.type == "PER"
            and low in lex.person_aliases
            and not any(_contains(full, low) for full in full_names if full != low)
        ):
            expansion = tuple(lex.person_aliases[low].split())  # "Jokowi" -> "Joko Widodo"
        if expansion is not None:
            low = tuple(w.lower() for w in expansion)  # an alias is grouped as the name it stands for
            key = _person_key(persons, low)
            if key is not None:
                add(key, m)
                continue
            if m.type == "PER":
                deferred.append((m, low))
                continue
        if m.type == "PER":
            if len(low) >= 2:
                key = _person_key(persons, low)
                if key is None:
                    key = "per:" + " ".join(low)
                    persons.append((low, key))
                add(key, m)
            else:
                pending.append((m, low))
            continue
        key = lexicon_key(m.lower) or lexicon_key(low)
        if key is None and len(low) == 1 and low[0] not in lex.gazetteer_words:
            key = next((k for full, k in reversed(persons) if _contains(full, low)), None)
        if key is None:
            key = "name:" + " ".join(low)
        add(key, m)
    for m, low in deferred:
        key = _person_key(persons, low)
        if key is None:
            key = "per:" + " ".join(low)
            persons.append((low, key))
            name = lex.person_aliases.get(m.lower)
            if name is not None and tuple(name.lower().split()) == low:
                add(key, m).name = name  # only the alias is written: the entity gets the full name
                continue
        add(key, m)
    # acronyms used without a definition: match the initials of a longer organisation name
    for key in list(order):
        g = groups[key]
        if not key.startswith("name:") or len(g.mentions[0].words) != 1:
            continue
        word = g.mentions[0].words[0]
        if not (2 <= len(word) <= 6 and word.isupper()):
            continue
        target = next(
            (
                k
                for k in order
                if k != key
                and not k.startswith("per:")
                and len(groups[k].mentions[0].words) >= 2
                and acronym_of(groups[k].mentions[0].words) == word
            ),
            None,
        )
        if target is not None:
            groups[target].mentions.extend(g.mentions)
            del groups[key]
            order.remove(key)
    # single-word person mentions: the latest full name containing them, else their own entity
    for m, low in pending:
        key = next((k for full, k in reversed(persons) if _contains(full, low)), None)
        if key is None:
            key = "name:" + " ".join(low)
            if key in groups and groups[key].mentions[0].type != "PER":
                key = "per:" + " ".join(low)
        add(key, m)
    # "Mahkamah Agung Kanada" ... "Mahkamah Agung", "Persib Bandung" ... "Persib": the bare name is the
    # one with its country or city
    longest = {k: max((m.lower for m in groups[k].mentions), key=len) for k in order}
    for key in list(order):
        if key.startswith(("per:", "country:")):
            continue
        short = longest[key]
        target = next(
            (
                k
                for k in order
                if k != key
                and k.startswith("name:")
                and len(longest[k]) > len(short)
                and longest[k][: len(short)] == short
                and lex.gazetteer.get(longest[k][len(short) :]) in ("country", "city", "idn")
                and not _other_branch(short, longest[k][len(short) :], lex)
            ),
            None,
        )
        if target is not None:
            groups[target].mentions.extend(groups[key].mentions)
            del groups[key]
            order.remove(key)
    # "Partai Hanura" ... "Hanura", "PT Pertamina" ... "Pertamina": an organisation's name without its head
    for key in list(order):
        short = longest[key]
        if (
            not key.startswith("name:")
            or len(short) != 1
            or short[0] in lex.gazetteer_words
            or groups[key].mentions[0].type == "PER"
        ):
            continue
        target = next(
            (
                k
                for k in order
                if k != key
                and k in groups
                and not k.startswith(("per:", "country:"))
                and longest[k][1:] == short
                and longest[k][0] in lex.org_heads
            ),
            None,
        )
        if target is not None:
            groups[target].mentions.extend(groups[key].mentions)
            del groups[key]
            order.remove(key)
    result = [groups[k] for k in order if k in groups]
    for g in result:
        g.mentions.sort(key=lambda m: (m.start, m.cstart))
    result.sort(key=lambda g: (g.mentions[0].start, g.mentions[0].cstart))
    return result
