"""The write side of the corpus: one connection, the dedupe index, every write.

``Corpus.store`` places a report in its duplicate group (``pipelines.dedupe.DedupeIndex``, in
memory) and then writes its signature, any re-pointing of the group to a new canonical copy, the
report row with its ``dup_of``, its full-text entry, its source, attachments and statistics.
Reports are committed in batches (``batch`` reports, or ``batch_seconds`` after the first of a
batch, whichever comes first; ``commit`` at any time): SQLite and its full-text index write their
pages once per commit, not once per report. A report is never half-written: a crawl killed at any
point leaves the corpus as of its last commit, and no ``dup_of`` ever points at a report that is
not stored. A report whose writes fail is taken out of its batch alone (the batch is rolled back
and its other reports written again); when a transaction fails, the in-memory index is dropped and
reloaded from the corpus on next use, so it never holds a placement the corpus does not.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from pipelines import minhash, statistics
from pipelines.dedupe import Copy, DedupeIndex, Placement, describe
from pipelines.record import REPORT_FIELDS, Report, report_id

from . import statements as sql
from .lock import WriterLock
from .schema import (ATTACHMENT_COLUMNS, DECISIONS, FTS, REPORTS, RUN_COLUMNS, RUNS, SIGNATURE_COLUMNS, SIGNATURES, SITE_COLUMNS, SITES,
                     check_corpus, disable_full_text, ensure_schema, repoint)

logger = logging.getLogger(__name__)

# Test hook for the crash test: "repoint" makes the process SIGKILL itself inside the first
# transaction that re-points a group, after the re-pointing and before the report is written.
KILL_ENV = "NIANBAO_TEST_KILL_BEFORE_COMMIT"


@dataclass
class Stored:
    """What ``Corpus.store`` did: ``outcome`` is ``new``, ``updated`` (the clean text changed) or ``unchanged``."""

    outcome: str
    placement: Placement
    dup_of: str | None
    report_id: str
    sources: list[str]  # every URL the report was found at, its own first (a copy's are its canonical report's)


def report_row(record: Report, dup_of: str | None) -> dict:
    """The ``reports`` row of a record; list and dict values are stored as JSON."""
    row = {name: record.get(name) for name in REPORT_FIELDS}
    row["flags"] = sorted(set(row["flags"] or []))
    row["dup_of"] = dup_of
    for name, value in row.items():
        if isinstance(value, (list, dict)):
            row[name] = json.dumps(value, ensure_ascii=False)
    row["id"] = report_id(record["url"])
    return row


def attachment_rows(record: Report, row_id: str) -> list[dict]:
    """One row per distinct attachment URL, with what reading the file gave when it was downloaded;
    links without a URL are skipped."""
    readings = {file["url"]: file for file in record.get("attachment_files") or [] if file.get("url")}
    rows = {}
    for attachment in record.get("attachments") or []:
        url = attachment.get("url")
        if url and url not in rows:
            reading = {column: value for column, value in readings.get(url, {}).items() if column in ATTACHMENT_COLUMNS}
            rows[url] = {"name": attachment.get("name"), **reading, "report_id": row_id, "url": url}
    return list(rows.values())


def stat_rows(stats: dict | None, row_id: str) -> list[tuple]:
    """One ``report_stats`` row per number of the record's ``stats`` (``pipelines.statistics``), its
    values in the order of ``STAT_COLUMNS``."""
    return [(row_id, stats["source"], stats["format"], cell.table, cell.row, cell.column, cell.value, cell.raw, position)
            for position, cell in enumerate(statistics.cells_of(stats))]


def check_row(stats: dict | None, row_id: str) -> dict | None:
    checks = (stats or {}).get("checks")
    if not checks:
        return None
    return {"report_id": row_id, "format": stats["format"], "complete": int(checks["complete"]), "consistent": int(checks["consistent"]),
            "failed": json.dumps(checks["failed"], ensure_ascii=False), "uncertain": json.dumps(checks["uncertain"], ensure_ascii=False)}


def signature_row(copy: Copy) -> dict:
    row = {name: getattr(copy, name) for name in SIGNATURE_COLUMNS}
    row["signature"] = minhash.to_bytes(copy.signature) if copy.signature is not None else None
    return row


def copy_of(row: dict) -> Copy:
    values = dict(row)
    blob = values.pop("signature")
    values["signature"] = minhash.from_bytes(blob) if blob else None
    values["flagged"], values["traditional"] = bool(values["flagged"]), bool(values["traditional"])
    return Copy(**values)


class Corpus:
    """The corpus opened for writing (created, and migrated to the current schema, on open).

    Open one per corpus per process: ``nianbao crawl`` opens one for all the sites it crawls
    together, so copies on two of them find each other.
    """

    def __init__(self, path: str | Path, batch: int = 1, batch_seconds: float = 1.0):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.batch_size = max(1, batch)
        self.batch_seconds = batch_seconds
        self.lock = WriterLock(self.path)
        try:
            self.db = sqlite_utils.Database(self.path)
            check_corpus(self.db.conn, self.path)  # before WAL mode, which would alter another application's file
            self.db.enable_wal()
            # In WAL mode a commit without fsync is still atomic and survives the process being
            # killed; only an OS crash or power cut may take back the last commits.
            self.db.execute("pragma synchronous = normal")
            ensure_schema(self.db)
            self.full_text = self.db[FTS].exists()
        except BaseException:
            self.lock.release()
            raise
        self._index: DedupeIndex | None = None
        self._kill = os.environ.get(KILL_ENV)
        self._batch: list = []  # the writes since the last commit, in order: (write, value)
        self._unindexed: dict[int, tuple] = {}  # full-text entries of the batch's new reports, by rowid
        self._batch_started = 0.0

    @property
    def index(self) -> DedupeIndex:
        """The groups of every stored report, loaded on first use."""
        if self._index is None:
            index = DedupeIndex()
            columns = ", ".join(SIGNATURE_COLUMNS)
            for row in self.db.execute(f"select {columns} from {SIGNATURES}"):
                index.load(copy_of(dict(zip(SIGNATURE_COLUMNS, row))))
            self._index = index
        return self._index

    @property
    def pending(self) -> int:
        """Writes (reports and decisions) since the last commit."""
        return len(self._batch)

    def store(self, record: Report) -> Stored:
        """Place ``record`` in its duplicate group and write it into the open batch, committed when
        the batch is full or due. When its writes fail, the report alone is left out and the error raised."""
        return self._batched(self._write, record)

    def remember(self, url: str, site_id: str, reason: str, detail: str, etag: str | None, last_modified: str | None) -> dict:
        """Record why the detail page at ``url`` is not stored (crawler.decisions), replacing an older
        decision, in the open batch; the row."""
        row = {"url": url, "site_id": site_id, "reason": reason, "detail": detail, "etag": etag,
               "last_modified": last_modified, "decided_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        self._batched(self._write_decision, row)
        return row

    def _batched(self, write, value):
        conn = self.db.conn
        if not conn.in_transaction:
            conn.execute("begin")
            self._batch_started = time.monotonic()
        try:
            result = write(value)
        except BaseException:
            self._write_again_without(value)
            raise
        self._batch.append((write, value))
        if len(self._batch) >= self.batch_size:
            self.commit()
        else:
            self.commit_if_due()
        return result

    def commit_due(self) -> bool:
        """Whether the open batch is older than ``batch_seconds``."""
        return bool(self._batch) and time.monotonic() - self._batch_started >= self.batch_seconds

    def commit_if_due(self) -> None:
        if self.commit_due():
            self.commit()

    def commit(self) -> None:
        """Commit what the open transaction holds. When the commit fails the batch is lost (its
        reports are not in the corpus, so the next crawl fetches them again) and the error raised."""
        batch, self._batch = self._batch, []
        if not self.db.conn.in_transaction:
            return
        try:
            self._index_text()
            self.db.conn.execute("commit")
        except BaseException:
            self.db.conn.rollback()
            self._unindexed.clear()
            self._index = None
            logger.error("%s: a commit failed; the %d write(s) of its batch are not stored", self.path, len(batch))
            raise

    def _write_again_without(self, failed) -> None:
        """Roll the open batch back and write its earlier values again, so that only ``failed`` is lost."""
        self.db.conn.rollback()
        self._unindexed.clear()
        self._index = None  # rolled back: forget the batch's placements, reload the groups as stored
        earlier, self._batch = self._batch, []
        if not earlier:
            return
        self.db.conn.execute("begin")
        try:
            for write, value in earlier:
                write(value)
        except Exception:
            self.db.conn.rollback()
            self._unindexed.clear()
            self._index = None
            logger.exception("%s: after %s failed, the %d write(s) before it in its batch could not be made again and are lost",
                             self.path, failed.get("url"), len(earlier))
            return
        self._batch = earlier

    def _index_text(self) -> None:
        """Add the batch's new reports to the full-text index, last before the commit: FTS5 writes
        its pending terms whenever a statement opens a savepoint (an upsert, a trigger, an update of
        several rows), so entries added with each report would be written once per report."""
        if self._unindexed:
            self.db.conn.executemany(sql.INDEX_TEXT, self._unindexed.values())
            self._unindexed.clear()

    def disable_full_text(self) -> None:
        """Drop the full-text index (``bench/storage_fts.py`` measures what it costs)."""
        self.commit()
        disable_full_text(self.db)
        self.full_text = False

    def _write_decision(self, row: dict) -> None:
        self.db.conn.execute(sql.UPSERT_DECISION, sql.values(row, sql.DECISION_KEYS))

    def _write(self, record: Report) -> Stored:
        copy = describe(record)
        placement = self.index.add(copy)
        dup_of = None if placement.canonical_id == copy.report_id else placement.canonical_id
        row = report_row(record, dup_of)
        source = {"report_id": placement.canonical_id, "url": row["url"], "site_id": row["site_id"], "fetched_at": row["fetched_at"]}
        conn = self.db.conn
        execute = conn.execute
        previous = execute(sql.PREVIOUS_REPORT, [row["id"]]).fetchone()
        if previous is not None and previous[1] in self._unindexed:
            self._index_text()  # the update trigger re-indexes a changed text: its old entry must be there
        execute(sql.UPSERT_SIGNATURE, sql.values(signature_row(copy), sql.SIGNATURE_KEYS))
        if placement.replaced:
            repoint(self.db, placement.replaced, placement.canonical_id)
            if self._kill == "repoint":
                os.kill(os.getpid(), signal.SIGKILL)
        (rowid,) = execute(sql.UPSERT_REPORT, sql.values(row, sql.REPORT_KEYS)).fetchone()
        if previous is None and self.full_text:  # indexed at the commit (``_index_text``); the update trigger re-indexes a changed text
            self._unindexed[rowid] = (rowid, row["title"], row["text"])
        execute(sql.UPSERT_SOURCE, sql.values(source, sql.SOURCE_KEYS))
        execute(sql.DELETE_ATTACHMENTS, [row["id"]])
        conn.executemany(sql.INSERT_ATTACHMENT, [sql.values(attachment, sql.ATTACHMENT_KEYS) for attachment in attachment_rows(record, row["id"])])
        self.write_stats(row["id"], record.get("stats"))
        execute(sql.FORGET_DECISION, [row["url"]])
        if previous is None:
            outcome = "new"
        else:
            outcome = "unchanged" if previous[0] == row["content_hash"] else "updated"
        sources = execute(sql.SOURCES_OF, [row["id"], row["url"]])
        return Stored(outcome, placement, dup_of, row["id"], [url for (url,) in sources])

    def write_stats(self, row_id: str, stats: dict | None) -> None:
        """Replace a report's numbers and checks (inside the caller's transaction)."""
        conn = self.db.conn
        conn.execute(sql.DELETE_STATS, [row_id])
        conn.execute(sql.DELETE_CHECK, [row_id])
        conn.executemany(sql.INSERT_STAT, stat_rows(stats, row_id))
        check = check_row(stats, row_id)
        if check:
            conn.execute(sql.INSERT_CHECK, sql.values(check, sql.CHECK_KEYS))

    def rebuild_stats(self, batch: int = 500) -> dict:
        """Parse the statistics of every stored report again from its text (a corpus crawled before
        the tables were parsed, or by an older parser), with its ``stats_inconsistent`` flag.
        Returns how many reports were read, got tables, got sentence figures, and were flagged."""
        self.commit()
        counts = {"reports": 0, "table": 0, "text": 0, "inconsistent": 0}
        rows = self.db.execute(f"select id, text, flags, kind from {REPORTS} order by rowid").fetchall()
        for start in range(0, len(rows), batch):
            with self.db.atomic():
                for row_id, text, flags, kind in rows[start:start + batch]:
                    record = statistics.process({"text": text or "", "flags": json.loads(flags) if flags else [], "kind": kind})
                    self.write_stats(row_id, record["stats"])
                    new_flags = json.dumps(sorted(set(record["flags"])), ensure_ascii=False)
                    if new_flags != (flags or "[]"):
                        self.db.execute(f"update {REPORTS} set flags = ? where id = ?", [new_flags, row_id])
                    counts["reports"] += 1
                    if record["stats"]:
                        counts[record["stats"]["source"]] += 1
                    counts["inconsistent"] += statistics.INCONSISTENT_FLAG in record["flags"]
        return counts

    def save_signatures(self, copies) -> None:
        """Write already placed copies in bulk (``bench/dedupe.py`` measures persisting the index)."""
        self.commit()
        with self.db.atomic():
            self.db[SIGNATURES].insert_all((signature_row(copy) for copy in copies), pk="report_id", batch_size=2000, replace=True)

    def save_sites(self, sites) -> None:
        """Mirror the registry rows being crawled into table ``sites``."""
        rows = []
        for site in sites:
            row = {name: getattr(site, name) for name in SITE_COLUMNS}
            row["options"] = json.dumps(site.options, ensure_ascii=False)
            row["verified"] = int(site.verified)
            rows.append(row)
        self.commit()
        with self.db.atomic():
            self.db[SITES].upsert_all(rows, pk="site_id", alter=True, columns=SITE_COLUMNS)

    def stored_dates(self, batch: int = 5000):
        """Batches of (url, published, fetched_at) of every stored report."""
        rows = self.db.execute(f"select url, published, fetched_at from {REPORTS}")
        while chunk := rows.fetchmany(batch):
            yield chunk

    def decisions(self, batch: int = 5000):
        """Batches of every remembered decision, as dicts of its columns."""
        rows = self.db.execute(f"select * from {DECISIONS}")
        names = [column[0] for column in rows.description]
        while chunk := rows.fetchmany(batch):
            yield [dict(zip(names, row)) for row in chunk]

    def runs(self, run_id: str, names: list[str]) -> list[dict]:
        """The ``crawl_runs`` rows of run ``run_id`` (columns ``names``), by site."""
        rows = self.db.execute(f"select {', '.join(names)} from {RUNS} where run_id = ? order by site_id", [run_id])
        return [dict(zip(names, row)) for row in rows]

    def save_runs(self, rows: list[dict]) -> None:
        """One ``crawl_runs`` row per site per run (the open batch is committed first)."""
        self.commit()
        with self.db.atomic():
            self.db[RUNS].insert_all(rows, pk=("run_id", "site_id"), alter=True, columns=RUN_COLUMNS, replace=True)

    def checkpoint(self) -> None:
        """Move the write-ahead log into the database file: readers only ever open the corpus
        read-only, which never checkpoints, so after a crawl the .db file alone is the corpus.
        Commits the open batch first."""
        self.commit()
        self.db.execute("pragma wal_checkpoint(truncate)")

    def close(self) -> None:
        if self.db is not None:
            self.checkpoint()
            self.db.close()
            self.db = None
            self.lock.release()
