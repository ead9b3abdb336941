"""The events stage's language data (``resources/events/*.txt``), loaded once."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from warta.lang.morphology import inflect

__all__ = ["TYPES", "Entry", "Lexicon", "Plover", "load_lexicon"]

TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

_VERB_PREFIXES = ("me", "di", "ber", "ter", "memper", "diper")
_PATIENT_NOUN_TYPES = frozenset({"COERCE", "SANCTION", "ASSAULT", "ACCUSE"})


def _lines(name: str) -> list[str]:
    text = (resources.files("warta") / "resources" / "events" / name).read_text("utf-8")
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


def _is_verb_form(word: str) -> bool:
    return (word.startswith(_VERB_PREFIXES) and len(word) > 4) or word in ("bekerja", "bekerjasama")


def _forms(spec: str) -> list[tuple[str, str]]:
    """(form, affix) pairs; a literal phrase has the affix "phrase"."""
    if ":" not in spec:
        return [(spec.replace("_", " "), "phrase")]
    root, affixes = spec.split(":", 1)
    return [(inflect(root, a), a) for a in affixes.split(",")]


def _trigger_entries(line: str) -> list[Entry]:
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
        entries.append(
            Entry(
                words=words,
                type=typ,
                mode=None if mode == "-" else mode,
                verbal=_is_verb_form(words[0]),
                passive=words[0].startswith(("di", "ter")) and _is_verb_form(words[0]),
                objects=objects,
                patient_genitive=affix == "peN-an" and typ in _PATIENT_NOUN_TYPES,
            )
        )
    return entries


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split("_"))


@cache
def load_lexicon() -> Lexicon:
    """Read every ``resources/events`` file (cached: the stage and scripts share one copy)."""
    lex = Lexicon()
    for line in _lines("triggers.txt"):
        if line.startswith("NOT "):
            words = _phrase(line[4:].strip())
            lex.never.setdefault(words[0], []).append(words)
            continue
        for entry in _trigger_entries(line):
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
