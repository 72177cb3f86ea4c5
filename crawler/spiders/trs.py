"""TRS WCM family: static listings paged by ``createPageHTML`` (0-based)."""

from crawler.parsers import trs

from .base import ReportSpider, compile_option


class TrsSpider(ReportSpider):
    name = "trs"

    def listing_entries(self, response):
        return trs.listing_entries(response, response.url, compile_option(self, "detail_pattern", trs.DETAIL_RE))

    def listing_pages(self, response):
        return trs.listing_pages(response, response.url)

    def accept_detail(self, url):
        return self.in_column(url)
