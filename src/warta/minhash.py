"""MinHash signatures and a banded LSH index, for near-copy detection in :mod:`warta.stories`.

The same sketch as datasketch's ``MinHash(num_perm, seed=1, hashfunc=zlib.crc32)`` (its
``affine32`` scheme: the MurmurHash3 finaliser, then ``a·h + b mod 2³²`` with odd ``a`` drawn
from ``RandomState(seed)``) and the same banding as its ``MinHashLSH`` (the ``(bands, rows)``
minimising false positives + false negatives at the threshold, integrated exactly here). It
lives in warta because importing datasketch imports SciPy, which took half a second of every
``warta analyze`` start-up; tests check that both give the same signatures and candidates.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from functools import cache

import numpy as np

__all__ = ["LSH", "MinHash", "lsh_params"]

_MAX = np.uint32(0xFFFFFFFF)
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


@cache
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine permutations' ``(a, b)`` (kept pickled in the user cache directory: importing
    ``numpy.random`` to draw them costs 12–20 ms at every start)."""
    from warta.cache import cached, resource_digest

    name = f"minhash{num_perm}s{seed}"
    return cached(name, resource_digest([], [__name__]), lambda: _draw(num_perm, seed))


def _draw(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)  # type: ignore[no-any-return]


class MinHash:
    """A MinHash signature of a set of byte strings (CRC32-hashed)."""

    __slots__ = ("hashvalues", "num_perm", "seed")

    def __init__(self, num_perm: int = 64, seed: int = 1) -> None:
        self.num_perm = num_perm
        self.seed = seed
        self.hashvalues = np.full(num_perm, _MAX, dtype=np.uint32)

    def update_batch(self, values: Iterable[bytes]) -> None:
        hashes = [zlib.crc32(v) for v in values]
        if not hashes:
            return
        a, b = _permutations(self.num_perm, self.seed)
        hv = _fmix(np.array(hashes, dtype=np.uint32).reshape(-1, 1))
        with np.errstate(over="ignore"):
            phv = hv * a + b  # wraps modulo 2^32: the affine permutation
        self.hashvalues = np.minimum(self.hashvalues, phv.min(axis=0))

    def jaccard(self, other: MinHash) -> float:
        """The estimated Jaccard similarity of the two sets."""
        if other.num_perm != self.num_perm or other.seed != self.seed:
            raise ValueError("MinHash signatures of different sizes or seeds cannot be compared")
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / float(self.num_perm)


def _integral(lo: float, hi: float, bands: int, rows: int) -> float:
    """∫ (1 - s^rows)^bands ds over [lo, hi] by Gauss-Legendre quadrature, exact (up to rounding)
    for the polynomial's degree ``bands·rows ≤ num_perm`` when it is below ``2·_NODES``."""
    x, w = _gauss()
    s = (hi - lo) / 2 * x + (hi + lo) / 2
    return float((hi - lo) / 2 * np.dot(w, (1.0 - s**rows) ** bands))


_NODES = 128


@cache
def _gauss() -> tuple[np.ndarray, np.ndarray]:
    x, w = np.polynomial.legendre.leggauss(_NODES)
    return x, w


#: ``lsh_params`` of the settings warta ships (the search takes 15–25 ms at every start;
#: ``tests/test_minhash.py`` checks these against it)
KNOWN_PARAMS = {(0.5, 64): (14, 4)}


def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)`` minimising the false-positive plus false-negative probability mass."""
    return KNOWN_PARAMS.get((threshold, num_perm)) or optimal_params(threshold, num_perm)


@cache
def optimal_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """:func:`lsh_params` searched for: every ``(bands, rows)`` with ``bands·rows ≤ num_perm``."""
    if num_perm >= 2 * _NODES:
        raise ValueError(f"num_perm must be below {2 * _NODES}")
    best = (float("inf"), (0, 0))
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            # P(candidate | s) = 1 - (1 - s^r)^b; false positives below t, false negatives above
            false_pos = threshold - _integral(0.0, threshold, bands, rows)
            false_neg = _integral(threshold, 1.0, bands, rows)
            error = false_pos + false_neg
            if error < best[0]:
                best = (error, (bands, rows))
    return best[1]


class LSH:
    """Keys of inserted signatures that share at least one band with a query signature."""

    def __init__(self, threshold: float = 0.5, num_perm: int = 64) -> None:
        self.bands, self.rows = lsh_params(threshold, num_perm)
        self._tables: list[dict[bytes, list[str]]] = [{} for _ in range(self.bands)]

    def _keys(self, mh: MinHash) -> list[bytes]:
        r = self.rows
        return [mh.hashvalues[i * r : (i + 1) * r].tobytes() for i in range(self.bands)]

    def insert(self, key: str, mh: MinHash) -> None:
        for band, table in zip(self._keys(mh), self._tables, strict=True):
            table.setdefault(band, []).append(key)

    def query(self, mh: MinHash) -> set[str]:
        found: set[str] = set()
        for band, table in zip(self._keys(mh), self._tables, strict=True):
            found.update(table.get(band, ()))
        return found
