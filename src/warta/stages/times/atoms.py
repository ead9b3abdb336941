"""What the ``times`` rules find (atoms) and the expressions they join into (chains)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Atom", "Chain"]


@dataclass(slots=True)
class Atom:
    """One match of a rule: ``kind`` is the rule's name, ``slot`` the part of an expression it fills."""

    kind: str
    start: int
    end: int
    text: str
    slot: str
    #: the year a month borrows from the other end of a range ("Januari-November 2025")
    year: str | None = None


@dataclass(slots=True)
class Chain:
    """Atoms separated only by spaces that make one time expression."""

    atoms: list[Atom] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.atoms[0].start

    @property
    def end(self) -> int:
        return self.atoms[-1].end

    def get(self, slot: str) -> Atom | None:
        for a in self.atoms:
            if a.slot == slot:
                return a
        return None

    @property
    def slots(self) -> list[str]:
        return [a.slot for a in self.atoms]
