"""A mock site no family fits, served in GBK: ``list.html`` → ``list_2.html`` … linked by 下一页,
reports in a plain ``div.content``."""

from __future__ import annotations

from html import escape

from . import chrome
from .column import ROBOTS_TXT, Entry, article_html, column_entries, pages_of, portal_root
from .server import StaticSite

CHARSET = "gbk"


def page_name(number: int) -> str:
    return "list.html" if number == 0 else f"list_{number + 1}.html"


def listing_html(portal, column, entries: list[Entry], number: int, pages: int) -> str:
    rows = "".join(f'<tr><td><a href="{e.path}" title="{escape(e.title)}">{escape(e.short_title)}</a></td><td>{e.published}</td></tr>'
                   for e in entries)
    pager = [f'共{pages}页 第{number + 1}页']
    if number > 0:
        pager.append(f'<a href="{page_name(0)}">首页</a> <a href="{page_name(number - 1)}">上一页</a>')
    if number < pages - 1:
        pager.append(f'<a href="{page_name(number + 1)}">下一页</a> <a href="{page_name(pages - 1)}">尾页</a>')
    body = (chrome.breadcrumb(("/", "首页"), ("/zfxxgk/", "政府信息公开"), ("./list.html", column))
            + '<div class="side"><ul><li><a href="/zfxxgk/gzdt/2024/0102/5001.html">2024年1月工作动态</a></li></ul></div>'
            + f'<table class="news-list" width="100%">{rows}</table><div class="pages">{" ".join(pager)}</div>')
    return chrome.page(portal, column, chrome.meta_tags(portal, column), body, CHARSET)


def build_site(portal: chrome.Portal, agencies: list[str], years: list[int], notices: int = 3, per_page: int = 4,
               column_path: str = "/zfxxgk/ndbg/", column: str = "年度报告", code: str = "013567001"):
    def path_for(published: str, serial: int) -> str:
        return f"{column_path}{published[:4]}/{published[5:7]}{published[8:]}/{serial}.html"

    entries = column_entries(agencies, years, notices, path_for, code)
    site = StaticSite()
    content_type = f"text/html; charset={CHARSET}"
    pages = pages_of(entries, per_page)
    for number, chunk in enumerate(pages):
        site.add(column_path + page_name(number), listing_html(portal, column, chunk, number, len(pages)).encode(CHARSET), content_type)
    crumbs = (("/", "首页"), ("/zfxxgk/", "政府信息公开"), (f"{column_path}list.html", column))
    for entry in entries:
        html = article_html(portal, column, entry, f'<div class="content">{entry.report.body_html}</div>', crumbs, charset="gb2312")
        site.add(entry.path, html.encode("gb18030"), content_type)
    site.add("/", portal_root(portal, '<a href="/zwgk/">政府信息公开</a>', charset="gb2312").encode(CHARSET), content_type)
    site.add("/zwgk/index.html", portal_root(portal, f'<a href="{column_path}list.html">年度报告</a>', charset="gb2312").encode(CHARSET),
             content_type)
    site.add("/robots.txt", ROBOTS_TXT, "text/plain")
    return site, entries
