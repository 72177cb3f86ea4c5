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

from array import array
from collections.abc import Mapping
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
LOAD_BATCH = 1 << 16  # loaded canonical copies whose LSH keys are computed at a time


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


class SignatureMatrix:
    """The signatures of the index, one row per slot, in one array that grows by half when full
    (doubling would leave up to half a gigabyte unused at a million reports)."""

    def __init__(self, capacity: int = 1024):
        self.rows = np.zeros((capacity, minhash.NUM_PERM), dtype=minhash.SIGNATURE_DTYPE)

    def put(self, slot: int, signature: np.ndarray) -> None:
        if slot >= len(self.rows):
            grown = np.zeros((max(len(self.rows) * 3 // 2, slot + 1), minhash.NUM_PERM), dtype=self.rows.dtype)
            grown[:len(self.rows)] = self.rows
            self.rows = grown
        self.rows[slot] = signature


class Copies(Mapping):
    """``DedupeIndex.copies``: each stored copy by report id, rebuilt from the index's slots."""

    def __init__(self, index: DedupeIndex):
        self.index = index

    def __getitem__(self, report_id: str) -> Copy:
        return self.index.copy_at(self.index.slots[report_id])

    def __iter__(self):
        return iter(self.index.slots)

    def __len__(self) -> int:
        return len(self.index.slots)


class DedupeIndex:
    """The groups of copies seen so far, in memory.

    Each copy has a slot: an integer that numbers the per-copy columns below and the rows of
    ``signatures``, so a copy costs its signature's 512 bytes and a few hundred bytes more, and
    the candidates of a query are scored in one NumPy operation.
    """

    def __init__(self):
        self.slots: dict[str, int] = {}  # report id -> slot
        self.report_ids: list[str] = []
        self.canonical_ids: list[str] = []
        self.exact_hashes: list[str] = []
        self.identities: list[str | None] = []
        self.agencies: list[str | None] = []
        self.published: list[str | None] = []
        self.years = array("h")  # 0: unknown
        self.site_ranks = array("b")
        self.flagged = bytearray()
        self.traditional = bytearray()
        self.lengths = array("q")
        self.signed = bytearray()  # 1 where the copy has a signature
        self.signatures = SignatureMatrix()
        self.groups: dict[str, list[int]] = {}  # canonical id -> member slots; a group of one is not listed
        self.by_exact: dict[str, int | list[int]] = {}
        self.blocks: dict[str, int | list[int]] = {}
        self.lsh = BandIndex(LSH_BANDS, LSH_ROWS)
        self.unindexed: list[int] = []  # slots of loaded canonical copies, put in the LSH at once before the first match
        self.copies = Copies(self)
        self._shared: dict[str, str] = {}  # one object per distinct agency or publication date

    def __len__(self) -> int:
        return len(self.slots)

    def copy_at(self, slot: int) -> Copy:
        return Copy(
            report_id=self.report_ids[slot], canonical_id=self.canonical_ids[slot], exact_hash=self.exact_hashes[slot],
            identity=self.identities[slot], agency=self.agencies[slot], year=self.years[slot] or None,
            signature=self.signatures.rows[slot].copy() if self.signed[slot] else None, site_rank=self.site_ranks[slot],
            flagged=bool(self.flagged[slot]), traditional=bool(self.traditional[slot]), length=self.lengths[slot],
            published=self.published[slot],
        )

    def match(self, copy: Copy) -> tuple[str, str] | None:
        """(canonical id, how) of the group ``copy`` belongs to, or None.

        A group with a member of another agency is never joined, however alike the texts: two
        agencies' reports filled in from one template differ only in the names.
        """
        self._index_loaded()
        for other in _listed(self.by_exact.get(copy.exact_hash)):
            group = self.canonical_ids[other]
            if self._admits(group, copy.agency):
                return group, "exact"
        if copy.signature is None:
            return None
        best = (0.0, None, None)
        for how, slots, floor in (
            ("same report", _listed(self.blocks.get(copy.identity)) if copy.identity else [], SAME_REPORT_MIN_SIMILARITY),
            ("near-identical", self.lsh.query(self._lsh_key(copy.signature, copy.year)), NEAR_IDENTICAL_MIN_SIMILARITY),
        ):
            if not slots:
                continue
            # Score every candidate at once, then check the agency guard from the closest down.
            scores = minhash.similarities(self.signatures.rows[slots], copy.signature)
            close = np.flatnonzero(scores >= floor)
            for position in close[np.argsort(-scores[close], kind="stable")].tolist():
                score, other = float(scores[position]), slots[position]
                if self._admits(self.canonical_ids[other], copy.agency):
                    if score > best[0]:
                        best = (score, other, how)
                    break
        if best[1] is None:
            return None
        return self.canonical_ids[best[1]], best[2]

    def _members(self, group: str) -> list[int]:
        return self.groups.get(group) or [self.slots[group]]

    def _admits(self, group: str, agency: str | None) -> bool:
        return not agency or all(same_agency(self.agencies[member], agency) for member in self._members(group))

    def _preference(self, slot: int) -> tuple:
        return preference(self.site_ranks[slot], self.flagged[slot], self.traditional[slot], self.lengths[slot],
                          self.published[slot], self.report_ids[slot])

    def add(self, copy: Copy) -> Placement:
        """File ``copy`` in its group (a re-crawled report keeps its group) and elect the group's canonical copy."""
        self._index_loaded()
        slot = self.slots.get(copy.report_id)
        if slot is not None:
            self._unfile(slot)
            group, how = self.canonical_ids[slot], "recrawl"
        else:
            group, how = self.match(copy) or (copy.report_id, None)
        copy.canonical_id = group
        slot = self._file(copy, slot)
        if how != "recrawl":
            self._join(group, slot)
        best = min(self._members(group), key=self._preference)
        if self.report_ids[best] == group:
            if best == slot:
                self._index_canonical(slot)
            return Placement(group, how)
        self._repoint(group, best)
        copy.canonical_id = self.report_ids[best]
        return Placement(copy.canonical_id, how, replaced=group)

    def load(self, copy: Copy) -> None:
        """Add a stored copy whose group is already decided."""
        slot = self._file(copy, self.slots.get(copy.report_id))
        self._join(copy.canonical_id, slot)
        if copy.canonical_id == copy.report_id and copy.signature is not None:
            self.unindexed.append(slot)

    def _index_loaded(self) -> None:
        if self.unindexed:
            slots, self.unindexed = self.unindexed, []
            self.lsh.insert_many((batch, self.signatures.rows[batch] ^ np.stack([_year_salt(self.years[slot]) for slot in batch]))
                                 for batch in (slots[start:start + LOAD_BATCH] for start in range(0, len(slots), LOAD_BATCH)))

    def _join(self, group: str, slot: int) -> None:
        members = self.groups.get(group)
        if members is not None:
            members.append(slot)
        elif group != self.report_ids[slot]:
            leader = self.slots.get(group)
            self.groups[group] = [leader, slot] if leader is not None and self.canonical_ids[leader] == group else [slot]

    def _file(self, copy: Copy, slot: int | None) -> int:
        """Write ``copy`` into its slot (a new one unless given) and into the exact and identity lookups."""
        agency = self._shared.setdefault(copy.agency, copy.agency) if copy.agency else copy.agency
        published = self._shared.setdefault(copy.published, copy.published) if copy.published else copy.published
        values = (copy.canonical_id, copy.exact_hash, copy.identity, agency, published, copy.year or 0, copy.site_rank,
                  copy.flagged, copy.traditional, copy.length, copy.signature is not None)
        columns = (self.canonical_ids, self.exact_hashes, self.identities, self.agencies, self.published, self.years,
                   self.site_ranks, self.flagged, self.traditional, self.lengths, self.signed)
        if slot is None:
            slot = self.slots[copy.report_id] = len(self.report_ids)
            self.report_ids.append(copy.report_id)
            for column, value in zip(columns, values):
                column.append(value)
        else:
            for column, value in zip(columns, values):
                column[slot] = value
        if copy.signature is not None:
            self.signatures.put(slot, copy.signature)
        _file_under(self.by_exact, copy.exact_hash, slot)
        if copy.identity and copy.signature is not None:
            _file_under(self.blocks, copy.identity, slot)
        return slot

    def _unfile(self, slot: int) -> None:
        _unfile_from(self.by_exact, self.exact_hashes[slot], slot)
        if self.identities[slot]:
            _unfile_from(self.blocks, self.identities[slot], slot)
        if slot in self.lsh:
            self.lsh.remove(slot, self._slot_lsh_key(slot))

    def _lsh_key(self, signature: np.ndarray, year: int | None) -> np.ndarray:
        return signature ^ _year_salt(year or 0)

    def _slot_lsh_key(self, slot: int) -> np.ndarray:
        return self._lsh_key(self.signatures.rows[slot], self.years[slot])

    def _index_canonical(self, slot: int) -> None:
        if self.signed[slot]:
            if slot in self.lsh:
                self.lsh.remove(slot, self._slot_lsh_key(slot))
            self.lsh.insert(slot, self._slot_lsh_key(slot))

    def _repoint(self, old: str, best: int) -> None:
        new = self.report_ids[best]
        members = self.groups.pop(old)
        self.groups[new] = members
        for member in members:
            self.canonical_ids[member] = new
        old_slot = self.slots.get(old)
        if old_slot is not None and old_slot in self.lsh:
            self.lsh.remove(old_slot, self._slot_lsh_key(old_slot))
        self._index_canonical(best)


def _listed(held: int | list[int] | None) -> list[int]:
    """The slots a lookup holds: one slot is held as a plain int, more as a list."""
    if held is None:
        return []
    return held if isinstance(held, list) else [held]


def _file_under(lookup: dict, key: str, slot: int) -> None:
    held = lookup.get(key)
    if held is None:
        lookup[key] = slot
    elif isinstance(held, list):
        held.append(slot)
    else:
        lookup[key] = [held, slot]


def _unfile_from(lookup: dict, key: str, slot: int) -> None:
    held = lookup.get(key)
    if held == slot:
        del lookup[key]
    elif isinstance(held, list) and slot in held:
        held.remove(slot)
        if len(held) == 1:
            lookup[key] = held[0]
