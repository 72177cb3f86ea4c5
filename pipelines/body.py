"""Body stage: the report's body text (tables kept) from the detail page's HTML.

The body container is chosen in this order: the registry row's ``body_selector``; the Hanweb
content markers (``<meta name="ContentStart">`` … ``ContentEnd``, ``ZJEG_RSS.content.begin/end``);
the CMS families' containers (``record["containers"]``, given by the crawler: each family module
of ``crawler.families`` names its own, the crawling family's first); a text-density guess (the deepest block holding nearly all the
page's sentences). trafilatura then reads that fragment, its data tables already rendered as
rows (``pipelines.tables``). Whole-page trafilatura is the last resort.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache

import trafilatura
from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import builder

from . import page
from .controls import strip_controls
from .tables import flatten_tables

CONTENT_MARKERS = (
    re.compile(r"<meta\s+name=[\"']?ContentStart[\"']?[^>]*>(.*?)<meta\s+name=[\"']?ContentEnd", re.S | re.I),
    re.compile(r"<!--\s*ZJEG_RSS\.content\.begin\s*-->(.*?)<!--\s*ZJEG_RSS\.content\.end\s*-->", re.S | re.I),
)
# Unwrapped before trafilatura reads the fragment, which may put each <span> of a Word paste on its own line.
INLINE_TAGS = ("span", "font", "strong", "b", "em", "i", "u", "a", "sup", "sub", "small", "big", "label")
BLOCK_CANDIDATES = ("div", "td", "article", "section", "main")
SENTENCE_MARK_RE = re.compile(r"[。，；]")
DENSITY_SHARE = 0.85
TRAFILATURA_OPTIONS = dict(include_tables=True, include_comments=False, include_images=False, include_links=False,
                           deduplicate=False, favor_recall=True, fast=True)


@lru_cache(maxsize=None)
def selector(css: str) -> CSSSelector:
    return CSSSelector(css, translator="html")


def sentence_chars(root) -> dict:
    """Per element, the characters of sentence-like text (outside links) it holds."""
    totals = {}

    def walk(element, in_link):
        in_link = in_link or element.tag == "a"
        own = 0
        if element.text and not in_link and SENTENCE_MARK_RE.search(element.text):
            own += len(element.text.strip())
        for child in element:
            if not isinstance(child.tag, str):
                continue
            own += walk(child, in_link)
            if child.tail and not in_link and SENTENCE_MARK_RE.search(child.tail):
                own += len(child.tail.strip())
        totals[element] = own
        return own

    walk(root, False)
    return totals


def densest_block(root):
    """The deepest block holding nearly all of the page's sentences, or None."""
    totals = sentence_chars(root)
    total = totals.get(root, 0)
    if not total:
        return None
    best = None
    for element in root.iter(*BLOCK_CANDIDATES):
        if totals.get(element, 0) >= DENSITY_SHARE * total:
            best = element  # iter() is depth-first: later qualifying elements are deeper
    return best


def largest(elements):
    return max(elements, key=lambda element: len(element.text_content().strip()), default=None)


def body_element(html: str, css: str | None = None, containers: tuple[str, ...] = (), root=None):
    """The body container of a page as an lxml element (None when the page has no text);
    ``containers`` are CSS selectors of the CMS families' body containers, tried in order;
    ``root`` is the page already parsed (``pipelines.page``)."""
    root = page.parse(html) if root is None else root
    if css:
        found = largest(selector(css)(root))
        if found is not None:
            return found
    for marker in CONTENT_MARKERS:
        match = marker.search(html)
        if match and match.group(1).strip():
            return page.parse(f"<div>{match.group(1)}</div>")
    for css in containers:
        found = largest(selector(css)(root))
        if found is not None and found.text_content().strip():
            return found
    return densest_block(root)


def fragment_text(element) -> str:
    """The text of a body container, read from a copy of it (the page's tree stays as parsed)."""
    element = copy.deepcopy(element)
    flatten_tables(element)
    etree.strip_tags(element, *INLINE_TAGS)
    # Inside <article> trafilatura's main pass takes the fragment whole; its rescue pass would
    # collapse identical rows (two tables with the same header row).
    return trafilatura.extract(builder.HTML(builder.BODY(builder.ARTICLE(element))), **TRAFILATURA_OPTIONS) or ""


def extract_text(html: str, css: str | None = None, containers: tuple[str, ...] = (), root=None) -> str:
    """Body text of a detail page; whole-page extraction only when no container gives text."""
    element = body_element(html, css, containers, root)
    text = fragment_text(element) if element is not None else ""
    return text or trafilatura.extract(html, **TRAFILATURA_OPTIONS) or ""


def process(record):
    html = record.get("html")
    if html:
        # Before anything parses the page (here and in the later stages): lxml refuses control
        # characters, and they must never reach the corpus or a terminal.
        html = record["html"] = strip_controls(html)
        options = (record.get("site") or {}).get("options") or {}
        record["text"] = extract_text(html, options.get("body_selector"), tuple(record.get("containers") or ()), page.tree(record))
    record["text_original"] = record.get("text") or ""
    return record
