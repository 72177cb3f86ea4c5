"""TRS listings whose later pages come from the search API (the parser: test_family_parsers)."""

import json
import math
import sqlite3

from crawler.demo import chrome, trs
from crawler.demo.server import Request, Response
from crawler.registry import Site

API = "/igs/front/search/list.html?index=file2-index-alias&type=governmentdocuments&filter[CHANNELID]=2911&pageSize=3&pageNumber={page}"


class SearchBackedSite:
    """A TRS column whose index.html holds page 1 only; pages 2… come from the search API."""

    def __init__(self, per_page=3):
        portal = chrome.Portal("示范市人民政府", "www.shifan.gov.cn", "3401000011", "皖", "皖ICP备1号-1", "皖公网安备 1号", "示范路1号", "0551-1")
        self.site, self.entries = trs.build_site(portal, ["示范市人民政府", "示范市财政局"], [2021, 2022, 2023], notices=2, per_page=per_page)
        self.per_page = per_page
        self.site.pages = {path: page for path, page in self.site.pages.items() if "/index_" not in path}
        static_handle = self.site.handle

        def handle(request: Request) -> Response:
            if request.path != "/igs/front/search/list.html":
                return static_handle(request)
            page = int(request.arg("pageNumber"))
            chosen = self.entries[(page - 1) * per_page: page * per_page]
            content = [{"BT": e.title, "DOCPUBURL": self.site.base_url + e.path, "FBRQ": e.published + " 09:30:00", "IDXID": e.index_no}
                       for e in chosen]
            body = {"page": {"content": content, "totalElements": len(self.entries), "totalPages": math.ceil(len(self.entries) / per_page),
                             "size": per_page, "number": page}}
            return Response(200, json.dumps(body, ensure_ascii=False).encode(), {"Content-Type": "application/json"})

        self.site.handle = handle


def test_later_pages_come_from_the_search_api(mock_site, crawl):
    mock = SearchBackedSite()
    with mock_site(mock.site) as base:
        row = Site(site_id="shifan", template="trs", start_url=base + "/xxgk/xxgknb/index.html",
                   options={"search_api": API, "search_first_page": 2})
        result, db = crawl([row])
    assert result.returncode == 0, result.stderr[-3000:]
    con = sqlite3.connect(db)
    assert {url for (url,) in con.execute("select url from reports")} == {base + e.path for e in mock.entries}
    pages = sorted(int(r.arg("pageNumber")) for r in mock.site.requests if r.path.startswith("/igs/"))
    assert pages == [2, 3]
