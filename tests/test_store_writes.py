"""How ``Corpus.store`` writes: in batches, each report whole or not at all; the full-text index
follows the text and only the text."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from pipelines.validate import content_hash
from store.read import Filters, connect, search
from store.write import Corpus
from tests.conftest import TESTS
from tests.test_store import crawled_record, published_entries


def index_size(db) -> tuple:
    return sqlite3.connect(db).execute("select count(*), sum(length(block)) from reports_fts_data").fetchone()


def test_a_recrawl_with_the_same_text_and_a_repointed_group_leave_the_index_alone(tmp_path):
    db = tmp_path / "corpus.db"
    corpus = Corpus(db)
    record = crawled_record(published_entries()[0])
    corpus.store(dict(record))
    before = index_size(db)
    assert corpus.store(dict(record)).outcome == "unchanged"
    corpus.db.conn.execute("update reports set dup_of = 'elsewhere'")  # as store.schema.repoint does
    corpus.db.conn.commit()
    assert index_size(db) == before
    corpus.close()


def test_a_changed_text_is_found_by_its_new_words_only(tmp_path):
    db = tmp_path / "corpus.db"
    corpus = Corpus(db)
    record = crawled_record(published_entries()[0])
    for ending in ("旧的结尾句子在这里。", "新的结尾句子在这里。"):
        text = f"{record['text']}\n{ending}"
        corpus.store({**record, "text": text, "content_hash": content_hash(text)})
    corpus.close()
    con = connect(db)
    assert search(con, "新的结尾句子", Filters()).total == 1
    assert search(con, "旧的结尾句子", Filters()).total == 0


def test_an_older_corpus_gets_the_trigger_on_open(tmp_path):
    db = tmp_path / "corpus.db"
    Corpus(db).close()
    con = sqlite3.connect(db)
    con.execute("drop trigger reports_au")
    con.execute("create trigger reports_au after update on reports begin "
                "insert into reports_fts (reports_fts, rowid, title, text) values ('delete', old.rowid, old.title, old.text); "
                "insert into reports_fts (rowid, title, text) values (new.rowid, new.title, new.text); end")
    con.commit()
    Corpus(db).close()
    trigger = con.execute("select sql from sqlite_master where name = 'reports_au'").fetchone()[0]
    assert "UPDATE OF title, text" in trigger and "WHEN" in trigger


def full_text_consistent(db) -> bool:
    """FTS5's own check of an external-content index against the reports it indexes."""
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.execute("insert into reports_fts (reports_fts, rank) values ('integrity-check', 1)")
    except sqlite3.DatabaseError:
        return False
    finally:
        con.close()
    return True


def stored_urls(db) -> list:
    return [url for (url,) in sqlite3.connect(db).execute("select url from reports order by url")]


def test_a_batch_of_reports_is_committed_and_indexed_together(tmp_path):
    db = tmp_path / "corpus.db"
    corpus = Corpus(db, batch=3)
    records = [crawled_record(entry) for entry in published_entries()[:4]]
    for record in records[:2]:
        corpus.store(dict(record))
    assert corpus.pending == 2 and stored_urls(db) == []  # other connections see the batch once committed
    corpus.store(dict(records[2]))
    assert corpus.pending == 0 and stored_urls(db) == sorted(record["url"] for record in records[:3])
    con = connect(db)
    assert all(search(con, record["title"], Filters()).total >= 1 for record in records[:3])
    corpus.store(dict(records[3]))
    corpus.close()  # commits the open batch
    assert len(stored_urls(db)) == 4 and full_text_consistent(db)


def test_a_batch_is_due_after_its_seconds(tmp_path):
    corpus = Corpus(tmp_path / "corpus.db", batch=100, batch_seconds=0.2)
    assert not corpus.commit_due()
    corpus.store(crawled_record(published_entries()[0]))
    assert not corpus.commit_due()
    time.sleep(0.25)
    assert corpus.commit_due()
    corpus.store(crawled_record(published_entries()[1]))  # a store into a due batch commits it
    assert corpus.pending == 0 and len(stored_urls(corpus.path)) == 2
    corpus.close()


def test_a_text_changed_twice_within_one_batch_is_indexed_as_last_stored(tmp_path):
    db = tmp_path / "corpus.db"
    corpus = Corpus(db, batch=10)
    record = crawled_record(published_entries()[0])
    for ending in ("第一版的结尾句子。", "第二版的结尾句子。", "第三版的结尾句子。"):
        text = f"{record['text']}\n{ending}"
        corpus.store({**record, "text": text, "content_hash": content_hash(text)})
    corpus.close()
    assert full_text_consistent(db)
    con = connect(db)
    assert [search(con, phrase, Filters()).total for phrase in ("第一版的结尾", "第二版的结尾", "第三版的结尾")] == [0, 0, 1]


def test_a_failed_report_leaves_the_rest_of_its_batch_stored(tmp_path):
    db = tmp_path / "corpus.db"
    corpus = Corpus(db, batch=10)
    good = [crawled_record(entry) for entry in published_entries()[:3]]
    corpus.store(dict(good[0]))
    corpus.store(dict(good[1]))
    with pytest.raises(sqlite3.IntegrityError):
        corpus.store({**crawled_record(published_entries()[5]), "text": None})  # reports.text is NOT NULL
    assert corpus.pending == 2
    corpus.store(dict(good[2]))
    corpus.close()
    assert stored_urls(db) == sorted(record["url"] for record in good)
    assert sqlite3.connect(db).execute("select count(*) from dedupe_signatures").fetchone() == (3,)
    assert full_text_consistent(db)


def test_a_crawl_killed_within_a_batch_leaves_the_corpus_as_of_its_last_commit(tmp_path):
    db = tmp_path / "corpus.db"
    script = textwrap.dedent(f"""
        import os
        from store.write import Corpus
        from tests.test_store import crawled_record, published_entries
        corpus = Corpus({str(db)!r}, batch=2)
        for entry in published_entries()[:3]:
            corpus.store(crawled_record(entry))
        os._exit(3)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=TESTS.parent)
    assert result.returncode == 3, result.stderr
    assert stored_urls(db) == sorted(crawled_record(entry)["url"] for entry in published_entries()[:2])
    assert full_text_consistent(db)
    reopened = Corpus(db)
    assert len(reopened.index) == 2
    reopened.close()


def test_an_older_corpus_loses_the_insert_trigger_and_the_index_by_cell_and_indexes_each_report_once(tmp_path):
    db = tmp_path / "corpus.db"
    Corpus(db).close()
    con = sqlite3.connect(db)
    con.execute("create trigger reports_ai after insert on reports begin "
                "insert into reports_fts (rowid, title, text) values (new.rowid, new.title, new.text); end")
    con.execute("create index idx_report_stats_table_key_row_key_column_key on report_stats (table_key, row_key, column_key)")
    con.commit()
    con.close()
    corpus = Corpus(db)
    record = crawled_record(published_entries()[0])
    corpus.store(dict(record))
    corpus.close()
    con = sqlite3.connect(db)
    assert con.execute("select name from sqlite_master where name in ('reports_ai', 'idx_report_stats_table_key_row_key_column_key')").fetchall() == []
    assert con.execute("select count(*) from reports_fts_docsize").fetchone() == (1,)
    assert full_text_consistent(db)
    assert search(connect(db), record["title"], Filters()).total == 1


def test_an_older_corpus_keeps_its_numbers_and_their_order_in_a_table_without_rowid(tmp_path):
    db = tmp_path / "corpus.db"
    corpus = Corpus(db)
    for entry in published_entries()[:3]:
        corpus.store(crawled_record(entry))
    corpus.close()
    con = sqlite3.connect(db)
    numbers = con.execute("select * from report_stats order by report_id, position").fetchall()
    assert len(numbers) > 300 and len({number[0] for number in numbers}) == 3
    older = [(name, kind) for _, name, kind, *_ in con.execute("pragma table_info(report_stats)") if name != "position"]
    con.execute("alter table report_stats rename to report_stats_now")
    con.execute(f"create table report_stats ({', '.join(f'{name} {kind}' for name, kind in older)}, primary key (report_id, source, table_key, row_key, column_key))")
    con.execute(f"insert into report_stats select {', '.join(name for name, _ in older)} from report_stats_now order by report_id, position")
    con.execute("drop table report_stats_now")
    con.execute("pragma user_version = 1")
    con.commit()
    con.close()
    Corpus(db).close()
    con = sqlite3.connect(db)
    assert "WITHOUT ROWID" in con.execute("select sql from sqlite_master where name = 'report_stats'").fetchone()[0]
    assert con.execute("select * from report_stats order by report_id, position").fetchall() == numbers
    assert con.execute("pragma user_version").fetchone()[0] == 2
