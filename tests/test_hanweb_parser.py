"""Hanweb jpage parsers, pinned on stored column pages and proxy answers."""

from crawler.parsers import hanweb

from .conftest import FIXTURES

URL = "http://www.yunxi.gov.cn/col/col1229137/index.html"


def page(name):
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_every_jpage_unit_is_read_with_its_form():
    first, second = hanweb.jpage_units(page("hanweb_column.html"))
    assert (first.unitid, first.total_record, first.per_page, first.group_size) == ("387411", 47, 15, 3)
    assert first.proxy_url == "/module/web/jpage/dataproxy.jsp"
    assert first.params == {"unitid": "387411", "col": "1", "appid": "1", "webid": "3359", "path": "/", "columnid": "1229137",
                            "sourceContentType": "1", "webname": "云溪市人民政府", "permissiontype": "0"}
    assert (second.unitid, second.column_id, second.total_record, second.groups) == ("387412", "1229138", 3, 1)
    assert first.groups == 2 and first.pages == 4


def test_group_requests_post_45_records_then_get_pages():
    unit = hanweb.jpage_units(page("hanweb_column.html"))[0]
    url, form = hanweb.group_post(unit, 1, URL)
    assert url == "http://www.yunxi.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=47&perpage=15"
    assert form["columnid"] == "1229137" and form["unitid"] == "387411"
    assert hanweb.group_post(unit, 0, URL)[0].endswith("startrecord=1&endrecord=45&perpage=15")
    assert [u.split("?")[1].split("&")[0] for u in hanweb.group_get_pages(unit, 1, URL)] == ["page=4"]


def test_inline_records_of_both_units_with_full_titles():
    entries = hanweb.listing_entries(page("hanweb_column.html"), URL)
    assert [(e["url"].rsplit("/", 1)[-1], e["title"], e["date"]) for e in entries] == [
        ("art_1229137_58991203.html", "云溪市人民政府2023年政府信息公开工作年度报告", "2024-01-18"),
        ("art_1229137_58991102.html", "云溪市教育局2023年政府信息公开工作年度报告", "2024-01-09"),
        ("art_1229138_58991300.html", "云溪市民政局2023年政府信息公开工作年度报告", "2024-01-20"),
    ]


def test_proxy_xml_answer():
    answer = page("hanweb_proxy.xml")
    entries = hanweb.listing_entries(answer, "http://www.yunxi.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=46")
    assert [e["title"] for e in entries] == ["云溪市财政局2021年政府信息公开工作年度报告", "云溪市2022年政务公开工作要点"]


def test_old_javascript_array_answer():
    answer = page("hanweb_proxy_old.js")
    entries = hanweb.listing_entries(answer, "http://fgw.example.gov.cn/module/jslib/jquery/jpage/dataproxy.jsp?page=2")
    assert [e["url"] for e in entries] == ["http://fgw.example.gov.cn/art/2019/1/28/art_1621_3031.html",
                                            "http://fgw.example.gov.cn/art/2018/2/1/art_1621_2890.html"]
    assert entries[1]["date"] == "2018-02-01"


def test_column_id_from_url():
    assert hanweb.column_id(URL) == "1229137"
    assert hanweb.column_id("http://x.gov.cn/xxgk/") is None
