"""A Hanweb 大汉 JCMS mock site: ``/col/col{C}/index.html`` with inline ``<datastore>`` first
groups and ``jpage`` units whose later groups come from ``dataproxy.jsp``.

``proxy`` picks the server's behaviour: ``post`` (POST startrecord/endrecord/perpage, the
usual), ``get`` (POST refused with 405; only ``GET …?page=K`` works) or ``js`` (the old
``/module/jslib/jquery/jpage/dataproxy.jsp`` answering a JavaScript array).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from . import chrome
from .column import ROBOTS_TXT, Entry, article_html, column_entries, portal_root
from .server import MockSite, Request, Response, not_found

PROXIES = {"post": "/module/web/jpage/dataproxy.jsp", "get": "/module/web/jpage/dataproxy.jsp", "js": "/module/jslib/jquery/jpage/dataproxy.jsp"}
WEBID = "1"
OTHER_COLUMN_ARTICLE = "/art/2024/1/5/art_999_777001.html"


@dataclass
class Unit:
    """One jpage list: its unit id, its column and the records it pages through."""

    unitid: str
    columnid: str
    heading: str
    entries: list[Entry]
    table_rows: bool  # records as <tr> rows (else <li>)

    def record(self, entry: Entry) -> str:
        link = f'<a href="{entry.path}" title="{escape(entry.title)}" target="_blank">{escape(entry.short_title)}</a>'
        if self.table_rows:
            return f'<tr><td class="bt">{link}</td><td class="rq">{entry.published}</td></tr>'
        return f'<li><span class="bt-data-time">[{entry.published}]</span>{link}</li>'


def article_path(column_id: str):
    def path_for(published: str, serial: int) -> str:
        year, month, day = (int(part) for part in published.split("-"))
        return f"/art/{year}/{month}/{day}/art_{column_id}_{serial}.html"
    return path_for


def datastore(records: list[str], total: int | None = None, per_page: int | None = None) -> str:
    body = "".join(f"<record><![CDATA[\n{record}\n]]></record>\n" for record in records)
    counts = f"<totalrecord>{total}</totalrecord><totalpage>{math.ceil(total / per_page)}</totalpage>" if total is not None else ""
    return f'<datastore>\n<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid={WEBID}">]]></nextgroup>\n<recordset>\n{body}</recordset>\n{counts}</datastore>'


class HanwebSite(MockSite):
    def __init__(self, portal: chrome.Portal, units: list[Unit], column_id: str, column: str, per_page: int, proxy: str):
        super().__init__()
        self.portal, self.units, self.column_id, self.column, self.per_page, self.proxy = portal, units, column_id, column, per_page, proxy
        self.proxy_url = PROXIES[proxy]
        self.articles = {entry.path: entry for unit in units for entry in unit.entries}

    @property
    def column_path(self) -> str:
        return f"/col/col{self.column_id}/index.html"

    def jpage_call(self, unit: Unit) -> str:
        return (f"<script>$('#{unit.unitid}').jpage({{dataStore:dataStore,totalRecord:{len(unit.entries)},perPage:{self.per_page},"
                f"groupSize:3,proxyUrl:'{self.proxy_url}',barPosition:'bottom',pageInfo:true,"
                f"ajaxParam:{{col:1,appid:1,webid:{WEBID},path:'/',columnid:{unit.columnid},sourceContentType:1,"
                f"unitid:{unit.unitid},webname:'{self.portal.name}',permissiontype:0}}}});</script>")

    def column_page(self) -> str:
        blocks = []
        for unit in self.units:
            first = [unit.record(e) for e in unit.entries[:3 * self.per_page]]
            blocks.append(f'<div class="list-block"><h3>{unit.heading}</h3><div id="{unit.unitid}">'
                          f'<script type="text/xml">{datastore(first)}</script></div>{self.jpage_call(unit)}</div>')
        body = (chrome.breadcrumb(("/", "首页"), ("/col/col100/index.html", "政府信息公开"), (self.column_path, self.column))
                + '<div class="main"><div class="left-nav"><h3>最新动态</h3><ul>'
                + f'<li><a href="{OTHER_COLUMN_ARTICLE}" title="关于开展政务公开日活动的通知">关于开展政务公开日活动的通知</a><span>2024-01-05</span></li></ul></div>'
                + '<div class="right-list"><script type="text/javascript" src="/module/jslib/jquery/jpage/jquery.page.min.js"></script>'
                + "".join(blocks) + "</div></div>")
        meta = chrome.meta_tags(self.portal, self.column) + f'\n<meta name="i_columnid" content="{self.column_id}">'
        return chrome.page(self.portal, self.column, meta, body)

    def article_page(self, entry: Entry) -> str:
        zoom = (f'<div id="zoom"><meta name="ContentStart">{entry.body_html}<meta name="ContentEnd"></div>')
        serial = entry.path.rsplit("_", 1)[-1].removesuffix(".html")
        suffix = entry.file_suffix
        attachment = (f'<a href="/module/download/downfile.jsp?classid=0&filename=5f3a{serial}c1.{suffix}&showname='
                      f'{escape(entry.title)}.{suffix}">{escape(entry.title)}.{suffix}</a>')
        return article_html(self.portal, self.column, entry, zoom, (("/", "首页"), (self.column_path, self.column)), attachment=attachment)

    def download(self, request: Request) -> Response:
        """Hanweb's download servlet: ``filename=5f3a<serial>c1.<suffix>``."""
        for entry in self.articles.values():
            serial = entry.path.rsplit("_", 1)[-1].removesuffix(".html")
            if request.arg("filename") == f"5f3a{serial}c1.{entry.file_suffix}":
                return Response(200, entry.file_bytes, {"Content-Type": "application/octet-stream"})
        return Response(200, "<html><body>文件不存在</body></html>".encode("utf-8"), {"Content-Type": "text/html;charset=UTF-8"})

    def unit_for(self, request: Request) -> Unit | None:
        for unit in self.units:
            if request.arg("unitid") == unit.unitid and request.arg("columnid") == unit.columnid and request.arg("webid") == WEBID:
                return unit
        return None

    def proxy_answer(self, request: Request) -> Response:
        if self.proxy in ("get", "js") and request.method == "POST":
            return Response(405, b"Method Not Allowed", {"Content-Type": "text/plain"})
        unit = self.unit_for(request)
        if unit is None:
            return Response(200, datastore([]).encode("utf-8"), {"Content-Type": "text/xml;charset=UTF-8"})
        total = len(unit.entries)
        if request.arg("page"):
            page, per_page = int(request.arg("page")), int(request.arg("perpage") or self.per_page)
            chosen = unit.entries[(page - 1) * per_page: page * per_page]
        else:
            start, end = int(request.arg("startrecord")), int(request.arg("endrecord"))
            chosen = unit.entries[start - 1:end]
        records = [unit.record(e) for e in chosen]
        if self.proxy == "js":
            quoted = ",".join("'" + r.replace("'", "\\'") + "'" for r in records)
            body = f"totalRecord={float(total)};totalPage = {math.ceil(total / self.per_page)};dataStore = [{quoted}];"
            return Response(200, body.encode("utf-8"), {"Content-Type": "text/html;charset=UTF-8"})
        xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + datastore(records, total, self.per_page)
        return Response(200, xml.encode("utf-8"), {"Content-Type": "text/xml;charset=UTF-8"})

    def handle(self, request: Request) -> Response:
        if request.path == "/robots.txt":
            return Response(200, ROBOTS_TXT, {"Content-Type": "text/plain"})
        html = {"/": lambda: portal_root(self.portal, f'<a href="/col/col100/index.html">政府信息公开</a>'),
                "/col/col100/index.html": lambda: portal_root(self.portal, f'<a href="{self.column_path}">政府信息公开年报</a>'),
                self.column_path: self.column_page}
        if request.path in html:
            return Response(200, html[request.path]().encode("utf-8"), {"Content-Type": "text/html; charset=UTF-8"})
        if request.path == self.proxy_url:
            return self.proxy_answer(request)
        if request.path == "/module/download/downfile.jsp":
            return self.download(request)
        if request.path in self.articles:
            return Response(200, self.article_page(self.articles[request.path]).encode("utf-8"), {"Content-Type": "text/html; charset=UTF-8"})
        return not_found()


def build_site(portal: chrome.Portal, agencies: list[str], departments: list[str], years: list[int], notices: int = 2,
               per_page: int = 3, proxy: str = "post", column_id: str = "12345", column: str = "政府信息公开年报",
               code: str = "11340300MB0000000X"):
    """The mock site and the entries it publishes: two jpage units on one column page
    (the government's reports, and its departments' in sub-column ``column_id + 1``)."""
    sub_column = str(int(column_id) + 1)
    units = [
        Unit("38741", column_id, "市政府年报", column_entries(agencies, years, notices, article_path(column_id), code), table_rows=False),
        Unit("38742", sub_column, "部门年报", column_entries(departments, years, 0, article_path(sub_column), code), table_rows=True),
    ]
    site = HanwebSite(portal, units, column_id, column, per_page, proxy)
    return site, [entry for unit in units for entry in unit.entries]
