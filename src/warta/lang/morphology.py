"""Indonesian verb and noun derivation: build the affixed forms of a root.

Only what a lexicon needs: the nasal prefix ``meN-``/``peN-`` with its sound changes
(``serang`` -> ``menyerang``, ``tuduh`` -> ``menuduh``, ``kirim`` -> ``mengirim``,
``bom`` -> ``mengebom``), ``di-``, ``ber-``, ``ter-``, ``per-`` and the suffixes ``-kan``, ``-i``
and ``-an``. Affix codes, as written in lexicon files:

``0`` root, ``meN``, ``meN-kan``, ``meN-i``, ``di``, ``di-kan``, ``di-i``, ``ber``, ``ber-kan``,
``ter``, ``an`` (root + -an), ``peN-an``, ``per-an``, ``ke-an``, ``memper``, ``memper-kan``,
``diper``, ``diper-kan``, ``pe`` (pe- + root: ``pembom`` is written ``peN``).
"""

from __future__ import annotations

__all__ = ["AFFIXES", "inflect", "nasal", "strip_clitics"]

_VOWELS = set("aeiou")
_CLUSTER_SECOND = set("lrsy")  # kr-, pr-, tr-, st-, sy-: the first consonant is kept

AFFIXES = (
    "0", "meN", "meN-kan", "meN-i", "di", "di-kan", "di-i", "ber", "ber-kan", "ber-an", "ter", "an",
    "peN", "peN-an", "per-an", "ke-an", "memper", "memper-kan", "memper-i", "diper", "diper-kan", "diper-i",
)  # fmt: skip


def _syllables(root: str) -> int:
    count, prev = 0, False
    for ch in root:
        is_v = ch in _VOWELS
        if is_v and not prev:
            count += 1
        prev = is_v
    return count


def nasal(prefix: str, root: str) -> str:
    """``meN-``/``peN-`` + ``root`` with the nasal assimilation and deletion rules."""
    base = prefix[:-1]  # "me" or "pe"
    if not root:
        return base
    first = root[0]
    cluster = len(root) > 1 and root[1] not in _VOWELS and root[1] in _CLUSTER_SECOND | {"t"}
    if _syllables(root) == 1:
        return base + "nge" + root
    if first in _VOWELS or first in "gh":
        return base + "ng" + root
    if first == "k":
        return base + "ng" + (root if cluster else root[1:])
    if first == "p":
        return base + "m" + (root if cluster else root[1:])
    if first in "bfv":
        return base + "m" + root
    if first == "t":
        return base + "n" + (root if cluster else root[1:])
    if first in "dcjz":
        return base + "n" + root
    if first == "s":
        return base + "ny" + (root if cluster else root[1:])
    return base + root  # l, m, n, r, w, y


def inflect(root: str, affix: str) -> str:
    """The form of ``root`` with ``affix`` (one of :data:`AFFIXES`)."""
    if affix not in AFFIXES:
        raise ValueError(f"unknown affix {affix!r} (known: {', '.join(AFFIXES)})")
    prefix, _, suffix = affix.partition("-")
    if affix == "an":
        prefix, suffix = "", "an"
    stem = root
    if prefix in ("meN", "peN"):
        stem = nasal(prefix, root)
    elif prefix == "ber":
        stem = ("be" if root.startswith("r") else "ber") + root
    elif prefix in ("di", "ter", "ke", "memper", "diper"):
        stem = prefix + root
    elif prefix == "per":
        stem = ("pe" if root.startswith("r") else "per") + root
    elif prefix != "0" and prefix:
        stem = prefix + root
    if suffix == "i" and stem.endswith("i"):
        return stem  # no double i
    return stem + suffix


#: the clitics, all three letters long (so a word ends with at most one of them)
_CLITICS = frozenset(("nya", "lah", "pun", "kah"))


def strip_clitics(word: str) -> str:
    """``serangannya`` -> ``serangan``; ``itulah`` -> ``itu`` (at least four letters stay)."""
    return word[:-3] if len(word) >= 7 and word[-3:] in _CLITICS else word
