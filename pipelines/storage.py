"""Storage: the corpus in SQLite through sqlite-utils."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import sqlite_utils

from crawler.items import REPORT_FIELDS

REPORT_COLUMNS = {
    "id": str,
    **{name: str for name in REPORT_FIELDS},
    "year": int,
}
SOURCE_COLUMNS = {"report_id": str, "url": str, "site_id": str, "fetched_at": str}


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


def ensure_schema(db: sqlite_utils.Database) -> None:
    reports = db["reports"]
    if not reports.exists():
        reports.create(REPORT_COLUMNS, pk="id", not_null={"url", "site_id", "text"})
    else:
        reports.add_missing_columns([{name: None} for name in REPORT_COLUMNS if name not in reports.columns_dict])
    for columns in (["site_id"], ["year"], ["kind"], ["province"], ["content_hash"]):
        reports.create_index(columns, if_not_exists=True)
    reports.create_index(["url"], unique=True, if_not_exists=True)
    reports.create_index(["dup_of"], if_not_exists=True)
    sources = db["report_sources"]
    if not sources.exists():
        sources.create(SOURCE_COLUMNS, pk=("report_id", "url"))


SITE_COLUMNS = {"site_id": str, "name": str, "province": str, "city": str, "county": str, "level": str,
                "template": str, "start_url": str, "division_code": str, "verified": int, "options": str}
RUN_COLUMNS = {"run_id": str, "site_id": str, "template": str, "started_at": str, "finished_at": str, "status": str,
               "listing_pages": int, "stored": int, "invalid": int, "http_errors": int, "errors": int, "finish_reason": str}


def save_sites(db: sqlite_utils.Database, sites) -> None:
    """Mirror the registry rows being crawled into table ``sites``."""
    rows = []
    for site in sites:
        row = {name: getattr(site, name) for name in SITE_COLUMNS}
        row["options"] = json.dumps(site.options, ensure_ascii=False)
        row["verified"] = int(site.verified)
        rows.append(row)
    with db.conn:
        db["sites"].upsert_all(rows, pk="site_id", alter=True, columns=SITE_COLUMNS)


def save_runs(db: sqlite_utils.Database, rows: list[dict]) -> None:
    """One ``crawl_runs`` row per site per run."""
    with db.conn:
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


def save_report(db: sqlite_utils.Database, record) -> str:
    """Insert or update one report and its source in one transaction.

    Returns ``new``, ``updated`` (the clean text changed) or ``unchanged``.
    """
    row = report_row(record)
    previous = db.execute("select content_hash from reports where id = ?", [row["id"]]).fetchone()
    source = {"report_id": row["dup_of"] or row["id"], "url": row["url"], "site_id": row["site_id"], "fetched_at": row["fetched_at"]}
    with db.conn:
        db["reports"].upsert(row, pk="id", alter=True)
        db["report_sources"].upsert(source, pk=("report_id", "url"))
    if previous is None:
        return "new"
    return "unchanged" if previous[0] == row["content_hash"] else "updated"


class SQLitePipeline:
    """Writes each report to ``NIANBAO_DB``."""

    def __init__(self, path: str, stats):
        self.path = path
        self.stats = stats
        self.db = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("NIANBAO_DB"), crawler.stats)

    def open_spider(self):
        self.db = open_corpus(self.path)

    def close_spider(self):
        self.db.close()

    def process_item(self, item):
        outcome = save_report(self.db, item)
        self.stats.inc_value("nianbao/reports_stored")
        self.stats.inc_value(f"nianbao/reports_{outcome}")
        return item
