"""Dedupe stage: one canonical report per group of copies (portal, own site, mirrors).

A copy joins a group when no member of the group is known to be another agency's report, and

- its dedupe key (Han characters and digits of the clean text) is identical to a stored one, or
- it has the same identity (report year, kind and agency) as stored copies and an estimated
  Jaccard similarity of at least ``SAME_REPORT_MIN_SIMILARITY`` to one of them: identity blocks are
  small, so the copy is compared with every signature of its block, or
- its similarity to a group's canonical copy reaches ``NEAR_IDENTICAL_MIN_SIMILARITY``
  whatever the other metadata says: those are found with MinHash LSH (``pipelines.lsh``, buckets
  bounded so that look-alikes cannot make a query's cost grow with the corpus) over the canonical
  copies of the same report year.

Reports of two agencies of one city, or of one agency in two years, share most of their template
sentences (estimated similarity 0.35-0.6), as much as a copy with 10 % of its characters changed;
only identical metadata or near-identical text lets them merge. Two agencies' reports filled in
from one template (zero-filled township reports, notices copied down the hierarchy) are
near-identical, differing in little more than the names: the agency guard keeps them apart. A
report's agency is the one its title names, else its metadata's, except on mirrors (see
``report_agency``). The figures behind the thresholds are in ``bench/dedupe.py`` and the README.

This module is pure and in memory: ``DedupeIndex.add`` places a copy and says whether the
group's canonical copy changed (see ``pipelines.canonical``). The corpus store (``store.write``)
loads the index from table ``dedupe_signatures``, so a new crawl is checked against the whole
stored corpus without reading its texts, and writes each placement together with its report.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import minhash
from .canonical import MIRROR_SITE, plain_name, preference, same_agency, site_rank
from .lsh import BandIndex
from .record import report_id
from .titles import title_agency

SAME_REPORT_MIN_SIMILARITY = 0.2
NEAR_IDENTICAL_MIN_SIMILARITY = 0.8
LSH_BANDS, LSH_ROWS = 16, 8


@dataclass(slots=True)
class Copy:
    """What the index keeps of one stored report."""

    report_id: str
    canonical_id: str
    exact_hash: str
    identity: str | None  # "year|kind|agency" when all three are known
    agency: str | None
    year: int | None
    signature: np.ndarray | None
    site_rank: int
    flagged: bool
    traditional: bool
    length: int
    published: str | None

    @property
    def preference(self) -> tuple:
        return preference(self.site_rank, self.flagged, self.traditional, self.length, self.published, self.report_id)


@dataclass
class Placement:
    canonical_id: str
    matched_by: str | None  # "exact", "same report", "near-identical", or None for a new group
    replaced: str | None = None  # the previous canonical id when this arrival changed it


def report_agency(record) -> str | None:
    """The agency a report is about: the one its title names, else its metadata agency.

    A mirror's metadata names the mirror or whoever uploaded the copy, so there only the title counts.
    """
    named = title_agency(record.get("title"))
    if not named and site_rank(record.get("site"), record["url"], None) != MIRROR_SITE:
        named = record.get("agency")
    return plain_name(named) or None


def describe(record) -> Copy:
    text = record.get("text") or ""
    key = minhash.dedupe_key(text)
    agency = report_agency(record)
    year, kind = record.get("year"), record.get("kind")
    rid = report_id(record["url"])
    return Copy(
        report_id=rid, canonical_id=rid, exact_hash=minhash.exact_hash(key or text),
        identity=f"{year}|{kind}|{agency}" if year and kind and agency else None, agency=agency, year=year,
        signature=minhash.signature(key), site_rank=site_rank(record.get("site"), record["url"], agency),
        flagged=bool(record.get("flags")), traditional=record.get("original_script") == "traditional",
        length=len(text), published=record.get("published"),
    )


@lru_cache(maxsize=256)
def _year_salt(year: int | None) -> np.ndarray:
    """XORed into an LSH signature so that only copies of the same report year share buckets."""
    seeds = np.arange(minhash.NUM_PERM, dtype=np.uint64) + np.uint64((year or 0) * minhash.NUM_PERM)
    return minhash.mix64(seeds).astype(minhash.SIGNATURE_DTYPE)


def _lsh_key(copy: Copy) -> np.ndarray:
    return copy.signature ^ _year_salt(copy.year)


class DedupeIndex:
    """The groups of copies seen so far, in memory."""

    def __init__(self):
        self.copies: dict[str, Copy] = {}
        self.members: dict[str, list[str]] = {}
        self.by_exact: dict[str, list[str]] = {}
        self.blocks: dict[str, list[str]] = {}
        self.lsh = BandIndex(LSH_BANDS, LSH_ROWS)

    def __len__(self) -> int:
        return len(self.copies)

    def match(self, copy: Copy) -> tuple[str, str] | None:
        """(canonical id, how) of the group ``copy`` belongs to, or None.

        A group with a member of another agency is never joined, however alike the texts: two
        agencies' reports filled in from one template differ only in the names.
        """
        for other in self.by_exact.get(copy.exact_hash, ()):
            group = self.copies[other].canonical_id
            if self._admits(group, copy):
                return group, "exact"
        if copy.signature is None:
            return None
        best = (0.0, None, None)
        for how, ids, floor in (
            ("same report", self.blocks.get(copy.identity, []) if copy.identity else [], SAME_REPORT_MIN_SIMILARITY),
            ("near-identical", self.lsh.query(_lsh_key(copy)), NEAR_IDENTICAL_MIN_SIMILARITY),
        ):
            if not ids:
                continue
            # Score every candidate at once, then check the agency guard on the few close enough.
            scores = minhash.similarities(np.stack([self.copies[i].signature for i in ids]), copy.signature)
            close = [(score, other) for score, other in zip(scores.tolist(), ids)
                     if score >= floor and self._admits(self.copies[other].canonical_id, copy)]
            top = max(close, key=lambda pair: pair[0], default=None)
            if top and top[0] > best[0]:
                best = (top[0], top[1], how)
        if best[1] is None:
            return None
        return self.copies[best[1]].canonical_id, best[2]

    def _admits(self, group: str, copy: Copy) -> bool:
        return not copy.agency or all(same_agency(self.copies[member].agency, copy.agency) for member in self.members[group])

    def add(self, copy: Copy) -> Placement:
        """File ``copy`` in its group (a re-crawled report keeps its group) and elect the group's canonical copy."""
        previous = self.copies.get(copy.report_id)
        if previous is not None:
            self._unfile(previous)
            group, how = previous.canonical_id, "recrawl"
        else:
            group, how = self.match(copy) or (copy.report_id, None)
            self.members.setdefault(group, []).append(copy.report_id)
        copy.canonical_id = group
        self._file(copy)
        best = min(self.members[group], key=lambda member: self.copies[member].preference)
        if best == group:
            if best == copy.report_id:
                self._index_canonical(copy)
            return Placement(group, how)
        self._repoint(group, best)
        return Placement(best, how, replaced=group)

    def load(self, copy: Copy) -> None:
        """Add a stored copy whose group is already decided."""
        self.members.setdefault(copy.canonical_id, []).append(copy.report_id)
        self._file(copy)
        if copy.canonical_id == copy.report_id:
            self._index_canonical(copy)

    def _file(self, copy: Copy) -> None:
        self.copies[copy.report_id] = copy
        self.by_exact.setdefault(copy.exact_hash, []).append(copy.report_id)
        if copy.identity and copy.signature is not None:
            self.blocks.setdefault(copy.identity, []).append(copy.report_id)

    def _unfile(self, copy: Copy) -> None:
        self.by_exact[copy.exact_hash].remove(copy.report_id)
        if copy.report_id in self.blocks.get(copy.identity, []):
            self.blocks[copy.identity].remove(copy.report_id)
        if copy.report_id in self.lsh:
            self.lsh.remove(copy.report_id, _lsh_key(copy))

    def _index_canonical(self, copy: Copy) -> None:
        if copy.signature is not None:
            if copy.report_id in self.lsh:
                self.lsh.remove(copy.report_id, _lsh_key(copy))
            self.lsh.insert(copy.report_id, _lsh_key(copy))

    def _repoint(self, old: str, new: str) -> None:
        members = self.members.pop(old)
        self.members[new] = members
        for member in members:
            self.copies[member].canonical_id = new
        if old in self.lsh:
            self.lsh.remove(old, _lsh_key(self.copies[old]))
        self._index_canonical(self.copies[new])
