"""Attachment readers: ms per file and peak memory for each format on generated report-sized
files, the PDF readers side by side, OCR pages per second, and the extra crawl time of an
attachment-only report.

    .venv/bin/python bench/attachments.py                 # 6-page PDF, 10-page scan, DOCX, DOC
    .venv/bin/python bench/attachments.py --scan-pages 2 --runs 1 --no-crawl

Each extractor runs in a fresh subprocess so its peak RSS is its own. PDF readers compared: PDFium
(pypdfium2, what nianbao uses), pdfplumber and pdfminer.six (pdfplumber's engine); "rows" is how
many of the generator's table rows come out as one line each, "F1" the character F1 against the
generator's text.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.demo import documents  # noqa: E402
from crawler.demo.reports import make_report  # noqa: E402


def long_report():
    """A report of about six PDF pages: the official outline, the three tables and a longer overview."""
    report = make_report("临江市人民政府", 2024)
    overview = [block for block in report.blocks if block[0] == "p"][1:6]
    report.blocks[3:3] = [("p", text) for _ in range(6) for _kind, text in overview]
    return report


def read_with(reader: str, path: str, ocr: bool) -> str:
    if reader == "nianbao":
        from pipelines import files

        extraction = files.extract(Path(path).read_bytes(), path, ocr=ocr)
        return extraction.text
    if reader == "pdfplumber":
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if reader == "pdfminer":
        from pdfminer.high_level import extract_text

        return extract_text(path)
    raise ValueError(reader)


def child(reader: str, path: str, runs: int, ocr: bool) -> None:
    """In the subprocess: read ``path`` ``runs`` times, print ms per file, peak RSS and the text."""
    read_with(reader, path, ocr)  # warm-up: imports, the OCR models
    started = time.perf_counter()
    for _ in range(runs):
        text = read_with(reader, path, ocr)
    elapsed = (time.perf_counter() - started) / runs
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ms": elapsed * 1000, "peak_mb": peak, "text": text}, ensure_ascii=False))


def measure(reader: str, path: Path, runs: int, ocr: bool = True) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", reader, str(path), str(runs), str(int(ocr))],
                            capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(result.stdout.splitlines()[-1])


def table_rows_kept(text: str, report) -> tuple[int, int]:
    from pipelines.tables import row_line

    def key(line: str) -> str:  # the generator pads a short row with empty cells: trailing blanks do not count
        return line.replace(" ", "").rstrip("|")

    rows = [row_line(row) for kind, content in report.blocks if kind == "table" for row in documents.table_texts(content)]
    lines = {key(line) for line in text.splitlines()}
    return sum(key(row) in lines for row in rows if row), sum(1 for row in rows if row)


def crawl_seconds(attachment_only: tuple[str, ...], *settings: str) -> float:
    """Wall time of crawling a mock TRS column of 6 reports, ``attachment_only`` of them as files."""
    from crawler.demo import chrome, trs
    from crawler.demo.server import serve
    from crawler.registry import Site, write_sites
    from tests.conftest import FAST

    portal = chrome.Portal(name="临江市人民政府", domain="www.linjiang.gov.cn", id_code="3499000001", province_short="皖",
                           icp="皖ICP备09000001号-1", police="皖公网安备 34990002000001号", address="临江市", phone="0550-1234567")
    site, entries = trs.build_site(portal, ["临江市人民政府", "临江市财政局", "临江市教育局"], [2023, 2024], notices=0,
                                   per_page=6, attachment_only=attachment_only)
    for entry in entries:
        site.pages[entry.attachment_path] = (entry.file_bytes, entry.file_content_type)  # made before the clock starts
    with tempfile.TemporaryDirectory() as folder, serve(site) as base:
        registry = Path(folder) / "sites.csv"
        write_sites(registry, [Site(site_id="bench-files", template="trs", start_url=base + "/xxgk/xxgknb/index.html")])
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "--sites", str(registry), "--db", str(Path(folder) / "c.db"), *FAST, *settings],
                       check=True, capture_output=True, cwd=ROOT)
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="reads per file (after one warm-up)")
    parser.add_argument("--scan-pages", type=int, default=10)
    parser.add_argument("--no-crawl", action="store_true", help="skip the crawl-time comparison")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        reader, path, runs, ocr = args.child
        child(reader, path, int(runs), bool(int(ocr)))
        return 0
    from tests.attachment_scoring import char_f1

    report = long_report()
    gold = report.title + "\n" + report.gold_text
    with tempfile.TemporaryDirectory() as folder:
        files = {"pdf": documents.pdf_bytes(report), "docx": documents.docx_bytes(report), "doc": documents.doc_bytes(report)}
        paths = {name: Path(folder) / f"report.{name}" for name in files}
        for name, data in files.items():
            paths[name].write_bytes(data)
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(files["pdf"]))
        print(f"PDF readers on a {pages}-page text PDF with the three statistics tables ({args.runs} run(s) each):")
        print(f"{'reader':12} {'ms/file':>8} {'peak MB':>8} {'F1':>6} {'rows kept':>10}")
        for reader in ("nianbao", "pdfplumber", "pdfminer"):
            result = measure(reader, paths["pdf"], args.runs)
            kept, total = table_rows_kept(result["text"], report)
            label = "PDFium" if reader == "nianbao" else reader
            print(f"{label:12} {result['ms']:8.1f} {result['peak_mb']:8.0f} {char_f1(result['text'], gold):6.3f} {kept:>4}/{total}")
        print("\nnianbao's readers per format:")
        print(f"{'file':28} {'ms/file':>8} {'peak MB':>8} {'F1':>6}")
        for name, label in (("docx", "DOCX"), ("doc", "DOC (LibreOffice, one run per file)")):
            result = measure("nianbao", paths[name], args.runs)
            print(f"{label:28} {result['ms']:8.1f} {result['peak_mb']:8.0f} {char_f1(result['text'], gold):6.3f}")
        scan_path = Path(folder) / "scan.pdf"
        scan_path.write_bytes(documents.scanned_pdf_bytes(report, max_pages=args.scan_pages))
        scanned = len(pypdfium2.PdfDocument(scan_path.read_bytes()))
        result = measure("nianbao", scan_path, 1)
        print(f"{f'scan, {scanned} page(s) (OCR)':28} {result['ms']:8.1f} {result['peak_mb']:8.0f} "
              f"{char_f1(result['text'], gold[:len(result['text']) + 200] if scanned < pages else gold):6.3f}"
              f"   {scanned / (result['ms'] / 1000):.2f} OCR pages/s")
    if not args.no_crawl:
        html = crawl_seconds((), "-s", "NIANBAO_ATTACHMENTS=False")
        as_files = crawl_seconds(("pdf", "pdf", "pdf", "docx", "docx", "docx"))
        print(f"\ncrawl of 6 reports: HTML pages, attachments off {html:.1f} s; attachment-only (3 PDF, 3 DOCX) {as_files:.1f} s: "
              f"{(as_files - html) / 6 * 1000:+.0f} ms per attachment-only report")
    return 0


if __name__ == "__main__":
    sys.exit(main())
