"""Pass 1 and 2 of the ``times`` stage: the rules' matches (atoms) and the chains they join into.

Atoms separated only by spaces join into one expression when their slots fit
(``Minggu (28/12/2014) pukul 06.18 WIB kemarin`` is one TIME), following TimeML span conventions:
``sekitar``/``hampir``/``tanggal`` and trailing ``lalu``/``kemarin`` belong to the expression,
``pada``/``sejak``/``selama`` do not.
"""

from __future__ import annotations

import re

from warta.stages.times.atoms import Atom, Chain
from warta.stages.times.lexicon import pattern
from warta.stages.times.rules import BOUNDARY, atom_re, is_rule, rule
from warta.stages.times.scan import finditer

__all__ = ["chains"]

#: order of the slots in an expression: "sekitar awal Senin (23/11) pukul 10.00 pagi lalu"
_RANK = {"approx": 0, "mod": 1, "wd": 2, "base": 3, "clock": 4, "pod": 5, "tail": 6}
_POD_START = re.compile(rf"(?:{pattern('parts_of_day')})\s", re.I)


def _slot(kind: str, text: str) -> str:
    if kind == "rel" and _POD_START.match(text):
        return "podrel"  # "sore ini": a part of the day that also names the day
    return rule(kind).slot


def _atom(kind: str, start: int, end: int, text: str, year: str | None = None) -> Atom:
    return Atom(kind, start, end, text, _slot(kind, text), year)


def _atoms(text: str) -> list[Atom]:
    out = []
    for m in finditer(atom_re(), text, BOUNDARY):
        kind = m.lastgroup or ""
        if not is_rule(kind):  # a group inside a rule (the numdate separator)
            kind = next(k for k, val in m.groupdict().items() if val is not None and is_rule(k))
        if rule(kind).slot == "range":  # two months sharing the year written after the second
            first = re.match(r"[^\W\d_]+", m.group())
            second = re.search(r"([^\W\d_]+\s+(\d{4}))$", m.group())
            if first is None or second is None:
                continue
            out.append(_atom("month", m.start(), m.start() + first.end(), first.group(), second.group(2)))
            out.append(_atom("month", m.end() - len(second.group(1)), m.end(), second.group(1)))
            continue
        out.append(_atom(kind, m.start(), m.end(), m.group()))
    return out


def _gap_ok(last: Atom, atom: Atom, gap: str) -> bool | None:
    """Whether the text between two atoms lets them join: True (always), False (never), None (ask
    the slots)."""
    if "\n" in gap:
        return False
    if atom.kind == "dur" and last.kind == "dur" and gap.strip() in {"", "dan"} and gap:
        return True  # "1 jam 24 menit dan 11 detik"
    if gap.strip():
        if not (gap.strip() == "," and last.kind == "wd" and atom.kind in {"dmy", "numdate"}):
            return False
    elif not gap and not (last.kind == "wd" and atom.kind == "paren"):
        return False
    return None


def _can_join(chain: Chain, atom: Atom, gap: str) -> bool:
    last = chain.atoms[-1]
    by_gap = _gap_ok(last, atom, gap)
    if by_gap is not None:
        return by_gap
    if atom.kind == "paren" and last.kind == "rel" and len(chain.atoms) == 1:  # "kemarin (19/11)"
        return True
    if last.slot == "lone" or atom.kind in {"set", "vague"}:
        return False
    if atom.kind in {"dur", "nrel"}:
        return all(a.kind == "approx" for a in chain.atoms)
    return _slots_fit(chain, atom)


def _slots_fit(chain: Chain, atom: Atom) -> bool:
    """Whether ``atom`` fills a slot the chain has free, in the order slots are written."""
    last = chain.atoms[-1]
    slots = chain.slots
    slot = atom.slot
    if slot == "podrel":  # "Selasa sore ini", "sore ini" after a date
        return "pod" not in slots and "podrel" not in slots and "tail" not in slots
    if (
        rule(last.kind).takes_year
        and not re.search(r"\d", last.text)
        and (atom.kind == "year" or (atom.kind == "unitrel" and atom.text.lower().startswith("tahun")))
    ):
        return "tail" not in slots  # "Desember tahun lalu", "Lebaran 2019"
    if slot == "base" and atom.kind == "rel" and atom.text.lower() in {"kemarin"} and "base" in slots:
        return "tail" not in slots  # "Minggu (28/12/2014) kemarin"
    if slot in slots or "tail" in slots or "podrel" in slots:
        return False
    if atom.kind == "bare":
        return slots[-1] == "mod"
    top = max(_RANK.get(s, 3) for s in slots)
    if _RANK[slot] >= top:
        return True
    return slot == "base" and set(slots) <= {"clock", "pod", "approx"}


def _as_tail(chain: Chain, atom: Atom, gap: str) -> Atom:
    """``Januari 2015 nanti``, ``Senin nanti``: a trailing ``nanti`` is a tense cue, not FUTURE_REF."""
    slots = set(chain.slots)
    if (
        atom.kind == "vague"
        and atom.text.lower() == "nanti"
        and gap == " "
        and chain.atoms[-1].slot in {"base", "wd", "clock", "pod"}
        and not {"tail", "podrel"} & slots
    ):
        return _atom("tail", atom.start, atom.end, atom.text)
    return atom


def _approx_clock(chain: Chain, atom: Atom, nxt: Atom | None, text: str) -> bool:
    """``Rabu (31/12/2014) sekitar pukul 09.00 WIB``: an approximate clock time joins its date."""
    return (
        atom.kind == "approx"
        and nxt is not None
        and nxt.kind == "clock"
        and text[chain.end : atom.start] == " "
        and text[atom.end : nxt.start] == " "
        and chain.atoms[-1].slot in {"base", "wd"}
        and "clock" not in chain.slots
    )


def chains(text: str) -> list[Chain]:
    """The candidate time expressions of ``text``, in order (before the filters)."""
    out: list[Chain] = []
    atoms = _atoms(text)
    for i, found in enumerate(atoms):
        if not out:
            out.append(Chain([found]))
            continue
        last = out[-1]
        gap = text[last.end : found.start]
        atom = _as_tail(last, found, gap)
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        if _can_join(last, atom, gap) or _approx_clock(last, atom, nxt, text):
            last.atoms.append(atom)
        else:
            out.append(Chain([atom]))
    return out
