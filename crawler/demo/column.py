"""What every mock column publishes, whatever its CMS: the entries (reports and non-reports)
and the article chrome around a body container."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from html import escape
from typing import Callable

from . import chrome, documents
from .reports import Report, make_notice, make_report

ROBOTS_TXT = b"User-agent: *\nDisallow: /search/\n"

# Column items that are not reports: a plan, a notice, a letter (their titles end in 要点/通知/函).
NOTICE_TITLES = (
    "{agency}{year}年政务公开工作要点",
    "{agency}关于做好{year}年政府信息公开工作年度报告编制发布工作的通知",
    "{agency}关于报送{year}年度政府信息公开工作年度报告的函",
)


@dataclass
class Entry:
    """One item of the column as the site publishes it, with what a crawler should get."""

    report: Report
    kind: str  # annual | half-year | other
    published: str  # YYYY-MM-DD
    path: str
    index_no: str
    agency: str
    # The report is only in its attachment, in this format (a ``documents.RENDERERS`` key); the page is a stub.
    file_format: str | None = None

    @property
    def title(self) -> str:
        return self.report.title

    @property
    def short_title(self) -> str:
        """The title as list pages show it, cut with … (the full one is in ``a/@title``)."""
        return self.title if len(self.title) <= 18 else self.title[:17] + "…"

    @property
    def attachment_path(self) -> str:
        folder, name = self.path.rsplit("/", 1)
        return f"{folder}/P0{name[1:].replace('.html', '.' + self.file_suffix)}"

    @property
    def body_html(self) -> str:
        """The page's body: the report, or for an attachment-only entry the stub real pages carry."""
        if self.file_format:
            return f'<p style="text-indent:2em;">{escape(self.title)}全文详见附件。</p><p>（点击下载）</p>'
        return self.report.body_html

    @property
    def file_suffix(self) -> str:
        return documents.SUFFIXES[self.file_format or "pdf"]

    @property
    def file_content_type(self) -> str:
        return documents.CONTENT_TYPES[self.file_suffix]

    @cached_property
    def file_bytes(self) -> bytes:
        """The attached file: the report in ``file_format``, else a text PDF copy of the page's report."""
        return documents.render(self.report, self.file_format or "pdf")


def column_entries(agencies: list[str], years: list[int], notices: int, path_for: Callable[[str, int], str], code: str,
                   template: str | None = None) -> list[Entry]:
    """Annual reports of every agency and year plus ``notices`` items that are not reports, newest first.

    ``path_for(published, serial)`` gives an item's path in the family's URL scheme. With a
    ``template`` name, every agency fills in that one template each year (same sentences, same
    figures, its own name), as a county's townships do.
    """
    entries = []
    serial = 1000
    for year in years:
        for number, agency in enumerate(agencies):
            serial += 1
            published = f"{year + 1}-01-{10 + number % 18:02d}"
            report = make_report(agency, year, seed=f"{template}/{year}" if template else None)
            entries.append(Entry(report, "annual", published, path_for(published, serial),
                                 f"{code}/{year + 1}-{serial:05d}", agency))
    for number in range(notices):
        serial += 1
        year = years[number % len(years)] + 1
        agency = agencies[number % len(agencies)]
        published = f"{year}-03-{5 + number:02d}"
        title = NOTICE_TITLES[number % len(NOTICE_TITLES)].format(agency=agency, year=year)
        entries.append(Entry(make_notice(agency, year, title), "other", published, path_for(published, serial),
                             f"{code}/{year}-{serial:05d}", agency))
    return sorted(entries, key=lambda e: e.published, reverse=True)


def pages_of(entries: list, per_page: int) -> list[list]:
    """``entries`` cut into listing pages (at least one, possibly empty)."""
    return [entries[k:k + per_page] for k in range(0, len(entries), per_page)] or [[]]


def article_html(portal: chrome.Portal, column: str, entry: Entry, body: str, crumbs: tuple, before: str = "",
                 attachment: str = "", charset: str = "utf-8") -> str:
    """A detail page: breadcrumb, ``before`` (a metadata table), title, info line, the family's
    body container ``body``, attachment link, 扫一扫 and print buttons, site footer."""
    time = f"{entry.published} 09:30"
    html = (chrome.breadcrumb(*crumbs)
            + '<div class="article">' + before
            + f'<h1 class="title">{escape(entry.title)}</h1>'
            + chrome.info_line(time, entry.agency)
            + body
            + (f'<div class="fj">附件：{attachment}</div>' if attachment else "")
            + '<div class="ewm"><img src="/images/ewm.png"><p>扫一扫在手机上查看当前页面</p></div>'
            + '<div class="btns">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>'
            + "</div>")
    return chrome.page(portal, entry.title, chrome.meta_tags(portal, column, entry.title, time, entry.agency), html, charset)


def portal_root(portal: chrome.Portal, links: str, charset: str = "utf-8") -> str:
    """A site's home page holding ``links`` (to the disclosure portal or the column)."""
    return chrome.page(portal, portal.name, chrome.meta_tags(portal, "首页"), f'<div class="main">{links}</div>', charset)
