"""The quotes stage's word lists (``resources/quotes/*.txt``), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Lexicon", "lexicon"]


def _read_pairs(name: str) -> dict[str, str]:
    text = (resources.files("warta") / "resources" / "quotes" / name).read_text("utf-8")
    out: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        word, _, kind = line.partition("\t")
        out[word.strip().lower()] = kind.strip()
    return out


@dataclass(frozen=True, slots=True)
class Lexicon:
    #: speech word -> post / strong / weak / passive / opinion
    verbs: dict[str, str]
    #: speaker word -> pronoun / generic / chain
    speakers: dict[str, str]

    def verb_kind(self, word: str) -> str | None:
        """Kind of a speech word, also for its ``-nya`` form (``ujarnya`` -> post)."""
        low = word.lower()
        kind = self.verbs.get(low)
        if kind is None and low.endswith("nya") and len(low) > 5:
            kind = self.verbs.get(low[:-3])
        return kind


@cache
def lexicon() -> Lexicon:
    return Lexicon(verbs=_read_pairs("speech_verbs.txt"), speakers=_read_pairs("speakers.txt"))
