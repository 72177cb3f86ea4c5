"""Incremental crawls: a second run reads every listing page and fetches only what is new."""

import sqlite3

from crawler.demo import trs
from crawler.demo.server import Response, StaticSite
from crawler.incremental import listing_is_newer
from pipelines.listing import ListingRecord
from crawler.registry import Site
from tests.test_trs_crawl import AGENCIES, PORTAL

LISTINGS = ["/xxgk/xxgknb/index.html", "/xxgk/xxgknb/index_1.html"]


def build(years=(2022, 2023)):
    return trs.build_site(PORTAL, AGENCIES, list(years), notices=1, per_page=4)


def detail_paths(site):
    return sorted(r.path for r in site.requests if "/t20" in r.path and r.path.endswith(".html"))


def listing_paths(site):
    return sorted(r.path for r in site.requests if "/index" in r.path)


def registry_row(base):
    return Site(site_id="qingchuan", template="trs", start_url=base + LISTINGS[0])


def run_row(db):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    return dict(con.execute("select * from crawl_runs order by started_at desc, rowid desc limit 1").fetchone())


def test_second_run_fetches_no_stored_detail_page(mock_site, crawl):
    site, entries = build()
    with mock_site(site) as base:
        first, db = crawl([registry_row(base)])
        assert first.returncode == 0, first.stderr[-3000:]
        assert len(detail_paths(site)) == len(entries) == 7
        site.requests.clear()
        second, db = crawl([registry_row(base)])
    assert second.returncode == 0, second.stderr[-3000:]
    assert listing_paths(site) == LISTINGS, "listing pages are always read"
    assert detail_paths(site) == []
    row = run_row(db)
    assert (row["listing_pages"], row["new"], row["skipped"], row["stored"]) == (2, 0, 7, 0)
    assert sqlite3.connect(db).execute("select count(*) from reports").fetchone() == (7,)


def test_second_run_fetches_only_newly_published_reports(mock_site, crawl):
    site, entries = build()
    grown, grown_entries = build(years=(2022, 2023, 2024))
    added = sorted({e.path for e in grown_entries} - {e.path for e in entries})
    with mock_site(site) as base:
        crawl([registry_row(base)])
        site.pages = grown.pages
        site.requests.clear()
        result, db = crawl([registry_row(base)])
    assert result.returncode == 0, result.stderr[-3000:]
    assert detail_paths(site) == added and len(added) == 4  # three reports and the notice, which moved
    row = run_row(db)
    assert (row["new"], row["skipped"], row["non_reports"]) == (4, 6, 1)
    assert f"{'qingchuan':<28}" in result.stdout


def test_refresh_fetches_every_detail_page_again(mock_site, crawl):
    site, entries = build()
    with mock_site(site) as base:
        crawl([registry_row(base)])
        site.requests.clear()
        result, db = crawl([registry_row(base)], "--refresh")
    assert result.returncode == 0, result.stderr[-3000:]
    assert detail_paths(site) == sorted(e.path for e in entries)
    pages = {e.path for e in entries}
    assert not any("if-modified-since" in r.headers for r in site.requests if r.path in pages)
    row = run_row(db)
    assert (row["new"], row["unchanged"], row["skipped"], row["non_reports"]) == (0, 7, 0, 1)


class NotModifiedSite(StaticSite):
    """Answers 304 to a conditional request, as servers with Last-Modified support do."""

    def handle(self, request):
        if "if-modified-since" in request.headers:
            return Response(304)
        return super().handle(request)


def redate(site, entry, new_date):
    """Show ``entry`` on the listing with a later date, as a site does after editing a report."""
    for path, (body, content_type) in site.pages.items():
        marker = f'title="{entry.title}"'.encode()
        if "/index" in path and marker in body:
            head, tail = body.split(marker, 1)
            tail = tail.replace(f"<span class=\"date\">{entry.published}</span>".encode(), f"<span class=\"date\">{new_date}</span>".encode(), 1)
            site.pages[path] = (head + marker + tail, content_type)
            return
    raise AssertionError(f"{entry.title} is on no listing page")


def test_newer_listing_date_rechecks_with_a_conditional_request(mock_site, crawl):
    site, entries = build()
    conditional = NotModifiedSite(site.pages)
    with mock_site(conditional) as base:
        crawl([registry_row(base)])
        redate(conditional, entries[0], "2031-05-01")
        conditional.requests.clear()
        result, db = crawl([registry_row(base)])
    assert result.returncode == 0, result.stderr[-3000:]
    details = [r for r in conditional.requests if "/t20" in r.path]
    assert [r.path for r in details] == [entries[0].path]
    assert "GMT" in details[0].headers["if-modified-since"]
    row = run_row(db)
    assert (row["unchanged"], row["skipped"], row["new"], row["http_errors"]) == (1, 6, 0, 0)


def test_listing_date_comparison():
    def listed(date):
        return ListingRecord(url="http://x.gov.cn/nb/1.html", date=date)

    assert listing_is_newer(listed("2031-05-01"), "2024-01-10", "2024-02-01T08:00:00+00:00")
    assert not listing_is_newer(listed("2024-01-10"), "2024-01-10", "2024-02-01T08:00:00+00:00")
    assert listing_is_newer(listed("2024年3月2日"), None, "2024-02-01T08:00:00+00:00")
    assert not listing_is_newer(listed("2024-01-31"), None, "2024-02-01T08:00:00+00:00")
    assert not listing_is_newer(listed(None), "2024-01-10", "2024-02-01T08:00:00+00:00")
    assert not listing_is_newer(None, "2024-01-10", "2024-02-01T08:00:00+00:00")
