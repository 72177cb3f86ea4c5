"""Statistics-tables benchmark: tables parsed per second, and how many reports of a mock corpus
come out complete and consistent, next to what the generator wrote.

    .venv/bin/python bench/stats_tables.py
    .venv/bin/python bench/stats_tables.py --reports 2000

Speed: ``pipelines.report_stats`` on the HTML of whole TRS demo pages (``from_html``, what a crawl
runs) and on their clean text (``from_text``, what ``nianbao stats --rebuild-tables`` runs), then
the parse next to the whole cleaning chain. Corpus: ``--reports`` demo reports of 2019–2024 (both
formats, the HTML variants real pages show, some tables broken on purpose) through the whole
cleaning chain; each report's numbers are compared with the generator's.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.demo import chrome, trs  # noqa: E402
from crawler.families import body_selectors  # noqa: E402
from pipelines import report_stats, statistics  # noqa: E402
from pipelines.chain import clean_record  # noqa: E402

PORTAL = chrome.Portal(name="临江市人民政府", domain="www.linjiang.gov.cn", id_code="3415000001", province_short="皖",
                       icp="皖ICP备05000001号-1", police="皖公网安备 34150002000001号", address="临江市人民路1号", phone="0550-1234567")
YEARS = list(range(2019, 2025))


def pages(count: int):
    agencies = [f"临江市第{n}局" for n in range(max(1, count // len(YEARS)))]
    _site, entries = trs.build_site(PORTAL, agencies, YEARS, notices=0, per_page=50)
    return [(entry, trs.detail_html(PORTAL, "信息公开年报", entry, with_table=True)) for entry in entries[:count]]


def per_second(function, inputs) -> float:
    started = time.perf_counter()
    for item in inputs:
        function(item)
    return len(inputs) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=600)
    args = parser.parse_args()
    corpus = pages(args.reports)
    containers = body_selectors("trs")
    records = [clean_record({"url": f"http://www.linjiang.gov.cn{entry.path}", "html": html, "flags": [], "containers": containers})
               for entry, html in corpus]
    htmls = [html for _, html in corpus]
    texts = [record["text"] for record in records]
    print(f"{len(corpus)} TRS demo report pages of {YEARS[0]}-{YEARS[-1]} ({sum(map(len, htmls)) // len(htmls):,} characters of HTML on average)")
    html_rate = per_second(report_stats.from_html, htmls)
    text_rate = per_second(report_stats.from_text, texts)
    chain_rate = per_second(lambda html: clean_record({"url": "http://x.gov.cn/a.html", "html": html, "flags": [], "containers": containers}),
                            htmls[:100])
    print(f"tables parsed per second: from the page's HTML {html_rate:,.0f} ({1000 / html_rate:.2f} ms/report), "
          f"from the clean text {text_rate:,.0f} ({1000 / text_rate:.2f} ms/report); "
          f"whole cleaning chain {chain_rate:,.0f} reports/s ({1000 / chain_rate:.1f} ms/report)")

    written = {"complete and consistent": 0, "consistent": 0, "complete": 0}
    parsed = dict.fromkeys(written, 0)
    matching = 0
    for (entry, _), record in zip(corpus, records):
        truth = entry.report.stats
        stats = record["stats"] or {}
        checks = stats.get("checks") or {"complete": False, "consistent": False}
        numbers = {(c.table, c.row, c.column): c.value for c in statistics.cells_of(stats)}
        matching += numbers == truth.values and stats.get("format") == truth.format
        complete, consistent = None not in truth.values.values(), truth.broken is None
        for name, (w, p) in {"complete and consistent": (complete and consistent, checks["complete"] and checks["consistent"]),
                             "consistent": (consistent, checks["consistent"]), "complete": (complete, checks["complete"])}.items():
            written[name] += w
            parsed[name] += p
    total = len(corpus)
    print(f"reports whose every number matches the generator's: {matching} of {total} ({matching / total:.1%})")
    print(f"{'share of reports':<26}{'written':>10}{'parsed':>10}")
    for name in written:
        print(f"{name:<26}{written[name] / total:>10.1%}{parsed[name] / total:>10.1%}")


if __name__ == "__main__":
    main()
