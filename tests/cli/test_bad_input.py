"""Mistaken, malformed and hostile arguments: one clear line, a documented exit status, nothing lost.

Exit statuses: 2 for a mistaken argument (click's usage errors, ``export --out`` onto the corpus or
an existing file without ``--force``); 1 for a corpus or file that cannot be read or written.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from click.testing import CliRunner

from crawler.cli import cli
from store.write import Corpus
from tests.test_store import crawled_record, published_entries


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    db = tmp_path_factory.mktemp("bad-input") / "corpus.db"
    with_corpus = Corpus(db)
    for entry in published_entries()[:3]:
        with_corpus.store(crawled_record(entry))
    with_corpus.close()
    return db


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result


def one_line_error(result, status: int, words: str) -> None:
    assert result.exit_code == status, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert "Traceback" not in result.output
    assert words in lines[-1], result.output
    assert len([line for line in lines if line.startswith("Error")]) == 1


def foreign_files(folder):
    """SQLite files a nianbao command must refuse and leave byte for byte as they were."""
    files = {}
    files["text"] = folder / "notes.db"
    files["text"].write_text("not a database at all\n" * 50)
    files["empty-bytes"] = folder / "zero.db"
    files["empty-bytes"].write_bytes(b"\0" * 4096)
    for name, sql in {
        "other-reports": "create table reports (id integer primary key, customer text, total real)",
        "other-tables": "create table users (id integer primary key, name text); create table orders (id integer)",
        "reports-like": "create table reports (id text, url text, site_id text, text text)",
    }.items():
        path = files[name] = folder / f"{name}.db"
        con = sqlite3.connect(path)
        con.executescript(sql)
        con.execute("insert into reports default values" if "reports" in sql else "insert into users default values")
        con.commit()
        con.close()
    path = files["application-id"] = folder / "app.sqlite"
    con = sqlite3.connect(path)
    con.executescript("pragma application_id = 1234; " + "create table reports (id text, url text, site_id text, text text, content_hash text, dup_of text)")
    con.close()
    return files


@pytest.mark.parametrize("command", [["search", "依申请公开"], ["export", "--format", "jsonl", "--out", "{out}"], ["stats"]])
def test_readers_refuse_a_file_that_is_no_corpus(tmp_path, command):
    for kind, path in foreign_files(tmp_path).items():
        before = digest(path)
        args = [part.format(out=tmp_path / f"{kind}.jsonl") for part in command]
        result = run(*args, "--db", path)
        one_line_error(result, 1, str(path))
        expected = "not a SQLite database" if kind in ("text", "empty-bytes") else "another application" if kind == "application-id" else "not a nianbao corpus"
        assert expected in result.output, (kind, result.output)
        assert digest(path) == before, kind
        assert not (tmp_path / f"{kind}.jsonl").exists()


def test_export_onto_the_corpus_is_refused(corpus):
    before = digest(corpus)
    for target in (corpus, corpus.parent / "." / corpus.name, corpus.with_name(corpus.name + "-wal")):
        for force in ((), ("--force",)):
            result = run("export", "--format", "jsonl", "--out", target, "--db", corpus, *force)
            one_line_error(result, 2, "is the corpus itself")
    link = corpus.parent / "link.db"
    link.symlink_to(corpus)
    one_line_error(run("export", "--format", "csv", "--out", link, "--db", corpus, "--force"), 2, "is the corpus itself")
    assert digest(corpus) == before


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_an_existing_file_is_kept_unless_forced(corpus, tmp_path, fmt):
    out = tmp_path / f"mine.{fmt}"
    out.write_text("my own work\n")
    one_line_error(run("export", "--format", fmt, "--out", out, "--db", corpus), 2, "exists; pass --force")
    assert out.read_text() == "my own work\n"
    result = run("export", "--format", fmt, "--out", out, "--db", corpus, "--force")
    assert result.exit_code == 0, result.output
    assert out.read_bytes() != b"my own work\n" and not list(tmp_path.glob(".*partial"))


def test_export_to_standard_output(corpus, tmp_path):
    result = run("export", "--format", "jsonl", "--out", "-", "--db", corpus)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["url"].startswith("http") for line in result.stdout.splitlines()] == [True] * 3
    assert not (tmp_path / "-").exists()
    one_line_error(run("export", "--format", "parquet", "--out", "-", "--db", corpus), 2, "parquet cannot go to standard output")


def test_export_to_an_unwritable_place_says_so(corpus, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for out in (blocker / "under-a-file.jsonl", tmp_path):
        result = run("export", "--format", "jsonl", "--out", out, "--db", corpus)
        assert result.exit_code in (1, 2) and "Traceback" not in result.output
        assert result.output.strip().splitlines()[-1].startswith("Error")
    assert blocker.read_text() == "x"


def test_a_failed_export_leaves_the_existing_file(corpus, tmp_path, monkeypatch):
    out = tmp_path / "kept.jsonl"
    out.write_text("earlier export\n")
    from crawler.cli import export as export_command

    def full_disk(records, path, columns):
        path.write_text("half")
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setitem(export_command.WRITERS, "jsonl", full_disk)
    one_line_error(run("export", "--format", "jsonl", "--out", out, "--db", corpus, "--force"), 1, "No space left on device")
    assert out.read_text() == "earlier export\n" and not list(tmp_path.glob(".*partial"))


def registry(folder, row: str):
    path = folder / "sites.csv"
    path.write_text("site_id,name,province,city,county,level,template,start_url,options\n" + row, encoding="utf-8")
    return path


def test_crawl_into_another_applications_database_cannot_start(tmp_path):
    sites = registry(tmp_path, "a,,,,,,trs,http://127.0.0.1:9/nb/index.html,\n")
    for kind, path in foreign_files(tmp_path).items():
        before = digest(path)
        result = run("crawl", "--sites", sites, "--db", path)
        one_line_error(result, 2, str(path))
        assert digest(path) == before and not path.with_name(path.name + "-wal").exists(), kind


@pytest.mark.parametrize("site_id", ["../..", "..", "/tmp", "../../etc"])
def test_a_site_id_that_is_a_path_cannot_start_a_crawl(tmp_path, site_id):
    keep = tmp_path / "corpus-folder" / "keep.txt"
    keep.parent.mkdir()
    keep.write_text("precious")
    sites = registry(tmp_path, f"{site_id},,,,,,trs,http://127.0.0.1:9/nb/index.html,\n")
    result = run("crawl", "--sites", sites, "--db", keep.parent / "corpus.db")
    one_line_error(result, 2, "is not a plain name")
    assert keep.read_text() == "precious" and sorted(p.name for p in keep.parent.iterdir()) == ["keep.txt"]


@pytest.mark.parametrize("content, words", [
    ("a,蚌埠,安徽省,,,,trs,http://a.gov.cn/,\n".encode("gbk"), "not UTF-8"),
    (b"site_id,name\na,b\n", "missing column"),
    ("a,,,,,,trs,http://a.gov.cn/,\"[1]\"\n".encode(), "not a JSON object"),
    ("a,,,,,,trs,http://a.gov.cn/,\"{\"\"detail_pattern\"\": \"\"[\"\"}\"\n".encode(), "not a regular expression"),
])
def test_a_bad_registry_cannot_start_a_crawl(tmp_path, content, words):
    path = tmp_path / "sites.csv"
    header = b"" if content.startswith(b"site_id") else "site_id,name,province,city,county,level,template,start_url,options\n".encode()
    path.write_bytes(header + content)
    one_line_error(run("crawl", "--sites", path, "--db", tmp_path / "corpus.db"), 2, words)
    assert not (tmp_path / "corpus.db").exists()
