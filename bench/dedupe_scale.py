"""The dedupe index at scale: docs/s and memory as the corpus grows to a million reports.

    .venv/bin/python bench/dedupe_scale.py                      # 1,000,000 reports, both indexes
    .venv/bin/python bench/dedupe_scale.py --size 200000 --lsh bands

``bench/dedupe.py`` measures precision and recall on generated texts, but generating a million
texts takes hours; here the signatures are synthetic and cost nothing to make. Every report of
a year shares most of its MinHash bins with that year's template (pairs of reports score 0.36-0.6,
as the reports of different agencies filled in from the official template do), and 30 % of the
reports are near-identical copies (5 % of the bins changed) of an earlier one. Each report is
placed with ``DedupeIndex.add`` as in a crawl; at 10k, 100k and 1M reports (and the size) it
prints (and at 200k and 500k) the docs/s since the previous mark, the LSH candidates per query and the peak memory.
``--lsh datasketch`` runs the same index over datasketch's ``MinHashLSH``, as nianbao did before
``pipelines.lsh``; by default both run, one after the other, each in its own process.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipelines import dedupe, minhash  # noqa: E402

MARKS = (10_000, 100_000, 200_000, 500_000, 1_000_000)
YEARS = range(2019, 2025)
COPY_SHARE = 0.3


class DatasketchBands:
    """datasketch's MinHashLSH behind the interface of ``pipelines.lsh.BandIndex``."""

    def __init__(self, bands: int, rows: int):
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(num_perm=minhash.NUM_PERM, params=(bands, rows))

    def _hashes(self, signature):
        from datasketch import LeanMinHash

        return LeanMinHash(seed=0, hashvalues=signature, scheme="affine32")

    def __contains__(self, key) -> bool:
        return key in self.lsh

    def insert(self, key, signature) -> None:
        self.lsh.insert(key, self._hashes(signature), check_duplication=False)

    def remove(self, key, signature) -> None:
        self.lsh.remove(key)

    def query(self, signature) -> list:
        return self.lsh.query(self._hashes(signature))


class CountingQueries:
    """Counts the candidates the index's LSH returns."""

    def __init__(self, lsh):
        self.lsh, self.queries, self.candidates = lsh, 0, 0

    def __getattr__(self, name):
        return getattr(self.lsh, name)

    def __contains__(self, key) -> bool:
        return key in self.lsh

    def query(self, signature) -> list:
        found = self.lsh.query(signature)
        self.queries += 1
        self.candidates += len(found)
        return found


def synthetic_copies(size: int, rng: np.random.Generator):
    templates = {year: rng.integers(0, 2**32, minhash.NUM_PERM, dtype=np.uint64).astype(minhash.SIGNATURE_DTYPE) for year in YEARS}
    originals = []
    for number in range(size):
        if originals and rng.random() < COPY_SHARE:
            signature, agency, year = originals[rng.integers(len(originals))]
            signature = signature.copy()
            changed = rng.random(minhash.NUM_PERM) < 0.05
        else:
            year = YEARS[number % len(YEARS)]
            agency = f"样本市第{number}局"
            signature = templates[year].copy()
            changed = rng.random(minhash.NUM_PERM) > rng.uniform(0.6, 0.77)
        signature[changed] = rng.integers(0, 2**32, int(changed.sum()), dtype=np.uint64).astype(minhash.SIGNATURE_DTYPE)
        if len(originals) < 200_000:
            originals.append((signature, agency, year))
        rid = hashlib.sha1(str(number).encode()).hexdigest()
        yield dedupe.Copy(report_id=rid, canonical_id=rid, exact_hash=hashlib.sha1(signature.tobytes()).hexdigest(),
                          identity=f"{year}|annual|{agency}", agency=agency, year=year, signature=signature, site_rank=1,
                          flagged=False, traditional=False, length=3000, published=f"{year + 1}-01-20")


def run(size: int, lsh: str) -> None:
    index = dedupe.DedupeIndex()
    if lsh == "datasketch":
        index.lsh = DatasketchBands(dedupe.LSH_BANDS, dedupe.LSH_ROWS)
    index.lsh = counting = CountingQueries(index.lsh)
    marks = sorted({mark for mark in MARKS if mark < size} | {size})
    seconds, last = 0.0, (0, 0.0, 0, 0)
    for number, copy in enumerate(synthetic_copies(size, np.random.default_rng(0)), 1):
        tick = time.perf_counter()
        index.add(copy)
        seconds += time.perf_counter() - tick
        if number == marks[0]:
            done, spent, queries, candidates = last
            print(f"{lsh:10} at {number:>9,} reports: {(number - done) / (seconds - spent):7,.0f} docs/s since {done:,}, "
                  f"{(counting.candidates - candidates) / max(1, counting.queries - queries):6.1f} LSH candidates per query, "
                  f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:6,.0f} MB", flush=True)
            last = (number, seconds, counting.queries, counting.candidates)
            marks.pop(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="reports placed (default 1000000)")
    parser.add_argument("--lsh", choices=("bands", "datasketch"), help="only this index (default: both, in turn)")
    args = parser.parse_args()
    if args.lsh:
        run(args.size, args.lsh)
        return
    for lsh in ("bands", "datasketch"):
        subprocess.run([sys.executable, __file__, "--size", str(args.size), "--lsh", lsh], check=True)


if __name__ == "__main__":
    main()
