"""End to end: reports published only as attachments (text PDF, scan, DOCX, DOC, WPS, OFD) on
mock TRS, Hanweb and gkmlpt sites are stored with the file's text; bad files are reported."""

import json
import sqlite3

import pytest

from crawler.demo import chrome, documents, gkmlpt, hanweb, trs
from crawler.demo.reports import make_report
from crawler.attachments import document_links, file_host_allowed
from crawler.registry import Site
from tests.attachment_scoring import char_f1

PORTAL = chrome.Portal(name="临江市人民政府", domain="www.linjiang.gov.cn", id_code="3499000001", province_short="皖",
                       icp="皖ICP备09000001号-1", police="皖公网安备 34990002000001号", address="临江市滨江大道1号", phone="0550-1234567")


def rows(db, sql):
    connection = sqlite3.connect(db)
    connection.row_factory = sqlite3.Row
    return [dict(row) for row in connection.execute(sql)]


def reports_by_url(db):
    return {row["url"]: row for row in rows(db, "select * from reports")}


def attachment_files(db):
    return {row["url"]: row for row in rows(db, "select * from attachments")}


@pytest.fixture(scope="module")
def trs_site():
    return trs.build_site(PORTAL, ["临江市人民政府", "临江市财政局"], [2022, 2023, 2024], notices=0, per_page=4,
                          attachment_only=("pdf", "scan", "docx", "doc", "ofd"))


def test_attachment_only_reports_are_stored_with_the_files_text(trs_site, mock_site, crawl):
    site, entries = trs_site
    with mock_site(site) as base:
        row = Site(site_id="linjiang-files", province="安徽省", city="临江市", template="trs", start_url=base + "/xxgk/xxgknb/index.html")
        result, db = crawl([row])
        assert result.returncode == 0, result.stderr[-3000:]
        reports = reports_by_url(db)
        files = attachment_files(db)
        assert len(reports) == len(entries)
        for entry in entries:
            report = reports[base + entry.path]
            gold = entry.report.gold_text
            expected_source = {"scan": "ocr"}.get(entry.file_format, entry.file_format) or "html"
            assert report["text_source"] == expected_source, entry.file_format
            assert char_f1(report["text"], gold) >= 0.97, (entry.file_format, char_f1(report["text"], gold))
            assert (report["title"], report["year"], report["kind"]) == (entry.title, entry.report.year, "annual")
            assert report["published"] == entry.published
            file = files[base + entry.attachment_path]
            assert file["outcome"] == "ok" and file["sha256"] and file["size"] == len(entry.file_bytes), file
            assert ("ocr" in json.loads(report["flags"])) == (entry.file_format == "scan")
        # A full page keeps its own text; its PDF copy is recorded with the PDF's text.
        full = next(e for e in entries if e.file_format is None)
        assert files[base + full.attachment_path]["format"] == "pdf" and files[base + full.attachment_path]["text"]
        searched = rows(db, "select r.url from reports_fts f join reports r on r.rowid = f.rowid "
                            f"where reports_fts match '\"{entries[1].report.blocks[-1][1][:12]}\"'")
        assert base + entries[1].path in [r["url"] for r in searched]

        # Pages fetched again (their reports gone from the corpus) take the files' readings from the corpus.
        connection = sqlite3.connect(db)
        with connection:
            for table in ("reports", "report_sources", "dedupe_signatures"):
                connection.execute(f"delete from {table}")
        connection.close()
        requested_files = lambda: [r for r in site.requests if r.path in {e.attachment_path for e in entries}]  # noqa: E731
        before = len(requested_files())
        result, _db = crawl([row])
        assert result.returncode == 0, result.stderr[-3000:]
        assert len(requested_files()) == before
        assert {u: r["text"] for u, r in reports_by_url(db).items()} == {u: r["text"] for u, r in reports.items()}



def test_hanweb_and_gkmlpt_attachments_wps_and_pdf(mock_site, crawl):
    hanweb_site, hanweb_entries = hanweb.build_site(PORTAL, ["临江市人民政府"], [], [2023, 2024], per_page=2)
    gk_site, gk_entries = gkmlpt.build_site(PORTAL, ["临江市司法局"], [2023, 2024], notices=0)
    hanweb_entries[0].file_format, gk_entries[0].file_format = "wps", "pdf"
    with mock_site(hanweb_site) as hanweb_base, mock_site(gk_site) as gk_base:
        sites = [Site(site_id="files-hanweb", province="安徽省", city="临江市", template="hanweb", start_url=hanweb_base + hanweb_site.column_path),
                 Site(site_id="files-gkmlpt", province="安徽省", city="临江市", template="gkmlpt", start_url=gk_base + gk_site.ui_url)]
        result, db = crawl(sites, "--keep-files")
        assert result.returncode == 0, result.stderr[-3000:]
        reports = reports_by_url(db)
        kept = [row for row in attachment_files(db).values() if row["path"]]
        assert kept and all((db.parent / row["path"]).read_bytes()[:4] in (b"%PDF", b"\xd0\xcf\x11\xe0") for row in kept)
        for base, entry, source in ((hanweb_base, hanweb_entries[0], "wps"), (gk_base, gk_entries[0], "pdf")):
            report = reports[base + entry.path]
            assert report["text_source"] == source
            assert char_f1(report["text"], entry.report.gold_text) >= 0.97

        # --refresh asks for every file again, conditionally (If-Modified-Since its fetch time).
        def file_requests():
            return [r for r in gk_site.requests if r.path in gk_site.files]

        before = len(file_requests())
        result, _db = crawl(sites, "--refresh")
        assert result.returncode == 0, result.stderr[-3000:]
        again = file_requests()[before:]
        assert len(again) == len(gk_entries) and all("if-modified-since" in r.headers for r in again)


def test_bad_files_are_reported_and_nothing_junk_is_stored(mock_site, crawl):
    bad = {
        "corrupt": documents.docx_bytes(make_report("临江市人民政府", 2023))[:6000],
        "not-a-file": "<html><head><title>404</title></head><body>您访问的页面不存在</body></html>".encode(),
        "too-large": b"%PDF-1.4\n" + b"0" * 300_000,
    }
    site, entries = trs.build_site(PORTAL, ["临江市人民政府", "临江市财政局", "临江市教育局"], [2023, 2024], notices=0, per_page=6,
                                   attachment_only=("docx", "pdf", "pdf", "pdf"))
    for entry, body in zip(entries, bad.values()):
        site.add(entry.attachment_path, body, "application/pdf")
    served_as_html = entries[3]
    site.add(served_as_html.attachment_path, served_as_html.file_bytes, "text/html; charset=utf-8")
    with mock_site(site) as base:
        row = Site(site_id="linjiang-bad", province="安徽省", city="临江市", template="trs", start_url=base + "/xxgk/xxgknb/index.html")
        result, db = crawl([row], "-s", "NIANBAO_ATTACHMENT_MAXSIZE=200000")
    assert result.returncode == 0, result.stderr[-3000:]
    reports = reports_by_url(db)
    files = attachment_files(db)
    for entry, outcome in zip(entries, bad):
        assert base + entry.path not in reports, outcome  # a stub whose file gave nothing is not a report
        assert outcome in result.stderr and entry.attachment_path in result.stderr
    assert reports[base + served_as_html.path]["text_source"] == "pdf"
    assert files[base + served_as_html.attachment_path]["outcome"] == "ok"
    assert all(len(r["text"]) > 500 for r in reports.values())


def test_a_pdf_copy_and_an_html_copy_on_two_sites_are_one_duplicate_group(mock_site, crawl):
    pdf_site, pdf_entries = trs.build_site(PORTAL, ["临江市人民政府"], [2023], notices=0, attachment_only=("pdf",))
    html_site, html_entries = gkmlpt.build_site(PORTAL, ["临江市人民政府"], [2023], notices=0)
    assert pdf_entries[0].report.gold_text == html_entries[0].report.gold_text
    with mock_site(pdf_site) as pdf_base, mock_site(html_site) as html_base:
        sites = [Site(site_id="copy-pdf", province="安徽省", city="临江市", template="trs", start_url=pdf_base + "/xxgk/xxgknb/index.html"),
                 Site(site_id="copy-html", province="安徽省", city="临江市", template="gkmlpt", start_url=html_base + html_site.ui_url)]
        result, db = crawl(sites)
    assert result.returncode == 0, result.stderr[-3000:]
    reports = reports_by_url(db)
    as_pdf, as_html = reports[pdf_base + pdf_entries[0].path], reports[html_base + html_entries[0].path]
    assert (as_pdf["text_source"], as_html["text_source"]) == ("pdf", "html")
    assert as_pdf["dup_of"] == as_html["id"] or as_html["dup_of"] == as_pdf["id"]


def test_files_come_from_the_sites_own_domain_or_a_listed_host():
    page = "http://www.bengbu.gov.cn/xxgk/a.html"
    assert file_host_allowed("http://file.bengbu.gov.cn/x.pdf", page)
    assert file_host_allowed("https://xxgk.bengbu.gov.cn/download.jsp?id=1", page)
    assert not file_host_allowed("http://www.hefei.gov.cn/x.pdf", page)
    assert not file_host_allowed("http://bengbu.gov.cn.evil.com/x.pdf", page)
    assert file_host_allowed("http://cdn.example.com/x.pdf", page, ("cdn.example.com",))
    assert not file_host_allowed("http://127.0.0.2/x.pdf", "http://127.0.0.1/a.html")
    links = [{"url": "http://x/a.pdf"}, {"url": "http://x/down.jsp?id=2", "name": "年报.docx"}, {"url": "http://x/t.xls"}]
    assert [link["url"] for link in document_links(links)] == ["http://x/a.pdf", "http://x/down.jsp?id=2"]
