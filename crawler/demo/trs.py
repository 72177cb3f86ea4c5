"""A TRS WCM mock site: ``index.html``, ``index_1.html`` … paged by ``createPageHTML``."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from . import chrome
from .reports import Report, make_notice, make_report
from .server import StaticSite

CREATE_PAGE_JS = """function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
  if(_nPageCount == null || _nPageCount<=1){ return; }
  var nCurrIndex = _nCurrIndex || 0;
  if(nCurrIndex == 0) document.write("<span>首页</span>&nbsp;");
  else document.write("<a href=\\"" + _sPageName + "." + _sPageExt + "\\">首页</a>&nbsp;");
  for(var i=0; i<_nPageCount; i++){ /* page links */ }
  document.write("共" + _nPageCount + "页");
}"""


@dataclass
class Entry:
    """One item of the column as the site publishes it, with what a crawler should get."""

    report: Report
    kind: str  # annual | half-year | other
    published: str  # YYYY-MM-DD
    path: str
    index_no: str
    agency: str

    @property
    def title(self) -> str:
        return self.report.title

    @property
    def attachment_path(self) -> str:
        folder, name = self.path.rsplit("/", 1)
        return f"{folder}/P0{name[1:].replace('.html', '.pdf')}"


def column_entries(agencies: list[str], years: list[int], notices: int, column_path: str, code: str) -> list[Entry]:
    """Annual reports of every agency and year plus ``notices`` items that are not reports."""
    entries = []
    serial = 1000
    for year in years:
        for number, agency in enumerate(agencies):
            serial += 1
            day = 10 + number % 18
            published = f"{year + 1}-01-{day:02d}"
            stamp = published.replace("-", "")
            entries.append(Entry(make_report(agency, year), "annual", published, f"{column_path}{stamp[:6]}/t{stamp}_{serial}.html",
                                 f"{code}/{year + 1}-{serial:05d}", agency))
    for number in range(notices):
        serial += 1
        year = years[number % len(years)] + 1
        agency = agencies[number % len(agencies)]
        published = f"{year}-03-{5 + number:02d}"
        stamp = published.replace("-", "")
        notice = make_notice(agency, year, f"{agency}{year}年政务公开工作要点")
        entries.append(Entry(notice, "other", published, f"{column_path}{stamp[:6]}/t{stamp}_{serial}.html", f"{code}/{year}-{serial:05d}", agency))
    return sorted(entries, key=lambda e: e.published, reverse=True)


def listing_html(portal: chrome.Portal, column: str, entries: list[Entry], page: int, pages: int) -> str:
    items = []
    for entry in entries:
        short = entry.title if len(entry.title) <= 18 else entry.title[:17] + "…"
        href = "./" + entry.path.rsplit("/", 2)[-2] + "/" + entry.path.rsplit("/", 1)[-1]
        items.append(f'<li><a href="{href}" target="_blank" title="{escape(entry.title)}">{escape(short)}</a><span class="date">{entry.published}</span></li>')
    body = (chrome.breadcrumb(("/", "首页"), ("/xxgk/", "政府信息公开"), ("./", column))
            + '<div class="main"><div class="sidebar"><h3>政府信息公开</h3><ul>'
            + '<li><a href="/xxgk/zcwj/index.html">政策文件</a></li><li><a href="/xxgk/tzgg/index.html">通知公告</a></li>'
            + '<li><a href="/xxgk/tzgg/202401/t20240105_900001.html" title="关于做好春节期间值班工作的通知">关于做好春节期间值班工作的通知</a></li></ul></div>'
            + f'<div class="column"><h2>{column}</h2><ul class="list">' + "\n".join(items) + "</ul>"
            + f'<div class="page"><script>{CREATE_PAGE_JS}</script><script>createPageHTML({pages}, {page}, "index", "html");</script></div></div></div>')
    return chrome.page(portal, column, chrome.meta_tags(portal, column), body)


def detail_html(portal: chrome.Portal, column: str, entry: Entry, with_table: bool) -> str:
    time = f"{entry.published} 09:30"
    pdf = entry.attachment_path.rsplit("/", 1)[-1]
    body = (chrome.breadcrumb(("/", "首页"), ("/xxgk/", "政府信息公开"), ("../", column))
            + '<div class="article">'
            + (chrome.metadata_table(entry.index_no, entry.agency, entry.published) if with_table else "")
            + f'<h1 class="title">{escape(entry.title)}</h1>'
            + chrome.info_line(time, entry.agency)
            + f'<div class="TRS_Editor">{entry.report.body_html}</div>'
            + f'<div class="fj">附件：<a href="./{pdf}">{escape(entry.title)}.pdf</a></div>'
            + '<div class="ewm"><img src="/images/ewm.png"><p>扫一扫在手机上查看当前页面</p></div>'
            + '<div class="btns">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>'
            + "</div>")
    meta = chrome.meta_tags(portal, column, entry.title, time, entry.agency)
    return chrome.page(portal, entry.title, meta, body)


def build_site(portal: chrome.Portal, agencies: list[str], years: list[int], notices: int = 2, per_page: int = 5,
               column_path: str = "/xxgk/xxgknb/", column: str = "信息公开年报", code: str = "11340300MB0000000X"):
    """The mock site and the column entries it publishes."""
    entries = column_entries(agencies, years, notices, column_path, code)
    site = StaticSite()
    pages = max(1, math.ceil(len(entries) / per_page))
    for number in range(pages):
        chunk = entries[number * per_page:(number + 1) * per_page]
        name = "index.html" if number == 0 else f"index_{number}.html"
        site.add(column_path + name, listing_html(portal, column, chunk, number, pages).encode("utf-8"))
    for number, entry in enumerate(entries):
        site.add(entry.path, detail_html(portal, column, entry, with_table=number % 2 == 0).encode("utf-8"))
        site.add(entry.attachment_path, b"%PDF-1.4\n% mock attachment\n%%EOF\n", "application/pdf")
    site.add("/robots.txt", b"User-agent: *\nDisallow: /search/\n", "text/plain")
    site.add("/", chrome.page(portal, portal.name, chrome.meta_tags(portal, "首页"),
                              f'<div class="main"><a href="/xxgk/">政府信息公开</a> <a href="{column_path}index.html">{column}</a></div>').encode("utf-8"))
    return site, entries
