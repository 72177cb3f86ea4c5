"""The corpus schema: reports with their sources and attachments, saved atomically, full-text indexed."""

import sqlite3
import subprocess
import sys
import textwrap

from crawler.demo import trs
from crawler.parsers.common import attachments
from crawler.families import body_selectors  # noqa: E402
from pipelines.chain import clean_record
from pipelines.storage import open_corpus, report_id, save_report
from tests.conftest import CORPUS_SITES

SITE_ID, PROVINCE, CITY, PORTAL, AGENCIES, YEARS = CORPUS_SITES[0]
BASE = "http://www.linjiang.gov.cn"


def crawled_record(entry, html=None, url=None, site_id=SITE_ID) -> dict:
    """What the crawl hands to the storage stage for one published entry."""
    url = url or BASE + entry.path
    html = html or trs.detail_html(PORTAL, "信息公开年报", entry, with_table=True)
    record = {"url": url, "html": html, "site_id": site_id, "province": PROVINCE, "city": CITY, "flags": [],
              "attachments": attachments(html, url), "fetched_at": "2025-02-01T08:00:00+00:00"}
    return clean_record(record)


def published_entries():
    _site, entries = trs.build_site(PORTAL, AGENCIES, YEARS, notices=1)
    return entries


def fts_titles(db, phrase):
    return [row[0] for row in db.execute("select title from reports_fts where reports_fts match ?", [f'"{phrase}"'])]


def test_fresh_corpus_has_every_table_indexes_and_wal(tmp_path):
    db = open_corpus(tmp_path / "corpus.db")
    assert {"reports", "reports_fts", "report_sources", "attachments", "sites", "crawl_runs"} <= set(db.table_names())
    indexed = {tuple(index.columns) for index in db["reports"].indexes}
    assert {("year",), ("province",), ("kind",), ("dup_of",), ("url",)} <= indexed
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert "trigram" in db["reports_fts"].schema


def test_report_attachments_and_source_are_stored_together(tmp_path):
    db = open_corpus(tmp_path / "corpus.db")
    entry = published_entries()[0]
    assert save_report(db, crawled_record(entry)) == "new"
    row_id = report_id(BASE + entry.path)
    assert db.execute("select report_id, url, name from attachments").fetchall() == [
        (row_id, BASE + entry.attachment_path, entry.title + ".pdf")]
    assert db.execute("select report_id, url, site_id from report_sources").fetchall() == [(row_id, BASE + entry.path, SITE_ID)]
    assert save_report(db, crawled_record(entry)) == "unchanged"
    assert db.execute("select count(*) from attachments").fetchone() == (1,)


def test_attachment_without_url_is_skipped_not_fatal(tmp_path):
    db = open_corpus(tmp_path / "corpus.db")
    entry = published_entries()[0]
    record = crawled_record(entry)
    record["attachments"] = [{"url": None, "name": "附件"}, *record["attachments"], *record["attachments"]]
    save_report(db, record)
    assert db.execute("select count(*) from attachments").fetchone() == (1,)
    assert db.execute("select count(*) from reports").fetchone() == (1,)


def test_full_text_index_follows_updates(tmp_path):
    db = open_corpus(tmp_path / "corpus.db")
    entry = next(e for e in published_entries() if e.kind == "annual")
    save_report(db, crawled_record(entry))
    old_phrase = entry.report.blocks[-1][1][:12]
    assert fts_titles(db, old_phrase) == [entry.title]
    html = trs.detail_html(PORTAL, "信息公开年报", entry, with_table=True).replace(old_phrase, "根据群众意见修订后的新表述")
    assert save_report(db, crawled_record(entry, html)) == "updated"
    assert fts_titles(db, old_phrase) == []
    assert fts_titles(db, "群众意见修订") == [entry.title]
    assert db.execute("select count(*) from reports_fts").fetchone() == (1,)


def test_crash_in_the_middle_of_a_save_leaves_no_half_report(tmp_path):
    """The process dies after the report row is written but before its source is: nothing of it remains."""
    path = tmp_path / "corpus.db"
    entry = published_entries()[0]
    script = textwrap.dedent(f"""
        import os
        from sqlite_utils.db import Table
        from pipelines.storage import open_corpus, save_report
        from tests.test_storage import crawled_record, published_entries
        db = open_corpus({str(path)!r})
        entry = published_entries()[0]
        save_report(db, crawled_record(published_entries()[1]))
        upsert = Table.upsert
        Table.upsert = lambda table, *args, **kwargs: os._exit(3) if table.name == "report_sources" else upsert(table, *args, **kwargs)
        save_report(db, crawled_record(entry))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 3, result.stderr
    con = sqlite3.connect(path)
    assert con.execute("select url from reports").fetchall() == [(BASE + published_entries()[1].path,)]
    assert con.execute("select count(*) from reports_fts").fetchone() == (1,)
    assert con.execute("select count(*) from attachments where url = ?", [BASE + entry.attachment_path]).fetchone() == (0,)


def test_crawl_logs_progress_per_site(mock_site, crawl):
    from crawler.registry import Site

    site, entries = trs.build_site(PORTAL, AGENCIES, YEARS, notices=1)
    with mock_site(site) as base:
        row = Site(site_id=SITE_ID, template="trs", start_url=base + "/xxgk/xxgknb/index.html")
        result, _db = crawl([row], "-s", "LOG_LEVEL=INFO", "-s", "NIANBAO_PROGRESS_EVERY=2")
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"{SITE_ID}: crawling, 2 report(s) stored" in result.stderr
    assert f"{SITE_ID}: done, {len(entries)} report(s) stored ({len(entries)} new, 0 updated, 0 unchanged)" in result.stderr
