"""Sites no family fits: the main list, paged by 下一页 / ``index_N`` / ``list_N`` links.

Options: ``list_selector``, ``next_selector``, ``detail_pattern`` (and ``body_selector`` for
the body stage).
"""

from crawler.parsers import generic

from .base import ReportSpider, compile_option


class GenericSpider(ReportSpider):
    name = "generic"

    def listing_entries(self, response):
        return generic.listing_entries(response, response.url, compile_option(self, "detail_pattern", generic.DETAIL_RE),
                                       self.option("list_selector"))

    def listing_pages(self, response):
        return generic.listing_pages(response, response.url, self.option("next_selector"))
