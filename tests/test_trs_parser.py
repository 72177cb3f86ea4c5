"""TRS listing parsers, pinned on stored listing pages."""

from crawler.parsers import trs

from .conftest import FIXTURES

URL = "http://www.example.gov.cn/xxgk/xxgknb/index_1.shtml"


def page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_pager_reads_createpagehtml_zero_based():
    info = trs.pager(page("trs_listing_page1.shtml"), URL)
    assert info == {"count": 4, "current": 1, "name": "index", "ext": "shtml"}


def test_listing_pages_are_index_then_index_k():
    assert trs.listing_pages(page("trs_listing_page1.shtml"), URL) == [
        "http://www.example.gov.cn/xxgk/xxgknb/index.shtml",
        "http://www.example.gov.cn/xxgk/xxgknb/index_1.shtml",
        "http://www.example.gov.cn/xxgk/xxgknb/index_2.shtml",
        "http://www.example.gov.cn/xxgk/xxgknb/index_3.shtml",
    ]


def test_countpage_variant_takes_name_and_extension_from_url():
    url = "http://www.example.gov.cn/zwgk/ndbg/index.htm"
    assert trs.listing_pages(page("trs_listing_countpage.html"), url)[-1] == "http://www.example.gov.cn/zwgk/ndbg/index_5.htm"


def test_page_without_pager_has_no_other_pages():
    assert trs.listing_pages("<html><body><ul><li>x</li></ul></body></html>", URL) == []


def test_entries_use_title_attribute_and_row_date():
    entries = trs.listing_entries(page("trs_listing_page1.shtml"), URL)
    by_url = {e["url"]: e for e in entries}
    first = by_url["http://www.example.gov.cn/xxgk/xxgknb/202401/t20240118_90210.shtml"]
    assert first["title"] == "示范县自然资源局2023年政府信息公开工作年度报告"
    assert first["date"] == "2024-01-18"
    assert by_url["http://www.example.gov.cn/xxgk/xxgknb/202401/t20240116_90188.shtml"]["date"] == "2024-01-16"
    assert by_url["http://www.example.gov.cn/xxgk/xxgknb/202401/t20240110_90101.shtml"]["date"] == "2024-01-10"
