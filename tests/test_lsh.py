"""The LSH index of the dedupe stage: bands found, buckets bounded, keys forgotten."""

from __future__ import annotations

import numpy as np

from pipelines import lsh, minhash

BANDS, ROWS = 16, 8


def signature(rng: np.random.Generator) -> np.ndarray:
    return rng.integers(0, 2**32, minhash.NUM_PERM, dtype=np.uint64).astype(minhash.SIGNATURE_DTYPE)


def test_a_signature_sharing_one_band_is_found_and_others_are_not():
    rng = np.random.default_rng(1)
    index = lsh.BandIndex(BANDS, ROWS)
    stored = [signature(rng) for _ in range(200)]
    for number, sig in enumerate(stored):
        index.insert(number, sig)
    probe = signature(rng)
    probe[3 * ROWS:4 * ROWS] = stored[42][3 * ROWS:4 * ROWS]
    assert index.query(probe) == [42]
    assert index.query(signature(rng)) == []
    assert sorted(index.query(stored[7])) == [7]


def test_a_crowded_bucket_stays_bounded():
    """Look-alikes sharing one band with every query do not make the candidates grow with the corpus."""
    rng = np.random.default_rng(2)
    index = lsh.BandIndex(BANDS, ROWS, bucket_max=4)
    shared = signature(rng)[:ROWS]
    for number in range(1000):
        sig = signature(rng)
        sig[:ROWS] = shared
        index.insert(number, sig)
    probe = signature(rng)
    probe[:ROWS] = shared
    assert index.query(probe) == [0, 1, 2, 3]
    assert len(index) == 1000


def test_removed_keys_are_no_longer_found():
    rng = np.random.default_rng(3)
    index = lsh.BandIndex(BANDS, ROWS)
    first, second = signature(rng), signature(rng)
    second[:ROWS] = first[:ROWS]
    index.insert("a", first)
    index.insert("b", second)
    assert index.query(first) == ["a", "b"]
    index.remove("a", first)
    assert "a" not in index and index.query(first) == ["b"]
    index.remove("b", second)
    assert index.query(first) == [] and len(index) == 0 and all(not buckets for buckets in index.buckets)
