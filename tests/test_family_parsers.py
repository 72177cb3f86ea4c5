"""The family parsers of TRS, Ucap, Lonsun, gkmlpt and generic sites, pinned on stored pages."""

from crawler.families import gkmlpt, lonsun, trs, ucap
from crawler.parsers.lists import listing_records
from crawler.parsers.pagers import script_pager, static_pages

from .conftest import FIXTURES


def fixture(name: str, encoding: str = "utf-8") -> str:
    return (FIXTURES / name).read_bytes().decode(encoding)


def test_trs_listing_rows_use_the_title_attribute_and_row_date():
    url = "http://www.example.gov.cn/xxgk/xxgknb/index_1.shtml"
    rows = listing_records(fixture("trs_listing_page1.shtml"), url, trs.DETAIL_RE)
    assert [(r.url.rsplit("/", 1)[-1], r.title, r.date) for r in rows] == [
        ("t20240118_90210.shtml", "示范县自然资源局2023年政府信息公开工作年度报告", "2024-01-18"),
        ("t20240116_90188.shtml", "示范县教育局2023年政府信息公开工作年度报告", "2024-01-16"),
        ("t20240110_90101.shtml", "示范县人民政府2023年政府信息公开工作年度报告", "2024-01-10")]


def test_trs_pager_on_a_numbered_page_names_the_later_pages():
    url = "http://www.example.gov.cn/xxgk/xxgknb/index_1.shtml"
    page = fixture("trs_listing_page1.shtml")
    assert (script_pager(page, url).count, script_pager(page, url).current) == (4, 1)
    assert static_pages(page, url) == ["http://www.example.gov.cn/xxgk/xxgknb/index_2.shtml", "http://www.example.gov.cn/xxgk/xxgknb/index_3.shtml"]


def test_trs_countpage_takes_name_and_extension_from_the_url():
    url = "http://www.example.gov.cn/zwgk/ndbg/index.htm"
    assert static_pages(fixture("trs_listing_countpage.html"), url) == [f"http://www.example.gov.cn/zwgk/ndbg/index_{k}.htm" for k in range(1, 6)]


def test_trs_search_answer_rows_and_page_count():
    answer = fixture("trs_search.json")
    rows = trs.search_entries(answer, "http://www.example.gov.cn/igs/front/search/list.html?pageNumber=2")
    assert rows[1].as_dict() == {"url": "http://www.example.gov.cn/xxgk/xxgknb/202301/t20230112_80007.html",
                                 "title": "示范县财政局2022年政府信息公开工作年度报告", "date": "2023-01-12", "published": "2023-01-12",
                                 "index_no": "000014349/2023-00102"}
    assert trs.search_page_count(answer) == 4
    assert trs.search_page_count('{"page": {"content": [], "totalElements": 31, "size": 15}}') == 3


def test_ucap_rows_skip_the_hot_list_and_the_pager_names_later_pages():
    url = "http://www.yuanshui.gov.cn/zwgk/xxgknb/home_1.htm"
    page = fixture("ucap_home.htm")
    rows = listing_records(page, url, ucap.DETAIL_RE)
    assert [r.url.rsplit("/", 2)[-2] for r in rows] == ["202401", "202401"]
    assert rows[1].title == "袁水县农业农村局2023年政府信息公开工作年度报告" and rows[1].date == "2024-01-12"
    assert static_pages(page, url) == ["http://www.yuanshui.gov.cn/zwgk/xxgknb/home_2.htm", "http://www.yuanshui.gov.cn/zwgk/xxgknb/home_3.htm"]


def test_generic_gbk_list_rows_and_pager_links_stay_in_the_listing():
    url = "http://www.baihe.gov.cn/zfxxgk/ndbg/list_2.html"
    page = fixture("generic_list_gbk.html", "gb18030")
    rows = listing_records(page, url)
    assert [r.url for r in rows] == ["http://www.baihe.gov.cn/zfxxgk/ndbg/2024/0118/1003.html", "http://www.baihe.gov.cn/zfxxgk/ndbg/2024/0110/1001.html"]
    assert rows[0].title == "白河县人民政府2023年政府信息公开工作年度报告"
    # the menu's index.html links are other columns, not pages of this list
    assert static_pages(page, url) == ["http://www.baihe.gov.cn/zfxxgk/ndbg/list.html", "http://www.baihe.gov.cn/zfxxgk/ndbg/list_3.html"]


def test_next_selector_from_options():
    page = '<div class="pg"><a class="nx" href="?page=3">›</a></div>'
    assert static_pages(page, "http://x.gov.cn/nb/list.jsp?page=2", next_selector="a.nx") == ["http://x.gov.cn/nb/list.jsp?page=3"]


def test_lonsun_rows_and_later_pages_keep_the_column():
    url = "https://www.songyuan.gov.cn/public/column/6596611?type=4&catId=7190991&action=list&pageIndex=2"
    page = fixture("lonsun_column.html")
    assert lonsun.page_count(page) == 5
    assert lonsun.listing_pages(page, url) == [url.replace("pageIndex=2", f"pageIndex={k}") for k in (3, 4, 5)]
    rows = listing_records(page, url, lonsun.DETAIL_RE)
    assert [(r.url, r.date) for r in rows] == [("https://www.songyuan.gov.cn/public/6596611/11244031.html", "2024-01-19"),
                                               ("https://www.songyuan.gov.cn/public/6596611/11244020.html", "2024-01-15")]


def gkmlpt_data():
    return gkmlpt.answer(fixture("gkmlpt_api.json"))


def test_gkmlpt_records_carry_index_no_agency_and_raw_time():
    first, second = gkmlpt.listing_entries(gkmlpt_data(), "http://www.nanhaiwan.gov.cn/gkmlpt/api/all/2817?page=1&sid=754801")
    assert first.as_dict() == {"url": "http://www.nanhaiwan.gov.cn/gkmlpt/content/4/4290/post_4290871.html#2817",
                               "title": "南海湾市司法局2023年政府信息公开工作年度报告", "date": "2024-01-18", "published": 1705541400000,
                               "index_no": "11440100MB2C12345X/2024-00012", "agency": "南海湾市司法局"}
    assert second.url == "http://www.nanhaiwan.gov.cn/gkmlpt/content/4/4290/post_4290002.html"
    assert second.date == "2024-03-05" and second.published == "2024-03-05 10:00:00"


def test_gkmlpt_page_count_uses_the_page_size_of_the_answer():
    assert gkmlpt.page_count(gkmlpt_data()) == 116
    assert gkmlpt.page_count({"articles": [{}] * 100, "total": 231}) == 3


def test_gkmlpt_endpoints_come_from_the_ui_url_or_its_config_never_the_host_root():
    assert gkmlpt.category_id("http://www.nanhaiwan.gov.cn/gkmlpt/annualreport#2817") == "2817"
    assert gkmlpt.site_sid('<script>window.GKMLPT_CONFIG = {"sid": "754801"};</script>') == "754801"
    ui = "http://www.szlh.gov.cn/lhqkjhgyxxhj/gkmlpt/annualreport#2817"
    root = gkmlpt.platform_root("<html></html>", ui)
    assert root == "http://www.szlh.gov.cn/lhqkjhgyxxhj/gkmlpt"
    assert gkmlpt.api_url(root, "2817", "755325", 3) == "http://www.szlh.gov.cn/lhqkjhgyxxhj/gkmlpt/api/all/2817?page=3&sid=755325"
    configured = '<script>var GKMLPT = {apiRoot: "/qu/gkmlpt/api", sid: "1"};</script>'
    assert gkmlpt.platform_root(configured, "http://www.x.gov.cn/qu/zwgk/nb.html") == "http://www.x.gov.cn/qu/gkmlpt"


def test_truecms_list_api_from_the_column_script_and_its_jsonp_answer():
    from crawler.families import truecms
    from crawler.parsers import api_lists

    page = ("<ul id='msgList'></ul><script>var columnId = '3357', pageSize = 7;"
            "$.ajax({url: '/messageController/getMessage.do', dataType: 'jsonp', data: {columnId: columnId, pageNo: 1}});</script>")
    api = truecms.list_api(page, "http://www.ls.gov.cn/zwgk/nb/index.html")
    assert (api.endpoint, api.params, api.page_size) == ("http://www.ls.gov.cn/messageController/getMessage.do", {"columnId": "3357"}, 7)
    assert truecms.column_evidence(page, "http://www.ls.gov.cn/zwgk/nb/index.html", False)
    answer = ('jsonpCallback({"code":0,"data":{"pages":2,"list":[{"url":"/zwgk/nb/20240120/1.html","title":"某市2023年政府信息公开工作年度报告",'
              '"publishTime":"2024-01-20 10:00:00"}]}})')
    data = api_lists.answer(answer)
    assert [(r.url, r.title, r.date) for r in api_lists.records(data, "http://www.ls.gov.cn/zwgk/nb/index.html")] == [
        ("http://www.ls.gov.cn/zwgk/nb/20240120/1.html", "某市2023年政府信息公开工作年度报告", "2024-01-20")]
    assert api_lists.page_count(data, 7) == 2
    assert api_lists.page_count({"data": {"total": 15, "list": []}}, 7) == 3


def test_epoint_posted_parameters_and_answer():
    from crawler.families import epoint
    from crawler.parsers import api_lists

    page = ('<script>var queryParams = {"siteGuid": "7eb5", "categoryNum": "004002", "pageIndex": 0, "pageSize": 6};'
            "$.ajax({type: 'POST', url: '/EWB-FRONT/rest/frontAppCustomAction/getPageInfoListNew'});</script>")
    api = epoint.list_api(page, "http://www.qy.gov.cn/zwgk/xxgknb/xxgknb.html")
    endpoint = api.endpoint
    assert endpoint == "http://www.qy.gov.cn/EWB-FRONT/rest/frontAppCustomAction/getPageInfoListNew"
    assert (api.params, api.page_size) == ({"siteGuid": "7eb5", "categoryNum": "004002", "pageIndex": 0, "pageSize": 6}, 6)
    data = {"custom": {"count": 13, "infodata": [{"infourl": "/zwgk/004002/20240118/ab.html", "title": "某县2023年政府信息公开工作年度报告",
                                                  "infodate": "2024-01-18"}]}}
    assert api_lists.records(data, endpoint)[0].url == "http://www.qy.gov.cn/zwgk/004002/20240118/ab.html"
    assert api_lists.page_count(data, 6) == 3


def test_hanweb_jpaas_unit_from_the_column_script():
    from crawler.families import hanweb

    page = ("<script>var unitParam = {\"webId\": \"3\", \"pageId\": \"9182736\", \"tagId\": \"当前栏目list\"};"
            "var pageCount = 3, pageSize = '15', total = 40;"
            "$.ajax({url: '/jpaas-publish-server/front/page/build/unit', data: data});</script>")
    unit = hanweb.jpaas_unit(page, "http://www.rc.gov.cn/col/col1229563221/index.html")
    assert (unit.pages, unit.page_size, unit.params["pageId"]) == (3, 15, "9182736")
    assert unit.page_url(2).startswith("http://www.rc.gov.cn/jpaas-publish-server/front/page/build/unit?webId=3&pageId=9182736")
    assert "paramJson=%7B%22pageNo%22%3A2%2C%22pageSize%22%3A%2215%22%7D" in unit.page_url(2)
    assert hanweb.jpaas_html('{"data": {"html": "<li>x</li>"}}') == "<li>x</li>"


def test_trs_search_api_read_off_the_column_script():
    page = "<script>var api = '/igs/front/search/list.html?index=xxgk&filter%5BCHANNELID%5D=60512&pageSize=6&pageNumber=';</script>"
    assert trs.search_api_in(page) == "/igs/front/search/list.html?index=xxgk&filter%5BCHANNELID%5D=60512&pageSize=6&pageNumber={page}"
    assert trs.search_api_in("<script>createPageHTML(3, 0, 'index', 'html');</script>") is None
