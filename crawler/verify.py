"""Checking registry rows: from each row's start URL (its site root), find the annual-report
column and its family the way ``nianbao sniff`` does, and say what became of the row.

Outcomes: ``ok`` (a column was found), ``moved`` (the start URL redirects to another host),
``no-column``, ``unreachable`` (the start page could not be fetched) and ``blocked`` (an
anti-bot answer). ``recorded`` gives the registry cells a check changes: all of them when it is
``ok``, only the day and the outcome when it failed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from crawler.parsers.common import reads_like_report
from crawler.parsers.lists import listing_records, report_links
from crawler.parsers.pagers import static_pages
from crawler.spiders.auto import SniffSpider
from crawler.spiders.base import MAX_HOPS
from pipelines import stats as keys

OUTCOMES = ("ok", "moved", "no-column", "unreachable", "blocked")


@dataclass
class Check:
    site_id: str
    outcome: str
    detail: str = ""  # why the check failed (where the site moved to)
    column_url: str | None = None
    family: str | None = None
    evidence: list[str] = field(default_factory=list)
    pages: int = 0  # listing pages the column's first page counts (its static pager)
    rows: int = 0  # rows of the list on the column's first page
    report_like: int = 0  # links on it whose title reads like a report's

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


class VerifySpider(SniffSpider):
    """The sniff spider, started on a registry row's root, that also notices a root redirecting
    to another host and counts the column's list."""

    name = "verify"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.moved_to: str | None = None
        self.column_counts = (0, 0, 0)  # pages, rows, report-like

    def first_requests(self):
        # Scrapy drops a redirect to another host without a word: this one is let through, to be seen.
        yield self.listing_request(self.site.start_url, callback=self.parse_root, errback=self.start_failed,
                                   meta={"allow_offsite": True})

    def parse_root(self, response):
        if self.on_site(response.url):
            yield from self.parse_start(response)
        else:
            self.moved_to = response.url
            self.logger.warning("%s: %s redirects to %s, another host", self.site.site_id, self.site.start_url, response.url)

    def on_site(self, url: str) -> bool:
        host, domain = urlsplit(url).hostname or "", self.allowed_domains[0]
        return host == domain or host.endswith("." + domain)

    def column_found(self, response, evidence):
        records = listing_records(response, response.url)
        report_like = {r.url for r in records if reads_like_report(r.title)} | {r.url for r in report_links(response, response.url)}
        self.column_counts = (1 + len(static_pages(response, response.url, first=True)), len(records), len(report_like))
        yield from super().column_found(response, evidence)


def check_of(spider: VerifySpider) -> Check:
    """What a finished verify spider found for its row."""
    site_id = spider.site.site_id
    if spider.moved_to:
        return Check(site_id, "moved", f"{spider.site.start_url} redirects to {spider.moved_to}")
    if spider.found:
        column, sniffed = spider.found
        pages, rows, report_like = spider.column_counts
        return Check(site_id, "ok", column_url=column, family=sniffed.family, evidence=sniffed.evidence,
                     pages=pages, rows=rows, report_like=report_like)
    blocked = spider.crawler.stats.get_value(keys.BLOCKED_REASON)
    if blocked:
        return Check(site_id, "blocked", blocked)
    if spider.start_failure:
        return Check(site_id, "unreachable", spider.start_failure)
    return Check(site_id, "no-column", f"no annual-report column within {MAX_HOPS} hops of {spider.site.start_url}")


def recorded(check: Check, day: str) -> dict[str, str]:
    """The registry cells ``verify --write`` sets for a check made on ``day`` (YYYY-MM-DD)."""
    if not check.ok:
        return {"checked": day, "outcome": f"{check.outcome}: {check.detail}"}
    return {"column_url": check.column_url, "family": check.family, "verified": "yes", "checked": day, "outcome": "ok"}
