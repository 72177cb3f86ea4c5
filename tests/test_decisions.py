"""Remembered decisions: a detail page judged not to be stored is not fetched again by a scheduled
re-crawl, unless its listing shows it changed (then conditionally) or ``--refresh``; a page never
seen (a rate-limit answer) is asked again, conditionally on the validators its answer gave."""

from __future__ import annotations

import sqlite3

from crawler.demo.hostile import RATE_LIMIT, SOFT_404, huge_page
from crawler.demo.server import Response, StaticSite
from tests.test_incremental import build, redate, registry_row, run_row

LAST_MODIFIED = "Mon, 01 Jan 2024 00:00:00 GMT"
STUB = "<html><head><title>2023年度报告</title></head><body><div class='TRS_Editor'><p>详见附件。</p></div></body></html>"
MAXSIZE = ["-s", "DOWNLOAD_MAXSIZE=200000", "-s", "DOWNLOAD_WARNSIZE=100000"]


class JudgedSite(StaticSite):
    """A column whose first detail pages are junk, each answered with ``ETag`` and ``Last-Modified``
    like a static file server, which says 304 to a request carrying a matching validator."""

    def __init__(self, pages, junk: dict[str, tuple[bytes, dict]]):
        super().__init__(pages)
        self.junk = junk

    def handle(self, request):
        if request.path not in self.junk:
            return super().handle(request)
        body, headers = self.junk[request.path]
        etag, since = request.headers.get("if-none-match"), request.headers.get("if-modified-since")
        if (etag and etag == headers.get("ETag")) or (not etag and since and headers.get("Last-Modified")):
            return Response(304)
        return Response(200, body, {"Content-Type": "text/html; charset=utf-8", **headers})


def judged_site(rate_limit_headers=None):
    site, entries = build()
    paths = [entry.path for entry in entries[:4]]
    validators = {"Last-Modified": LAST_MODIFIED}
    junk = {paths[0]: (SOFT_404.encode(), {"ETag": '"soft-404"', **validators}),
            paths[1]: (STUB.encode(), validators),
            paths[2]: (huge_page(400_000), validators),
            paths[3]: (RATE_LIMIT.encode(), rate_limit_headers or {})}
    return JudgedSite(site.pages, junk), entries, paths


def asked(site, paths):
    return [(r.path, r.headers.get("if-none-match"), r.headers.get("if-modified-since")) for r in site.requests if r.path in paths]


def decisions(db):
    return dict(sqlite3.connect(db).execute("select url, reason from decisions").fetchall())


def by_path(db):
    return {url.split("/", 3)[3]: reason for url, reason in decisions(db).items()}


def test_a_recrawl_does_not_fetch_pages_judged_before(mock_site, crawl):
    site, entries, paths = judged_site()
    with mock_site(site) as base:
        first, db = crawl([registry_row(base)], *MAXSIZE)
        assert first.returncode == 0, first.stderr[-3000:]
        assert by_path(db) == {paths[0].lstrip("/"): "junk", paths[1].lstrip("/"): "junk",
                               paths[2].lstrip("/"): "size cap", paths[3].lstrip("/"): "rate limit"}
        site.requests.clear()
        second, db = crawl([registry_row(base)], *MAXSIZE)
    assert second.returncode == 0, second.stderr[-3000:]
    assert asked(site, paths) == [(paths[3], None, None)]  # only the rate-limit answer: the page was never seen
    assert not [r for r in site.requests if "/t20" in r.path and r.path not in paths]  # the stored reports: skipped
    row = run_row(db)
    assert (row["remembered"], row["remembered_reasons"], row["skipped"]) == (3, "junk 2, size cap 1", len(entries) - 4), row
    assert "qingchuan: 3 detail page(s) judged before and not fetched again: junk 2, size cap 1" in second.stdout
    assert len(decisions(db)) == 4


def test_refresh_asks_for_every_judged_page_again(mock_site, crawl):
    site, _, paths = judged_site()
    with mock_site(site) as base:
        crawl([registry_row(base)], *MAXSIZE)
        site.requests.clear()
        result, db = crawl([registry_row(base)], *MAXSIZE, "--refresh")
    assert result.returncode == 0, result.stderr[-3000:]
    assert sorted(asked(site, paths)) == sorted((path, None, None) for path in paths)
    assert run_row(db)["remembered"] == 0


def test_a_newer_listing_date_rechecks_conditionally(mock_site, crawl):
    site, entries, paths = judged_site()
    with mock_site(site) as base:
        crawl([registry_row(base)], *MAXSIZE)
        redate(site, entries[0], "2031-05-01")
        redate(site, entries[1], "2031-05-01")
        site.requests.clear()
        result, db = crawl([registry_row(base)], *MAXSIZE)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = {path: (etag, since) for path, etag, since in asked(site, paths)}
    assert seen[paths[0]] == ('"soft-404"', LAST_MODIFIED) and seen[paths[1]] == (None, LAST_MODIFIED)
    assert paths[2] not in seen
    assert run_row(db)["remembered"] == 3  # two answered 304, the large page not asked


def test_a_rate_limited_page_is_asked_on_its_own_validators_and_stored_once_served(mock_site, crawl):
    site, entries, paths = judged_site(rate_limit_headers={"ETag": '"busy"'})
    with mock_site(site) as base:
        crawl([registry_row(base)], *MAXSIZE)
        site.requests.clear()
        second, db = crawl([registry_row(base)], *MAXSIZE)
        assert asked(site, [paths[3]]) == [(paths[3], '"busy"', None)]
        assert run_row(db)["remembered_reasons"] == "junk 2, rate limit 1, size cap 1"
        del site.junk[paths[3]]  # the server serves the report again
        third, db = crawl([registry_row(base)], *MAXSIZE)
    assert third.returncode == 0, third.stderr[-3000:]
    assert paths[3].lstrip("/") not in by_path(db)
    stored = {url.split("/", 3)[3] for (url,) in sqlite3.connect(db).execute("select url from reports")}
    assert paths[3].lstrip("/") in stored


def test_reasons_and_conditions_of_a_decision():
    from scrapy.http import Headers

    from crawler.decisions import dropped_reason, validators
    from crawler.incremental import conditional_headers
    from pipelines.validate import InvalidReport, NonReport, process

    def reason_of(text):
        try:
            process({"url": "http://x.gov.cn/a.html", "title": "提示", "text": text, "kind": "annual"})
        except InvalidReport as exc:
            return dropped_reason(exc)
    assert reason_of("访问过于频繁，请稍后再试") == "rate limit"
    assert reason_of("抱歉，您访问的页面不存在或已被删除！") == "junk"
    assert reason_of("详见附件。") == "junk"
    assert dropped_reason(NonReport("x")) == "not a report" and dropped_reason(ValueError()) is None
    given = validators(Headers({"ETag": '"e1"', "Last-Modified": LAST_MODIFIED}))
    assert given == {"etag": '"e1"', "last_modified": LAST_MODIFIED} and validators(None) == {"etag": None, "last_modified": None}
    decided_at = "2025-03-01T08:00:00+00:00"
    assert conditional_headers({"reason": "junk", **given, "decided_at": decided_at}) == {"If-None-Match": '"e1"', "If-Modified-Since": LAST_MODIFIED}
    assert conditional_headers({"reason": "size cap", "etag": None, "last_modified": None, "decided_at": decided_at}) == {
        "If-Modified-Since": "Sat, 01 Mar 2025 08:00:00 GMT"}
    assert conditional_headers({"reason": "rate limit", "etag": None, "last_modified": None, "decided_at": decided_at}) == {}
