"""The statistics in the corpus: ``report_stats`` / ``report_checks`` written with each report,
rebuilt from stored texts, exported in long form, summed per province × year, shown by Datasette."""

import csv
import json

import pyarrow.parquet as pq
import pytest

from pipelines import stats_vocab
from pipelines.record import report_id
from pipelines.statistics import INCONSISTENT_FLAG
from store.queries import canned_queries
from store.read import STATS_EXPORT_COLUMNS, Filters, connect, requests_per_province
from store.write import Corpus
from click.testing import CliRunner

from crawler.cli import cli
from crawler.demo import trs
from crawler.demo.sites import LINJIANG
from crawler.registry import Site
from tests.test_store import crawled_record, published_entries


def nianbao(*args: str):
    """The command run in this process (its output as ``stdout``, its exit status as ``exit_code``)."""
    return CliRunner().invoke(cli, list(args))


def stored_numbers(db, report) -> dict:
    con = connect(db)
    rows = con.execute("select table_key, row_key, column_key, value from report_stats where report_id = ? and source = 'table'", [report])
    return {(t, r, c): v for t, r, c, v in rows}


def test_every_crawled_number_is_the_generators(crawled_corpus):
    con = connect(crawled_corpus.db)
    for url, entry in crawled_corpus.entries.items():
        if entry.kind != "annual":
            continue
        rid = report_id(url)
        assert stored_numbers(crawled_corpus.db, rid) == entry.report.stats.values, url
        check = con.execute("select consistent, failed, format from report_checks where report_id = ?", [rid]).fetchone()
        assert check["format"] == entry.report.stats.format
        assert bool(check["consistent"]) == (entry.report.stats.broken is None)
        if entry.report.stats.broken:
            assert entry.report.stats.broken in {failure["rule"] for failure in json.loads(check["failed"])}
        flags = json.loads(con.execute("select flags from reports where id = ?", [rid]).fetchone()[0])
        assert (INCONSISTENT_FLAG in flags) == bool(entry.report.stats.broken)


def test_blank_cells_are_stored_as_missing_with_their_raw_text(crawled_corpus):
    con = connect(crawled_corpus.db)
    blanks = con.execute("select count(*) from report_stats where value is null").fetchone()[0]
    written = sum(value is None for e in crawled_corpus.entries.values() if e.kind == "annual" for value in e.report.stats.values.values())
    assert written and blanks == written
    assert con.execute("select count(*) from report_stats where value is null and raw != ''").fetchone()[0] == 0


def test_rebuild_from_the_stored_texts_gives_the_same_numbers(tmp_path):
    corpus = Corpus(tmp_path / "corpus.db")
    entries = [entry for entry in published_entries() if entry.kind == "annual"]
    for entry in entries:
        corpus.store(crawled_record(entry))
    before = corpus.db.execute("select * from report_stats order by report_id, table_key, row_key, column_key").fetchall()
    checks = corpus.db.execute("select * from report_checks order by report_id").fetchall()
    corpus.db.execute("delete from report_stats")
    corpus.db.execute("delete from report_checks")
    corpus.db.execute("update reports set flags = '[]'")
    counts = corpus.rebuild_stats()
    assert counts["reports"] == len(entries) == counts["table"]
    assert counts["inconsistent"] == sum(bool(entry.report.stats.broken) for entry in entries)
    assert corpus.db.execute("select * from report_stats order by report_id, table_key, row_key, column_key").fetchall() == before
    assert corpus.db.execute("select * from report_checks order by report_id").fetchall() == checks
    corpus.close()


def test_stats_rebuild_tables_command(crawled_corpus, tmp_path):
    db = tmp_path / "copy.db"
    db.write_bytes(crawled_corpus.db.read_bytes())
    result = nianbao("stats", "--rebuild-tables", "--db", str(db))
    assert result.exit_code == 0, result.output
    annual = sum(e.kind == "annual" for e in crawled_corpus.entries.values())
    assert f" {annual} with tables" in result.stdout
    assert nianbao("stats", "--rebuild-tables", "--db", str(tmp_path / "none.db")).exit_code == 1


def expected_requests(crawled_corpus) -> dict:
    totals = {}
    for url, entry in crawled_corpus.entries.items():
        if entry.kind != "annual":
            continue
        key = (crawled_corpus.provinces[url], entry.report.year)
        values = entry.report.stats.values
        received = values[("requests", stats_vocab.RECEIVED, "总计")]
        answered = values[("requests", stats_vocab.result_key(stats_vocab.TOTAL_GROUP), "总计")]
        old = totals.get(key, (0, None, None))
        add = lambda a, b: a if b is None else (b if a is None else a + b)  # noqa: E731  SQL's sum skips nulls
        totals[key] = (old[0] + 1, add(old[1], received), add(old[2], answered))
    return totals


def test_requests_per_province_and_year_agree_with_the_generator(crawled_corpus):
    rows = requests_per_province(connect(crawled_corpus.db), Filters())
    assert {(r["province"], r["year"]): (r["reports"], r["received"], r["answered"]) for r in rows} == expected_requests(crawled_corpus)
    con = connect(crawled_corpus.db)
    assert [tuple(row) for row in con.execute(canned_queries()["requests"])] == [tuple(r.values()) for r in rows]
    result = nianbao("stats", "--requests", "--db", str(crawled_corpus.db), "--province", "四川省")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["province", "year", "reports", "received", "answered"]
    for (province, year), (reports, received, answered) in expected_requests(crawled_corpus).items():
        line = f"{province} {year} {reports} {received} {answered}"
        assert (line in [" ".join(item.split()) for item in lines]) == (province == "四川省")


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_stats_in_long_form(crawled_corpus, tmp_path, fmt):
    out = tmp_path / f"stats.{fmt}"
    result = nianbao("export", "--stats", "--format", fmt, "--out", str(out), "--db", str(crawled_corpus.db), "--year", "2023")
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
        value = lambda row: None if row["value"] == "" else float(row["value"])  # noqa: E731
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        value = lambda row: row["value"]  # noqa: E731
    else:
        rows = pq.read_table(out).to_pylist()
        value = lambda row: row["value"]  # noqa: E731
    assert rows and list(rows[0]) == list(STATS_EXPORT_COLUMNS)
    assert f"{len(rows)} number(s) written" in result.stdout
    expected = {}
    for url, entry in crawled_corpus.entries.items():
        if entry.kind == "annual" and entry.report.year == 2023:
            for (table, row, column), number in entry.report.stats.values.items():
                expected[(report_id(url), table, row, column)] = number
    got = {(r["report_id"], r["table_key"], r["row_key"], r["column_key"]): value(r) for r in rows}
    assert got == expected
    for report in {key[0] for key in expected}:  # each report's numbers in the order of its tables
        assert [key for key in got if key[0] == report] == [key for key in expected if key[0] == report]
    assert {r["province"] for r in rows} == {"安徽省", "四川省"} and all(str(r["year"]) == "2023" for r in rows)


def test_clean_prints_the_stats_object(tmp_path):
    from crawler.demo.reports import make_report
    from tests.test_body import PAGE

    report = make_report("临江市财政局", 2020, variants=("merged", "blanks"))
    page = tmp_path / "report.html"
    page.write_text(PAGE.format(f"<div class='TRS_Editor'>{report.body_html}</div>"), encoding="utf-8")
    result = nianbao("clean", str(page))
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)["stats"]
    assert list(stats) == ["source", "format", "checks", "active", "requests", "appeals", "raw"]
    assert stats["format"] == "2019" and stats["checks"]["consistent"]
    got = {(table, row, column): value for table in ("active", "requests", "appeals")
           for row, columns in stats[table].items() for column, value in columns.items()}
    assert got == report.stats.values


def test_a_corpus_from_before_the_tables_says_how_to_get_them(tmp_path):
    from tests.test_store import V1_CORPUS

    db = tmp_path / "old.db"
    db.write_bytes(V1_CORPUS.read_bytes())
    for args in (["stats", "--requests"], ["export", "--stats", "--format", "csv", "--out", str(tmp_path / "x.csv")]):
        result = nianbao(*args, "--db", str(db))
        assert result.exit_code == 1 and "run nianbao stats --rebuild-tables first" in result.output
        assert len(result.output.strip().splitlines()) == 1
    result = nianbao("stats", "--rebuild-tables", "--db", str(db))
    assert result.exit_code == 0 and "statistics rebuilt for" in result.output
    assert nianbao("stats", "--requests", "--db", str(db)).exit_code == 0


def test_every_number_of_reports_published_as_pdf_and_docx_files(mock_site, crawl):
    site, entries = trs.build_site(LINJIANG, ["临江市人民政府", "临江市财政局"], [2020, 2021], notices=0, per_page=4,
                                   attachment_only=("pdf", "docx", "pdf", "docx"))
    assert {entry.report.stats.format for entry in entries[:4]} == {"2019", "2021"}
    with mock_site(site) as base:
        result, db = crawl([Site(site_id="linjiang-files", province="安徽省", city="临江市", template="trs",
                                 start_url=base + "/xxgk/xxgknb/index.html")])
    assert result.returncode == 0, result.stderr[-3000:]
    con = connect(db)
    for entry in entries:
        rid = report_id(base + entry.path)
        assert con.execute("select text_source from reports where id = ?", [rid]).fetchone()[0] == (entry.file_format or "html")
        assert stored_numbers(db, rid) == entry.report.stats.values, entry.file_format
