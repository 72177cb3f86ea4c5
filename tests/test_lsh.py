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
    index.insert(5, first)
    index.insert(3, second)
    assert index.query(first) == [5, 3]
    index.remove(5, first)
    assert 5 not in index and index.query(first) == [3]
    index.remove(3, second)
    assert index.query(first) == [] and len(index) == 0 and not (index.keys > lsh.REMOVED).any()


def test_the_table_grows_and_drops_removed_entries_keeping_each_bucket_in_insertion_order():
    """Thousands of signatures, a third sharing one of a few bands, some removed: the table is rebuilt
    several times and every query still answers as per-band buckets kept in lists would."""
    rng = np.random.default_rng(4)
    index = lsh.BandIndex(BANDS, ROWS, bucket_max=6)
    shared = [signature(rng)[:ROWS] for _ in range(20)]
    buckets = [{} for _ in range(BANDS)]  # band values -> members, as the buckets should hold them
    stored = {}  # the members in the index
    for number in range(3000):
        sig = signature(rng)
        if number % 3 == 0:
            band = number % BANDS
            sig[band * ROWS:(band + 1) * ROWS] = shared[number % len(shared)]
        index.insert(number, sig)
        stored[number] = sig
        for band, held in enumerate(buckets):
            members = held.setdefault(sig[band * ROWS:(band + 1) * ROWS].tobytes(), [])
            if len(members) < 6:
                members.append(number)
        if number % 7 == 0:
            gone = int(rng.integers(number + 1))
            if gone in index:
                index.remove(gone, stored[gone])
                for band, held in enumerate(buckets):
                    members = held[stored[gone][band * ROWS:(band + 1) * ROWS].tobytes()]
                    if gone in members:
                        members.remove(gone)
                del stored[gone]
    assert index.homes > 1024
    for sig in list(stored.values())[::10] + [np.concatenate([band] * BANDS) for band in shared]:
        expected = [member for band, held in enumerate(buckets) for member in held.get(sig[band * ROWS:(band + 1) * ROWS].tobytes(), [])]
        assert index.query(sig) == list(dict.fromkeys(expected))
    assert len(index) == len(stored) and all(number in index for number in stored)


def test_inserting_many_at_once_answers_as_inserting_one_by_one():
    rng = np.random.default_rng(5)
    shared = [signature(rng)[:ROWS] for _ in range(5)]
    signatures = []
    for number in range(2000):
        sig = signature(rng)
        sig[(number % 3) * ROWS:(number % 3 + 1) * ROWS] = shared[number % len(shared)]
        signatures.append(sig)
    one_by_one, at_once = lsh.BandIndex(BANDS, ROWS, bucket_max=5), lsh.BandIndex(BANDS, ROWS, bucket_max=5)
    for number, sig in enumerate(signatures):
        one_by_one.insert(number, sig)
    for number, sig in enumerate(signatures[:300]):
        at_once.insert(number, sig)
    at_once.insert_many([(list(range(300, 1200)), np.stack(signatures[300:1200])),
                         (list(range(1200, 2000)), np.stack(signatures[1200:]))])
    assert len(at_once) == len(one_by_one) == 2000 and 1999 in at_once
    for sig in signatures[::25] + [np.concatenate([band] * BANDS) for band in shared]:
        assert at_once.query(sig) == one_by_one.query(sig)
