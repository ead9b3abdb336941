"""Curated names in the text: the knowledge base's and the lexicon's names the model missed, and
mentions the model cut or joined wrongly around them."""

from __future__ import annotations

from warta.model import Token
from warta.stages.entities.lexicon import Lexicon
from warta.stages.entities.merge import Mention

__all__ = ["MAX_NAME", "add_matches", "is_name_word", "split_curated"]

#: longest curated name, in words
MAX_NAME = 6


def is_name_word(text: str) -> bool:
    return text[:1].isupper() or (text[:1].isdigit() and len(text) > 1)


def add_matches(  # noqa: PLR0913 — one matcher, called twice with the same state; too many arguments, to split (issue #15)
    tokens: list[Token],
    a0: int,
    b0: int,
    names: dict[tuple[str, ...], str],
    mentions: list[Mention],
    covered: list[bool],
    *,
    override: bool,
    cased: dict[tuple[str, ...], str] | None = None,
    guard: frozenset[tuple[str, ...]] = frozenset(),
) -> None:
    exact = {(m.start, m.end): m for m in mentions} if override else {}
    i = a0
    while i < b0:
        if not is_name_word(tokens[i].text):
            i += 1
            continue
        hit = 0
        for n in range(min(MAX_NAME, b0 - i), 0, -1):
            words = tuple(t.text for t in tokens[i : i + n])
            key = tuple(w.lower() for w in words)
            typ = names.get(key)
            if typ is None:
                continue
            if cased is not None and words not in cased:
                continue
            if n == 1 and len(words[0]) <= 3 and not words[0].isupper():
                continue  # short names only as written in capitals (AS, RI, UE)
            if n == 1 and i == a0 and key in guard:
                continue  # a one-word name at the sentence start may be any capitalised word
            old = exact.get((i, i + n))
            if old is not None:
                old.type = typ
                hit = n
                break
            if any(covered[i : i + n]) and override and n > 1:
                # "[Kementerian Koordinator bidang] [Kemaritiman]", "Semenanjung [Korea]": a curated name
                # that holds every fragment the model found there replaces them
                inside = [m for m in mentions if m.start < i + n and i < m.end]
                if all(i <= m.start and m.end <= i + n for m in inside):
                    for m in inside:
                        mentions.remove(m)
                    covered[i : i + n] = [False] * n
            if not any(covered[i : i + n]):
                mentions.append(Mention(i, i + n, typ, words))
                covered[i : i + n] = [True] * n
                hit = n
                break
        i += hit or 1


def split_curated(m: Mention, lex: Lexicon) -> list[Mention]:
    """``[Korea Utara Kim Jong-un]``, ``kawasan [GCC]``: a mention that is a sequence of curated names
    one of which is a person, or lower-case words and one curated organisation or person, is those
    names."""
    if len(m.words) < 2 or m.lower in lex.curated or m.cstart >= 0 or m.cend >= 0:
        return [m]
    pieces: list[tuple[int, int, str]] = []
    i, n = 0, len(m.words)
    while i < n:
        for k in range(min(MAX_NAME, n - i), 0, -1):
            typ = lex.curated.get(m.lower[i : i + k])
            if typ is not None and (k > 1 or len(m.words[i]) > 3 or m.words[i].isupper()):
                pieces.append((i, i + k, typ))
                i += k
                break
        else:
            rest = m.words[i:]
            if (
                m.type == "PER"
                and len(pieces) == 1
                and pieces[0][2] == "ORG"
                and pieces[0][1] - pieces[0][0] > 1
                and all(is_name_word(w) for w in rest)
            ):
                # "Ketua [Jokowi Mania Immanuel Ebenezer]": an organisation's name, then a person
                a, b, _ = pieces[0]
                return [
                    Mention(m.start + a, m.start + b, "ORG", m.words[a:b]),
                    Mention(m.start + i, m.end, "PER", rest),
                ]
            if pieces or m.words[i][:1].isupper():
                return [m]
            i += 1  # leading lower-case words ("kawasan GCC")
    if not pieces:
        return [m]
    if len(pieces) == 1:
        a, b, typ = pieces[0]
        if typ == "LOC":
            return [m]  # "kota Semarang": a place keeps its head, as the corpora write it
        return [Mention(m.start + a, m.start + b, typ, m.words[a:b])]
    if not any(t == "PER" for *_, t in pieces):
        return [m]  # "Kementerian Luar Negeri China", "Arema Indonesia": one organisation
    return [Mention(m.start + a, m.start + b, typ, m.words[a:b]) for a, b, typ in pieces]
