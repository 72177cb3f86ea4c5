"""Validate stage: refuse items that are not a report, seal the rest with a content hash."""

from __future__ import annotations

import hashlib
import re

from scrapy.exceptions import DropItem

from . import stats as keys
from .record import KINDS
from .vocab import FIRST_YEAR, LAST_YEAR

MIN_TEXT_CHARS = 50
# A short page that says it is a rate limit or a missing page is that, whatever its status (200).
JUNK_PAGE_CHARS = 600
RATE_LIMIT_RE = re.compile(r"(?:访问|请求|操作|刷新)(?:过于|太)?频繁|访问频率过高|请稍后再?(?:访问|试)|too many requests", re.I)
NOT_FOUND_RE = re.compile(
    r"页面不存在|页面未找到|找不到(?:该|您要的|您访问的)?页面|您(?:要)?访问的页面(?:不存在|已删除|找不到)"
    r"|信息(?:不存在|已删除|已撤销|已过期)|文章不存在|404 not found|\b404\b.{0,12}(?:错误|error)",
    re.I)


class InvalidReport(DropItem):
    """The item is not a usable report; the message says why. ``rate_limited``: the page was a
    rate-limit answer, which says nothing of the report behind it."""

    def __init__(self, message: str, rate_limited: bool = False):
        super().__init__(message)
        self.rate_limited = rate_limited


def problems(record) -> list[str]:
    found = []
    text = record.get("text") or ""
    if len(text) < MIN_TEXT_CHARS:
        found.append(f"text too short ({len(text)} characters)")
    if len(text) < JUNK_PAGE_CHARS:
        page = f"{record.get('title') or ''}\n{text}"
        for name, pattern in (("rate-limit", RATE_LIMIT_RE), ("not-found", NOT_FOUND_RE)):
            junk = pattern.search(page)
            if junk:
                found.append(f"a {name} page ({junk.group(0)!r})")
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
        raise InvalidReport(f"{record.get('url')}: " + "; ".join(found), rate_limited=any(p.startswith("a rate-limit page") for p in found))
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
