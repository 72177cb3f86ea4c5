"""Column discovery (pure): which links of a page name the annual-report column or a disclosure
portal, how they rank, and when a page is the column."""

import pytest

from crawler import discovery
from crawler.parsers.common import folder_of

ROOT = "http://www.example.gov.cn/fgw/"


@pytest.mark.parametrize("anchor", [
    "<a href='/fgw/xxgk/nb/'>政府信息公开年报</a>",
    "<a href='/fgw/xxgk/nb/' title='政府信息公开工作年度报告'>年度报…</a>",
    "<a href='/fgw/xxgk/nb/'><img src='nb.png' alt='信息公开年报'></a>",
    "<a href='/fgw/xxgk/nb/'> 年报 </a>",
    "<a href='/fgw/xxgk/nb/' title='年度报告'></a>",
])
def test_the_column_named_in_text_title_or_image_alt(anchor):
    found = discovery.candidates(f"<div class='menu'>{anchor}</div>", ROOT + "index.html", ROOT)
    assert [(c.url, c.kind) for c in found] == [("http://www.example.gov.cn/fgw/xxgk/nb/", "column")]


def test_report_titles_and_other_annual_reports_are_not_columns():
    page = ("<a href='/fgw/nb/t1.html'>某局2023年政府信息公开工作年度报告</a><a href='/qy/'>企业年报公示</a>"
            "<a href='/tj/'>统计年报</a><a href='http://other.gov.cn/nb/'>信息公开年报</a>")
    assert discovery.candidates(page, ROOT, ROOT) == []


def test_ranking_column_before_portal_own_folder_before_the_host():
    page = ("<a href='/xxgk/'>政府信息公开</a><a href='/xxgk/nb/'>政府信息公开年报</a>"
            "<a href='/fgw/zwgk/'>政务公开</a><a href='/fgw/zwgk/nb/'>信息公开年报</a><a href='/fgw/zn.html'>政府信息公开指南</a>")
    found = discovery.candidates(page, ROOT, ROOT)
    assert [c.url.removeprefix("http://www.example.gov.cn") for c in found] == [
        "/fgw/zwgk/nb/", "/xxgk/nb/", "/fgw/zwgk/", "/fgw/zn.html", "/xxgk/"]


def test_the_row_s_own_body_is_preferred_among_columns():
    page = "<a href='/nb/sz/'>市政府年报</a><a href='/nb/fgw/'>市发改委年报</a>"
    found = discovery.candidates(page, "http://www.example.gov.cn/", "http://www.example.gov.cn/", own_names=("市发改委",))
    assert found[0].url == "http://www.example.gov.cn/nb/fgw/"


def test_links_off_the_domain_are_left_out_subdomains_kept():
    page = "<a href='http://xxgk.example.gov.cn/nb/'>年度报告</a><a href='http://www.other.gov.cn/nb/'>年度报告</a>"
    assert [c.url for c in discovery.candidates(page, "http://www.example.gov.cn/", "http://www.example.gov.cn/")] == [
        "http://xxgk.example.gov.cn/nb/"]


def rows(titles):
    return "<ul>" + "".join(f"<li><a href='/nb/{k}.html'>{t}</a><span>2024-01-0{k + 1}</span></li>" for k, t in enumerate(titles)) + "</ul>"


def test_a_page_is_the_column_when_its_list_holds_reports():
    reports = [f"某局{2023 - k}年政府信息公开工作年度报告" for k in range(3)]
    news = ["市长主持召开常务会议", "全市春季植树造林活动启动", "我市举办农民丰收节庆祝活动"]
    assert discovery.column_evidence(rows(reports), ROOT, named_column=False)
    assert not discovery.column_evidence(rows(news + reports[:1]), ROOT, named_column=False)
    assert discovery.column_evidence(rows(news + reports[:1]), ROOT, named_column=True)
    assert not discovery.column_evidence(rows(news), ROOT, named_column=True)


def test_a_site_s_folder_is_the_folder_of_its_start_url():
    assert folder_of("http://h.gov.cn/fgw/") == "http://h.gov.cn/fgw/"
    assert folder_of("http://h.gov.cn/fgw/index.shtml") == "http://h.gov.cn/fgw/"
    assert folder_of("http://h.gov.cn/") == folder_of("http://h.gov.cn") == "http://h.gov.cn/"
    assert folder_of("http://h.gov.cn/list.jsp?cid=45") == "http://h.gov.cn/"


def test_sub_columns_of_a_directory_page_not_the_sidebar_s_more_links():
    folder = "http://www.example.gov.cn/zwgk/nb/"
    block = "<div class='blk'><h3>{name}</h3><a class='more' href='{href}'>更多&gt;&gt;</a><ul>{rows}</ul></div>"
    reports = "".join(f"<li><a href='bm/t{k}.html'>某局{2023 - k}年政府信息公开工作年度报告</a></li>" for k in range(3))
    news = "".join(f"<li><a href='/xw/{k}.html'>市长主持召开第{k}次常务会议</a></li>" for k in range(3))
    page = (block.format(name="部门年报", href="bm/", rows=reports) + block.format(name="热点", href="/zwgk/nb/xw/", rows=news)
            + "<a href='xz/'>乡镇年报</a><a href='/zwgk/nb/index.html'>首页</a>")
    assert discovery.subcolumn_links(page, folder + "index.html", folder) == [folder + "bm/", folder + "xz/"]
    at_root = page.replace("'bm/'", "'/bm/'").replace("'xz/'", "'/xz/'")
    assert discovery.subcolumn_links(at_root, "http://www.example.gov.cn/list.jsp?cid=4", "http://www.example.gov.cn/") == [
        "http://www.example.gov.cn/bm/"]


@pytest.mark.parametrize("chrome,named", [
    ("<meta name='ColumnName' content='信息公开年报'>", True),
    ("<title>政府信息公开年度报告_示例市人民政府</title>", True),
    ("<div class='position'>当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>", True),
    ("<title>政务公开_示例市人民政府</title><h2>最新年报</h2><div class='position'>首页 &gt; 政务公开</div>", False),
    ("<title>示例市人民政府</title><h3>企业年报公示</h3>", False),
])
def test_a_page_naming_itself_the_column(chrome, named):
    assert discovery.names_itself_column(f"<html><head>{chrome}</head><body>{chrome if '<h' in chrome or 'position' in chrome else ''}</body></html>") is named
