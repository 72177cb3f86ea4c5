"""Ucap 开普云 / gov.cn listings: static ``home.htm``, ``home_1.htm`` … (or ``index_N``).

The page count comes from the pager script (``createPageHTML('page_div', N, cur, 'home', 'htm', total)``)
or the text ``共N页``; without either, the numbered pages the pager links to are followed.
Reports are ``/{col}/{YYYYMM}/{32 hex}.shtml`` (Jiangxi platform) or ``…/content_{id}.htm`` (gov.cn),
their bodies in ``#UCAP-CONTENT`` / ``<ucapcontent>``.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from . import trs
from .common import main_list_entries, numbered_pages, selector_of, text_of

DETAIL_RE = re.compile(r"/\d{6}/[0-9a-f]{32}\.s?html?$|/content_\d+\.s?html?$")
TOTAL_PAGES_RE = re.compile(r"共\s*(\d+)\s*页")
LIST_NAME_RE = re.compile(r"/((?:home|index|list)[\w-]*?)(?:_\d+)?\.(s?html?)$")


def listing_pages(page, url: str) -> list[str]:
    text = text_of(page)
    info = trs.pager(text, url)
    if info:
        return numbered_pages(url, info["name"], info["ext"], info["count"])
    name_match = LIST_NAME_RE.search(url)
    name, ext = name_match.groups() if name_match else ("index", "html")
    total = TOTAL_PAGES_RE.search(text)
    if total:
        return numbered_pages(url, name, ext, int(total.group(1)))
    numbered = re.compile(rf"^{re.escape(urljoin(url, name))}_\d+\.{ext}$")
    links = (urljoin(url, href) for href in selector_of(page).css("a::attr(href)").getall())
    return sorted({link for link in links if numbered.search(link)})


def listing_entries(page, url: str, detail_re: re.Pattern = DETAIL_RE, list_selector: str | None = None) -> list[dict]:
    return main_list_entries(page, url, detail_re, list_selector)
