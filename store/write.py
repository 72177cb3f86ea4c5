"""The write side of the corpus: one connection, the dedupe index, every write.

``Corpus.store`` places a report in its duplicate group (``pipelines.dedupe.DedupeIndex``, in
memory) and then writes, in ONE transaction, its signature, any re-pointing of the group to a
new canonical copy, the report row with its ``dup_of``, its source and its attachments (the
full-text index follows through triggers). A crawl killed at any point leaves the group as it
was or the whole new state: no ``dup_of`` ever points at a report that is not stored. When the
transaction fails, the in-memory index is dropped and reloaded from the corpus on next use, so
it never holds a placement the corpus does not.
"""

from __future__ import annotations

import json
import logging
import os
import signal
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from pipelines import minhash, statistics
from pipelines.dedupe import Copy, DedupeIndex, Placement, describe
from pipelines.record import REPORT_FIELDS, Report, report_id

from . import statements as sql
from .lock import WriterLock
from .schema import (ATTACHMENT_COLUMNS, DECISIONS, REPORTS, RUN_COLUMNS, RUNS, SIGNATURE_COLUMNS, SIGNATURES, SITE_COLUMNS, SITES,
                     check_corpus, ensure_schema, repoint)

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


def stat_rows(stats: dict | None, row_id: str) -> list[dict]:
    """One ``report_stats`` row per number of the record's ``stats`` (``pipelines.statistics``)."""
    return [{"report_id": row_id, "source": stats["source"], "format": stats["format"], "table_key": cell.table,
             "row_key": cell.row, "column_key": cell.column, "value": cell.value, "raw": cell.raw}
            for cell in statistics.cells_of(stats)]


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

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lock = WriterLock(self.path)
        try:
            self.db = sqlite_utils.Database(self.path)
            check_corpus(self.db.conn, self.path)  # before WAL mode, which would alter another application's file
            self.db.enable_wal()
            # In WAL mode a commit without fsync is still atomic and survives the process being
            # killed; only an OS crash or power cut may take back the last commits.
            self.db.execute("pragma synchronous = normal")
            ensure_schema(self.db)
        except BaseException:
            self.lock.release()
            raise
        self._index: DedupeIndex | None = None
        self._kill = os.environ.get(KILL_ENV)

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

    def store(self, record: Report) -> Stored:
        """Place ``record`` in its duplicate group and write it, all in one transaction."""
        copy = describe(record)
        placement = self.index.add(copy)
        dup_of = None if placement.canonical_id == copy.report_id else placement.canonical_id
        row = report_row(record, dup_of)
        source = {"report_id": placement.canonical_id, "url": row["url"], "site_id": row["site_id"], "fetched_at": row["fetched_at"]}
        execute = self.db.conn.execute
        try:
            with self.db.atomic():
                previous = execute(sql.PREVIOUS_HASH, [row["id"]]).fetchone()
                execute(sql.UPSERT_SIGNATURE, sql.values(signature_row(copy), sql.SIGNATURE_KEYS))
                if placement.replaced:
                    repoint(self.db, placement.replaced, placement.canonical_id)
                    if self._kill == "repoint":
                        os.kill(os.getpid(), signal.SIGKILL)
                execute(sql.UPSERT_REPORT, sql.values(row, sql.REPORT_KEYS))
                execute(sql.UPSERT_SOURCE, sql.values(source, sql.SOURCE_KEYS))
                execute(sql.DELETE_ATTACHMENTS, [row["id"]])
                self.db.conn.executemany(sql.INSERT_ATTACHMENT, [sql.values(attachment, sql.ATTACHMENT_KEYS)
                                                                 for attachment in attachment_rows(record, row["id"])])
                self.write_stats(row["id"], record.get("stats"))
                execute(sql.FORGET_DECISION, [row["url"]])
        except BaseException:
            self._index = None  # rolled back: forget this placement, reload the groups as stored
            raise
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
        conn.executemany(sql.INSERT_STAT, [sql.values(cell, sql.STAT_KEYS) for cell in stat_rows(stats, row_id)])
        check = check_row(stats, row_id)
        if check:
            conn.execute(sql.INSERT_CHECK, sql.values(check, sql.CHECK_KEYS))

    def rebuild_stats(self, batch: int = 500) -> dict:
        """Parse the statistics of every stored report again from its text (a corpus crawled before
        the tables were parsed, or by an older parser), with its ``stats_inconsistent`` flag.
        Returns how many reports were read, got tables, got sentence figures, and were flagged."""
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
        with self.db.atomic():
            self.db[SITES].upsert_all(rows, pk="site_id", alter=True, columns=SITE_COLUMNS)

    def remember(self, url: str, site_id: str, reason: str, detail: str, etag: str | None, last_modified: str | None) -> dict:
        """Record why the detail page at ``url`` is not stored (crawler.decisions), replacing an older decision; the row."""
        row = {"url": url, "site_id": site_id, "reason": reason, "detail": detail, "etag": etag,
               "last_modified": last_modified, "decided_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        with self.db.atomic():
            self.db[DECISIONS].upsert(row, pk="url")
        return row

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
        """One ``crawl_runs`` row per site per run."""
        with self.db.atomic():
            self.db[RUNS].insert_all(rows, pk=("run_id", "site_id"), alter=True, columns=RUN_COLUMNS, replace=True)

    def checkpoint(self) -> None:
        """Move the write-ahead log into the database file: readers only ever open the corpus
        read-only, which never checkpoints, so after a crawl the .db file alone is the corpus."""
        self.db.execute("pragma wal_checkpoint(truncate)")

    def close(self) -> None:
        if self.db is not None:
            self.checkpoint()
            self.db.close()
            self.db = None
            self.lock.release()
