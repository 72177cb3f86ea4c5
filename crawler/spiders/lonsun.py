"""Lonsun 集约化 family: ``/public/column/…&pageIndex=N`` up to the inline ``pageCount``."""

from crawler.parsers import lonsun

from .base import ReportSpider, compile_option


class LonsunSpider(ReportSpider):
    name = "lonsun"

    async def start(self):
        yield self.listing_request(lonsun.page_url(self.site.start_url))

    def listing_entries(self, response):
        return lonsun.listing_entries(response, response.url, compile_option(self, "detail_pattern", lonsun.DETAIL_RE),
                                      self.option("list_selector"))

    def listing_pages(self, response):
        return lonsun.listing_pages(response, response.url)
