"""Charset repair must see decompressed bytes: real servers send gzip."""

import gzip
import sqlite3

from crawler.demo import trs
from crawler.demo.server import Response, StaticSite
from crawler.registry import Site

from .test_trs_crawl import AGENCIES, PORTAL


class GzipSite(StaticSite):
    def handle(self, request):
        response = super().handle(request)
        if response.status == 200 and "gzip" in request.headers.get("accept-encoding", ""):
            return Response(200, gzip.compress(response.body), {**response.headers, "Content-Encoding": "gzip"})
        return response


def test_gzipped_pages_keep_their_charset(mock_site, crawl):
    plain, entries = trs.build_site(PORTAL, AGENCIES[:1], [2023, 2024], notices=0, per_page=1, column_path="/zwgk/xxgknb/")
    site = GzipSite(plain.pages)
    with mock_site(site) as base:
        result, db = crawl([Site(site_id="gz", template="trs", start_url=base + "/zwgk/xxgknb/index.html")])
    assert result.returncode == 0, result.stderr[-2000:]
    titles = {row[0] for row in sqlite3.connect(db).execute("select title from reports")}
    assert titles == {entry.title for entry in entries}
