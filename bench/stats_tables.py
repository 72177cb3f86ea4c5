"""Statistics-tables benchmark: tables parsed per second, and how many reports of a mock corpus
come out complete and consistent, next to what the generator wrote, per source (HTML, DOCX, PDF).

    .venv/bin/python bench/stats_tables.py
    .venv/bin/python bench/stats_tables.py --reports 2000 --files 200

Speed: ``pipelines.report_stats`` on the HTML of whole TRS demo pages (``from_html``, what a crawl
runs), on their clean text (``from_text``, what ``nianbao stats --rebuild-tables`` runs) and on
the text the attachment readers give of the same reports as PDF, then the parse next to the whole
cleaning chain. Corpus: ``--reports`` demo reports of 2019–2024 (both formats, the HTML variants
real pages show, some tables broken on purpose) through the whole cleaning chain, and the first
``--files`` of them as DOCX and as PDF files (merged cells, page breaks, text in column order)
read by ``pipelines.files``, the first ``--office`` also as PDFs LibreOffice prints from the DOCX;
each report's numbers are compared with the generator's.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.demo import chrome, documents, trs  # noqa: E402
from crawler.families import body_selectors  # noqa: E402
from pipelines import files, report_stats, statistics  # noqa: E402
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


def pdf_with_or_without_repeated_headers(report) -> bytes:
    return documents.pdf_bytes(report, repeat_header=random.Random(report.title).random() < 0.5)


def shares(source: str, truths, stats_objects) -> None:
    """One line per source: how many reports match the generator, and the shares written and parsed."""
    matching, written, parsed = 0, [0, 0, 0], [0, 0, 0]
    for truth, stats in zip(truths, stats_objects):
        stats = stats or {}
        checks = stats.get("checks") or {"complete": False, "consistent": False}
        numbers = {(c.table, c.row, c.column): c.value for c in statistics.cells_of(stats)}
        matching += numbers == truth.values and stats.get("format") == truth.format
        complete, consistent = None not in truth.values.values(), truth.broken is None
        for index, (w, p) in enumerate(((complete and consistent, checks["complete"] and checks["consistent"]),
                                        (consistent, checks["consistent"]), (complete, checks["complete"]))):
            written[index] += w
            parsed[index] += p
    total = len(truths)
    print(f"{source:<18}{total:>8}{matching / total:>10.1%}" + "".join(f"{w / total:>12.1%}{p / total:>10.1%}" for w, p in zip(written, parsed)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=600)
    parser.add_argument("--files", type=int, default=60, help="how many of the reports are also read as DOCX and as PDF files")
    parser.add_argument("--office", type=int, default=4, help="how many of them also as PDFs LibreOffice prints from the DOCX")
    args = parser.parse_args()
    corpus = pages(args.reports)
    containers = body_selectors("trs")
    records = [clean_record({"url": f"http://www.linjiang.gov.cn{entry.path}", "html": html, "flags": [], "containers": containers})
               for entry, html in corpus]
    htmls = [html for _, html in corpus]
    texts = [record["text"] for record in records]
    reports = [entry.report for entry, _ in corpus[:args.files]]
    file_texts = {name: [files.extract(render(report), f"report.{name.lower()}").text for report in reports]
                  for name, render in (("DOCX", documents.docx_bytes), ("PDF", pdf_with_or_without_repeated_headers))}
    if args.office:
        file_texts["PDF (LibreOffice)"] = [files.extract(pdf, "report.pdf").text for pdf in documents.office_pdfs(reports[:args.office])]
    print(f"{len(corpus)} TRS demo report pages of {YEARS[0]}-{YEARS[-1]} ({sum(map(len, htmls)) // len(htmls):,} characters of HTML on average); "
          f"{len(reports)} of them also as DOCX and PDF files")
    html_rate = per_second(report_stats.from_html, htmls)
    text_rate = per_second(report_stats.from_text, texts)
    pdf_rate = per_second(report_stats.from_text, file_texts["PDF"])
    chain_rate = per_second(lambda html: clean_record({"url": "http://x.gov.cn/a.html", "html": html, "flags": [], "containers": containers}),
                            htmls[:100])
    print(f"tables parsed per second: from the page's HTML {html_rate:,.0f} ({1000 / html_rate:.2f} ms/report), "
          f"from the clean text {text_rate:,.0f} ({1000 / text_rate:.2f} ms/report), "
          f"from a PDF's text {pdf_rate:,.0f} ({1000 / pdf_rate:.2f} ms/report); "
          f"whole cleaning chain {chain_rate:,.0f} reports/s ({1000 / chain_rate:.1f} ms/report)")
    print("shares of the 2019-and-later reports: every number as the generator's; complete and consistent, consistent, complete "
          "(written by the generator / parsed)")
    print(f"{'source':<18}{'reports':>8}{'matching':>10}" + "".join(f"{name:>22}" for name in ("complete, consistent", "consistent", "complete")))
    truths = [entry.report.stats for entry, _ in corpus]
    shares("HTML", truths, [record["stats"] for record in records])
    for name, extracted in file_texts.items():
        shares(name, truths[:len(extracted)], [statistics.process({"text": text, "flags": []})["stats"] for text in extracted])


if __name__ == "__main__":
    main()
