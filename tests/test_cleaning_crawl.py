"""End to end: the demo sites (every CMS family, reports in PDF and DOCX attachments) crawled with
the cleaning chain in two worker processes give the corpus the chain in the crawl process gives."""

import sqlite3

from crawler.demo.sites import running_demo_sites
from tests.conftest import FAST, run_nianbao
from crawler.registry import write_sites


def corpus(db) -> dict:
    """Every stored report, with its attachments and statistics, by URL; times and row ids left out."""
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    url_of = {row["id"]: row["url"] for row in connection.execute("select id, url from reports")}

    def rows(sql):
        return [{key: row[key] for key in row.keys() if key not in ("id", "report_id") and not key.endswith("_at")}
                for row in connection.execute(sql)]

    reports = {row["url"]: row for row in rows("select * from reports")}
    for table in ("attachments", "report_stats", "report_sources"):
        for row, report_id in zip(rows(f"select * from {table} order by rowid"),
                                  [r[0] for r in connection.execute(f"select report_id from {table} order by rowid")]):
            reports[url_of[report_id]].setdefault(table, []).append(row)
    return reports


def test_the_worker_pool_cleans_as_the_crawl_process_does(tmp_path):
    with running_demo_sites(port=None) as rows:
        write_sites(tmp_path / "sites.csv", rows)
        corpora = {}
        for workers in ("2", "0"):
            db = tmp_path / f"workers-{workers}.db"
            result = run_nianbao("crawl", "--sites", str(tmp_path / "sites.csv"), "--db", str(db), *FAST,
                                 "-s", f"NIANBAO_CLEAN_WORKERS={workers}")
            assert result.returncode == 0, result.stderr[-3000:]
            corpora[workers] = corpus(db)
    in_workers, in_process = corpora["2"], corpora["0"]
    assert len(in_process) >= 60
    assert sum(1 for report in in_process.values() if report["text_source"] != "html") >= 2  # text from attachment files
    assert sorted(in_workers) == sorted(in_process)
    for url, report in in_process.items():
        assert in_workers[url] == report, url
