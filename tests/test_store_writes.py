"""How ``Corpus.store`` writes: the full-text index follows the text and only the text."""

from __future__ import annotations

import sqlite3

from pipelines.validate import content_hash
from store.read import Filters, connect, search
from store.write import Corpus
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
