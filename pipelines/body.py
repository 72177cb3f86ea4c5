"""Body stage: the report's body text (tables kept) from the detail page's HTML."""

from __future__ import annotations

import trafilatura
from parsel import Selector

from . import StagePipeline

# Body containers of the CMS families, most specific first.
CONTAINERS = (
    "div.TRS_Editor",
    "div.TRS_UEDITOR",
    "div#zoom",
    "#UCAP-CONTENT",
    "ucapcontent",
    "div.wzcon",
    "div.j-fontContent",
    "div.article-content",
    "div#content",
    "div.content",
)


def body_fragment(html: str, selector: str | None = None) -> str | None:
    """The HTML of the body container: the registry's selector, else the family's."""
    page = Selector(text=html)
    for css in ([selector] if selector else []) + list(CONTAINERS):
        found = page.css(css)
        if found:
            return found[0].get()
    return None


def extract_text(html: str, selector: str | None = None) -> str:
    """Body text of a detail page; whole-page extraction only when no container matches."""
    fragment = body_fragment(html, selector)
    options = dict(include_tables=True, deduplicate=False, favor_recall=True, include_comments=False)
    text = trafilatura.extract(fragment or html, **options) if fragment else None
    if not text:
        text = trafilatura.extract(html, **options)
    return text or ""


def process(record):
    html = record.get("html")
    if html:
        options = (record.get("site") or {}).get("options") or {}
        record["text"] = extract_text(html, options.get("body_selector"))
    record["text_original"] = record.get("text") or ""
    return record


class BodyPipeline(StagePipeline):
    stage = staticmethod(process)
