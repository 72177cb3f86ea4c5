"""Storage: the corpus in SQLite through sqlite-utils.

Tables: ``reports`` (one row per report URL, full-text indexed in ``reports_fts``),
``report_sources`` (every URL a report was found at), ``attachments`` (files linked from a
report page), ``sites`` (the registry rows crawled) and ``crawl_runs`` (one row per site per run).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from pathlib import Path

import sqlite_utils

from crawler.items import REPORT_FIELDS

logger = logging.getLogger(__name__)

REPORT_COLUMNS = {
    "id": str,
    **{name: str for name in REPORT_FIELDS},
    "year": int,
}
SOURCE_COLUMNS = {"report_id": str, "url": str, "site_id": str, "fetched_at": str}
ATTACHMENT_COLUMNS = {"report_id": str, "url": str, "name": str}
SITE_COLUMNS = {"site_id": str, "name": str, "province": str, "city": str, "county": str, "level": str,
                "template": str, "start_url": str, "division_code": str, "verified": int, "options": str}
RUN_COLUMNS = {"run_id": str, "site_id": str, "template": str, "started_at": str, "finished_at": str, "status": str,
               "listing_pages": int, "stored": int, "invalid": int, "http_errors": int, "errors": int, "finish_reason": str,
               "new": int, "updated": int, "unchanged": int, "skipped": int, "non_reports": int, "failed": int, "blocked": int,
               "blocked_reason": str, "resumed": int, "rows": int, "report_like": int, "followed": int, "suspects": int}

# Trigram tokens make FTS5 match any substring of 3+ characters, which suits Chinese: no word
# segmentation is needed and a query matches wherever its characters appear in that order.
FTS_COLUMNS = ["title", "text"]
FTS_TOKENIZER = "trigram"


def report_id(url: str) -> str:
    """Stable primary key: re-crawling a URL updates its row instead of adding one."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def open_corpus(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the corpus database with its schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.enable_wal()
    ensure_schema(db)
    return db


def ensure_table(db: sqlite_utils.Database, name: str, columns: dict, pk, **create) -> sqlite_utils.db.Table:
    """Create the table, or add the columns an older corpus lacks."""
    table = db[name]
    if not table.exists():
        table.create(columns, pk=pk, **create)
    else:
        table.add_missing_columns([{column: None} for column in columns if column not in table.columns_dict])
    return table


def ensure_schema(db: sqlite_utils.Database) -> None:
    reports = ensure_table(db, "reports", REPORT_COLUMNS, "id", not_null={"url", "site_id", "text"})
    for columns in (["site_id"], ["year"], ["kind"], ["province"], ["content_hash"], ["dup_of"]):
        reports.create_index(columns, if_not_exists=True)
    reports.create_index(["url"], unique=True, if_not_exists=True)
    if not db["reports_fts"].exists():
        reports.enable_fts(FTS_COLUMNS, tokenize=FTS_TOKENIZER, create_triggers=True)
    ensure_table(db, "report_sources", SOURCE_COLUMNS, ("report_id", "url"))
    attachments = ensure_table(db, "attachments", ATTACHMENT_COLUMNS, ("report_id", "url"))
    attachments.create_index(["url"], if_not_exists=True)
    ensure_table(db, "sites", SITE_COLUMNS, "site_id")
    runs = ensure_table(db, "crawl_runs", RUN_COLUMNS, ("run_id", "site_id"))
    runs.create_index(["site_id"], if_not_exists=True)


def save_sites(db: sqlite_utils.Database, sites) -> None:
    """Mirror the registry rows being crawled into table ``sites``."""
    rows = []
    for site in sites:
        row = {name: getattr(site, name) for name in SITE_COLUMNS}
        row["options"] = json.dumps(site.options, ensure_ascii=False)
        row["verified"] = int(site.verified)
        rows.append(row)
    with db.atomic():
        db["sites"].upsert_all(rows, pk="site_id", alter=True, columns=SITE_COLUMNS)


def save_runs(db: sqlite_utils.Database, rows: list[dict]) -> None:
    """One ``crawl_runs`` row per site per run."""
    with db.atomic():
        db["crawl_runs"].insert_all(rows, pk=("run_id", "site_id"), alter=True, columns=RUN_COLUMNS, replace=True)


def report_row(record) -> dict:
    """The ``reports`` row of a record; list and dict values are stored as JSON."""
    row = {name: record.get(name) for name in REPORT_FIELDS}
    row["flags"] = sorted(set(row["flags"] or []))
    for name, value in row.items():
        if isinstance(value, (list, dict)):
            row[name] = json.dumps(value, ensure_ascii=False)
    row["id"] = report_id(record["url"])
    return row


def attachment_rows(record, row_id: str) -> list[dict]:
    """One row per distinct attachment URL; links without a URL are skipped."""
    rows = {}
    for attachment in record.get("attachments") or []:
        if attachment.get("url"):
            rows.setdefault(attachment["url"], {"report_id": row_id, "url": attachment["url"], "name": attachment.get("name")})
    return list(rows.values())


def save_report(db: sqlite_utils.Database, record) -> str:
    """Insert or update one report, its source and its attachments in one transaction.

    The full-text index follows through triggers inside the same transaction, so a crash
    leaves either the whole report or none of it. Returns ``new``, ``updated`` (the clean
    text changed) or ``unchanged``.
    """
    row = report_row(record)
    previous = db.execute("select content_hash from reports where id = ?", [row["id"]]).fetchone()
    source = {"report_id": row["dup_of"] or row["id"], "url": row["url"], "site_id": row["site_id"], "fetched_at": row["fetched_at"]}
    with db.atomic():
        db["reports"].upsert(row, pk="id", alter=True)
        db["report_sources"].upsert(source, pk=("report_id", "url"))
        db.execute("delete from attachments where report_id = ?", [row["id"]])
        db["attachments"].insert_all(attachment_rows(record, row["id"]), pk=("report_id", "url"))
    if previous is None:
        return "new"
    return "unchanged" if previous[0] == row["content_hash"] else "updated"


class SQLitePipeline:
    """Writes each report to ``NIANBAO_DB`` and logs the site's progress every ``NIANBAO_PROGRESS_EVERY`` reports."""

    def __init__(self, path: str, stats, progress_every: int):
        self.path = path
        self.stats = stats
        self.progress_every = progress_every
        self.outcomes: Counter = Counter()
        self.site_id = None
        self.db = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("NIANBAO_DB"), crawler.stats, crawler.settings.getint("NIANBAO_PROGRESS_EVERY"))

    def open_spider(self):
        self.db = open_corpus(self.path)

    def close_spider(self):
        if self.site_id:
            self.log_progress("done")
        self.db.close()

    def log_progress(self, state: str) -> None:
        counts = ", ".join(f"{self.outcomes[name]} {name}" for name in ("new", "updated", "unchanged"))
        logger.info("%s: %s, %d report(s) stored (%s)", self.site_id, state, sum(self.outcomes.values()), counts)

    def process_item(self, item):
        outcome = save_report(self.db, item)
        self.site_id = item.get("site_id")
        self.outcomes[outcome] += 1
        self.stats.inc_value("nianbao/reports_stored")
        self.stats.inc_value(f"nianbao/reports_{outcome}")
        if sum(self.outcomes.values()) % self.progress_every == 0:
            self.log_progress("crawling")
        return item
