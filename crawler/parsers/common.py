"""Helpers shared by the family parsers."""

from __future__ import annotations

import re
from posixpath import dirname
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from pipelines.dates import NUMERIC_DATE_RE as DATE_RE
from pipelines.dates import iso_date  # noqa: F401  (the one date parser, re-exported for the listing parsers)
from pipelines.vocab import ATTACHMENT_EXTENSION, squash  # noqa: F401  (squash re-exported for the listing parsers)

ATTACHMENT_RE = re.compile(rf"\.{ATTACHMENT_EXTENSION}(?:$|[?#])|downfile\.jsp", re.I)


def selector_of(page) -> Selector:
    """Accept a Scrapy response, a parsel Selector or an HTML string."""
    if isinstance(page, Selector):
        return page
    if isinstance(page, str):
        return Selector(text=page)
    return page.selector


def text_of(page) -> str:
    if isinstance(page, str):
        return page
    if isinstance(page, Selector):
        return page.get()
    return page.text


def listing_prefix(listing_url: str) -> str:
    """The folder a listing lives in: pagination and detail pages must stay under it."""
    parts = urlsplit(listing_url)
    path = parts.path if parts.path.endswith("/") else dirname(parts.path) + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


ROW = "ancestor::*[self::li or self::tr or self::dd or self::p][1]"


def link_entries(page, base_url: str, href_re: re.Pattern) -> list[dict]:
    """Listing records for every anchor whose resolved href matches ``href_re``.

    The title comes from ``@title`` when present (anchor text is often cut with …);
    the date from the text of the anchor's row (``li``/``tr``/``dd``/``p``).
    """
    entries: dict[str, dict] = {}
    for anchor in selector_of(page).css("a[href]"):
        url = urljoin(base_url, anchor.attrib["href"].strip())
        if not href_re.search(url) or url in entries:
            continue
        title = squash(anchor.attrib.get("title")) or squash(" ".join(anchor.css("::text").getall()))
        row = anchor.xpath(ROW)
        row_text = squash(" ".join(row.css("::text").getall())) if row else ""
        entries[url] = {"url": url, "title": title or None, "date": iso_date(row_text.replace(title, ""))}
    return list(entries.values())


def attachments(page, base_url: str) -> list[dict]:
    """Attachment links (PDF, Word, WPS, OFD, spreadsheets, archives) on a detail page."""
    found: dict[str, dict] = {}
    for anchor in selector_of(page).css("a[href]"):
        url = urljoin(base_url, anchor.attrib["href"].strip())
        if ATTACHMENT_RE.search(url) and url not in found:
            name = squash(anchor.attrib.get("title")) or squash(" ".join(anchor.css("::text").getall()))
            found[url] = {"url": url, "name": name or None}
    return list(found.values())


def site_domain(host: str) -> str:
    """The domain a site's crawl may not leave: its host without a leading ``www.``."""
    return host[4:] if host.startswith("www.") else host


def with_query(url: str, **params) -> str:
    """``url`` with query parameters set (added or replaced), the others kept in order."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += [(k, str(v)) for k, v in params.items()]
    return urlunsplit(parts._replace(query=urlencode(query)))


LIST_CONTAINERS = "ancestor::*[self::ul or self::ol or self::table or self::dl or self::div][1]"


def main_list_entries(page, base_url: str, href_re: re.Pattern, list_selector: str | None = None) -> list[dict]:
    """Listing records of the page's main list: the container holding most matching links.

    Sidebars ("latest news", other columns) hold a few links of the same shape; the column's
    own list holds the most. ``list_selector`` (CSS) names the list outright.
    """
    sel = selector_of(page)
    if list_selector:
        return [e for block in sel.css(list_selector) for e in link_entries(block, base_url, href_re)]
    groups: dict[str, list] = {}
    for anchor in sel.css("a[href]"):
        if not href_re.search(urljoin(base_url, anchor.attrib["href"].strip())):
            continue
        container = anchor.xpath(LIST_CONTAINERS)
        if not container:
            continue
        key = container[0].root.getroottree().getpath(container[0].root)
        row = anchor.xpath(ROW)
        dated = bool(row) and bool(DATE_RE.search(squash(" ".join(row.css("::text").getall()))))
        group = groups.setdefault(key, [0, 0, container[0]])
        group[0] += dated
        group[1] += 1
    if not groups:
        return []
    *_counts, block = max(groups.values(), key=lambda group: group[:2])
    return link_entries(block, base_url, href_re)


def numbered_pages(url: str, name: str, ext: str, count: int) -> list[str]:
    """Static list pages ``name.ext``, ``name_1.ext`` … ``name_{count-1}.ext`` beside ``url``."""
    return [urljoin(url, f"{name}.{ext}" if k == 0 else f"{name}_{k}.{ext}") for k in range(count)]
