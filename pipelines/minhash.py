"""MinHash signatures of report texts, for finding copies of one report.

The text is reduced to its Han characters and digits (the dedupe key), so punctuation widths,
table separators, spacing and pinyin annotations left by a Traditional mirror do not count.
Shingles are character ``NGRAM``-grams of that key. The signature is a one-permutation MinHash
(one hash per shingle, ``NUM_PERM`` bins, empty bins filled by rotation), which estimates the
Jaccard similarity of the shingle sets like a ``NUM_PERM``-permutation MinHash at a fraction of
the cost: one pass over the shingles instead of ``NUM_PERM``.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from .vocab import HAN

NGRAM = 5
NUM_PERM = 128
BIN_BITS = 7  # 2**BIN_BITS == NUM_PERM bins, chosen by the top bits of a shingle's hash
SIGNATURE_DTYPE = np.uint32

NOT_KEY_RE = re.compile(f"[^{HAN}0-9]+")
_BASE = np.uint64(1_000_003)
_ROTATION = np.uint32(0x9E3779B9)
_SHIFT_BIN = np.uint64(64 - BIN_BITS)
_SHIFT_VALUE = np.uint64(64 - BIN_BITS - 32)
_BIN_STARTS = np.arange(NUM_PERM, dtype=np.uint64) << _SHIFT_BIN
_BINS = np.arange(NUM_PERM)


def dedupe_key(text: str) -> str:
    """The characters that make a report what it is: Han characters and digits."""
    return NOT_KEY_RE.sub("", text or "")


def exact_hash(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def mix64(h: np.ndarray) -> np.ndarray:
    """splitmix64 finalizer: spreads the polynomial hash over all 64 bits."""
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return h


def shingle_hashes(key: str) -> np.ndarray:
    """A stable 64-bit hash of every character ``NGRAM``-gram of ``key`` (the whole key when shorter)."""
    points = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = max(len(points) - NGRAM + 1, 1 if len(points) else 0)
    width = min(NGRAM, len(points))
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(width):
        hashes = hashes * _BASE + points[offset:offset + count]
    return mix64(hashes)


def signature(key: str) -> np.ndarray | None:
    """One-permutation MinHash of ``key``; None when the key has no characters to shingle."""
    hashes = np.sort(shingle_hashes(key))
    if not len(hashes):
        return None
    first = np.searchsorted(hashes, _BIN_STARTS)
    smallest = hashes[np.minimum(first, len(hashes) - 1)]
    filled = (first < len(hashes)) & ((smallest >> _SHIFT_BIN) == _BINS)
    values = (smallest >> _SHIFT_VALUE).astype(SIGNATURE_DTYPE)
    if not filled.all():
        donors = np.flatnonzero(filled)
        donor = donors[np.searchsorted(donors, _BINS) % len(donors)]
        distance = ((donor - _BINS) % NUM_PERM).astype(SIGNATURE_DTYPE)
        values = np.where(filled, values, values[donor] + distance * _ROTATION)
    return values


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def similarities(matrix: np.ndarray, sig: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of ``sig`` to each row of ``matrix``."""
    return np.count_nonzero(matrix == sig, axis=1) / NUM_PERM


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4").astype(SIGNATURE_DTYPE)
