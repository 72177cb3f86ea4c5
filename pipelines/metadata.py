"""Metadata stage: title, year, kind, published date, agency, 索引号 and 文号, plus the
province / city / county of the registry row.

Sources, best first: metadata tables, the standard meta tags, the listing record (gkmlpt
JSON fields included), the info line (发布时间 / 来源), the title, the first lines of the text.
A field no source gives stays None.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml.cssselect import CSSSelector

from . import page
from .dates import iso_date
from .body_evidence import LISTING, TITLE, decide
from .labels import (AGENCY_LABELS, DOC_NO_LABELS, INDEX_LABELS, INFO_DATE_LABELS, LATE_DATE_LABELS, PUBLISH_DATE_LABELS,
                     SOURCE_LABELS, UNIT_LABELS, html_values, text_values)
from .listing import ListingRecord
from .normalize import fold_widths, to_simplified
from .titles import clean_title, title_agency, title_in_text, usable_agency
from .vocab import squash

HEADING_SELECTORS = ("ucaptitle", "h1", ".article-title", ".con-title", "h2", ".title")
HEADING_YEAR_RE = re.compile(r"(?:19|20)\d{2}|[〇○零][一二三四五六七八九〇○零]|[一二][〇○零]")
PUBLISHED_META = ("pubdate", "firstpublishedtime", "publishdate", "published_time", "article:published_time")

REGION_FIELDS = ("province", "city", "county")



def meta_tags(root) -> dict[str, str]:
    """Every ``<meta name|property=… content=…>``, names lower-cased, first occurrence wins."""
    tags: dict[str, str] = {}
    for meta in root.iter("meta"):
        attributes = {key.lower(): value for key, value in meta.attrib.items()}
        name = attributes.get("name") or attributes.get("property")
        content = squash(attributes.get("content"))
        if name and content:
            tags.setdefault(name.strip().lower(), content)
    return tags


@lru_cache(maxsize=1)
def heading_selectors() -> tuple[CSSSelector, ...]:
    return tuple(CSSSelector(css, translator="html") for css in HEADING_SELECTORS)


def heading(root) -> str | None:
    """The page's own heading: the first heading element that names a year."""
    for selector in heading_selectors():
        for element in selector(root):
            text = squash(element.text_content())
            if 6 <= len(text) <= 120 and HEADING_YEAR_RE.search(text):
                return text
    return None


def first(*values):
    return next((value for value in values if value), None)


def labelled(values: dict[str, str], labels: tuple[str, ...]) -> str | None:
    return first(*(values.get(label) for label in labels))


def index_number(value: str | None) -> str | None:
    """``620700036/2021-00008``: one token with a digit in it."""
    value = squash(fold_widths(value or ""))
    return value if value and " " not in value and re.search(r"\d", value) else None


def document_number(value: str | None) -> str | None:
    """``皖政办〔2021〕5号``: a number, not a placeholder such as 无."""
    value = squash(fold_widths(value or ""))
    return value if value and len(value) <= 60 and re.search(r"\d|〔|\[|号", value) else None


def extract(html: str | None, text: str, listing: dict | None = None, site: dict | None = None, root=None) -> dict:
    """Metadata of one report from its page, its (normalised) text, its listing record and registry row;
    ``root`` is the page already parsed (``pipelines.page``), converted to Simplified here in place."""
    listing = {name: to_simplified(value) if isinstance(value, str) else value for name, value in (listing or {}).items()}
    site = site or {}
    if root is None and html and html.strip():
        root = page.parse(html)
    if root is not None:
        page.simplify(root)
    meta = meta_tags(root) if root is not None else {}
    values = {**text_values(text), **(html_values(root) if root is not None else {})}

    site_names = {name for name in (meta.get("sitename"), site.get("name"), meta.get("columnname")) if name}
    page_title = squash(root.findtext(".//title")) if root is not None else None
    candidates = []  # (title, source, whether kind and year may fall back on it)
    for candidate, source, fallback in (
        (meta.get("articletitle"), TITLE, False),
        (heading(root) if root is not None else None, TITLE, False),
        (listing.get("title"), LISTING, True),
        (page_title, TITLE, False),
        (title_in_text(text), TITLE, True),
    ):
        cleaned = clean_title(candidate, site_names)
        cleaned = squash(fold_widths(cleaned)) if cleaned else None
        # A mirror's or column's own name (the whole <title> of some pages) is no document title.
        if cleaned and cleaned not in site_names:
            candidates.append((cleaned, source, fallback))
    title = candidates[0][0] if candidates else None
    # Kind and year: the chosen title first, then the listing's title and the title line of the text.
    decision = decide([(found, source) for position, (found, source, fallback) in enumerate(candidates)
                       if position == 0 or fallback], text)

    published = first(*(iso_date(candidate) for candidate in (
        labelled(values, PUBLISH_DATE_LABELS),
        *(meta.get(name) for name in PUBLISHED_META),
        listing.get("published"),
        listing.get("date"),
        labelled(values, INFO_DATE_LABELS),
        labelled(values, LATE_DATE_LABELS),
    )))
    agency = first(*(usable_agency(candidate) for candidate in (
        labelled(values, AGENCY_LABELS),
        meta.get("contentsource"),
        listing.get("agency"),
        labelled(values, SOURCE_LABELS),
        labelled(values, UNIT_LABELS),
        title_agency(title),
    )))
    return {
        "title": title,
        "year": decision.year,
        "year_source": decision.year_source,
        "kind": decision.kind,
        "kind_source": decision.kind_source,
        "published": published,
        "agency": squash(fold_widths(agency)) if agency else None,
        "index_no": first(index_number(labelled(values, INDEX_LABELS)), index_number(listing.get("index_no"))),
        "doc_no": first(document_number(labelled(values, DOC_NO_LABELS)), document_number(listing.get("doc_no"))),
    }


def process(record):
    site = record.get("site") or {}
    listing = ListingRecord.coerce(record.get("listing"))
    fields = extract(record.get("html"), record.get("text") or "", listing.as_dict() if listing else None, site, page.take(record))
    for name, value in fields.items():
        if value is not None or record.get(name) is None:
            record[name] = value
    for name in REGION_FIELDS:
        if not record.get(name):
            record[name] = site.get(name) or None
    return record
