"""The report record as it leaves the cleaning chain: the fields stored as ``reports`` columns.

A new report field is one line here: the corpus store adds the column to an existing corpus
when it opens it (``store.schema``), ``nianbao clean`` and ``nianbao export`` print it.
"""

from __future__ import annotations

import hashlib
from typing import Literal, TypedDict, get_type_hints

Kind = Literal["annual", "half-year", "other"]
KINDS: tuple[str, ...] = ("annual", "half-year", "other")


class Report(TypedDict, total=False):
    """One report, in the order of its ``reports`` columns."""

    url: str  # where the report was found
    site_id: str  # the registry row
    title: str | None  # without site suffixes
    year: int | None  # the year the report covers (not the publish year)
    kind: Kind
    kind_source: str | None  # evidence for kind: title, listing or body; null when nothing tells (kind other)
    year_source: str | None  # evidence for year: title, listing, body or signature; null with year
    published: str | None  # YYYY-MM-DD
    agency: str | None  # the publishing body
    province: str | None
    city: str | None
    county: str | None
    index_no: str | None  # 索引号
    doc_no: str | None  # 文号
    text: str  # clean Simplified text
    text_source: str | None  # what the text was read from: html, or the attachment's pdf, docx, doc, wps, ofd, ocr
    text_original: str | None  # the text before script normalisation, when it differs
    original_script: str | None  # simplified or traditional
    flags: list[str]  # quality flags: mojibake, pinyin, spam
    removed: list[dict]  # {"kind", "text"}: spam and mojibake junk the normalize stage cut out
    content_hash: str  # SHA-1 of text
    fetched_at: str  # UTC time of the fetch
    dup_of: str | None  # id of the canonical copy when this report duplicates another; null for canonical ones


REPORT_FIELDS: tuple[str, ...] = tuple(Report.__annotations__)
# Fields whose column holds integers; the others are text (lists and dicts as JSON).
INTEGER_FIELDS = frozenset(name for name, hint in get_type_hints(Report).items() if int in getattr(hint, "__args__", (hint,)))


def report_id(url: str) -> str:
    """Stable primary key: the first 16 hex digits of the SHA-1 of the URL, so re-crawling a URL
    updates its row instead of adding one."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]
