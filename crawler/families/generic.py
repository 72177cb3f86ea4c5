"""Sites no family fits: the page's list found by structure, paged by its pager script, 下一页 or
numbered links (``crawler.parsers.pagers``).

Options: ``list_selector`` (CSS of the list), ``next_selector`` (CSS of the next-page link),
``detail_pattern`` (regular expression), and ``body_selector`` for the body stage.
"""

from __future__ import annotations

from crawler.parsers.pagers import static_pages
from crawler.spiders.base import ReportSpider

NAME = "generic"
SIGNS = ()
BODY_SELECTORS = ()


class Spider(ReportSpider):
    name = NAME

    def listing_pages(self, response):
        return static_pages(response, response.url, self.option("next_selector"), first=self.is_first_page(response))
