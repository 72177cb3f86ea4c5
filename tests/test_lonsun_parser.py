"""Lonsun listing parsers, pinned on a stored column page."""

from crawler.parsers import lonsun

from .conftest import FIXTURES

URL = "https://www.songyuan.gov.cn/public/column/6596611?type=4&catId=7190991&action=list&pageIndex=2"


def test_pages_from_inline_page_count_keep_the_column():
    html = (FIXTURES / "lonsun_column.html").read_text(encoding="utf-8")
    assert lonsun.page_count(html) == 5
    assert lonsun.listing_pages(html, URL) == [URL.replace("pageIndex=2", f"pageIndex={k}") for k in (1, 3, 4, 5)]


def test_entries_come_from_the_main_list_not_the_sidebar():
    html = (FIXTURES / "lonsun_column.html").read_text(encoding="utf-8")
    entries = lonsun.listing_entries(html, URL)
    assert [(e["url"], e["date"]) for e in entries] == [
        ("https://www.songyuan.gov.cn/public/6596611/11244031.html", "2024-01-19"),
        ("https://www.songyuan.gov.cn/public/6596611/11244020.html", "2024-01-15"),
    ]
    assert entries[0]["title"] == "松原市财政局2023年政府信息公开工作年度报告"


def test_page_url_spells_out_page_one():
    assert lonsun.page_url(URL.replace("&pageIndex=2", "")) == URL.replace("pageIndex=2", "pageIndex=1")
