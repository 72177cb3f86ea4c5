"""What the trigram full-text index costs when storing reports and what it buys when searching.

Stores the same cleaned reports into two fresh corpora, one with the FTS5 trigram index kept in
sync by triggers (as nianbao does) and one without it, then times a search phrase both through
the index and by scanning every text.

    .venv/bin/python bench/storage_fts.py [--reports 2000]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from crawler.demo import trs
from crawler.demo.sites import LINJIANG as PORTAL
from crawler.parsers.common import attachments
from crawler.families import body_selectors  # noqa: E402
from pipelines.chain import clean_record
from store.read import Filters, connect, scan, search
from crawler.settings import NIANBAO_STORE_BATCH
from store.write import Corpus

AGENCIES = ["临江市人民政府", "临江市财政局", "临江市教育局", "临江市卫生健康委员会", "临江市自然资源和规划局"]


def cleaned_records() -> list[dict]:
    _site, entries = trs.build_site(PORTAL, AGENCIES, list(range(2015, 2025)), notices=0)
    records = []
    for entry in entries:
        url = "http://www.linjiang.gov.cn" + entry.path
        html = trs.detail_html(PORTAL, "信息公开年报", entry, with_table=True)
        records.append(clean_record({"url": url, "html": html, "containers": body_selectors(), "site_id": "linjiang", "province": "安徽省", "flags": [],
                                     "attachments": attachments(html, url), "fetched_at": "2025-02-01T08:00:00+00:00"}))
    return records


def store(path: Path, records: list[dict], count: int, with_fts: bool) -> float:
    corpus = Corpus(path, batch=NIANBAO_STORE_BATCH)
    if not with_fts:
        corpus.disable_full_text()
    start = time.perf_counter()
    for number in range(count):
        record = dict(records[number % len(records)])
        record["url"] = f"{record['url']}?copy={number}"
        corpus.store(record)
    corpus.commit()
    elapsed = time.perf_counter() - start
    corpus.close()
    return elapsed


def timed(function, repeat: int = 5) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - start) / repeat


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000, help="reports to store in each corpus")
    args = parser.parse_args()
    records = cleaned_records()
    chars = sum(len(r["text"]) for r in records) / len(records)
    print(f"{args.reports} reports of about {chars:.0f} characters each")
    with tempfile.TemporaryDirectory() as folder:
        plain = store(Path(folder) / "plain.db", records, args.reports, with_fts=False)
        indexed = store(Path(folder) / "fts.db", records, args.reports, with_fts=True)
        print(f"store without FTS index:  {plain:6.2f} s  ({1000 * plain / args.reports:.2f} ms/report)")
        print(f"store with trigram FTS:   {indexed:6.2f} s  ({1000 * indexed / args.reports:.2f} ms/report, "
              f"+{100 * (indexed - plain) / plain:.0f}%)")
        sizes = [(Path(folder) / name).stat().st_size / 1e6 for name in ("plain.db", "fts.db")]
        print(f"corpus size without / with index: {sizes[0]:.1f} MB / {sizes[1]:.1f} MB")
        con = connect(Path(folder) / "fts.db")
        rare = next(match.group() for record in records for match in [re.search(r"收到申请\d+件", record["text"])] if match)
        for phrase in ("政府信息公开申请", rare):
            share = len(scan(con, phrase)) / args.reports
            print(f"search {phrase} (in {100 * share:.0f}% of reports): trigram index (nianbao search) "
                  f"{1000 * timed(lambda: search(con, phrase, Filters())):6.1f} ms, "
                  f"scanning every text {1000 * timed(lambda: scan(con, phrase)):6.1f} ms")

if __name__ == "__main__":
    main()
