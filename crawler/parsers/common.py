"""Helpers shared by the family parsers."""

from __future__ import annotations

import re
import unicodedata
from posixpath import dirname
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from pipelines.dates import CN_DIGIT_CLASS

REPORT_WORDS_RE = re.compile(r"年度报告|年度報告|年报|年報|工作报告|工作報告|工作总结|工作總結")
REPORT_YEAR_RE = re.compile(rf"(?:19|20)\d{{2}}|[{CN_DIGIT_CLASS}]{{4}}")
ATTACHMENT_RE = re.compile(r"\.(pdf|docx?|wps|ofd|xlsx?|et|zip|rar|7z)(?:$|[?#])|downfile\.jsp", re.I)


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


def squash(text: str | None) -> str:
    """Collapse all whitespace (nbsp and ideographic space included) to single spaces."""
    return re.sub(r"[\s\u3000\xa0]+", " ", text or "").strip()


def listing_prefix(listing_url: str) -> str:
    """The folder a listing lives in: pagination and detail pages must stay under it."""
    parts = urlsplit(listing_url)
    path = parts.path if parts.path.endswith("/") else dirname(parts.path) + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def reads_like_report(title: str | None) -> bool:
    """A year and 年度报告 / 年报 / 工作报告 / 工作总结 (Simplified or Traditional): the title of a report."""
    text = unicodedata.normalize("NFKC", title or "")
    return bool(REPORT_WORDS_RE.search(text) and REPORT_YEAR_RE.search(text))


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
