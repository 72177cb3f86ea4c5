"""Sites no family fits: the page's list found by structure, paged by its pager script, 下一页 or
numbered links (``crawler.parsers.pagers``). A column page with no list of its own whose page
shows another family's list (an API that fills the list: truecms, Epoint, gkmlpt, Hanweb) is
handed to that family's spider.

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
    other_family: str | None = None

    def page_evidence(self, response, named_column):
        """The page's own list, else the list another family's page fills."""
        evidence = super().page_evidence(response, named_column)
        if evidence:
            return evidence
        sniffed, evidence = self.sniffed_evidence(response, named_column)
        self.other_family = sniffed.family if evidence and sniffed.family != NAME else None
        return evidence if self.other_family else None

    def column_found(self, response, evidence):
        if not self.other_family:
            yield from super().column_found(response, evidence)
            return
        self.column_url = response.request.url
        self.logger.info("%s: its list is a %s list (%s)", self.column_url, self.other_family, evidence)
        yield from self.hand_over(response, self.other_family)

    def listing_pages(self, response):
        return static_pages(response, response.url, self.option("next_selector"), first=self.is_first_page(response), limit=self.listing_cap)
