"""MinHash LSH with bounded buckets: which stored signatures may be near-identical to a new one.

A signature of ``bands × rows`` values is cut into bands; two signatures are candidates when all
the values of one band agree. Each band's values are hashed to one key, and a bucket keeps
at most ``bucket_max`` members: the reports that share the official template collide in a band
now and then (estimated similarity 0.35-0.6), and without a bound a bucket they crowd would grow
with the corpus, and with it the cost of every query. A near-identical copy (≥ 0.8) agrees with
its original in several bands, so a full bucket costs it little recall (``bench/dedupe.py``).

A bucket holds one member as a plain value and more as a list, so an index of a million
signatures costs about a kilobyte per signature.
"""

from __future__ import annotations

import numpy as np

BUCKET_MAX = 16


class BandIndex:
    """Keys (any hashable) of signatures, found by the bands they share with a query signature."""

    def __init__(self, bands: int, rows: int, bucket_max: int = BUCKET_MAX):
        self.bands, self.rows, self.bucket_max = bands, rows, bucket_max
        self.buckets: list[dict[int, object]] = [{} for _ in range(bands)]
        self._members = set()

    def __len__(self) -> int:
        return len(self._members)

    def __contains__(self, key) -> bool:
        return key in self._members

    def band_keys(self, signature: np.ndarray) -> list[int]:
        """One key per band: the hash of its bytes (a collision of two keys only adds a candidate,
        which is then scored; keys live in memory only, so the per-process hash seed does not matter)."""
        raw = signature.tobytes()
        width = len(raw) // len(signature) * self.rows
        return [hash(raw[start:start + width]) for start in range(0, width * self.bands, width)]

    def insert(self, key, signature: np.ndarray) -> None:
        self._members.add(key)
        for buckets, band_key in zip(self.buckets, self.band_keys(signature)):
            held = buckets.get(band_key)
            if held is None:
                buckets[band_key] = key
            elif not isinstance(held, list):
                buckets[band_key] = [held, key]
            elif len(held) < self.bucket_max:
                held.append(key)

    def remove(self, key, signature: np.ndarray) -> None:
        """Forget ``key``, inserted with ``signature``."""
        self._members.discard(key)
        for buckets, band_key in zip(self.buckets, self.band_keys(signature)):
            held = buckets.get(band_key)
            if held == key:
                del buckets[band_key]
            elif isinstance(held, list) and key in held:
                held.remove(key)
                if len(held) == 1:
                    buckets[band_key] = held[0]

    def query(self, signature: np.ndarray) -> list:
        """The keys sharing a band with ``signature``, each once, in the order found."""
        found = {}
        for buckets, band_key in zip(self.buckets, self.band_keys(signature)):
            held = buckets.get(band_key)
            if held is None:
                continue
            if isinstance(held, list):
                found.update(dict.fromkeys(held))
            else:
                found[held] = None
        return list(found)
