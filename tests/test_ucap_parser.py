"""Ucap listing parsers, pinned on a stored static list page."""

from crawler.parsers import ucap

from .conftest import FIXTURES

URL = "http://www.yuanshui.gov.cn/zwgk/xxgknb/home_1.htm"


def html():
    return (FIXTURES / "ucap_home.htm").read_text(encoding="utf-8")


def test_pages_from_the_pager_script():
    assert ucap.listing_pages(html(), URL) == [
        "http://www.yuanshui.gov.cn/zwgk/xxgknb/home.htm", "http://www.yuanshui.gov.cn/zwgk/xxgknb/home_1.htm",
        "http://www.yuanshui.gov.cn/zwgk/xxgknb/home_2.htm", "http://www.yuanshui.gov.cn/zwgk/xxgknb/home_3.htm"]


def test_pages_from_the_page_total_or_pager_links():
    assert ucap.listing_pages("<div>共 3 页</div>", "http://x.gov.cn/col/index.shtml")[-1] == "http://x.gov.cn/col/index_2.shtml"
    links = '<a href="home_1.htm">2</a><a href="home_2.htm">3</a><a href="/other/home_9.htm">x</a>'
    assert ucap.listing_pages(links, "http://x.gov.cn/col/home.htm") == ["http://x.gov.cn/col/home_1.htm", "http://x.gov.cn/col/home_2.htm"]


def test_entries_skip_the_hot_list():
    entries = ucap.listing_entries(html(), URL)
    assert [e["url"].rsplit("/", 2)[-2] for e in entries] == ["202401", "202401"]
    assert entries[1]["title"] == "袁水县农业农村局2023年政府信息公开工作年度报告" and entries[1]["date"] == "2024-01-12"
