"""Sites no family fits: the main list, paged by 下一页 / ``index_N`` / ``list_N`` links.

Options: ``list_selector``, ``next_selector``, ``detail_pattern`` (and ``body_selector`` for
the body stage).
"""

from crawler.parsers import generic

from .base import MainListSpider


class GenericSpider(MainListSpider):
    name = "generic"
    parser = generic

    def listing_pages(self, response):
        return generic.listing_pages(response, response.url, self.option("next_selector"))
