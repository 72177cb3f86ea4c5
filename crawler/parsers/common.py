"""Helpers shared by the family parsers."""

from __future__ import annotations

import re
import unicodedata
from posixpath import dirname
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector

from pipelines.dates import CN_DIGIT_CLASS
from pipelines.vocab import ATTACHMENT_EXTENSION, squash  # noqa: F401  (squash re-exported for the listing parsers)

# The document named at the end of the title (head-final), notes such as （图片版） after it.
REPORT_WORDS_RE = re.compile(r"(?:年度报告|年度報告|年报|年報|工作报告|工作報告|工作总结|工作總結)\s*(?:[（(【\[][^）)】\]]{0,20}[）)】\]]\s*)*[。.]?$")
REPORT_YEAR_RE = re.compile(rf"(?:19|20)\d{{2}}|[{CN_DIGIT_CLASS}]{{4}}")
CUT_TITLE_RE = re.compile(r"(?:…|\.{2,})\s*$")
CUT_REPORT_RE = re.compile(r"年度|公开|公開|年报|年報")
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


def folder_of(url: str) -> str:
    """The folder a page lives in: ``http://h/a/b/`` for ``http://h/a/b/list.html``, ``http://h/`` for ``http://h/list.jsp?x=1``."""
    parts = urlsplit(url)
    path = parts.path or "/"
    folder = path if path.endswith("/") else dirname(path).rstrip("/") + "/"
    return f"{parts.scheme}://{parts.netloc}{folder}"


INDEX_FILE_RE = re.compile(r"/(?:index|default|home)\.(?:s?html?|jsp|aspx?|php)$", re.I)


def page_key(url: str) -> str:
    """One name per page: ``…/nb/`` for ``…/nb/index.html`` (and ``default.aspx``, ``home.htm``), fragment dropped."""
    return INDEX_FILE_RE.sub("/", url.split("#", 1)[0])


def same_page(url: str, other: str) -> bool:
    return page_key(url) == page_key(other)


def reads_like_report(title: str | None) -> bool:
    """A year and, at the end, 年度报告 / 年报 / 工作报告 / 工作总结 (Simplified or Traditional):
    the title of a report (not news *about* one: …部署年度报告编制); a title cut with … counts
    when what is left names a year and 年度 or 公开."""
    text = unicodedata.normalize("NFKC", title or "").strip()
    if not REPORT_YEAR_RE.search(text):
        return False
    return bool(REPORT_WORDS_RE.search(text) or (CUT_TITLE_RE.search(text) and CUT_REPORT_RE.search(text)))


def attachments(page, base_url: str) -> list[dict]:
    """Attachment links (PDF, Word, WPS, OFD, spreadsheets, archives) on a detail page."""
    found: dict[str, dict] = {}
    root = selector_of(page).root
    for anchor in root.iter("a") if hasattr(root, "iter") else ():
        href = (anchor.get("href") or "").strip()
        if not ATTACHMENT_RE.search(href):  # joining never adds an extension: most links are left here
            continue
        url = urljoin(base_url, href)
        if ATTACHMENT_RE.search(url) and url not in found:
            name = squash(anchor.get("title")) or squash(" ".join(anchor.itertext()))
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
