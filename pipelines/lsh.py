"""MinHash LSH with bounded buckets: which stored signatures may be near-identical to a new one.

A signature of ``bands × rows`` values is cut into bands; two signatures are candidates when all
the values of one band agree. Each band's values are hashed to one key, and a bucket keeps
at most ``bucket_max`` members: the reports that share the official template collide in a band
now and then (estimated similarity 0.35-0.6), and without a bound a bucket they crowd would grow
with the corpus, and with it the cost of every query. A near-identical copy (≥ 0.8) agrees with
its original in several bands, so a full bucket costs it little recall (``bench/dedupe.py``).

The buckets of all bands live in one open-addressing table of two NumPy arrays (band key,
member), about 20 bytes per band of a signature, instead of Python dictionaries (about 75): a
bucket is the run of cells holding its key between the key's home cell and the next empty cell,
in the order its members were inserted, and the bands of a query are looked up in one operation.
"""

from __future__ import annotations

import numpy as np

from .minhash import mix64

BUCKET_MAX = 16
MAX_LOAD = 0.75  # share of the home cells occupied (removed entries count) before the table is rebuilt
SPILL = 4096  # cells past the last home cell: a run never wraps around to the first
EMPTY, REMOVED = np.uint64(0), np.uint64(1)  # cell keys that are no band's key
WINDOW = 32  # cells read per band and pass; a longer run is read again with a doubled window


class BandIndex:
    """Members (non-negative integers) of signatures, found by the bands they share with a query signature."""

    def __init__(self, bands: int, rows: int, bucket_max: int = BUCKET_MAX, homes: int = 1024):
        """``homes``: the home cells to start with, a power of two (doubled as the table fills)."""
        self.bands, self.rows, self.bucket_max = bands, rows, bucket_max
        self.multipliers = mix64(np.arange(bands * rows, dtype=np.uint64) + np.uint64(0x5EED)).reshape(bands, rows) | np.uint64(1)
        self.homes = homes
        self.keys = np.zeros(homes + SPILL, dtype=np.uint64)
        self.members = np.zeros(homes + SPILL, dtype=np.int32)
        self.occupied = 0  # cells holding an entry or a removed mark
        self.inserted = bytearray()  # 1 at the members in the index
        self.count = 0

    def __len__(self) -> int:
        return self.count

    def __contains__(self, member: int) -> bool:
        return member < len(self.inserted) and self.inserted[member] == 1

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """One key per band (of each row, for a matrix of signatures), never EMPTY or REMOVED
        (a collision of two keys only adds a candidate, which is then scored)."""
        bands = signatures[..., :self.bands * self.rows].astype(np.uint64).reshape(*signatures.shape[:-1], self.bands, self.rows)
        keys = (bands * self.multipliers).sum(axis=-1, dtype=np.uint64)
        keys ^= keys >> np.uint64(32)  # the home cell is taken from the low bits
        return np.maximum(keys, np.uint64(2))

    def _runs(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each key: the cells read from its home, which of them hold the key, and which are in its run
        (the last cell of the table is always empty, so every run ends)."""
        homes = (keys & np.uint64(self.homes - 1)).astype(np.intp)
        window = WINDOW
        while True:
            cells = homes[:, None] + np.arange(window)
            if window > SPILL:
                np.minimum(cells, len(self.keys) - 1, out=cells)
            held = self.keys[cells]
            in_run = ~np.logical_or.accumulate(held == EMPTY, axis=1)
            if not in_run[:, -1].any():
                return cells, (held == keys[:, None]) & in_run, in_run
            window *= 2

    def query(self, signature: np.ndarray) -> list[int]:
        """The members sharing a band with ``signature``, each once, in the order found."""
        cells, hits, _ = self._runs(self.band_keys(signature))
        return list(dict.fromkeys(self.members[cells[hits]].tolist()))

    def insert(self, member: int, signature: np.ndarray) -> None:
        if self.occupied + self.bands > MAX_LOAD * self.homes:
            self._rebuild()
        if member >= len(self.inserted):
            self.inserted.extend(bytes(member + 1 - len(self.inserted)))
        self.count += 1 - self.inserted[member]
        self.inserted[member] = 1
        keys = self.band_keys(signature)
        cells, hits, in_run = self._runs(keys)
        room = hits.sum(axis=1) < self.bucket_max
        keys, cells, in_run = keys[room], cells[room], in_run[room]
        while len(keys):
            # Each key goes to the first empty cell after its run; keys that pick the same cell take turns.
            free = cells[np.arange(len(keys)), in_run.argmin(axis=1)]
            if free.max() < len(self.keys) - 1:
                taken, first = set(), []
                for position, cell in enumerate(free.tolist()):
                    if cell not in taken:
                        taken.add(cell)
                        first.append(position)
                self.keys[free[first]] = keys[first]
                self.members[free[first]] = member
                self.occupied += len(first)
                if len(first) == len(keys):
                    return
                keys = np.delete(keys, first)
            else:
                self._rebuild(grow=True)
            cells, _, in_run = self._runs(keys)

    def remove(self, member: int, signature: np.ndarray) -> None:
        """Forget ``member``, inserted with ``signature``."""
        if member not in self:
            return
        self.inserted[member] = 0
        self.count -= 1
        cells, hits, _ = self._runs(self.band_keys(signature))
        self.keys[cells[hits & (self.members[cells] == member)]] = REMOVED

    def insert_many(self, batches) -> None:
        """Insert the members of each (members, signature matrix) batch, as ``insert`` one by one would,
        in one rebuild of the table."""
        new_keys, new_members = [], []
        for members, signatures in batches:
            for member in members:
                if member >= len(self.inserted):
                    self.inserted.extend(bytes(member + 1 - len(self.inserted)))
                self.count += 1 - self.inserted[member]
                self.inserted[member] = 1
            new_keys.append(self.band_keys(signatures).ravel())
            new_members.append(np.repeat(np.asarray(members, dtype=np.int32), self.bands))
        live = self.keys > REMOVED
        self._lay_out(np.concatenate([self.keys[live], *new_keys]), np.concatenate([self.members[live], *new_members]))

    def _rebuild(self, grow: bool = False) -> None:
        """Drop the removed entries and double the home cells when the live entries fill half the allowed load."""
        live = self.keys > REMOVED
        self._lay_out(self.keys[live], self.members[live], grow)

    def _lay_out(self, keys: np.ndarray, members: np.ndarray, grow: bool = False) -> None:
        """A new table of these entries, each bucket in the given order and cut at ``bucket_max``.

        The entries are laid out in the order of their home cells (a stable sort keeps each
        bucket's order): each lands on the first cell after the previous one and not before its home.
        """
        self.keys = self.members = None  # freed before the new table is allocated
        if grow:
            self.homes *= 2
        while len(keys) + self.bands > MAX_LOAD * self.homes / 2:
            self.homes *= 2
        homes = (keys & np.uint64(self.homes - 1)).astype(np.int64)
        # Home cells first, then the rest of the key: the key rotated so that its home bits lead.
        home_bits = np.uint64(self.homes.bit_length() - 1)
        order = np.argsort((keys << (np.uint64(64) - home_bits)) | (keys >> home_bits), kind="stable")
        keys, members, cells = keys[order], members[order], homes[order]
        del order, homes
        steps = np.arange(len(cells))
        bucket_starts = np.maximum.accumulate(np.where(np.r_[True, keys[1:] != keys[:-1]], steps, 0))
        kept = steps - bucket_starts < self.bucket_max
        if not kept.all():
            keys, members, cells, steps = keys[kept], members[kept], cells[kept], steps[:kept.sum()]
        del bucket_starts, kept
        cells -= steps
        np.maximum.accumulate(cells, out=cells)
        cells += steps
        size = max(self.homes, int(cells[-1]) + 1 if len(cells) else 0) + SPILL
        self.keys = np.zeros(size, dtype=np.uint64)
        self.members = np.zeros(size, dtype=np.int32)
        self.keys[cells], self.members[cells] = keys, members
        self.occupied = len(keys)
