"""TRS WCM listings: static ``index.html``, ``index_1.html`` … paged by ``createPageHTML``.

``createPageHTML(N, cur, "index", "html")`` gives the page count ``N`` and the 0-based
current page ``cur``: page 0 is ``index.html``, page k is ``index_k.html``.
"""

from __future__ import annotations

import re
import json
import math
from urllib.parse import urljoin

from .common import iso_date, link_entries, numbered_pages, text_of

CREATE_PAGE_RE = re.compile(
    r"createPage(?:HTML)?\(\s*(?:['\"][\w-]+['\"]\s*,\s*)?['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w-]+)['\"]\s*,\s*['\"](s?html?)['\"]"
)
COUNT_PAGE_RE = re.compile(r"var\s+countPage\s*=\s*['\"]?(\d+)")
CURRENT_PAGE_RE = re.compile(r"var\s+currentPage\s*=\s*['\"]?(\d+)")
LISTING_NAME_RE = re.compile(r"/([\w-]+?)(?:_\d+)?\.(s?html?)$")
DETAIL_RE = re.compile(r"/t\d{8}_\d+\.s?html?$")


def pager(html: str, url: str) -> dict | None:
    """Page count, 0-based current page, file name and extension of a TRS listing page."""
    match = CREATE_PAGE_RE.search(html)
    if match:
        count, current, name, ext = match.groups()
        return {"count": int(count), "current": int(current), "name": name, "ext": ext}
    count = COUNT_PAGE_RE.search(html)
    if not count:
        return None
    current = CURRENT_PAGE_RE.search(html)
    name_match = LISTING_NAME_RE.search(url)
    name, ext = name_match.groups() if name_match else ("index", "html")
    return {"count": int(count.group(1)), "current": int(current.group(1)) if current else 0, "name": name, "ext": ext}


def listing_pages(page, url: str) -> list[str]:
    """Every page of the listing that ``url`` belongs to, page 0 first."""
    info = pager(text_of(page), url)
    if not info:
        return []
    return numbered_pages(url, info["name"], info["ext"], info["count"])


def listing_entries(page, url: str, detail_re: re.Pattern = DETAIL_RE) -> list[dict]:
    """Detail pages linked from a TRS listing page, with their listing title and date."""
    return link_entries(page, url, detail_re)


def search_page(answer) -> dict:
    """The ``page`` object of a TRS search-API answer (``/igs/front/search/list.html``)."""
    data = json.loads(text_of(answer))
    return data.get("page") or data.get("data", {}).get("page") or {}


def search_page_count(answer) -> int:
    """Page count of a search-API answer: ``totalPages``, else total / page size."""
    page = search_page(answer)
    if page.get("totalPages"):
        return int(page["totalPages"])
    size = int(page.get("size") or len(page.get("content") or []) or 1)
    return math.ceil(int(page.get("totalElements") or 0) / size)


def search_entries(answer, url: str) -> list[dict]:
    """Listing records of a search-API answer: BT title, DOCPUBURL, FBRQ date, IDXID 索引号."""
    entries = []
    for doc in search_page(answer).get("content") or []:
        if not doc.get("DOCPUBURL"):
            continue
        entries.append({"url": urljoin(url, doc["DOCPUBURL"]), "title": doc.get("BT"), "date": iso_date(doc.get("FBRQ")),
                        "published": doc.get("FBRQ"), "index_no": doc.get("IDXID")})
    return entries
