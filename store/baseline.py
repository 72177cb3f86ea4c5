"""The baseline of ``bench/storage.py``: ``Corpus.store``'s writes through sqlite-utils' table
methods, as nianbao wrote before ``store.statements`` (each call looks up the table's columns and
opens a savepoint), one transaction per report, the full-text entry written as sqlite-utils'
insert trigger wrote it."""

from __future__ import annotations

from pipelines.dedupe import describe

from .schema import ATTACHMENTS, CHECKS, FTS, REPORTS, SIGNATURES, SOURCES, STAT_COLUMNS, STAT_KEY, STATS, repoint
from .write import Corpus, attachment_rows, check_row, report_row, signature_row, stat_rows


def store_with_sqlite_utils(corpus: Corpus, record: dict) -> None:
    """``Corpus.store``'s writes, through sqlite-utils' table methods."""
    db = corpus.db
    copy = describe(record)
    placement = corpus.index.add(copy)
    row = report_row(record, None if placement.canonical_id == copy.report_id else placement.canonical_id)
    with db.atomic():
        previous = db.execute(f"select content_hash from {REPORTS} where id = ?", [row["id"]]).fetchone()
        db[SIGNATURES].upsert(signature_row(copy), pk="report_id")
        if placement.replaced:
            repoint(db, placement.replaced, placement.canonical_id)
        db[REPORTS].upsert(row, pk="id")
        if previous is None:
            db.execute(f"insert into {FTS} (rowid, title, text) select rowid, title, text from {REPORTS} where id = ?", [row["id"]])
        db[SOURCES].upsert({"report_id": placement.canonical_id, "url": row["url"], "site_id": row["site_id"],
                            "fetched_at": row["fetched_at"]}, pk=("report_id", "url"))
        db.execute(f"delete from {ATTACHMENTS} where report_id = ?", [row["id"]])
        db[ATTACHMENTS].insert_all(attachment_rows(record, row["id"]), pk=("report_id", "url"))
        for table in (STATS, CHECKS):
            db.execute(f"delete from {table} where report_id = ?", [row["id"]])
        db[STATS].insert_all([dict(zip(STAT_COLUMNS, values)) for values in stat_rows(record.get("stats"), row["id"])], pk=STAT_KEY)
        check = check_row(record.get("stats"), row["id"])
        if check:
            db[CHECKS].insert(check, pk="report_id")
    db.execute(f"select url from {SOURCES} where report_id = ?", [row["id"]]).fetchall()
