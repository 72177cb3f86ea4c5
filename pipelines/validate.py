"""Validate stage: refuse items that are not a report, seal the rest with a content hash."""

from __future__ import annotations

import hashlib

from scrapy.exceptions import DropItem

from . import stats as keys
from .record import KINDS
from .vocab import FIRST_YEAR, LAST_YEAR

MIN_TEXT_CHARS = 50


class InvalidReport(DropItem):
    """The item is not a usable report; the message says why."""


def problems(record) -> list[str]:
    found = []
    text = record.get("text") or ""
    if len(text) < MIN_TEXT_CHARS:
        found.append(f"text too short ({len(text)} characters)")
    if record.get("kind") not in KINDS:
        found.append(f"kind {record.get('kind')!r} is not one of {KINDS}")
    year = record.get("year")
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        found.append(f"implausible year {year}")
    if not record.get("url"):
        found.append("no url")
    return found


def content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def seal(record):
    """Content hash of the clean text; the original text kept only where it differs."""
    record["content_hash"] = content_hash(record.get("text") or "")
    if record.get("text_original") == record.get("text"):
        record["text_original"] = None
    return record


def process(record):
    found = problems(record)
    if found:
        raise InvalidReport(f"{record.get('url')}: " + "; ".join(found))
    return seal(record)


class NonReport(DropItem):
    """A column item that is not a report (kind ``other``), dropped when NIANBAO_SKIP_NON_REPORTS is on."""


class ValidatePipeline:
    def __init__(self, stats, skip_non_reports: bool = False):
        self.stats = stats
        self.skip_non_reports = skip_non_reports

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler.settings.getbool("NIANBAO_SKIP_NON_REPORTS"))

    def process_item(self, item):
        try:
            record = process(item)
        except InvalidReport:
            self.stats.inc_value(keys.INVALID_REPORTS)
            raise
        if self.skip_non_reports and record.get("kind") == "other":
            self.stats.inc_value(keys.NON_REPORTS_SKIPPED)
            raise NonReport(f"{record.get('url')}: not a report ({record.get('title')})")
        return record
