"""``nianbao export``: canonical reports with every metadata field as JSON Lines, CSV and Parquet."""

import csv
import json
import shutil

import pyarrow.parquet as pq
import pytest

from pipelines.record import report_id
from store.read import EXPORT_COLUMNS
from store.write import Corpus
from tests.conftest import run_nianbao
from tests.test_store import crawled_record


def export(db, fmt, out, *args):
    result = run_nianbao("export", "--format", fmt, "--out", str(out), "--db", str(db), *args)
    assert result.returncode == 0, result.stderr
    return result


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_holds_every_field_of_every_report(crawled_corpus, tmp_path):
    out = tmp_path / "reports.jsonl"
    result = export(crawled_corpus.db, "jsonl", out)
    records = {r["url"]: r for r in read_jsonl(out)}
    assert set(records) == set(crawled_corpus.entries)
    assert f"{len(records)} report(s) written" in result.stdout
    for url, entry in crawled_corpus.entries.items():
        record = records[url]
        assert list(record) == list(EXPORT_COLUMNS)
        assert (record["title"], record["year"], record["kind"], record["published"], record["agency"]) == (
            entry.title, entry.report.year, entry.kind, entry.published, entry.agency)
        assert record["province"] == crawled_corpus.provinces[url]
        assert record["attachments"] == [{"url": url.rsplit("/", 1)[0] + "/" + entry.attachment_path.rsplit("/", 1)[1], "name": entry.title + ".pdf",
                                          "format": "pdf", "outcome": "ok"}]
        assert record["sources"] == [url] and record["dup_of"] is None
        assert record["flags"] == (["stats_inconsistent"] if entry.kind == "annual" and entry.report.stats.broken else [])
        assert entry.report.blocks[-1][1] in record["text"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_csv_and_parquet_hold_the_same_rows_as_jsonl(crawled_corpus, tmp_path, fmt):
    export(crawled_corpus.db, "jsonl", tmp_path / "reports.jsonl")
    expected = read_jsonl(tmp_path / "reports.jsonl")
    out = tmp_path / f"reports.{fmt}"
    export(crawled_corpus.db, fmt, out)
    if fmt == "csv":
        with out.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert list(rows[0]) == list(EXPORT_COLUMNS)
        for row in rows:
            row["year"] = int(row["year"])
            for name in ("flags", "attachments", "sources"):
                row[name] = json.loads(row[name])
            for name, value in row.items():
                row[name] = None if value == "" else value
    else:
        table = pq.read_table(out)
        assert table.schema.names == list(EXPORT_COLUMNS)
        rows = table.to_pylist()
    assert rows == expected


def test_filters_select_reports(crawled_corpus, tmp_path):
    out = tmp_path / "subset.jsonl"
    export(crawled_corpus.db, "jsonl", out, "--year", "2022", "--province", "安徽省", "--kind", "annual")
    expected = {u for u, e in crawled_corpus.entries.items()
                if e.report.year == 2022 and crawled_corpus.provinces[u] == "安徽省" and e.kind == "annual"}
    assert expected and {r["url"] for r in read_jsonl(out)} == expected


def test_duplicates_only_with_include_duplicates(crawled_corpus, tmp_path):
    """A copy republished at another URL, marked by the dedupe stage, stays out of default exports."""
    db_path = tmp_path / "corpus.db"
    shutil.copy(crawled_corpus.db, db_path)
    canonical_url, entry = next((u, e) for u, e in crawled_corpus.entries.items() if e.kind == "annual")
    copy_url = "http://www.example.gov.cn/zwgk/nb/" + entry.path.rsplit("/", 1)[1]
    record = crawled_record(entry, url=copy_url, site_id="republisher")
    record["site"] = {"level": "mirror"}
    corpus = Corpus(db_path)
    assert corpus.store(record).dup_of == report_id(canonical_url)
    corpus.close()

    export(db_path, "jsonl", tmp_path / "canonical.jsonl")
    export(db_path, "jsonl", tmp_path / "all.jsonl", "--include-duplicates")
    canonical = {r["url"]: r for r in read_jsonl(tmp_path / "canonical.jsonl")}
    everything = {r["url"]: r for r in read_jsonl(tmp_path / "all.jsonl")}
    assert set(canonical) == set(crawled_corpus.entries)
    assert set(everything) == set(crawled_corpus.entries) | {copy_url}
    assert everything[copy_url]["dup_of"] == report_id(canonical_url)
    assert canonical[canonical_url]["sources"] == [canonical_url, copy_url]


def test_progress_bar_goes_to_stderr(crawled_corpus, tmp_path):
    result = export(crawled_corpus.db, "jsonl", tmp_path / "r.jsonl")
    assert "exporting jsonl" in result.stderr and "exporting" not in result.stdout
