"""The corpus store on temporary databases, no crawl: schema, one-transaction writes, duplicate
groups, migration of a corpus written before the store, the canned queries, and the rule that
no module outside ``store/`` holds corpus SQL."""

import json
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from crawler.cli.browse import datasette_metadata
from crawler.demo import trs
from crawler.demo.reports import make_report
from crawler.families import body_selectors
from crawler.parsers.common import attachments
from pipelines.chain import clean_record
from pipelines.record import report_id
from store import schema
from store.queries import canned_queries
from store.read import Filters, connect, search
from store.write import Corpus
from tests.conftest import CORPUS_SITES, TESTS

SITE_ID, PROVINCE, CITY, PORTAL, AGENCIES, YEARS = CORPUS_SITES[0]
BASE = "http://www.linjiang.gov.cn"
ROOT = TESTS.parent
V1_CORPUS = TESTS / "data" / "corpus-v1.db"  # written by the code of ac8f889, before the store (tests/data/make_corpus_v1.py)

AGENCY = "临江市财政局"
OWN = {"name": AGENCY, "level": "department"}
PORTAL_SITE = {"name": "临江市人民政府", "level": "city"}
MIRROR = {"name": "转载网", "level": "mirror"}


def crawled_record(entry, html=None, url=None, site_id=SITE_ID) -> dict:
    """What the crawl hands to the store for one published entry."""
    url = url or BASE + entry.path
    html = html or trs.detail_html(PORTAL, "信息公开年报", entry, with_table=True)
    record = {"url": url, "html": html, "site_id": site_id, "province": PROVINCE, "city": CITY, "flags": [],
              "attachments": attachments(html, url), "containers": body_selectors("trs"), "fetched_at": "2025-02-01T08:00:00+00:00"}
    return clean_record(record)


def published_entries():
    _site, entries = trs.build_site(PORTAL, AGENCIES, YEARS, notices=1)
    return entries


def copy_record(url: str, site: dict, text: str | None = None, **fields) -> dict:
    """One copy of 临江市财政局's 2023 report, as it leaves the cleaning chain."""
    report = make_report(AGENCY, 2023)
    return {"url": url, "site_id": "x", "title": report.title, "agency": AGENCY, "year": 2023, "kind": "annual",
            "text": text or report.gold_text, "flags": [], "original_script": "simplified", "published": "2024-01-20",
            "fetched_at": "2025-02-01T08:00:00+00:00", "site": site, **fields}


PORTAL_URL, MIRROR_URL, OWN_URL = "http://portal.gov.cn/1.html", "http://mirror.com/1.html", "http://own.gov.cn/1.html"
PORTAL_ID, MIRROR_ID, OWN_ID = map(report_id, (PORTAL_URL, MIRROR_URL, OWN_URL))


def groups(db) -> dict:
    return dict(db.execute("select id, dup_of from reports").fetchall())


def dangling(db) -> list:
    """Every reference to a report that is not stored, and every duplicate pointing at a duplicate."""
    return db.execute("""
        select 'dup_of', id from reports where dup_of is not null and dup_of not in (select id from reports where dup_of is null)
        union all select 'source', url from report_sources where report_id not in (select id from reports)
        union all select 'signature', report_id from dedupe_signatures where report_id not in (select id from reports)
            or canonical_id not in (select id from reports)""").fetchall()


def fts_titles(db, phrase):
    return [row[0] for row in db.execute("select title from reports_fts where reports_fts match ?", [f'"{phrase}"'])]


@pytest.fixture(params=[1, 10], ids=["one report per commit", "ten per commit"])
def corpus(tmp_path, request):
    corpus = Corpus(tmp_path / "corpus.db", batch=request.param)
    yield corpus
    corpus.close()


def test_fresh_corpus_has_every_table_indexes_and_wal(corpus):
    db = corpus.db
    assert {"reports", "reports_fts", "report_sources", "attachments", "sites", "crawl_runs", "dedupe_signatures"} <= set(db.table_names())
    indexed = {tuple(index.columns) for index in db["reports"].indexes}
    assert {("year",), ("province",), ("kind",), ("dup_of",), ("url",)} <= indexed
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db.execute("pragma user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert "trigram" in db["reports_fts"].schema


def test_report_attachments_source_and_signature_are_stored_together(corpus):
    db = corpus.db
    entry = published_entries()[0]
    assert corpus.store(crawled_record(entry)).outcome == "new"
    row_id = report_id(BASE + entry.path)
    assert db.execute("select report_id, url, name from attachments").fetchall() == [
        (row_id, BASE + entry.attachment_path, entry.title + ".pdf")]
    assert db.execute("select report_id, url, site_id from report_sources").fetchall() == [(row_id, BASE + entry.path, SITE_ID)]
    assert db.execute("select report_id, canonical_id from dedupe_signatures").fetchall() == [(row_id, row_id)]
    assert corpus.store(crawled_record(entry)).outcome == "unchanged"
    assert db.execute("select count(*) from attachments").fetchone() == (1,)


def test_attachment_without_url_is_skipped_not_fatal(corpus):
    entry = published_entries()[0]
    record = crawled_record(entry)
    record["attachments"] = [{"url": None, "name": "附件"}, *record["attachments"], *record["attachments"]]
    corpus.store(record)
    assert corpus.db.execute("select count(*) from attachments").fetchone() == (1,)
    assert corpus.db.execute("select count(*) from reports").fetchone() == (1,)


def test_full_text_index_follows_updates(corpus):
    db = corpus.db
    entry = next(e for e in published_entries() if e.kind == "annual")
    corpus.store(crawled_record(entry))
    corpus.commit()  # a batch's new reports are indexed when it is committed
    old_phrase = entry.report.blocks[-1][1][:12]
    assert fts_titles(db, old_phrase) == [entry.title]
    html = trs.detail_html(PORTAL, "信息公开年报", entry, with_table=True).replace(old_phrase, "根据群众意见修订后的新表述")
    assert corpus.store(crawled_record(entry, html)).outcome == "updated"
    corpus.commit()
    assert fts_titles(db, old_phrase) == []
    assert fts_titles(db, "群众意见修订") == [entry.title]
    assert db.execute("select count(*) from reports_fts").fetchone() == (1,)


def test_crash_in_the_middle_of_a_save_leaves_no_half_report(tmp_path):
    """The process dies after the report row is written but before its source is: nothing of it
    remains, not even its signature (its place in a duplicate group)."""
    path = tmp_path / "corpus.db"
    entry = published_entries()[0]
    script = textwrap.dedent(f"""
        import os
        from store.write import Corpus
        from tests.test_store import crawled_record, published_entries
        corpus = Corpus({str(path)!r})
        entry = published_entries()[0]
        corpus.store(crawled_record(published_entries()[1]))
        corpus.db.conn.set_trace_callback(lambda statement: statement.startswith("insert into report_sources") and os._exit(3))
        corpus.store(crawled_record(entry))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 3, result.stderr
    con = sqlite3.connect(path)
    assert con.execute("select url from reports").fetchall() == [(BASE + published_entries()[1].path,)]
    assert con.execute("select count(*) from reports_fts").fetchone() == (1,)
    assert con.execute("select count(*) from dedupe_signatures").fetchone() == (1,)
    assert con.execute("select count(*) from attachments where url = ?", [BASE + entry.attachment_path]).fetchone() == (0,)


def test_a_better_copy_repoints_the_stored_group_and_the_groups_persist(tmp_path):
    corpus = Corpus(tmp_path / "corpus.db")
    assert corpus.store(copy_record(MIRROR_URL, MIRROR)).dup_of is None
    stored = corpus.store(copy_record(PORTAL_URL, PORTAL_SITE))
    assert stored.dup_of is None and stored.placement.replaced == MIRROR_ID  # a government site beats a mirror
    assert groups(corpus.db) == {PORTAL_ID: None, MIRROR_ID: PORTAL_ID}
    corpus.close()

    reopened = Corpus(tmp_path / "corpus.db")
    assert len(reopened.index) == 2 and reopened.index.copies[MIRROR_ID].canonical_id == PORTAL_ID
    edited = make_report(AGENCY, 2023).gold_text.replace("政府信息公开", "政务信息公开", 3)
    stored = reopened.store(copy_record(OWN_URL, OWN, text=edited))
    assert stored.placement.matched_by == "same report" and stored.placement.replaced == PORTAL_ID
    db = reopened.db
    assert groups(db) == {PORTAL_ID: OWN_ID, MIRROR_ID: OWN_ID, OWN_ID: None}
    assert {row[0] for row in db.execute("select report_id from report_sources")} == {OWN_ID}
    assert {row[0] for row in db.execute("select canonical_id from dedupe_signatures")} == {OWN_ID}
    assert reopened.store(copy_record(MIRROR_URL, MIRROR)).dup_of == OWN_ID  # a re-crawled copy keeps its group
    assert dangling(db) == []
    reopened.close()


def test_a_failed_write_rolls_back_the_placement_too(corpus):
    """The re-pointing of a group is written with the report that caused it or not at all, and the
    in-memory groups follow what the corpus holds."""
    corpus.store(copy_record(PORTAL_URL, PORTAL_SITE))
    corpus.store(copy_record(MIRROR_URL, MIRROR))
    unstorable = copy_record(OWN_URL, OWN, attachments=[{"url": "http://own.gov.cn/1.pdf", "name": object()}])
    with pytest.raises(Exception):
        corpus.store(unstorable)
    assert groups(corpus.db) == {PORTAL_ID: None, MIRROR_ID: PORTAL_ID}
    assert dangling(corpus.db) == []
    assert OWN_ID not in corpus.index.copies and corpus.index.copies[MIRROR_ID].canonical_id == PORTAL_ID
    assert corpus.store(copy_record(OWN_URL, OWN)).placement.replaced == PORTAL_ID
    assert groups(corpus.db) == {PORTAL_ID: OWN_ID, MIRROR_ID: OWN_ID, OWN_ID: None}
    corpus.commit()
    assert groups(sqlite3.connect(corpus.path)) == {PORTAL_ID: OWN_ID, MIRROR_ID: OWN_ID, OWN_ID: None}


def test_crawl_runs_and_sites_are_recorded(corpus):
    from crawler.registry import Site

    corpus.save_sites([Site(site_id="a", name="甲", template="trs", start_url="http://a.gov.cn/", options={"x": 1})])
    corpus.save_runs([{"run_id": "r1", "site_id": "a", "status": "ok", "new": 2}])
    assert corpus.db.execute("select site_id, options, verified from sites").fetchall() == [("a", '{"x": 1}', 0)]
    assert corpus.db.execute("select run_id, status, new from crawl_runs").fetchall() == [("r1", "ok", 2)]


# -- a corpus written before the store -------------------------------------------------------


def v1_copy(tmp_path) -> Path:
    path = tmp_path / "old.db"
    shutil.copy(V1_CORPUS, path)
    return path


V1_TABLES = ("reports", "report_sources", "attachments", "sites", "crawl_runs", "dedupe_signatures")


def table_rows(path, columns: dict | None = None) -> dict:
    """Every row of the v1 tables, in the columns ``columns`` names (default: all the table has)."""
    con = sqlite3.connect(path)
    rows = {}
    for table in V1_TABLES:
        names = (columns or {}).get(table) or [row[1] for row in con.execute(f"pragma table_info({table})")]
        rows[table] = sorted(con.execute(f"select {', '.join(f'[{n}]' for n in names)} from {table}").fetchall(), key=repr)
    con.close()
    return rows


def table_columns(path) -> dict:
    con = sqlite3.connect(path)
    columns = {table: [row[1] for row in con.execute(f"pragma table_info({table})")] for table in V1_TABLES}
    con.close()
    return columns


def test_a_corpus_written_before_the_store_opens_and_is_migrated_in_place(tmp_path):
    path = v1_copy(tmp_path)
    before, v1_columns = table_rows(path), table_columns(path)
    assert sqlite3.connect(path).execute("pragma user_version").fetchone() == (0,)
    assert len(before["reports"]) == 6 and any(dup_of for *_, dup_of in [(r[0], r[-1]) for r in before["reports"]])
    corpus = Corpus(path)
    assert corpus.db.execute("pragma user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert table_rows(path, v1_columns) == before, "every row kept as it was (new columns added beside them)"
    assert dangling(corpus.db) == []
    # The stored groups are loaded: a new copy of a stored report joins its group.
    title, text, dup_of = corpus.db.execute("select title, text, dup_of from reports where site_id = 'czj'").fetchone()
    assert dup_of is None
    stored = corpus.store({"url": "http://again.example.com/1.html", "site_id": "again", "title": title, "text": text, "kind": "annual",
                           "year": 2023, "flags": [], "site": MIRROR, "fetched_at": "2026-01-01T00:00:00+00:00"})
    assert stored.placement.matched_by == "exact" and stored.dup_of == corpus.db.execute(
        "select id from reports where site_id = 'czj'").fetchone()[0]
    corpus.close()
    con = connect(path)  # the read side works on it
    assert search(con, title[:12], Filters()).hits[0].title == title


def test_commands_read_a_migrated_corpus(tmp_path):
    from tests.conftest import run_nianbao

    path = v1_copy(tmp_path)
    Corpus(path).close()
    stats = run_nianbao("stats", "--db", str(path))
    assert stats.returncode == 0 and "安徽省" in stats.stdout and "czj" in stats.stdout, stats.stderr
    export = run_nianbao("export", "--format", "jsonl", "--out", str(tmp_path / "r.jsonl"), "--db", str(path))
    assert export.returncode == 0, export.stderr
    rows = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert len(rows) == 3 and max(len(row["sources"]) for row in rows) == 3  # the bureau's report, the portal's and the mirror's copy


def test_migration_gives_back_the_group_of_a_copy_placed_but_never_stored(tmp_path):
    """The state an old two-stage crawl left when killed between dedupe and storage: the bureau's
    copy re-pointed its group but was never stored."""
    path = v1_copy(tmp_path)
    con = sqlite3.connect(path)
    own = con.execute("select id, url from reports where site_id = 'czj'").fetchone()
    portal = con.execute("select id from reports where site_id = 'linjiang' and dup_of = ?", [own[0]]).fetchone()[0]
    with con:
        con.execute("delete from reports where id = ?", [own[0]])
        con.execute("delete from report_sources where url = ?", [own[1]])
    assert dangling(con)
    con.close()
    corpus = Corpus(path)
    assert dangling(corpus.db) == []
    assert own[0] not in corpus.index.copies
    members = corpus.db.execute("select id from reports where dup_of = ?", [portal]).fetchall()
    assert len(members) == 1 and groups(corpus.db)[portal] is None
    corpus.close()


def test_a_new_report_field_is_a_column_added_on_open(tmp_path, monkeypatch):
    path = v1_copy(tmp_path)
    monkeypatch.setitem(schema.REPORT_COLUMNS, "kind_source", str)
    Corpus(path).close()
    con = sqlite3.connect(path)
    assert "kind_source" in [row[1] for row in con.execute("pragma table_info(reports)")]


# -- the read side and the canned queries ------------------------------------------------------


def test_canned_queries_are_the_stores_sql_and_agree_with_search(corpus):
    metadata = datasette_metadata(Path("corpus.db"))
    template = json.loads((ROOT / "crawler" / "datasette_metadata.json").read_text(encoding="utf-8"))
    assert all("sql" not in query for query in template["queries"].values()), "the SQL is generated, not written twice"
    queries = metadata["databases"]["corpus"]["queries"]
    assert {name: query["sql"] for name, query in queries.items()} == canned_queries()
    assert all(query["title"] for query in queries.values())

    for entry in published_entries():
        corpus.store(crawled_record(entry))
    corpus.commit()
    con = connect(corpus.path)
    phrase = next(e for e in published_entries() if e.kind == "annual").report.blocks[-1][1][:8]
    hits = [hit.id for hit in search(con, phrase, Filters(), limit=200).hits]
    assert hits and [row[0] for row in con.execute(canned_queries()["search"], {"query": phrase})] == hits
    scan = [hit.id for hit in search(con, "公开", Filters(), limit=200).hits]
    assert sorted(row[0] for row in con.execute(canned_queries()["phrase"], {"phrase": "公开"})) == sorted(scan)
    coverage = con.execute(canned_queries()["coverage"]).fetchall()
    assert sum(count for *_, count in coverage) == len(published_entries())


# -- no corpus SQL outside the store ----------------------------------------------------------

CORPUS_TABLES = ("reports", "reports_fts", "report_sources", "attachments", "sites", "crawl_runs", "dedupe_signatures",
                 "report_stats", "report_checks")
SQL_RE = re.compile(r"\b(?:select\b.*\bfrom|insert\s+into|update\s+\w+\s+set|delete\s+from|create\s+(?:table|index)|pragma\s+[a-z_]+)\b"
                    r"|\.execute\(|\.executemany\(|\bdb\[|sqlite3\.connect|sqlite_utils\.Database", re.I)


@pytest.mark.parametrize("package", ["crawler", "pipelines", "bench"])
def test_no_module_outside_the_store_holds_corpus_sql(package):
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SQL_RE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == [], "corpus SQL belongs in store/:\n" + "\n".join(found)


def test_the_sql_check_sees_sql():
    for line in ('con.execute("select id from reports")', 'db["reports"].upsert(row)', "sql = 'update reports set dup_of = ?'",
                 'sqlite3.connect(path)', '"DELETE FROM attachments"', 'db.execute("pragma wal_checkpoint(truncate)")'):
        assert SQL_RE.search(line), line


def test_crawl_logs_progress_per_site(mock_site, crawl):
    from crawler.registry import Site

    site, entries = trs.build_site(PORTAL, AGENCIES, YEARS, notices=1)
    with mock_site(site) as base:
        row = Site(site_id=SITE_ID, template="trs", start_url=base + "/xxgk/xxgknb/index.html")
        result, _db = crawl([row], "-s", "LOG_LEVEL=INFO", "-s", "NIANBAO_PROGRESS_EVERY=2")
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"{SITE_ID}: crawling, 2 report(s) stored" in result.stderr
    assert f"{SITE_ID}: done, {len(entries)} report(s) stored ({len(entries)} new, 0 updated, 0 unchanged)" in result.stderr


def test_storing_a_url_again_updates_its_row_and_source(corpus):
    entries = published_entries()
    for _ in range(2):
        outcomes = [corpus.store(crawled_record(entry)).outcome for entry in entries]
    assert outcomes == ["unchanged"] * len(entries)
    db = corpus.db
    assert db.execute("select count(*), count(distinct url) from reports").fetchone() == (len(entries), len(entries))
    assert db.execute("select count(*) from report_sources").fetchone() == (len(entries),)
    assert db.execute("select count(*) from dedupe_signatures").fetchone() == (len(entries),)
