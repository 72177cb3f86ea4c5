"""Generic listing parsers, pinned on a stored GBK list page."""

from crawler.parsers import generic
from crawler.parsers.common import listing_prefix

from .conftest import FIXTURES

URL = "http://www.baihe.gov.cn/zfxxgk/ndbg/list_2.html"


def html():
    return (FIXTURES / "generic_list_gbk.html").read_bytes().decode("gb18030")


def test_next_and_numbered_pages():
    """The pages a generic crawl follows from list_2: the column's first and next pages. The portal's
    navigation links (/index.html, /zwgk/index.html …) look like list pages to the parser; the spider
    keeps pagination under the listing's folder, so they are never walked."""
    pages = generic.listing_pages(html(), URL)
    assert [page for page in pages if page.startswith(listing_prefix(URL))] == [
        "http://www.baihe.gov.cn/zfxxgk/ndbg/list.html", "http://www.baihe.gov.cn/zfxxgk/ndbg/list_3.html"]


def test_next_selector_from_options():
    page = '<div class="pg"><a class="nx" href="?page=3">›</a></div>'
    assert generic.listing_pages(page, "http://x.gov.cn/nb/list.jsp?page=2", next_selector="a.nx") == ["http://x.gov.cn/nb/list.jsp?page=3"]


def test_entries_from_the_dated_main_list():
    entries = generic.listing_entries(html(), URL)
    assert [e["url"] for e in entries] == ["http://www.baihe.gov.cn/zfxxgk/ndbg/2024/0118/1003.html",
                                           "http://www.baihe.gov.cn/zfxxgk/ndbg/2024/0110/1001.html"]
    assert entries[0]["title"] == "白河县人民政府2023年政府信息公开工作年度报告"


def test_list_selector_from_options():
    page = '<ul class="a"><li><a href="/x/1.html">一</a></li></ul><ul class="b"><li><a href="/x/2.html">二</a></li></ul>'
    assert [e["url"] for e in generic.listing_entries(page, "http://x.gov.cn/x/", list_selector="ul.b")] == ["http://x.gov.cn/x/2.html"]
