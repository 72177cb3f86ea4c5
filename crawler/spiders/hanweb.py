"""Hanweb 大汉 JCMS family: the inline first group, then ``dataproxy.jsp`` groups."""

from __future__ import annotations

from urllib.parse import urlencode, urljoin, urlsplit

from crawler.parsers import hanweb
from pipelines import stats as keys

from .base import ReportSpider, compile_option

# Proxy answers a server refuses (POST not allowed, no such module) still reach the callback,
# which then asks for the same records with GET ``page=K``.
REFUSED = [400, 403, 404, 405, 500, 501]


class HanwebSpider(ReportSpider):
    name = "hanweb"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.column_ids: set[str] = set()
        self.proxy_paths: set[str] = set()

    @property
    def detail_re(self):
        return compile_option(self, "detail_pattern", hanweb.DETAIL_RE)

    def listing_entries(self, response):
        return hanweb.listing_entries(response, response.url, self.detail_re)

    def listing_requests(self, response):
        """Group 2, 3 … of every jpage unit on the column page, by POST."""
        units = hanweb.jpage_units(response)
        page_column = hanweb.column_id(response.url)
        self.column_ids.update(filter(None, [page_column, *(unit.column_id for unit in units)]))
        requests = []
        for unit in units:
            self.proxy_paths.add(urlsplit(urljoin(response.url, unit.proxy_url)).path)
            for group in range(1, unit.groups):
                requests.append(self.group_request(unit, group, response.url))
        return requests

    def group_request(self, unit, group: int, page_url: str):
        url, form = hanweb.group_post(unit, group, page_url)
        return self.listing_request(
            url, method="POST", body=urlencode(form), callback=self.parse_group, cb_kwargs={"unit": unit, "group": group},
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8", "X-Requested-With": "XMLHttpRequest",
                     "Referer": page_url},
            meta={"handle_httpstatus_list": REFUSED},
        )

    def parse_group(self, response, unit, group: int):
        """A proxy answer (XML datastore or the old JavaScript array); a refused POST falls back to GET ``page=K``."""
        entries = hanweb.listing_entries(response, response.url, self.detail_re) if response.status == 200 else []
        if entries:
            self.crawler.stats.inc_value(keys.LISTING_PAGES)
            yield from self.follow_entries(entries, response.url)
            return
        if response.request.method == "POST":
            self.crawler.stats.inc_value(keys.HANWEB_GET_FALLBACK)
            referer = response.request.headers.get("Referer", b"").decode() or self.site.start_url
            yield from self.follow_listings(
                self.listing_request(url, callback=self.parse_group, cb_kwargs={"unit": unit, "group": group})
                for url in hanweb.group_get_pages(unit, group, referer))
        else:
            self.logger.warning("no records in jpage answer %s (status %s)", response.url, response.status)

    def in_column(self, url):
        return super().in_column(url) or (urlsplit(url).hostname == self.site.host and urlsplit(url).path in self.proxy_paths)

    def accept_detail(self, url):
        if not super().accept_detail(url):
            return False
        return not self.column_ids or any(f"/art_{column}_" in url for column in self.column_ids)
