"""``template=auto``: find the annual-report column from any start page, sniff its family, crawl it.

``sniff`` only reports what it found (``nianbao sniff URL``): the column, its family and the
evidence, from the column page and its first report pages. ``auto`` hands the column page to
the family spider and crawls on with it, in the same crawl (same politeness, same robots.txt,
same stats).
"""

from __future__ import annotations

from crawler import sniff
from crawler.parsers.lists import listing_records
from pipelines import stats as keys

from .base import ReportSpider

REPORT_PAGES_SNIFFED = 2


class SniffSpider(ReportSpider):
    """Discover the column and name its family; ``found`` holds (column URL, Sniff) afterwards."""

    name = "sniff"
    records_runs = False  # it only looks at the site

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.found: tuple[str, sniff.Sniff] | None = None
        self.sniffed: sniff.Sniff | None = None

    def page_evidence(self, response, named_column):
        """Whether the page is the column, judged by the family its page shows."""
        self.sniffed, evidence = self.sniffed_evidence(response, named_column)
        return evidence

    def note_column(self, response, evidence) -> None:
        self.column_url = response.request.url
        self.found = (self.column_url, self.sniffed)
        self.crawler.stats.set_value(keys.FAMILY, self.sniffed.family)
        self.crawler.stats.set_value(keys.COLUMN_URL, self.column_url)
        self.logger.info("%s is a %s column (%s; %s)", self.column_url, self.sniffed.family, evidence, "; ".join(self.sniffed.evidence))

    def column_found(self, response, evidence):
        self.note_column(response, evidence)
        self.column_page = response
        records = listing_records(response, response.url)[:REPORT_PAGES_SNIFFED]
        self.report_pages = []
        for record in records:
            yield self.listing_request(record.url, callback=self.sniff_report, cb_kwargs={"expected": len(records)})

    def sniff_report(self, response, expected: int):
        """A report page of the column: its signs join the column's."""
        self.report_pages.append(response)
        if len(self.report_pages) == expected:
            self.found = (self.column_url, sniff.fingerprint(self.column_page, self.column_url, *self.report_pages))


class AutoSpider(SniffSpider):
    """The family spider of the sniffed column crawls it, starting from the page already fetched
    (``ReportSpider.hand_over``)."""

    name = "auto"
    records_runs = True

    def column_found(self, response, evidence):
        self.note_column(response, evidence)
        return self.hand_over(response, self.sniffed.family)
