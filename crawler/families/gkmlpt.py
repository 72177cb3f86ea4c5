"""Guangdong 政府信息公开目录平台 (gkmlpt): listings from a JSON API.

The column's UI is ``{root}/gkmlpt/annualreport#{catId}`` (the fragment never reaches the
server), where ``{root}`` is the host or, for districts and departments, their folder
(``/lhqkjhgyxxhj/gkmlpt/…``). Its lists come from ``GET {root}/gkmlpt/api/all/{catId}?page=N&sid=S``
→ ``{"articles": [{id, identifier, title, publisher, display_publish_time, url, post_url}], "total": T}``.
Every endpoint is derived from the UI page's own URL (the part before ``/gkmlpt/``) or from the
page's config script (its ``sid``, ``catId`` and API root), never from the host root.
"""

from __future__ import annotations

import json
import math
import re
from urllib.parse import urlencode, urljoin, urlsplit

from crawler.parsers.common import text_of
from crawler.spiders.base import ReportSpider
from pipelines import stats as keys
from pipelines.dates import iso_date
from pipelines.listing import ListingRecord

NAME = "gkmlpt"
SIGNS = ((4, "gkmlpt platform", re.compile(r"/gkmlpt/")),)
BODY_SELECTORS = ("div.article-content",)

CATEGORY_RE = re.compile(r"#(\d+)$")
PAGE_CATEGORY_RE = re.compile(r"""\bcat_?id["']?\s*[:=]\s*["']?(\d+)""", re.I)
SID_RE = re.compile(r"""\bsid["']?\s*[:=]\s*["']?(\d+)""", re.I)
API_ROOT_RE = re.compile(r"""\bapi_?(?:root|base|url|path)["']?\s*[:=]\s*["']([^"']+?)/?["']""", re.I)
PLATFORM_RE = re.compile(r"^(.*?/gkmlpt)/")


def category_id(url: str) -> str | None:
    """The catId of a gkmlpt UI URL (``…/gkmlpt/annualreport#2817``)."""
    match = CATEGORY_RE.search(url)
    return match.group(1) if match else None


def page_category(page) -> str | None:
    """A catId the UI page names itself (``catId: 2817``), for UI URLs without the fragment."""
    match = PAGE_CATEGORY_RE.search(text_of(page))
    return match.group(1) if match else None


def site_sid(page) -> str | None:
    """The ``sid`` the UI page passes to its API calls."""
    match = SID_RE.search(text_of(page))
    return match.group(1) if match else None


def platform_root(page, url: str) -> str | None:
    """Where the platform's API lives: the config script's API root, else the UI URL up to ``/gkmlpt``."""
    configured = API_ROOT_RE.search(text_of(page))
    if configured:
        root = urljoin(url, configured.group(1))
        return root.removesuffix("/api/all").removesuffix("/api")
    match = PLATFORM_RE.match(urlsplit(url)._replace(fragment="", query="").geturl())
    return match.group(1) if match else None


def api_url(root: str, cat: str, sid: str | None, page: int) -> str:
    params = {"page": page, **({"sid": sid} if sid else {})}
    return f"{root}/api/all/{cat}?" + urlencode(params)


def answer(page) -> dict:
    return json.loads(text_of(page))


def page_count(data: dict) -> int:
    """Pages of the category: the total over the first page's size (100 on real sites)."""
    size = len(data.get("articles") or []) or 1
    return max(1, math.ceil(int(data.get("total") or 0) / size))


def listing_entries(data: dict, base_url: str) -> list[ListingRecord]:
    """Listing records: title, 索引号 (identifier), agency (publisher), raw publish time."""
    entries = []
    host = urlsplit(base_url).netloc
    for article in data.get("articles") or []:
        link = article.get("url") or article.get("post_url")
        if not link:
            continue
        url = urljoin(base_url, link)
        if urlsplit(url).netloc != host and article.get("post_url"):
            url = urljoin(base_url, article["post_url"])
        entries.append(ListingRecord(url=url, title=article.get("title"), date=iso_date(article.get("display_publish_time")),
                                     published=article.get("display_publish_time"), index_no=article.get("identifier"),
                                     agency=article.get("publisher")))
    return entries


def column_evidence(page, url: str, named_column: bool, options: dict | None = None) -> str | None:
    """A gkmlpt UI page is the column when it knows its category (URL fragment, option or config)."""
    category = (options or {}).get("cat_id") or category_id(url) or page_category(page)
    if platform_root(page, url) and category and (named_column or "annualreport" in url or category_id(url)):
        return f"gkmlpt UI page, category {category}"
    return None


class Spider(ReportSpider):
    """The UI page, then the API pages of its category. The catId comes from the UI URL's fragment
    or ``options.cat_id``, the ``sid`` from ``options.sid`` or the UI page."""

    name = NAME
    column_evidence = staticmethod(column_evidence)

    def parse(self, response):
        """The UI page: the first API page of its category.

        @demo listing
        @returns requests 1 1
        """
        self.crawler.stats.inc_value(keys.LISTING_PAGES)
        category = self.option("cat_id") or category_id(self.site.start_url) or page_category(response)
        root = platform_root(response, response.url)
        if not category or not root:
            self.logger.error("%s: no gkmlpt catId (give the UI URL with #catId or options.cat_id)", response.url)
            return
        sid = self.option("sid") or site_sid(response)
        self.api_root = root
        yield from self.follow_listings([self.api_request(root, str(category), sid, 1)])

    def in_column(self, url):
        root = getattr(self, "api_root", None)
        return bool(root and url.startswith(root + "/api/")) or super().in_column(url)

    def api_request(self, root, category, sid, page):
        return self.listing_request(api_url(root, category, sid, page), callback=self.parse_api,
                                    cb_kwargs={"root": root, "category": category, "sid": sid, "page": page})

    def parse_api(self, response, root, category, sid, page):
        self.crawler.stats.inc_value(keys.LISTING_PAGES)
        self.api_root = root
        data = answer(response)
        yield from self.follow_entries(listing_entries(data, response.url), response.url)
        if page == 1:
            pages = page_count(data)
            yield from self.follow_listings(self.api_request(root, category, sid, k) for k in range(2, pages + 1))
