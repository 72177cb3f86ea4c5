"""The SQL of ``Corpus.store``, written once from the schema's column lists.

The statements are constant strings, so sqlite3 prepares each once per connection (its statement
cache) and a report costs no schema look-up: ``store.schema.ensure_schema`` has given every table
these columns when the corpus was opened. An upsert updates the row in place (``on conflict do
update``), so the full-text index's update trigger follows, and columns of an older corpus that
these lists no longer name keep their values.
"""

from __future__ import annotations

from .schema import (ATTACHMENT_COLUMNS, ATTACHMENTS, CHECK_COLUMNS, CHECKS, DECISION_COLUMNS, DECISIONS, FTS, FTS_COLUMNS, REPORT_COLUMNS, REPORTS, SIGNATURE_COLUMNS, SIGNATURES,
                     SOURCE_COLUMNS, SOURCES, STAT_COLUMNS, STATS)


def insert(table: str, columns) -> str:
    return f"insert into {table} ({', '.join(columns)}) values ({', '.join('?' * len(columns))})"


def upsert(table: str, columns, key: tuple[str, ...]) -> str:
    updated = [column for column in columns if column not in key]
    return (f"{insert(table, columns)} on conflict ({', '.join(key)}) do update set "
            + ", ".join(f"{column} = excluded.{column}" for column in updated))


def values(row: dict, columns) -> tuple:
    """The row's values in the statement's column order; a column the row lacks is null."""
    return tuple(row.get(column) for column in columns)


REPORT_KEYS = tuple(REPORT_COLUMNS)
SIGNATURE_KEYS = tuple(SIGNATURE_COLUMNS)
SOURCE_KEYS = tuple(SOURCE_COLUMNS)
ATTACHMENT_KEYS = tuple(ATTACHMENT_COLUMNS)
STAT_KEYS = tuple(STAT_COLUMNS)
CHECK_KEYS = tuple(CHECK_COLUMNS)
DECISION_KEYS = tuple(DECISION_COLUMNS)

PREVIOUS_REPORT = f"select content_hash, rowid from {REPORTS} where id = ?"
UPSERT_REPORT = upsert(REPORTS, REPORT_KEYS, ("id",)) + " returning rowid"
INDEX_TEXT = f"insert into {FTS} (rowid, {', '.join(FTS_COLUMNS)}) values (?, {', '.join('?' * len(FTS_COLUMNS))})"
UPSERT_SIGNATURE = upsert(SIGNATURES, SIGNATURE_KEYS, ("report_id",))
UPSERT_SOURCE = upsert(SOURCES, SOURCE_KEYS, ("report_id", "url"))
DELETE_ATTACHMENTS = f"delete from {ATTACHMENTS} where report_id = ?"
INSERT_ATTACHMENT = insert(ATTACHMENTS, ATTACHMENT_KEYS)
DELETE_STATS = f"delete from {STATS} where report_id = ?"
INSERT_STAT = insert(STATS, STAT_KEYS)
DELETE_CHECK = f"delete from {CHECKS} where report_id = ?"
INSERT_CHECK = insert(CHECKS, CHECK_KEYS)
FORGET_DECISION = f"delete from {DECISIONS} where url = ?"
UPSERT_DECISION = upsert(DECISIONS, DECISION_KEYS, ("url",))
SOURCES_OF = f"select url from {SOURCES} where report_id = ? order by url = ? desc, fetched_at, url"
