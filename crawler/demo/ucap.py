"""An Ucap 开普云 mock site (Jiangxi platform style): static ``home.htm``, ``home_1.htm`` … lists,
reports at ``/{col}/YYYYMM/<32 hex>.shtml`` with ``#UCAP-CONTENT`` bodies.

One report page is GBK bytes although the server and the page both say UTF-8 (``wrong_charset``).
"""

from __future__ import annotations

import hashlib
from html import escape

from . import chrome
from .column import ROBOTS_TXT, Entry, article_html, column_entries, pages_of, portal_root
from .server import StaticSite


def listing_html(portal, column, entries: list[Entry], page: int, pages: int, total: int) -> str:
    items = "".join(f'<li><a href="{e.path}" title="{escape(e.title)}" target="_blank">{escape(e.short_title)}</a>'
                    f'<span>{e.published}</span></li>' for e in entries)
    body = (chrome.breadcrumb(("/", "首页"), ("/zwgk/", "政务公开"), ("./home.htm", column))
            + '<div class="con"><div class="hot"><h4>热点信息</h4><ul><li><a href="/zwgk/tzgg/202401/0f1e2d3c4b5a69788796a5b4c3d2e1f0.shtml">'
            + '关于春节期间值班安排的通知</a></li></ul></div>'
            + f'<div class="list"><ul class="list-ul">{items}</ul><div id="page_div"></div>'
            + f"<script>createPageHTML('page_div',{pages},{page},'home','htm',{total});</script></div></div>")
    return chrome.page(portal, column, chrome.meta_tags(portal, column), body)


def detail_html(portal, column, entry: Entry) -> str:
    body = f'<div class="article-con"><ucaptitle>{escape(entry.title)}</ucaptitle><div id="UCAP-CONTENT">{entry.report.body_html}</div></div>'
    return article_html(portal, column, entry, body, (("/", "首页"), ("/zwgk/", "政务公开"), ("../home.htm", column)))


def build_site(portal: chrome.Portal, agencies: list[str], years: list[int], notices: int = 3, per_page: int = 5,
               column_path: str = "/zwgk/xxgknb/", column: str = "政府信息公开年报", code: str = "014500356"):
    def path_for(published: str, serial: int) -> str:
        return f"{column_path}{published[:7].replace('-', '')}/{hashlib.md5(str(serial).encode()).hexdigest()}.shtml"

    entries = column_entries(agencies, years, notices, path_for, code)
    site = StaticSite()
    pages = pages_of(entries, per_page)
    for number, chunk in enumerate(pages):
        name = "home.htm" if number == 0 else f"home_{number}.htm"
        site.add(column_path + name, listing_html(portal, column, chunk, number, len(pages), len(entries)).encode("utf-8"))
    for number, entry in enumerate(entries):
        html = detail_html(portal, column, entry)
        wrong_charset = number == 1
        site.add(entry.path, html.encode("gb18030" if wrong_charset else "utf-8"), "text/html; charset=utf-8")
    site.add("/", portal_root(portal, '<a href="/zwgk/">政务公开</a>').encode("utf-8"))
    site.add("/zwgk/index.html", portal_root(portal, f'<a href="{column_path}home.htm">政府信息公开年报</a>').encode("utf-8"))
    site.add("/robots.txt", ROBOTS_TXT, "text/plain")
    return site, entries
