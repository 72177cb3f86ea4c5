"""gkmlpt API parsers, pinned on a stored API answer."""

from crawler.parsers import gkmlpt

from .conftest import FIXTURES

BASE = "http://www.nanhaiwan.gov.cn/gkmlpt/api/all/2817?page=1&sid=754801"


def data():
    return gkmlpt.answer((FIXTURES / "gkmlpt_api.json").read_text(encoding="utf-8"))


def test_listing_records_carry_index_no_agency_and_raw_time():
    first, second = gkmlpt.listing_entries(data(), BASE)
    assert first == {"url": "http://www.nanhaiwan.gov.cn/gkmlpt/content/4/4290/post_4290871.html#2817",
                     "title": "南海湾市司法局2023年政府信息公开工作年度报告", "date": "2024-01-18", "published": 1705541400000,
                     "index_no": "11440100MB2C12345X/2024-00012", "agency": "南海湾市司法局"}
    assert second["url"] == "http://www.nanhaiwan.gov.cn/gkmlpt/content/4/4290/post_4290002.html"
    assert second["date"] == "2024-03-05" and second["published"] == "2024-03-05 10:00:00"


def test_page_count_uses_the_page_size_of_the_answer():
    assert gkmlpt.page_count(data()) == 116
    assert gkmlpt.page_count({"articles": [{}] * 100, "total": 231}) == 3


def test_category_sid_and_api_url():
    assert gkmlpt.category_id("http://www.nanhaiwan.gov.cn/gkmlpt/annualreport#2817") == "2817"
    assert gkmlpt.site_sid('<script>window.GKMLPT_CONFIG = {"sid": "754801"};</script>') == "754801"
    assert gkmlpt.api_url("http://www.nanhaiwan.gov.cn/gkmlpt/annualreport", "2817", "754801", 3) == \
        "http://www.nanhaiwan.gov.cn/gkmlpt/api/all/2817?page=3&sid=754801"
