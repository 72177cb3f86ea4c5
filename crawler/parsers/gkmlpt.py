"""Guangdong 政府信息公开目录平台 (gkmlpt): listings from a JSON API.

The column's UI is ``/gkmlpt/annualreport#{catId}`` (the fragment never reaches the
server); its lists come from ``GET /gkmlpt/api/all/{catId}?page=N&sid=S`` →
``{"articles": [{id, identifier, title, publisher, display_publish_time, url, post_url}], "total": T}``.
"""

from __future__ import annotations

import json
import math
import re
from urllib.parse import urlencode, urljoin, urlsplit

from .common import iso_date, text_of

CATEGORY_RE = re.compile(r"#(\d+)$")
PAGE_CATEGORY_RE = re.compile(r"""\bcat_?id["']?\s*[:=]\s*["']?(\d+)""", re.I)
SID_RE = re.compile(r"""\bsid["']?\s*[:=]\s*["']?(\d+)""", re.I)
API_PATH = "/gkmlpt/api/all/{cat}"


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


def api_url(base_url: str, cat: str, sid: str | None, page: int) -> str:
    params = {"page": page, **({"sid": sid} if sid else {})}
    return urljoin(base_url, API_PATH.format(cat=cat)) + "?" + urlencode(params)


def answer(page) -> dict:
    return json.loads(text_of(page))


def page_count(data: dict) -> int:
    """Pages of the category: the total over the first page's size (100 on real sites)."""
    size = len(data.get("articles") or []) or 1
    return max(1, math.ceil(int(data.get("total") or 0) / size))


def listing_entries(data: dict, base_url: str) -> list[dict]:
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
        entries.append({
            "url": url,
            "title": article.get("title"),
            "date": iso_date(article.get("display_publish_time")),  # epoch seconds or ms, or a date string
            "published": article.get("display_publish_time"),
            "index_no": article.get("identifier"),
            "agency": article.get("publisher"),
        })
    return entries
