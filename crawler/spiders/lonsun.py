"""Lonsun 集约化 family: ``/public/column/…&pageIndex=N`` up to the inline ``pageCount``."""

from crawler.parsers import lonsun

from .base import MainListSpider


class LonsunSpider(MainListSpider):
    name = "lonsun"
    parser = lonsun

    def first_requests(self):
        yield self.listing_request(lonsun.page_url(self.site.start_url))

    def listing_pages(self, response):
        return lonsun.listing_pages(response, response.url)
