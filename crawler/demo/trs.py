"""A TRS WCM mock site: ``index.html``, ``index_1.html`` … paged by ``createPageHTML``."""

from __future__ import annotations

import math
from html import escape

from . import chrome
from .column import ROBOTS_TXT, Entry, article_html, portal_root
from .column import column_entries as items_at
from .server import StaticSite

CREATE_PAGE_JS = """function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
  if(_nPageCount == null || _nPageCount<=1){ return; }
  var nCurrIndex = _nCurrIndex || 0;
  if(nCurrIndex == 0) document.write("<span>首页</span>&nbsp;");
  else document.write("<a href=\\"" + _sPageName + "." + _sPageExt + "\\">首页</a>&nbsp;");
  for(var i=0; i<_nPageCount; i++){ /* page links */ }
  document.write("共" + _nPageCount + "页");
}"""


def column_entries(agencies: list[str], years: list[int], notices: int, column_path: str, code: str,
                   template: str | None = None) -> list[Entry]:
    """The column's items at TRS paths ``{column}YYYYMM/tYYYYMMDD_{serial}.html``."""
    def path_for(published: str, serial: int) -> str:
        stamp = published.replace("-", "")
        return f"{column_path}{stamp[:6]}/t{stamp}_{serial}.html"

    return items_at(agencies, years, notices, path_for, code, template)


def listing_html(portal: chrome.Portal, column: str, entries: list[Entry], page: int, pages: int) -> str:
    items = []
    for entry in entries:
        href = "./" + entry.path.rsplit("/", 2)[-2] + "/" + entry.path.rsplit("/", 1)[-1]
        items.append(f'<li><a href="{href}" target="_blank" title="{escape(entry.title)}">{escape(entry.short_title)}</a><span class="date">{entry.published}</span></li>')
    body = (chrome.breadcrumb(("/", "首页"), ("/xxgk/", "政府信息公开"), ("./", column))
            + '<div class="main"><div class="sidebar"><h3>政府信息公开</h3><ul>'
            + '<li><a href="/xxgk/zcwj/index.html">政策文件</a></li><li><a href="/xxgk/tzgg/index.html">通知公告</a></li>'
            + '<li><a href="/xxgk/tzgg/202401/t20240105_900001.html" title="关于做好春节期间值班工作的通知">关于做好春节期间值班工作的通知</a></li></ul></div>'
            + f'<div class="column"><h2>{column}</h2><ul class="list">' + "\n".join(items) + "</ul>"
            + f'<div class="page"><script>{CREATE_PAGE_JS}</script><script>createPageHTML({pages}, {page}, "index", "html");</script></div></div></div>')
    return chrome.page(portal, column, chrome.meta_tags(portal, column), body)


def detail_html(portal: chrome.Portal, column: str, entry: Entry, with_table: bool) -> str:
    file = entry.attachment_path.rsplit("/", 1)[-1]
    return article_html(
        portal, column, entry, f'<div class="TRS_Editor">{entry.body_html}</div>',
        (("/", "首页"), ("/xxgk/", "政府信息公开"), ("../", column)),
        before=chrome.metadata_table(entry.index_no, entry.agency, entry.published) if with_table else "",
        attachment=f'<a href="./{file}">{escape(entry.title)}.{entry.file_suffix}</a>')


def build_site(portal: chrome.Portal, agencies: list[str], years: list[int], notices: int = 2, per_page: int = 5,
               column_path: str = "/xxgk/xxgknb/", column: str = "信息公开年报", code: str = "11340300MB0000000X",
               template: str | None = None, attachment_only: tuple[str, ...] = ()):
    """The mock site and the column entries it publishes (``template``: see ``column.column_entries``);
    the first entries are published only as attachments, in the formats of ``attachment_only``."""
    entries = column_entries(agencies, years, notices, column_path, code, template)
    for entry, file_format in zip(entries, attachment_only):
        entry.file_format = file_format
    site = StaticSite()
    pages = max(1, math.ceil(len(entries) / per_page))
    for number in range(pages):
        chunk = entries[number * per_page:(number + 1) * per_page]
        name = "index.html" if number == 0 else f"index_{number}.html"
        site.add(column_path + name, listing_html(portal, column, chunk, number, pages).encode("utf-8"))
    for number, entry in enumerate(entries):
        site.add(entry.path, detail_html(portal, column, entry, with_table=number % 2 == 0).encode("utf-8"))
        site.add(entry.attachment_path, lambda entry=entry: entry.file_bytes, entry.file_content_type)
    site.add("/robots.txt", ROBOTS_TXT, "text/plain")
    site.add("/", portal_root(portal, f'<a href="/xxgk/">政府信息公开</a> <a href="{column_path}index.html">{column}</a>').encode("utf-8"))
    return site, entries
