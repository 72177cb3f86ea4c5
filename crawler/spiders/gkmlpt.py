"""Guangdong gkmlpt family: the column UI page, then ``/gkmlpt/api/all/{catId}?page=N`` JSON pages.

The catId comes from the UI URL's fragment (``/gkmlpt/annualreport#2817``) or ``options.cat_id``;
the ``sid`` from ``options.sid`` or the UI page.
"""

from crawler.parsers import gkmlpt
from pipelines import stats as keys

from .base import ReportSpider


class GkmlptSpider(ReportSpider):
    name = "gkmlpt"

    def parse(self, response):
        """The UI page: the first API page of its category."""
        self.crawler.stats.inc_value(keys.LISTING_PAGES)
        category = self.option("cat_id") or gkmlpt.category_id(self.site.start_url) or gkmlpt.page_category(response)
        if not category:
            self.logger.error("%s: no gkmlpt catId (give the UI URL with #catId or options.cat_id)", response.url)
            return
        sid = self.option("sid") or gkmlpt.site_sid(response)
        yield from self.follow_listings([self.api_request(response.url, str(category), sid, 1)])

    def api_request(self, base_url, category, sid, page):
        return self.listing_request(gkmlpt.api_url(base_url, category, sid, page), callback=self.parse_api,
                                    cb_kwargs={"category": category, "sid": sid, "page": page})

    def parse_api(self, response, category, sid, page):
        self.crawler.stats.inc_value(keys.LISTING_PAGES)
        data = gkmlpt.answer(response)
        yield from self.follow_entries(gkmlpt.listing_entries(data, response.url), response.url)
        if page == 1:
            pages = gkmlpt.page_count(data)
            yield from self.follow_listings(self.api_request(response.url, category, sid, k) for k in range(2, pages + 1))
