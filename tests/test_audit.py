"""The coverage audit: per site, listing rows, report-like links, detail pages followed, and the
report-like links that ended the crawl not stored (suspects), in the summary and in crawl_runs."""

import sqlite3

from crawler.demo import chrome, trs
from crawler.registry import Site

PORTAL = chrome.Portal(name="青川市人民政府", domain="www.qingchuan.gov.cn", id_code="5108000003", province_short="川",
                       icp="蜀ICP备05000003号-2", police="川公网安备 51080002000003号", address="青川市人民路8号", phone="0839-7654321")
SUSPECTS = ('<p class="attach"><a href="/zwgk/xxgknb/P020240301.pdf">青川市审计局2023年政府信息公开工作年度报告</a></p>'
            '<p class="elsewhere"><a href="http://127.0.0.2:9/nb/t20240301_1.html">青川市水务局2023年政府信息公开工作年度报告</a></p>')


def test_report_like_links_that_are_not_stored_are_counted_and_logged(mock_site, crawl):
    site, entries = trs.build_site(PORTAL, ["青川市人民政府", "青川市教育局"], [2022, 2023], notices=1, per_page=4, column_path="/zwgk/xxgknb/")
    page, content_type = site.pages["/zwgk/xxgknb/index.html"]
    site.pages["/zwgk/xxgknb/index.html"] = (page.replace(b"</body>", SUSPECTS.encode() + b"</body>"), content_type)
    with mock_site(site) as base:
        row = Site(site_id="qingchuan", template="trs", start_url=base + "/zwgk/xxgknb/index.html")
        result, db = crawl([row])
    assert result.returncode == 0, result.stderr[-3000:]
    run = sqlite3.connect(db).execute("select rows, report_like, followed, suspects, new from crawl_runs").fetchone()
    annual = sum(entry.kind == "annual" for entry in entries)
    assert run == (len(entries), annual + 2, len(entries), 2, len(entries))
    assert "qingchuan: 2 report-like link(s) not stored" in result.stdout
    assert f"{base}/zwgk/xxgknb/P020240301.pdf" in result.stderr and "(not followed: attachment)" in result.stderr
    assert "http://127.0.0.2:9/nb/t20240301_1.html" in result.stderr and "(not followed: outside the site)" in result.stderr
