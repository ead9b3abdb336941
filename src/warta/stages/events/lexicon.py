"""The events stage's language data (``resources/events/*.txt``, ``types.toml``), loaded once."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from functools import cache
from importlib import resources

from warta.lang.morphology import inflect
from warta.stages.events.words import load_words

__all__ = ["TYPES", "Entry", "Lexicon", "Plover", "TypeRule", "load_lexicon", "parse_types"]

TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

_VERB_PREFIXES = ("me", "di", "ber", "ter", "memper", "diper")
_BARE_VERBS = load_words().bare_verbs | {"bekerja", "bekerjasama"}
_LEADS = load_words().no_event | load_words().aux


def _text(name: str) -> str:
    return (resources.files("warta") / "resources" / "events" / name).read_text("utf-8")


def _lines(name: str) -> list[str]:
    text = _text(name)
    return [ln.rstrip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger form: its words, PLOVER type and mode, and how it behaves in a clause."""

    words: tuple[str, ...]
    type: str
    mode: str | None
    verbal: bool
    passive: bool
    objects: frozenset[str] = frozenset()
    #: a peN-an noun whose genitive is the patient: "penangkapan wanita" (the woman is arrested)
    patient_genitive: bool = False


@dataclass(slots=True)
class Plover:
    quad: int
    score: float
    modes: dict[str, float] = field(default_factory=dict)

    def goldstein(self, mode: str | None) -> float:
        return self.modes.get(mode or "", self.score)


@dataclass(frozen=True, slots=True)
class Governs:
    """What a governing trigger makes of the event in its content (``[TYPE.governs]``)."""

    status: str | None = None
    reported: bool = False


@dataclass(frozen=True, slots=True)
class TypeRule:
    """How one PLOVER type behaves (``resources/events/types.toml``; keys documented there)."""

    reciprocal: bool = False
    speaker: bool = False
    speech_act: bool = False
    response: bool = False
    thing_object: bool = False
    patient_noun: bool = False
    unnamed_noun: str | None = None
    dari_source: bool = False
    dari_target: bool = False
    passive_dari_source: bool = False
    target_with: frozenset[str] = frozenset()
    target_with_after: frozenset[str] = frozenset()
    antara: bool = False
    answers_statement: bool = False
    modes_may_differ: bool = False
    takes_target_of: frozenset[str] = frozenset()
    lends_target: bool = False
    genitive_receiver: bool = False
    object_nouns: str | None = None
    in_words_is: str | None = None
    clause_target: bool = False
    absorbs: frozenset[str] = frozenset()
    purpose_status: str = "planned"
    governs: Governs | None = None
    denies: Governs | None = None


_STATUSES = frozenset({"asserted", "negated", "hypothetical", "planned", "denied"})


def _governs(typ: str, key: str, value: object) -> Governs:
    if not isinstance(value, dict) or set(value) - {"status", "reported"}:
        raise ValueError(f"types.toml: [{typ}] {key} takes only status and reported")
    status = value.get("status")
    if status is not None and status not in _STATUSES:
        raise ValueError(f"types.toml: [{typ}] {key}: unknown status {status!r}")
    return Governs(status, bool(value.get("reported", False)))


def parse_types(text: str) -> dict[str, TypeRule]:
    """The per-type rules of a ``types.toml`` text; every PLOVER type gets one (defaults if absent)."""
    data = tomllib.loads(text)
    known = {f.name for f in fields(TypeRule)}
    rules: dict[str, TypeRule] = {}
    for typ, table in data.items():
        if typ not in TYPES:
            raise ValueError(f"types.toml: unknown PLOVER type [{typ}]")
        unknown = sorted(set(table) - known)
        if unknown:
            raise ValueError(f"types.toml: [{typ}] unknown keys {unknown}")
        kw: dict[str, object] = {}
        for key, value in table.items():
            if key in ("governs", "denies"):
                kw[key] = _governs(typ, key, value)
            elif key in ("target_with", "target_with_after", "takes_target_of", "absorbs"):
                kw[key] = frozenset(value)
            elif key == "in_words_is" and value not in TYPES:
                raise ValueError(f"types.toml: [{typ}] in_words_is: unknown type {value!r}")
            elif key == "purpose_status" and value not in _STATUSES:
                raise ValueError(f"types.toml: [{typ}] unknown purpose_status {value!r}")
            else:
                kw[key] = value
        rules[typ] = TypeRule(**kw)  # type: ignore[arg-type]
    for typ in TYPES:
        rules.setdefault(typ, TypeRule())
    return rules


@dataclass(slots=True)
class Lexicon:
    #: first word -> entries starting with it (longest first, object-constrained before free)
    triggers: dict[str, list[Entry]] = field(default_factory=dict)
    #: first word -> phrases that are never triggers
    never: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    #: first word -> (words, country, sector) of actor names and metonyms
    actors: dict[str, list[tuple[tuple[str, ...], str | None, str | None]]] = field(default_factory=dict)
    sectors: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    #: cue words -> (status, governs a following clause)
    status: dict[tuple[str, ...], tuple[str, bool]] = field(default_factory=dict)
    modes: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    disapproval: list[tuple[str, ...]] = field(default_factory=list)
    approval: list[tuple[str, ...]] = field(default_factory=list)
    plover: dict[str, Plover] = field(default_factory=dict)
    #: PLOVER type -> its behaviour (types.toml)
    types: dict[str, TypeRule] = field(default_factory=dict)


def _is_verb_form(word: str) -> bool:
    return (word.startswith(_VERB_PREFIXES) and len(word) > 4) or word in _BARE_VERBS


def _forms(spec: str) -> list[tuple[str, str]]:
    """(form, affix) pairs; a literal phrase has the affix "phrase"."""
    if ":" not in spec:
        return [(spec.replace("_", " "), "phrase")]
    root, affixes = spec.split(":", 1)
    return [(inflect(root, a), a) for a in affixes.split(",")]


def _trigger_entries(line: str, types: dict[str, TypeRule]) -> list[Entry]:
    parts = line.split()
    typ, mode, spec = parts[0], parts[1], parts[2]
    if typ not in TYPES:
        raise ValueError(f"triggers.txt: unknown PLOVER type {typ!r} in {line!r}")
    objects: frozenset[str] = frozenset()
    for extra in parts[3:]:
        if extra.startswith("obj="):
            objects = frozenset(w.replace("_", " ") for w in extra[4:].split(","))
    entries = []
    for form, affix in _forms(spec):
        words = tuple(form.split())
        # a phrase told with a negation or an auxiliary ("tidak akan mundur") is read from its verb
        lead = [w for w in words if w in _LEADS]
        head = next((w for w in words[len(lead) :] if _is_verb_form(w)), words[0]) if lead else words[0]
        entries.append(
            Entry(
                words=words,
                type=typ,
                mode=None if mode == "-" else mode,
                verbal=_is_verb_form(head),
                passive=head.startswith(("di", "ter")) and _is_verb_form(head),
                objects=objects,
                patient_genitive=affix == "peN-an" and types[typ].patient_noun,
            )
        )
    return entries


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split("_"))


@cache
def load_lexicon() -> Lexicon:
    """Read every ``resources/events`` file (cached: the stage and scripts share one copy)."""
    lex = Lexicon()
    lex.types = parse_types(_text("types.toml"))
    for line in _lines("triggers.txt"):
        if line.startswith("NOT "):
            words = _phrase(line[4:].strip())
            lex.never.setdefault(words[0], []).append(words)
            continue
        for entry in _trigger_entries(line, lex.types):
            lex.triggers.setdefault(entry.words[0], []).append(entry)
    for entries in lex.triggers.values():
        entries.sort(key=lambda e: (-len(e.words), not e.objects))
    for line in _lines("actors.txt"):
        name, country, sector = line.split("\t")
        words = _phrase(name)
        lex.actors.setdefault(words[0], []).append(
            (words, None if country == "-" else country, None if sector == "-" else sector)
        )
    for entries_a in lex.actors.values():
        entries_a.sort(key=lambda a: -len(a[0]))
    for line in _lines("sectors.txt"):
        word, sector = line.split("\t")
        lex.sectors.append((_phrase(word), sector))
    lex.sectors.sort(key=lambda s: -len(s[0]))
    for line in _lines("status.txt"):
        cue, status = line.split("\t")
        lex.status[_phrase(cue)] = (status.rstrip("+"), status.endswith("+"))
    for line in _lines("modes.txt"):
        typ, mode, cues = line.split("\t")
        lex.modes.setdefault(typ, []).extend((_phrase(c), mode) for c in cues.split())
    lex.disapproval = [_phrase(line.strip()) for line in _lines("disapproval.txt")]
    lex.approval = [_phrase(line.strip()) for line in _lines("approval.txt")]
    for line in _lines("plover.txt"):
        cells = line.split("\t")
        modes = {k: float(v) for k, v in (c.split("=") for c in cells[3:])}
        lex.plover[cells[0]] = Plover(int(cells[1]), float(cells[2]), modes)
    return lex
