"""The corpus schema and its migrations.

Every table is created when missing, and every column a table lacks is added when the corpus is
opened, so a new field of ``pipelines.record.Report`` is one line there and an existing corpus
gains the column in place. Data migrations run once, by ``PRAGMA user_version``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from pipelines.canonical import preference
from pipelines.record import INTEGER_FIELDS, REPORT_FIELDS

if TYPE_CHECKING:  # the read side (search, export, stats) works on sqlite3 alone
    import sqlite_utils

logger = logging.getLogger(__name__)

REPORTS, FTS, SOURCES, ATTACHMENTS, SITES, RUNS, SIGNATURES = (
    "reports", "reports_fts", "report_sources", "attachments", "sites", "crawl_runs", "dedupe_signatures")
STATS, CHECKS = "report_stats", "report_checks"
DECISIONS = "decisions"

REPORT_COLUMNS = {"id": str, **{name: int if name in INTEGER_FIELDS else str for name in REPORT_FIELDS}}
SOURCE_COLUMNS = {"report_id": str, "url": str, "site_id": str, "fetched_at": str}
ATTACHMENT_COLUMNS = {"report_id": str, "url": str, "name": str, "outcome": str, "detail": str, "format": str,
                      "content_type": str, "size": int, "sha256": str, "pages": int, "ocr_pages": int, "text": str,
                      "fetched_at": str, "path": str}
SITE_COLUMNS = {"site_id": str, "name": str, "province": str, "city": str, "county": str, "level": str,
                "template": str, "start_url": str, "division_code": str, "verified": int, "options": str}
RUN_COLUMNS = {"run_id": str, "site_id": str, "template": str, "started_at": str, "finished_at": str, "status": str,
               "listing_pages": int, "stored": int, "invalid": int, "http_errors": int, "errors": int, "finish_reason": str,
               "new": int, "updated": int, "unchanged": int, "skipped": int, "non_reports": int, "failed": int, "blocked": int,
               "blocked_reason": str, "resumed": int, "rows": int, "report_like": int, "followed": int, "suspects": int,
               "files_read": int, "files_failed": str, "text_from_files": int,
               "size_capped": int, "timed_out": int, "listing_capped": int, "detail_capped": int,
               "redirects_refused": int, "remembered": int, "remembered_reasons": str}
# Detail pages judged not to be stored (crawler.decisions), with the validators of their answer.
DECISION_COLUMNS = {"url": str, "site_id": str, "reason": str, "detail": str, "etag": str, "last_modified": str, "decided_at": str}
SIGNATURE_COLUMNS = {
    "report_id": str, "canonical_id": str, "exact_hash": str, "identity": str, "agency": str, "year": int,
    "signature": bytes, "site_rank": int, "flagged": int, "traditional": int, "length": int, "published": str,
}
# One number of a report's statistics per row (pipelines.statistics); value null for a blank cell.
# value is an INTEGER column: counts stay integers, amounts (万元) are stored as reals.
# position: the number's place among its report's numbers, in the order of the tables.
STAT_COLUMNS = {"report_id": str, "source": str, "format": str, "table_key": str, "row_key": str, "column_key": str,
                "value": int, "raw": str, "position": int}
STAT_KEY = ("report_id", "source", "table_key", "row_key", "column_key")
# The checks of a report's tables: failed and uncertain as JSON lists.
CHECK_COLUMNS = {"report_id": str, "format": str, "complete": int, "consistent": int, "failed": str, "uncertain": str}
# The columns of a signature row that make up a copy's preference (pipelines.canonical.preference), in its order.
PREFERENCE_COLUMNS = ("site_rank", "flagged", "traditional", "length", "published", "report_id")

# Trigram tokens make FTS5 match any substring of 3+ characters, which suits Chinese: no word
# segmentation is needed and a query matches wherever its characters appear in that order.
FTS_COLUMNS = ["title", "text"]
FTS_TOKENIZER = "trigram"
UPDATE_TRIGGER = f"{REPORTS}_au"
# sqlite-utils' insert trigger, dropped: Corpus.store indexes a new report itself (store.write).
INSERT_TRIGGER = f"{REPORTS}_ai"

SCHEMA_VERSION = 2

# PRAGMA application_id of a nianbao corpus ("NBao"): another application's SQLite file is never altered.
APPLICATION_ID = 0x4E42616F
# Columns by which a corpus written before the application id was set is recognised.
CORPUS_MARKER_COLUMNS = {"id", "url", "site_id", "text", "content_hash", "dup_of"}


class NotACorpus(ValueError):
    """The SQLite file belongs to another application; the message says why."""


def check_corpus(conn, path) -> None:
    """Raise NotACorpus unless ``conn`` is a nianbao corpus, an older one, or an empty database.

    Raises ``sqlite3.DatabaseError`` when the file is not SQLite at all."""
    application_id = conn.execute("pragma application_id").fetchone()[0]
    if application_id == APPLICATION_ID:
        return
    if application_id:
        raise NotACorpus(f"{path} is another application's database (application_id {application_id:#x}), not a nianbao corpus")
    tables = [row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")]
    if not tables:
        return
    columns = {row[1] for row in conn.execute(f"pragma table_info({REPORTS})")}
    if not CORPUS_MARKER_COLUMNS <= columns:
        raise NotACorpus(f"{path} is not a nianbao corpus (it holds table(s) {', '.join(sorted(tables)[:5])}"
                         f"{' …' if len(tables) > 5 else ''} of another application)")


def ensure_table(db: sqlite_utils.Database, name: str, columns: dict, pk, **create) -> sqlite_utils.db.Table:
    """Create the table, or add the columns an older corpus lacks."""
    table = db[name]
    if not table.exists():
        table.create(columns, pk=pk, **create)
    else:
        missing = {column: kind for column, kind in columns.items() if column not in table.columns_dict}
        for column, kind in missing.items():
            table.add_column(column, kind)
    return table


def create_stats_table(db: sqlite_utils.Database, name: str, columns: dict | None = None) -> None:
    """The numbers of the statistics tables, about 200 rows per report, kept in their primary key's
    B-tree alone (``WITHOUT ROWID``): a rowid table stores each row twice over, once by rowid and
    once in the key's index, which doubles both the file and the cost of storing a report's tables."""
    types = {str: "TEXT", int: "INTEGER"}
    definitions = ", ".join(f"[{column}] {types.get(kind, kind)}" for column, kind in (columns or STAT_COLUMNS).items())
    db.execute(f"CREATE TABLE [{name}] ({definitions}, PRIMARY KEY ({', '.join(STAT_KEY)})) WITHOUT ROWID")


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Bring the corpus to the current schema: tables, columns, indexes, then data migrations."""
    check_corpus(db.conn, db.conn.execute("pragma database_list").fetchone()[2])
    db.execute(f"pragma application_id = {APPLICATION_ID}")
    reports = ensure_table(db, REPORTS, REPORT_COLUMNS, "id", not_null={"url", "site_id", "text"})
    for columns in (["site_id"], ["year"], ["kind"], ["province"], ["content_hash"], ["dup_of"]):
        reports.create_index(columns, if_not_exists=True)
    reports.create_index(["url"], unique=True, if_not_exists=True)
    if not db[FTS].exists():
        reports.enable_fts(FTS_COLUMNS, tokenize=FTS_TOKENIZER, create_triggers=True)
    index_changed_text_only(db)
    db.execute(f'DROP TRIGGER IF EXISTS "{INSERT_TRIGGER}"')
    ensure_table(db, SOURCES, SOURCE_COLUMNS, ("report_id", "url"))
    ensure_table(db, ATTACHMENTS, ATTACHMENT_COLUMNS, ("report_id", "url")).create_index(["url"], if_not_exists=True)
    ensure_table(db, SITES, SITE_COLUMNS, "site_id")
    ensure_table(db, RUNS, RUN_COLUMNS, ("run_id", "site_id")).create_index(["site_id"], if_not_exists=True)
    ensure_table(db, SIGNATURES, SIGNATURE_COLUMNS, "report_id").create_index(["canonical_id"], if_not_exists=True)
    if not db[STATS].exists():
        create_stats_table(db, STATS)
    ensure_table(db, STATS, STAT_COLUMNS, STAT_KEY)
    # Corpora before 2026-12 also filed every number by cell: 200 scattered index entries per
    # report cost a third of storing it, and the statistics queries run faster without (they go
    # from the reports to their numbers by the primary key).
    db.execute(f"DROP INDEX IF EXISTS idx_{STATS}_table_key_row_key_column_key")
    ensure_table(db, CHECKS, CHECK_COLUMNS, "report_id")
    ensure_table(db, DECISIONS, DECISION_COLUMNS, "url")
    version = db.execute("pragma user_version").fetchone()[0]
    for target, migrate in MIGRATIONS:
        if version < target:
            with db.atomic():
                migrate(db)
                db.execute(f"pragma user_version = {target}")


def index_changed_text_only(db: sqlite_utils.Database) -> None:
    """Re-index a report's title and text in the full-text index only when one of them changed: an
    update of ``dup_of`` (a group re-pointed) or of a re-crawled report with the same text leaves
    the index alone. Replaces the update trigger sqlite-utils writes (which re-indexes on any update)."""
    wanted = (f'CREATE TRIGGER "{UPDATE_TRIGGER}" AFTER UPDATE OF {", ".join(FTS_COLUMNS)} ON "{REPORTS}"\n'
              f'WHEN {" OR ".join(f"old.{column} IS NOT new.{column}" for column in FTS_COLUMNS)} BEGIN\n'
              f'  INSERT INTO "{FTS}" ("{FTS}", rowid, {", ".join(FTS_COLUMNS)}) VALUES(\'delete\', old.rowid, '
              f'{", ".join(f"old.{column}" for column in FTS_COLUMNS)});\n'
              f'  INSERT INTO "{FTS}" (rowid, {", ".join(FTS_COLUMNS)}) VALUES (new.rowid, {", ".join(f"new.{column}" for column in FTS_COLUMNS)});\n'
              f'END')
    found = db.execute("select sql from sqlite_master where type = 'trigger' and name = ?", [UPDATE_TRIGGER]).fetchone()
    if found and found[0] != wanted:
        with db.atomic():
            db.execute(f'DROP TRIGGER "{UPDATE_TRIGGER}"')
            db.execute(wanted)


def disable_full_text(db: sqlite_utils.Database) -> None:
    """Drop the full-text index and its triggers (``bench/storage_fts.py`` measures what it costs)."""
    db[REPORTS].disable_fts()


def repoint(db: sqlite_utils.Database, old: str, new: str) -> None:
    """Make ``new`` the canonical copy of ``old``'s group: signatures, ``dup_of`` and sources follow.

    Runs inside the caller's transaction."""
    execute = db.execute
    execute(f"update {SIGNATURES} set canonical_id = ? where canonical_id = ?", [new, old])
    execute(f"update {REPORTS} set dup_of = ? where dup_of = ? or id = ?", [new, old, old])
    execute(f"update {REPORTS} set dup_of = null where id = ?", [new])
    execute(f"update or replace {SOURCES} set report_id = ? where report_id = ?", [new, old])


def _forget_unstored_copies(db: sqlite_utils.Database) -> None:
    """Version 1. Corpora written before the store (dedupe and storage were two transactions) may
    hold signatures of copies that were placed but never stored, when a crawl was killed between
    the two: those are dropped and their groups go back to their best stored copy."""
    unstored = db.execute(f"select report_id, canonical_id from {SIGNATURES}"
                          f" where report_id not in (select id from {REPORTS})").fetchall()
    db.conn.executemany(f"delete from {SIGNATURES} where report_id = ?", [(rid,) for rid, _ in unstored])
    for dropped in {rid for rid, canonical in unstored if rid == canonical}:
        members = db.execute(f"select {', '.join(PREFERENCE_COLUMNS)} from {SIGNATURES} where canonical_id = ?", [dropped]).fetchall()
        if members:
            repoint(db, dropped, min(members, key=lambda member: preference(*member))[-1])
    if unstored:
        logger.warning("corpus migration: %d copy(ies) placed but never stored were dropped from %s", len(unstored), SIGNATURES)


def _stats_without_rowid(db: sqlite_utils.Database) -> None:
    """Version 2. The statistics numbers of an older corpus move into a ``WITHOUT ROWID`` table
    (``create_stats_table``); every column and number is kept, and their order (the rowid's) becomes
    their ``position``."""
    if "WITHOUT ROWID" in db[STATS].schema.upper():
        return
    columns = {column.name: column.type for column in db[STATS].columns}
    create_stats_table(db, f"{STATS}_new", columns)
    values = ["row_number() over (partition by report_id order by rowid) - 1" if column == "position" else f"[{column}]" for column in columns]
    db.execute(f"INSERT INTO [{STATS}_new] ({', '.join(f'[{column}]' for column in columns)}) SELECT {', '.join(values)} FROM [{STATS}]")
    db.execute(f"DROP TABLE [{STATS}]")
    db.execute(f"ALTER TABLE [{STATS}_new] RENAME TO [{STATS}]")


MIGRATIONS = ((1, _forget_unstored_copies), (2, _stats_without_rowid))
assert MIGRATIONS[-1][0] == SCHEMA_VERSION
