"""A Guangdong gkmlpt mock site: the UI page ``/gkmlpt/annualreport`` (category in the URL
fragment), lists from ``GET /gkmlpt/api/all/{catId}?page=N&sid=S`` as JSON, reports at
``/gkmlpt/content/…/post_{id}.html`` with ``div.article-content``."""

from __future__ import annotations

import json
from datetime import datetime
from html import escape

from pipelines.vocab import CHINA_TZ

from . import chrome
from .column import ROBOTS_TXT, Entry, article_html, column_entries, pages_of, portal_root
from .server import MockSite, Request, Response, not_found



def epoch_ms(published: str) -> int:
    moment = datetime.fromisoformat(published + "T09:30:00").replace(tzinfo=CHINA_TZ)
    return int(moment.timestamp() * 1000)


class GkmlptSite(MockSite):
    def __init__(self, portal: chrome.Portal, entries: list[Entry], cat: str, sid: str, column: str, per_page: int):
        super().__init__()
        self.portal, self.entries, self.cat, self.sid, self.column, self.per_page = portal, entries, cat, sid, column, per_page
        self.articles = {entry.path: entry for entry in entries}

    @property
    def ui_url(self) -> str:
        return f"/gkmlpt/annualreport#{self.cat}"

    def ui_page(self) -> str:
        body = ('<div id="app"><div class="gkmlpt-nav"><a href="/gkmlpt/index">政府信息公开目录</a></div>'
                '<div class="list-box" v-cloak></div></div>'
                f'<script>window.GKMLPT_CONFIG = {{"sid": "{self.sid}", "siteName": "{self.portal.name}"}};</script>'
                '<script src="/gkmlpt/static/js/app.js"></script>')
        return chrome.page(self.portal, self.column, chrome.meta_tags(self.portal, self.column), body)

    def article_json(self, number: int, entry: Entry) -> dict:
        post_id = entry.path.rsplit("_", 1)[-1].removesuffix(".html")
        # Real sites mix epoch milliseconds and date strings in display_publish_time.
        shown = epoch_ms(entry.published) if number % 2 == 0 else f"{entry.published} 09:30:00"
        return {"id": int(post_id), "identifier": entry.index_no, "title": entry.title, "publisher": entry.agency,
                "display_publish_time": shown, "url": self.base_url + entry.path, "post_url": entry.path}

    def api(self, request: Request) -> Response:
        if request.arg("sid") != self.sid:
            return Response(400, b'{"code":400,"msg":"sid required"}', {"Content-Type": "application/json"})
        page = int(request.arg("page") or 1)
        start = (page - 1) * self.per_page
        chosen = self.entries[start:start + self.per_page]
        data = {"articles": [self.article_json(start + k, e) for k, e in enumerate(chosen)], "total": len(self.entries),
                "classify": {"id": int(self.cat), "name": self.column}}
        return Response(200, json.dumps(data, ensure_ascii=False).encode("utf-8"), {"Content-Type": "application/json;charset=UTF-8"})

    def article(self, entry: Entry) -> str:
        body = (f'<div class="article-content">{entry.body_html}</div>'
                f'<div class="attachment"><a class="nfw-cms-attachment" href="{self.attachment_url(entry)}">'
                f'{escape(entry.title)}.{entry.file_suffix}</a></div>')
        return article_html(self.portal, self.column, entry, body, (("/", "首页"), ("/gkmlpt/index", "政府信息公开"), (self.ui_url, self.column)))

    @property
    def files(self) -> dict[str, Entry]:
        return {self.attachment_url(entry): entry for entry in self.entries}

    @staticmethod
    def attachment_url(entry: Entry) -> str:
        return f'/attachment/0/1/{entry.path.rsplit("_", 1)[-1][:-5]}/1.{entry.file_suffix}'

    def handle(self, request: Request) -> Response:
        if request.path == "/robots.txt":
            return Response(200, ROBOTS_TXT, {"Content-Type": "text/plain"})
        html = None
        if request.path == "/":
            html = portal_root(self.portal, '<a href="/gkmlpt/index">政府信息公开</a>')
        elif request.path == "/gkmlpt/index":
            html = portal_root(self.portal, f'<a href="{self.ui_url}">年度报告</a> <a href="/gkmlpt/policy">政策文件</a>')
        elif request.path == "/gkmlpt/annualreport":
            html = self.ui_page()
        elif request.path == f"/gkmlpt/api/all/{self.cat}":
            return self.api(request)
        elif request.path in self.articles:
            html = self.article(self.articles[request.path])
        elif request.path in self.files:
            entry = self.files[request.path]
            return Response(200, entry.file_bytes, {"Content-Type": entry.file_content_type})
        if html is None:
            return not_found()
        return Response(200, html.encode("utf-8"), {"Content-Type": "text/html;charset=UTF-8"})

    @property
    def pages(self) -> int:
        return len(pages_of(self.entries, self.per_page))


def build_site(portal: chrome.Portal, agencies: list[str], years: list[int], notices: int = 3, per_page: int = 5,
               cat: str = "2817", sid: str = "754801", column: str = "年度报告", code: str = "11440100MB2C00000X"):
    """``per_page`` is 100 on real sites; the spider reads the page size from the first answer."""
    def path_for(published: str, serial: int) -> str:
        return f"/gkmlpt/content/{serial // 1000}/{serial}/post_{3187000 + serial}.html"

    entries = column_entries(agencies, years, notices, path_for, code)
    return GkmlptSite(portal, entries, cat, sid, column, per_page), entries
