"""A Lonsun 集约化 mock site: ``/public/column/{org}?type=4&catId={cat}&action=list&pageIndex=N``
with an inline ``pageCount``, reports at ``/public/{org}/{id}.html`` with ``table.table_suoyin``."""

from __future__ import annotations

from html import escape

from . import chrome
from .column import ROBOTS_TXT, Entry, article_html, column_entries, pages_of, portal_root
from .server import MockSite, Request, Response, not_found

SIDEBAR_ARTICLE = "/public/{org}/99001.html"


def suoyin_table(entry: Entry) -> str:
    cells = (("索引号：", entry.index_no), ("组配分类：", "政府信息公开年报"), ("发布机构：", entry.agency), ("主题分类：", "综合政务"),
             ("成文日期：", entry.published), ("文号：", ""), ("有效性：", "有效"), ("生成日期：", entry.published))
    rows = "".join(f'<tr><th>{label}</th><td>{escape(value)}</td><th>{label2}</th><td>{escape(value2)}</td></tr>'
                   for (label, value), (label2, value2) in zip(cells[::2], cells[1::2]))
    return f'<table class="table_suoyin" cellspacing="0" cellpadding="0">{rows}</table>'


class LonsunSite(MockSite):
    def __init__(self, portal: chrome.Portal, entries: list[Entry], org: str, cat: str, column: str, per_page: int):
        super().__init__()
        self.portal, self.entries, self.org, self.cat, self.column, self.per_page = portal, entries, org, cat, column, per_page
        self.articles = {entry.path: entry for entry in entries}

    @property
    def column_url(self) -> str:
        return f"/public/column/{self.org}?type=4&catId={self.cat}&action=list"

    def listing(self, page_index: int) -> str:
        pages = pages_of(self.entries, self.per_page)
        items = "".join(f'<li><a href="{e.path}" title="{escape(e.title)}" target="_blank">{escape(e.short_title)}</a>'
                        f'<span class="date">{e.published}</span></li>' for e in pages[page_index - 1])
        sidebar = (f'<div class="xxgk-side"><h4>最新公开</h4><ul><li><a href="{SIDEBAR_ARTICLE.format(org=self.org)}" '
                   f'title="关于公布政务服务事项目录的通知">关于公布政务服务事项目录的通知</a><span>2024-01-02</span></li></ul>'
                   f'<ul class="catalog"><li><a href="/public/column/{self.org}?type=4&catId=7190001&action=list">规范性文件</a></li></ul></div>')
        pager = (f'<div id="page_list"></div><script>Ls.pagination("#page_list", function (pageIndex) {{'
                 f'location.href = "/public/column/{self.org}?type=4&catId={self.cat}&action=list&pageIndex=" + pageIndex; }}, '
                 f'{{currPage: {page_index}, pageCount:{len(pages)}, pageSize: {self.per_page}}});</script>')
        body = (chrome.breadcrumb(("/", "首页"), (f"/public/{self.org}", "信息公开"), (self.column_url, self.column))
                + f'<div class="xxgk-main">{sidebar}<div class="xxgk_navli"><ul class="clearfix">{items}</ul>{pager}</div></div>')
        return chrome.page(self.portal, self.column, chrome.meta_tags(self.portal, self.column), body)

    def article(self, entry: Entry) -> str:
        body = f'<div class="wzcon j-fontContent">{entry.report.body_html}</div>'
        return article_html(self.portal, self.column, entry, body, (("/", "首页"), (self.column_url, self.column)),
                            before=suoyin_table(entry))

    def handle(self, request: Request) -> Response:
        if request.path == "/robots.txt":
            return Response(200, ROBOTS_TXT, {"Content-Type": "text/plain"})
        html = None
        if request.path == "/":
            html = portal_root(self.portal, f'<a href="/public/{self.org}">政府信息公开</a>')
        elif request.path == f"/public/{self.org}":
            html = portal_root(self.portal, f'<a href="{self.column_url}">政府信息公开年报</a>')
        elif request.path == f"/public/column/{self.org}" and request.arg("catId") == self.cat and request.arg("action") == "list":
            page_index = int(request.arg("pageIndex") or 1)
            if 1 <= page_index <= len(pages_of(self.entries, self.per_page)):
                html = self.listing(page_index)
        elif request.path in self.articles:
            html = self.article(self.articles[request.path])
        if html is None:
            return not_found()
        return Response(200, html.encode("utf-8"), {"Content-Type": "text/html;charset=UTF-8"})


def build_site(portal: chrome.Portal, agencies: list[str], years: list[int], notices: int = 3, per_page: int = 4,
               org: str = "6596611", cat: str = "7190991", column: str = "政府信息公开年报", code: str = "003218756"):
    def path_for(published: str, serial: int) -> str:
        return f"/public/{org}/{8900000 + serial}.html"

    entries = column_entries(agencies, years, notices, path_for, code)
    return LonsunSite(portal, entries, org, cat, column, per_page), entries
