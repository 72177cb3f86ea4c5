"""The structural list finder on generated listing pages: every list markup × every URL shape,
with a navigation menu, a same-shaped "latest news" sidebar, a pager and a footer around it."""

from __future__ import annotations

import itertools
from html import escape

import pytest

from crawler.parsers.lists import listing_records, report_links

BASE = "http://www.example.gov.cn/zwgk/nb/list.shtml"

ROW_MARKUPS = {
    "ul-li": ("<ul class='list'>{rows}</ul>", "<li><a href='{url}' title='{title}'>{short}</a><span>{date}</span></li>"),
    "li-div": ("<ul class='news_list'>{rows}</ul>",
               "<li><div class='title'><a href='{url}' title='{title}'>{short}</a></div><div class='date'>{date}</div></li>"),
    "table": ("<table class='tb'><tbody><tr><th>标题</th><th>日期</th></tr>{rows}</tbody></table>",
              "<tr><td class='t'><span><a href='{url}' title='{title}'>{short}</a></span></td><td class='d'>{date}</td></tr>"),
    "dl-dd": ("<dl class='lst'><dt>年报</dt>{rows}</dl>", "<dd><a href='{url}'>{title}</a><span class='time'>[{date}]</span></dd>"),
    "div-rows": ("<div class='rows'>{rows}</div>", "<div class='row'><em>{date}</em><a href='{url}'>{title}</a></div>"),
    "date-first": ("<ul>{rows}</ul>", "<li><span class='date'>{date}</span><span class='tt'><a href='{url}'>{title}</a></span></li>"),
    "bare-links": ("<div class='lb'>{rows}</div>", "<a href='{url}'>{title}</a><span>{date}</span><br>"),
    "split-ul": ("<div class='box'>{rows}</div>", "<li><a href='{url}' title='{title}'>{short}</a><i>{date}</i></li>"),
}
URL_SHAPES = {
    "trs": lambda k: f"./2024{k % 12 + 1:02d}/t2024{k % 12 + 1:02d}15_{9000 + k}.shtml",
    "asp": lambda k: f"/ShowArticle.asp?ArticleID={300 + k}",
    "jsp": lambda k: f"/zwgk/content.jsp?id={7000 + k}",
    "folder": lambda k: f"/zwgk/nb/c51091{k:02d}/content.shtml",
}
NEWS = ["市长主持召开常务会议研究部署近期重点工作", "我市召开安全生产工作会议", "全市春季植树造林活动启动",
        "市政府与高校签署战略合作协议", "关于开展消防安全检查的通知", "我市举办农民丰收节庆祝活动", "市领导调研重点项目建设"]


def titles(count: int, mixed: bool) -> list[str]:
    """Report titles of a column, news and notices among them when ``mixed``."""
    agencies = ["示例市人民政府", "示例市财政局", "示例市教育局", "示例市民政局", "示例市卫生健康委员会"]
    out = []
    for k in range(count):
        if mixed and k % 3 == 2:
            out.append(NEWS[k % len(NEWS)])
        else:
            out.append(f"{agencies[k % len(agencies)]}{2023 - k // len(agencies)}年政府信息公开工作年度报告")
    return out


def rows_html(markup: str, items: list[tuple[str, str, str]]) -> str:
    outer, row = ROW_MARKUPS[markup]
    rendered = [row.format(url=escape(url), title=escape(title), short=escape(title[:12] + "…"), date=date) for url, title, date in items]
    if markup == "split-ul":
        chunks = [rendered[i:i + 4] for i in range(0, len(rendered), 4)]
        return outer.format(rows="".join(f"<ul>{''.join(chunk)}</ul>" for chunk in chunks))
    return outer.format(rows="".join(rendered))


def page(markup: str, main: list[tuple[str, str, str]], sidebar: list[tuple[str, str, str]]) -> str:
    menu = "".join(f"<li><a href='/{path}/index.shtml'>{name}</a></li>" for path, name in [
        ("index", "首页"), ("zwgk", "政务公开"), ("xxgk", "信息公开"), ("hdjl", "互动交流"), ("bsfw", "办事服务"), ("zjsz", "走进示例"),
        ("xwzx", "新闻中心"), ("zcwj", "政策文件"), ("rsxx", "人事信息"), ("czzj", "财政资金"), ("jyta", "建议提案"), ("tjsj", "统计数据")])
    pager = ("<div class='page'><a href='list.shtml'>首页</a><a href='list.shtml'>上一页</a><a href='list_2.shtml'>2</a>"
             "<a href='list_3.shtml'>3</a><a href='list_2.shtml'>下一页</a><a href='list_3.shtml'>尾页</a></div>")
    return (f"<html><head><title>年度报告_示例市人民政府</title></head><body><div class='top'><ul class='nav'>{menu}</ul></div>"
            "<div class='crumb'>当前位置：<a href='/'>首页</a> &gt; <a href='/zwgk/'>政务公开</a> &gt; 年度报告</div>"
            f"<div class='main'><div class='left'><h3>最新动态</h3>{rows_html(markup, sidebar)}</div>"
            f"<div class='right'><h2>政府信息公开年度报告</h2>{rows_html(markup, main)}{pager}</div></div>"
            "<div class='footer'><a href='/about.html'>关于我们</a><a href='/map.html'>网站地图</a>"
            "<p>主办单位：示例市人民政府办公室 皖ICP备05000001号-1 网站标识码：3400000001</p></div></body></html>")


CASES = [(markup, shape, mixed) for markup, shape in itertools.product(ROW_MARKUPS, URL_SHAPES) for mixed in (False, True)]


@pytest.mark.parametrize("markup,shape,mixed", CASES, ids=[f"{m}-{s}-{'mixed' if x else 'pure'}" for m, s, x in CASES])
def test_every_row_of_the_main_list_and_nothing_else(markup, shape, mixed):
    main_titles = titles(10, mixed)
    main = [(URL_SHAPES[shape](k), title, f"2024-0{1 + k % 9}-1{k % 10}") for k, title in enumerate(main_titles)]
    sidebar = [(f"/xwzx/2024/{k}.shtml" if shape != "asp" else f"/ShowArticle.asp?ArticleID={100 + k}", NEWS[k], f"2024-03-0{k + 1}")
               for k in range(7)]
    records = listing_records(page(markup, main, sidebar), BASE)
    from urllib.parse import urljoin

    assert [r.url for r in records] == [urljoin(BASE, url) for url, _title, _date in main]
    assert [r.title for r in records] == main_titles
    assert [r.date for r in records] == [date for _url, _title, date in main]


@pytest.mark.parametrize("markup", sorted(ROW_MARKUPS))
def test_a_last_page_of_two_reports_beats_a_larger_sidebar(markup):
    main = [(URL_SHAPES["asp"](k), title, "2024-01-05") for k, title in enumerate(titles(2, False))]
    sidebar = [(f"/ShowArticle.asp?ArticleID={100 + k}", NEWS[k], f"2024-03-0{k + 1}") for k in range(7)]
    records = listing_records(page(markup, main, sidebar), BASE)
    assert [r.title for r in records] == titles(2, False)


def test_a_page_of_menus_only_has_no_list():
    html = page("ul-li", [], [])
    assert listing_records(html, BASE) == []


def test_the_registry_list_selector_narrows_the_search():
    html = page("ul-li", [(URL_SHAPES["jsp"](k), t, "2024-01-01") for k, t in enumerate(titles(3, False))],
                [(f"/xwzx/{k}.shtml", NEWS[k], "2024-03-01") for k in range(5)])
    records = listing_records(html, BASE, list_selector="div.left")
    assert [r.title for r in records] == NEWS[:5]


def test_report_links_are_found_wherever_they_stand():
    html = ("<div class='side'><a href='/a/1.html'>首页</a><p>推荐：<a href='/a/2.html' title='示例县2022年度政府信息公开工作年度報告'>示例县…</a></p>"
            "<a href='/a/3.html'>2021年政务公开工作总结</a><a href='/a/4.html'>政府信息公开年报</a></div>")
    assert [r.url for r in report_links(html, BASE)] == ["http://www.example.gov.cn/a/2.html", "http://www.example.gov.cn/a/3.html"]


@pytest.mark.parametrize("markup", sorted(ROW_MARKUPS))
def test_a_page_of_news_in_the_column_beats_the_menu_and_an_undated_sidebar(markup):
    main = [(URL_SHAPES["trs"](k), NEWS[k], f"2024-02-0{k + 1}") for k in range(5)]
    sidebar = [(f"/xwzx/2024/{k}.shtml", NEWS[k] + "（转载）", "") for k in range(7)]
    records = listing_records(page(markup, main, sidebar), BASE)
    assert [r.title for r in records] == NEWS[:5]


def test_comments_and_scripts_between_links_and_dates():
    rows = "".join(f"<a href='/nb/{k}.html'>某局{2023 - k}年政府信息公开工作年度报告</a><!-- 日期 --><span>2024-01-0{k + 1}</span><br>"
                   f"<script>var x = {k};</script>" for k in range(3))
    records = listing_records(f"<div class='lb'>{rows}</div>", BASE)
    assert [(r.url.rsplit("/", 1)[-1], r.date) for r in records] == [("0.html", "2024-01-01"), ("1.html", "2024-01-02"), ("2.html", "2024-01-03")]
