"""Two mock sites whose column page is a shell filled by a list API:

- truecms: JSONP ``GET /messageController/getMessage.do?callback=…&columnId=C&pageNo=N&pageSize=P``,
  answered only with the column page as ``Referer``; reports at ``/{column}/{YYYYMMDD}/{id}.html``;
- Epoint (EWB-FRONT): JSON ``POST /EWB-FRONT/rest/frontAppCustomAction/getPageInfoListNew`` with
  ``{"params": {siteGuid, categoryNum, pageIndex (from 0), pageSize}}`` (GET answers 405); reports
  at ``/{folder}/{categoryNum}/{YYYYMMDD}/{guid}.html``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from urllib.parse import urlsplit

from . import chrome
from .column import ROBOTS_TXT, Entry, article_html, column_entries, portal_root
from .server import MockSite, Request, Response, not_found

JSON = {"Content-Type": "application/json;charset=UTF-8"}


class ShellColumnSite(MockSite):
    """A column page whose list a script fetches (``shell_script``), reports in ``div.article-content``."""

    api_path = ""

    def __init__(self, portal: chrome.Portal, entries: list[Entry], column_path: str, column: str, per_page: int):
        super().__init__()
        self.portal, self.entries, self.column_path, self.column, self.per_page = portal, entries, column_path, column, per_page
        self.articles = {entry.path: entry for entry in entries}

    def shell_script(self) -> str:
        raise NotImplementedError

    def api(self, request: Request) -> Response:
        raise NotImplementedError

    def column_page(self) -> str:
        body = (chrome.breadcrumb(("/", "首页"), ("/zwgk/", "政务公开"), (self.column_path, self.column))
                + f'<div class="list"><h2>{self.column}</h2><ul class="list" id="infolist"><li class="loading">数据加载中…</li></ul>'
                + f'<div class="page" id="pager"></div></div>{self.shell_script()}')
        return chrome.page(self.portal, self.column, chrome.meta_tags(self.portal, self.column), body)

    def handle(self, request: Request) -> Response:
        if request.path == "/robots.txt":
            return Response(200, ROBOTS_TXT, {"Content-Type": "text/plain"})
        if request.path == self.api_path:
            return self.api(request)
        crumbs = (("/", "首页"), ("/zwgk/", "政务公开"), (self.column_path, self.column))
        pages = {"/": lambda: portal_root(self.portal, '<a href="/zwgk/">政务公开</a>'),
                 "/zwgk/": lambda: portal_root(self.portal, f'<a href="{self.column_path}">{self.column}</a>'),
                 self.column_path: self.column_page}
        if request.path in self.articles:
            entry = self.articles[request.path]
            html = article_html(self.portal, self.column, entry, f'<div class="article-content">{entry.report.body_html}</div>', crumbs)
        elif request.path in pages:
            html = pages[request.path]()
        else:
            return not_found()
        return Response(200, html.encode("utf-8"), {"Content-Type": "text/html;charset=UTF-8"})


class TruecmsSite(ShellColumnSite):
    api_path = "/messageController/getMessage.do"

    def __init__(self, *args, column_id: int):
        super().__init__(*args)
        self.column_id = column_id

    def shell_script(self) -> str:
        return ("<script>\n"
                f"var columnId = '{self.column_id}', pageSize = {self.per_page};\n"
                f"function getList(pageNo){{ $.ajax({{url: '{self.api_path}', dataType: 'jsonp', jsonp: 'callback',\n"
                "  data: {columnId: columnId, pageNo: pageNo, pageSize: pageSize},\n"
                "  success: function(res){ $('#infolist').html(res.data.list.map(function(d){ return '<li><a href=\"' + d.url + '\">' + d.title + '</a></li>'; }).join('')); }}); }\n"
                "getList(1);\n</script>")

    def api(self, request: Request) -> Response:
        if urlsplit(request.headers.get("referer", "")).path != self.column_path:
            return Response(403, "<html><body><h1>403 Forbidden</h1><p>非法请求</p></body></html>".encode(), {"Content-Type": "text/html"})
        rows = [{"title": e.title, "url": e.path, "publishTime": e.published} for e in self.entries]
        return truecms_answer(request, self.column_id, rows, self.per_page)


def truecms_answer(request: Request, column_id: int, rows: list[dict], per_page: int) -> Response:
    """getMessage.do's JSONP answer: the page ``pageNo`` of ``rows`` (the Referer already checked)."""
    callback = request.arg("callback") or "callback"
    if not re.fullmatch(r"[\w.$]+", callback) or request.arg("columnId") != str(column_id):
        return Response(200, f'{callback}({{"code":1,"msg":"参数错误","data":null}})'.encode(), {"Content-Type": "application/javascript"})
    size = int(request.arg("pageSize") or per_page)
    number = max(1, int(request.arg("pageNo") or 1))
    data = {"code": 0, "msg": "success", "data": {"list": rows[(number - 1) * size:number * size], "total": len(rows),
                                                  "pages": math.ceil(len(rows) / size), "pageNo": number}}
    return Response(200, f"{callback}({json.dumps(data, ensure_ascii=False)});".encode(), {"Content-Type": "application/javascript;charset=UTF-8"})


class EpointSite(ShellColumnSite):
    api_path = "/EWB-FRONT/rest/frontAppCustomAction/getPageInfoListNew"

    def __init__(self, *args, site_guid: str, category: str):
        super().__init__(*args)
        self.site_guid, self.category = site_guid, category

    def shell_script(self) -> str:
        params = {"siteGuid": self.site_guid, "categoryNum": self.category, "pageIndex": 0, "pageSize": self.per_page}
        return ("<script>\n"
                f"var queryParams = {json.dumps(params)};\n"
                f"function loadList(pageIndex){{ queryParams.pageIndex = pageIndex; $.ajax({{type: 'POST', url: '{self.api_path}',\n"
                "  contentType: 'application/json;charset=UTF-8', data: JSON.stringify({params: queryParams}), dataType: 'json',\n"
                "  success: function(res){ $('#infolist').html(res.custom.infodata.map(function(d){ return '<li><a href=\"' + d.infourl + '\">' + d.title + '</a></li>'; }).join('')); }}); }\n"
                "loadList(0);\n</script>")

    def api(self, request: Request) -> Response:
        if request.method != "POST":
            return Response(405, b'{"status":{"code":405,"text":"Request method not supported"}}', JSON)
        try:
            params = json.loads(request.body.decode("utf-8"))["params"]
            index, size = int(params.get("pageIndex", 0)), int(params.get("pageSize", self.per_page))
        except (ValueError, KeyError, TypeError, AttributeError):
            return Response(200, b'{"custom":{"infodata":[],"count":0},"status":{"code":500,"text":"params error"}}', JSON)
        if params.get("categoryNum") != self.category or params.get("siteGuid") != self.site_guid:
            return Response(200, b'{"custom":{"infodata":[],"count":0},"status":{"code":200,"text":""}}', JSON)
        chosen = self.entries[index * size:(index + 1) * size]
        infodata = [{"title": e.title, "infourl": e.path, "infodate": e.published, "categorynum": self.category} for e in chosen]
        return Response(200, json.dumps({"custom": {"infodata": infodata, "count": len(self.entries)}}, ensure_ascii=False).encode(), JSON)


def build_truecms_site(portal: chrome.Portal, agencies: list[str], years: list[int], notices: int = 2, per_page: int = 4,
                       column_path: str = "/zwgk/zfxxgknb/", column: str = "政府信息公开年报", column_id: int = 3357,
                       code: str = "11330500MB1D00000X"):
    def path_for(published: str, serial: int) -> str:
        return f"{column_path}{published.replace('-', '')}/{7700 + serial}.html"

    entries = column_entries(agencies, years, notices, path_for, code)
    return TruecmsSite(portal, entries, column_path, column, per_page, column_id=column_id), entries


def build_epoint_site(portal: chrome.Portal, agencies: list[str], years: list[int], notices: int = 2, per_page: int = 4,
                      column_path: str = "/zwgk/xxgknb/", column: str = "信息公开年报", category: str = "004002",
                      site_guid: str = "7eb5f7f1-9041-43ad-8e13-8fcb82ea831a", code: str = "11320900MB1E00000X"):
    def path_for(published: str, serial: int) -> str:
        guid = hashlib.md5(f"{site_guid}/{serial}".encode()).hexdigest()
        return f"{column_path}{category}/{published.replace('-', '')}/{guid}.html"

    entries = column_entries(agencies, years, notices, path_for, code)
    return EpointSite(portal, entries, column_path, column, per_page, site_guid=site_guid, category=category), entries
