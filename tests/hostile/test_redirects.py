"""Redirects Scrapy refuses to follow (another host, file:, data:) are pages lost, named per site."""

from __future__ import annotations

import sqlite3

import pytest
from scrapy import Request
from scrapy.http import Response as ScrapyResponse

from crawler.bounds import refused_redirect
from crawler.demo.server import Response, StaticSite
from tests.test_incremental import build, detail_paths, registry_row, run_row

TARGETS = ["http://elsewhere.example/report.html", "file:///etc/passwd", "data:text/html,<title>2023</title>"]


def answer(url: str, status: int = 302, location: str | None = None, **meta) -> str | None:
    request = Request(url, meta=meta)
    headers = {"Location": location} if location is not None else {}
    return refused_redirect(request, ScrapyResponse(url, status=status, headers=headers), ["127.0.0.1"])


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_redirects_scrapy_will_not_follow_are_refused(target, status):
    assert answer("http://127.0.0.1:5/a.html", status, target).split(":", 1)[0] == target.split(":", 1)[0]
    assert answer("http://127.0.0.1:5/a.html", status, "//elsewhere.example/x.html") == "http://elsewhere.example/x.html"


@pytest.mark.parametrize("location", ["/b.html", "b.html", "http://127.0.0.1:6/b.html", "https://127.0.0.1/b.html"])
def test_redirects_on_the_site_are_followed(location):
    assert answer("http://127.0.0.1:5/a.html", 302, location) is None


def test_not_a_redirect_or_one_the_request_allows():
    assert answer("http://127.0.0.1:5/a.html", 200, TARGETS[0]) is None
    assert answer("http://127.0.0.1:5/a.html", 304, TARGETS[0]) is None
    assert answer("http://127.0.0.1:5/a.html", 302) is None
    assert answer("http://127.0.0.1:5/a.html", 302, TARGETS[0], allow_offsite=True) is None
    assert answer("http://127.0.0.1:5/a.html", 302, TARGETS[0], dont_redirect=True) is None
    assert answer("http://127.0.0.1:5/a.html", 302, TARGETS[1], allow_offsite=True) == TARGETS[1]  # never another scheme


class RedirectingSite(StaticSite):
    def __init__(self, pages, redirects: dict[str, str]):
        super().__init__(pages)
        self.redirects = redirects

    def handle(self, request):
        if request.path in self.redirects:
            return Response(302, b"", {"Location": self.redirects[request.path], "Content-Type": "text/html"})
        return super().handle(request)


def test_a_crawl_names_the_pages_lost_to_refused_redirects(mock_site, crawl):
    site, entries = build()
    paths = [entry.path for entry in entries[:3]]
    redirecting = RedirectingSite(site.pages, dict(zip(paths, TARGETS)))
    with mock_site(redirecting) as base:
        result, db = crawl([registry_row(base)])
    assert result.returncode == 0, result.stderr[-3000:]
    assert set(paths) <= set(detail_paths(redirecting))
    row = run_row(db)
    assert (row["redirects_refused"], row["status"], row["failed"]) == (3, "partial", 0), row
    assert "qingchuan: pages lost: 3 redirect refused" in result.stdout
    stored = {url for (url,) in sqlite3.connect(db).execute("select url from reports")}
    assert len(stored) == len(entries) - 3 and not any(url.endswith(tuple(paths)) for url in stored)
