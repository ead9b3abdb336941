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


class _Grouping:
    """The groups made so far, in order of creation, and the full person names seen."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.groups: dict[str, Group] = {}
        self.order: list[str] = []
        self.persons: list[tuple[tuple[str, ...], str]] = []  # (lower words, key) of full person names

    def add(self, key: str, m: Mention) -> Group:
        g = self.groups.get(key)
        if g is None:
            g = self.groups[key] = Group(key)
            self.order.append(key)
        g.mentions.append(m)
        return g

    def absorb(self, key: str, target: str) -> None:
        """The mentions of group ``key`` join group ``target``; ``key`` is gone."""
        self.groups[target].mentions.extend(self.groups[key].mentions)
        del self.groups[key]
        self.order.remove(key)

    def lexicon_key(self, lower: tuple[str, ...]) -> str | None:
        if lower in self.lex.countries:
            return "country:" + self.lex.countries[lower]
        inst = self.lex.institutions.get(lower)
        if inst is not None:
            return "inst:" + inst.name
        return None

    def new_person(self, low: tuple[str, ...]) -> str:
        key = "per:" + " ".join(low)
        self.persons.append((low, key))
        return key


def _expansion(
    m: Mention, lex: Lexicon, aliases: dict[str, tuple[str, ...]], full_names: list[tuple[str, ...]]
) -> tuple[str, ...] | None:
    """The words an alias mention stands for: a defined acronym, or a known person alias
    (``Jokowi`` -> ``Joko Widodo``) unless a full name of the text contains it."""
    low = m.lower
    expansion = aliases.get(" ".join(m.words))
    if (
        expansion is None
        and m.type == "PER"
        and low in lex.person_aliases
        and not any(_contains(full, low) for full in full_names if full != low)
    ):
        expansion = tuple(lex.person_aliases[low].split())  # "Jokowi" -> "Joko Widodo"
    return expansion


def _first_pass(
    g: _Grouping, mentions: list[Mention], aliases: dict[str, tuple[str, ...]]
) -> tuple[list[tuple[Mention, tuple[str, ...]]], list[tuple[Mention, tuple[str, ...]]]]:
    """Group what can be grouped in text order; return the single-word person mentions (pending)
    and the aliases whose full name comes later (deferred)."""
    lex = g.lex
    pending: list[tuple[Mention, tuple[str, ...]]] = []
    deferred: list[tuple[Mention, tuple[str, ...]]] = []
    full_names = [m.lower for m in mentions if m.type == "PER" and len(m.words) >= 2]
    for m in mentions:
        low = m.lower
        expansion = _expansion(m, lex, aliases, full_names)
        if expansion is not None:
            low = tuple(w.lower() for w in expansion)  # an alias is grouped as the name it stands for
            key = _person_key(g.persons, low)
            if key is not None:
                g.add(key, m)
                continue
            if m.type == "PER":
                deferred.append((m, low))
                continue
        if m.type == "PER":
            if len(low) >= 2:
                g.add(_person_key(g.persons, low) or g.new_person(low), m)
            else:
                pending.append((m, low))
            continue
        key = g.lexicon_key(m.lower) or g.lexicon_key(low)
        if key is None and len(low) == 1 and low[0] not in lex.gazetteer_words:
            key = next((k for full, k in reversed(g.persons) if _contains(full, low)), None)
        if key is None:
            key = "name:" + " ".join(low)
        g.add(key, m)
    return pending, deferred


def _add_deferred(g: _Grouping, deferred: list[tuple[Mention, tuple[str, ...]]]) -> None:
    for m, low in deferred:
        key = _person_key(g.persons, low)
        if key is None:
            key = g.new_person(low)
            name = g.lex.person_aliases.get(m.lower)
            if name is not None and tuple(name.lower().split()) == low:
                g.add(key, m).name = name  # only the alias is written: the entity gets the full name
                continue
        g.add(key, m)


def _merge_acronyms(g: _Grouping) -> None:
    """Acronyms used without a definition: match the initials of a longer organisation name."""
    groups, order = g.groups, g.order
    for key in list(order):
        first = groups[key].mentions[0]
        if not key.startswith("name:") or len(first.words) != 1:
            continue
        word = first.words[0]
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
            g.absorb(key, target)


def _add_pending(g: _Grouping, pending: list[tuple[Mention, tuple[str, ...]]]) -> None:
    """Single-word person mentions: the latest full name containing them, else their own entity."""
    for m, low in pending:
        key = next((k for full, k in reversed(g.persons) if _contains(full, low)), None)
        if key is None:
            key = "name:" + " ".join(low)
            if key in g.groups and g.groups[key].mentions[0].type != "PER":
                key = "per:" + " ".join(low)
        g.add(key, m)


def _merge_with_place(g: _Grouping, longest: dict[str, tuple[str, ...]]) -> None:
    """ "Mahkamah Agung Kanada" ... "Mahkamah Agung", "Persib Bandung" ... "Persib": the bare name is
    the one with its country or city."""
    lex, order = g.lex, g.order
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
            g.absorb(key, target)


def _merge_without_head(g: _Grouping, longest: dict[str, tuple[str, ...]]) -> None:
    """ "Partai Hanura" ... "Hanura", "PT Pertamina" ... "Pertamina": an organisation's name without
    its head."""
    lex, groups, order = g.lex, g.groups, g.order
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
            g.absorb(key, target)


def group_mentions(mentions: list[Mention], lex: Lexicon, aliases: dict[str, tuple[str, ...]]) -> list[Group]:
    """Group ``mentions`` (in text order). ``aliases`` maps an acronym defined in the text
    ("Partai Keadilan Sejahtera (PKS)") to the words of its expansion."""
    g = _Grouping(lex)
    pending, deferred = _first_pass(g, mentions, aliases)
    _add_deferred(g, deferred)
    _merge_acronyms(g)
    _add_pending(g, pending)
    longest = {k: max((m.lower for m in g.groups[k].mentions), key=len) for k in g.order}
    _merge_with_place(g, longest)
    _merge_without_head(g, longest)
    result = [g.groups[k] for k in g.order if k in g.groups]
    for grp in result:
        grp.mentions.sort(key=lambda m: (m.start, m.cstart))
    result.sort(key=lambda grp: (grp.mentions[0].start, grp.mentions[0].cstart))
    return result
