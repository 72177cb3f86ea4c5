"""Ucap 开普云 / gov.cn family: static ``home_N`` / ``index_N`` lists, ``#UCAP-CONTENT`` bodies."""

from crawler.parsers import ucap

from .base import ReportSpider, compile_option


class UcapSpider(ReportSpider):
    name = "ucap"

    def listing_entries(self, response):
        return ucap.listing_entries(response, response.url, compile_option(self, "detail_pattern", ucap.DETAIL_RE),
                                    self.option("list_selector"))

    def listing_pages(self, response):
        return ucap.listing_pages(response, response.url)
