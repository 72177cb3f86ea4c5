"""Lists that a column page loads from a JSON (or JSONP) API: the answer's articles, wherever the
API puts them (``data.list``, ``custom.infodata``, ``rows`` …), and its page count."""

from __future__ import annotations

import json
import math
import re
from urllib.parse import urljoin

from pipelines.dates import iso_date
from pipelines.listing import ListingRecord

from .common import text_of

JSONP_RE = re.compile(r"^[\w$.]+\s*\((.*)\)\s*;?\s*$", re.S)
URL_KEYS = ("url", "infourl", "link", "href", "path", "DOCPUBURL")
TITLE_KEYS = ("title", "name", "BT")
DATE_KEYS = ("publishTime", "infodate", "pubDate", "date", "time", "FBRQ")
PAGE_COUNT_KEYS = ("pages", "totalPage", "totalPages", "pageCount")
TOTAL_KEYS = ("total", "count", "totalCount", "totalElements", "RecordCount")


def answer(page):
    """The JSON of an API answer, unwrapped from its JSONP callback."""
    text = text_of(page).strip()
    wrapped = JSONP_RE.match(text)
    return json.loads(wrapped.group(1) if wrapped else text)


def _first(item: dict, keys):
    return next((item[key] for key in keys if item.get(key) not in (None, "")), None)


def articles(data) -> list[dict]:
    """The answer's list of articles: the first list of objects with a link, however deep."""
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data) and any(_first(item, URL_KEYS) for item in data):
        return data
    values = data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
    for value in values:
        found = articles(value)
        if found:
            return found
    return []


def records(data, base_url: str) -> list[ListingRecord]:
    return [ListingRecord(url=urljoin(base_url, str(_first(item, URL_KEYS))), title=_first(item, TITLE_KEYS),
                          date=iso_date(_first(item, DATE_KEYS)), published=_first(item, DATE_KEYS))
            for item in articles(data) if _first(item, URL_KEYS)]


def _numbers(data, keys) -> list[int]:
    found = []
    if isinstance(data, dict):
        found += [int(data[key]) for key in keys if str(data.get(key) or "").isdigit()]
        for value in data.values():
            found += _numbers(value, keys)
    return found


def page_count(data, page_size: int) -> int:
    """Pages of the list: the answer's page count, else its total over the page size."""
    pages = _numbers(data, PAGE_COUNT_KEYS)
    if pages:
        return pages[0]
    totals = _numbers(data, TOTAL_KEYS)
    return max(1, math.ceil(totals[0] / max(page_size, 1))) if totals else 1
