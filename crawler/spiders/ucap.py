"""Ucap 开普云 / gov.cn family: static ``home_N`` / ``index_N`` lists, ``#UCAP-CONTENT`` bodies."""

from crawler.parsers import ucap

from .base import MainListSpider


class UcapSpider(MainListSpider):
    name = "ucap"
    parser = ucap

    def listing_pages(self, response):
        return ucap.listing_pages(response, response.url)
