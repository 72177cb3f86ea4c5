"""Report files read into the corpus's text: every format against the generator's gold text,
ruled tables, page furniture, and the bad files each with its outcome."""

import io
import json
import zipfile

import pytest

from crawler.demo import documents
from crawler.demo.reports import make_report
from pipelines import files
from pipelines.files import archive, grid, layout, word
from tests.attachment_scoring import char_f1
from tests.conftest import run_nianbao

REPORTS = [make_report(agency, year) for agency, year in (("临江市财政局", 2022), ("云溪市教育局", 2024))]


def gold(report):
    return report.title + "\n" + report.gold_text


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r.agency)
@pytest.mark.parametrize("file_format", ["pdf", "docx", "ofd"])
def test_each_format_gives_the_report_text_with_table_rows(report, file_format):
    extraction = files.extract(documents.RENDERERS[file_format](report), f"report.{file_format}")
    assert extraction.outcome == "ok" and extraction.text_source == file_format
    assert char_f1(extraction.text, gold(report)) >= 0.99
    table = [line for line in report.gold_text.splitlines() if line.startswith("（七）总计")]
    assert table[0].replace(" ", "") in extraction.text.replace(" ", "")


def test_legacy_word_and_wps_are_converted_in_one_libreoffice_run():
    converter = word.LibreOffice()
    doc, wps = documents.doc_bytes(REPORTS[0]), documents.wps_bytes(REPORTS[1])
    results = converter.convert_many([(doc, "doc"), (wps, "wps")])
    assert converter.runs == 1
    for report, converted, suffix in zip(REPORTS, results, ("doc", "wps")):
        extraction = word.from_docx(converted, suffix)
        assert extraction.format == suffix and char_f1(extraction.text, gold(report)) >= 0.99


def test_a_scanned_page_is_read_by_ocr_and_flagged():
    report = REPORTS[0]
    extraction = files.extract(documents.scanned_pdf_bytes(report, max_pages=1), "scan.pdf")
    assert extraction.outcome == "ok" and extraction.text_source == "ocr" and extraction.ocr_pages == 1
    first_page = gold(report)[:len(extraction.text)]
    assert char_f1(extraction.text, first_page) >= 0.95
    assert files.extract(documents.scanned_pdf_bytes(report, max_pages=1), "scan.pdf", ocr=False).outcome == "empty"


def encrypted_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4, encrypt="secret")
    page.drawString(100, 700, "annual report")
    page.save()
    return out.getvalue()


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("[Content_Types].xml", "<Types/>")
        zipped.writestr("word/document.xml", b"\0" * (archive.MAX_EXPANDED_BYTES // 10))  # 20 MiB from about 20 KiB
    return out.getvalue()


@pytest.mark.parametrize("data, name, outcome", [
    (encrypted_pdf(), "a.pdf", "encrypted"),
    (documents.pdf_bytes(REPORTS[0])[:3000], "cut.pdf", "corrupt"),
    (documents.docx_bytes(REPORTS[0])[:5000], "cut.docx", "corrupt"),
    (zip_bomb(), "bomb.docx", "zip-bomb"),
    ("<!DOCTYPE html><html><body>页面不存在</body></html>".encode(), "report.pdf", "not-a-file"),
    (b"\xef\xbb\xbf  <html><body>WAF</body></html>", "report.doc", "not-a-file"),
    (b"GIF89a\x01\x00", "report.pdf", "unsupported"),
    (b"PK\x03\x04" + b"\0" * 26 + b"xl/workbook.xml", "sheet.xlsx", "unsupported"),
])
def test_bad_files_give_an_outcome_and_no_text(data, name, outcome):
    extraction = files.extract(data, name)
    assert (extraction.outcome, extraction.text) == (outcome, ""), extraction.detail
    assert extraction.detail


def test_the_format_comes_from_the_bytes_not_the_name():
    pdf = documents.pdf_bytes(REPORTS[0])
    assert files.detect(pdf, "docx") == "pdf"
    assert files.extract(pdf, "download.jsp?id=3").outcome == "ok"
    assert files.detect(documents.docx_bytes(REPORTS[0])) == "docx"
    assert files.detect(documents.ofd_bytes(REPORTS[0])) == "ofd"


def piece(text, left, top, width=None, height=10.0):
    return layout.Piece(text, left, top, left + (width if width is not None else 10.0 * len(text)), top + height)


def test_page_numbers_and_running_headers_go_and_wrapped_lines_join():
    pages = []
    for number, topic in zip(range(1, 5), "甲乙丙丁"):
        pages.append(layout.lines_of([
            piece("临江市人民政府办公室文件", 50, 20),
            piece(f"{topic}段的正文很长第一行直到右边距为止", 70, 100, width=400),
            piece(f"续行到{topic}段的此处结束。", 50, 115),
            piece(f"（{topic}）标题行", 50, 130),
            piece(f"- {number} -", 250, 800),
        ]))
    text = layout.paragraphs(pages)
    assert "办公室文件" not in text and "- 2 -" not in text
    assert text.splitlines()[:2] == ["甲段的正文很长第一行直到右边距为止续行到甲段的此处结束。", "（甲）标题行"]


def test_a_ruled_table_keeps_wrapped_and_merged_cells_whole():
    rules = [grid.rule(0, y, 300, y) for y in (0, 40, 80)] + [grid.rule(x, 0, x, 80) for x in (0, 100, 300)]
    rules += [grid.rule(200, 40, 200, 80)]  # the second row splits the right cell in two
    pieces = [piece("申请人", 5, 5), piece("情况", 5, 20), piece("合并的单元格", 105, 15),
              piece("自然人", 5, 55), piece("12", 105, 55), piece("3", 205, 55), piece("表外文字", 5, 100)]
    lines = grid.placed_lines(rules, pieces)
    assert [line.text for line in lines] == ["申请人情况 | 合并的单元格", "自然人 | 12 | 3", "表外文字"]


def test_clean_reads_report_files_and_names_bad_ones(tmp_path):
    good, bad = tmp_path / "report.docx", tmp_path / "locked.pdf"
    good.write_bytes(documents.docx_bytes(REPORTS[1]))
    bad.write_bytes(encrypted_pdf())
    result = run_nianbao("clean", str(good), str(bad))
    assert result.returncode == 1
    record = json.loads(result.stdout.splitlines()[0])
    assert (record["title"], record["year"], record["text_source"]) == (REPORTS[1].title, 2024, "docx")
    assert "locked.pdf: encrypted" in result.stderr


def test_a_stub_page_takes_its_files_text_and_a_short_page_with_a_copy_keeps_its_own():
    from pipelines import attachment_text

    report = REPORTS[0].title + "\n" + REPORTS[0].gold_text
    notice = "为深入推进政务公开工作，现将工作要点印发给你们，请认真抓好落实。" * 3
    scan = {"outcome": "ok", "text": report, "text_source": "ocr", "ocr_pages": 3}
    stub = attachment_text.process({"text": "全文详见附件。点击下载", "flags": [], "attachment_files": [
        {"outcome": "corrupt", "text": None}, scan, {"outcome": "ok", "text": notice, "text_source": "docx"}]})
    assert (stub["text"], stub["text_source"], stub["flags"]) == (report, "ocr", ["ocr"])
    short = attachment_text.process({"text": notice, "flags": [], "attachment_files": [
        {"outcome": "ok", "text": "附件\n" + notice, "text_source": "pdf"}]})
    assert (short["text"], short["text_source"]) == (notice, "html")
    full = attachment_text.process({"text": report, "flags": [], "attachment_files": [scan]})
    assert full["text_source"] == "html"


def test_a_pdf_longer_than_the_page_bound_says_what_was_read():
    extraction = files.extract(documents.pdf_bytes(REPORTS[0]), "long.pdf", max_pages=1)
    assert extraction.outcome == "ok" and extraction.detail == f"only the first 1 of {extraction.pages} pages read"
    assert extraction.pages > 1 and len(extraction.text) < len(REPORTS[0].gold_text)
