"""What a report's title (and, failing that, its opening lines) says: the clean title, the
year covered, the kind of document, the issuing body.

Chinese titles are head-final: the last noun says what the document is, so
``关于印发《2020年政府信息公开工作年度报告》的通知`` is a notice, not a report.
"""

from __future__ import annotations

import re

from .dates import CN_DIGIT_CLASS, chinese_year
from .labels import INLINE_LABEL_RE, VALUE_MAX, label_of
from .vocab import FIRST_YEAR, LAST_YEAR, squash

YEAR = rf"((?:19|20)\d{{2}}|[{CN_DIGIT_CLASS}]{{4}})"
YEAR_RE = re.compile(rf"{YEAR}\s*年")

SEPARATOR = r"[_|｜－—–-]"
SITE_SUFFIX_RE = re.compile(rf"\s*{SEPARATOR}+\s*([^_|｜－—–-]+?)\s*$")
COLUMN_SUFFIX_RE = re.compile(r"\s*__.*$")
SITE_NAME_RE = re.compile(r"(人民政府|政府|政府网|门户网站|网站|官网|门户|gov\.cn)$|^中国.{1,6}$", re.I)
TRUNCATED_RE = re.compile(r"(…|\.{2,}|。{3})\s*$")
TRAILING_NOTE_RE = re.compile(r"\s*[（(][^（）()]{0,20}[）)]\s*$")

MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
TO = r"\s*[-—至~到]\s*"  # a span of months: 1-6月, 一至六月
HALF_YEAR_RE = re.compile(rf"半年|(?:1|一){TO}(?:6|六)\s*月|(?:7|七){TO}(?:12|十二)\s*月")
WHOLE_YEAR_MONTHS_RE = re.compile(rf"(?:1|一){TO}(?:12|十二)\s*月")
PART_OF_YEAR_RE = re.compile(rf"季度|{MONTH}{TO}{MONTH}\s*月|(?<![\d年]){MONTH}\s*月份?|年{MONTH}\s*月份?")
# Whatever the rest says, a title ending in one of these is a letter, a notice or a plan.
OTHER_ENDINGS = re.compile(r"(通知|函|复函|要点|方案|意见|办法|计划|安排|公告|通告|通报|说明|批复|决定|请示|纪要|解读|图解|目录|指南|规定|细则|制度|清单)$")
ANNUAL_ENDINGS = re.compile(r"(年报|年度报告|报告书|报告|总结|工作情况)$")
DISCLOSURE_RE = re.compile(r"公开")

NUMBERED_LINE_RE = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")
SENTENCE_MARKS_RE = re.compile(r"[。，,；;！？!?]")
BREADCRUMB_RE = re.compile(r"[>＞»›]|当前位置|所在的?位置")
OPENING_LINES = 15
# A dated signature or a bare date is no title.
DATE_LINE_RE = re.compile(rf"^{YEAR}\s*年\s*[\d一二三四五六七八九十]{{1,2}}\s*月(?:\s*[\d一二三四五六七八九十]{{1,3}}\s*日)?$|^\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}$")

STATISTICS_PERIOD_RE = re.compile(rf"(?:统计期限|统计时限|统计时间|统计期|期限)为?\s*(?:自|从)?\s*{YEAR}\s*年")
YEAR_OF_REPORT_RE = re.compile(rf"{YEAR}\s*年度")
LINE_START_YEAR_RE = re.compile(rf"^\s*{YEAR}\s*年(?![\d一二三四五六七八九十]+\s*月)")
YEAR_BEFORE_DISCLOSURE_RE = re.compile(rf"{YEAR}\s*年度?\s*(?:的)?(?:政府|政务)?(?:信息)?公开")
CITED_DOCUMENT_RE = re.compile(r"《[^》]*》")
AGENCY_PREFIX_RE = re.compile(rf"^(?!关于)(.{{2,30}}?)(?:关于|{YEAR}\s*年)")
GENERIC_SOURCES = {"本站", "本网", "原创", "办公室", "管理员", "网站管理员", "系统管理员", "admin", "无", "其他", "未知"}


def strip_site_suffix(title: str, site_names: set[str] = frozenset()) -> str:
    """``…年度报告_蚌埠市人民政府`` -> ``…年度报告`` (also ``_ 中国宜春``, ``-XX门户网站``,
    and gov.cn's ``{title}__{column}_中国政府网``)."""
    title = COLUMN_SUFFIX_RE.sub("", title)
    while True:
        match = SITE_SUFFIX_RE.search(title)
        if not match or match.start() == 0:
            return title
        segment = match.group(1)
        if segment not in site_names and not SITE_NAME_RE.search(segment):
            return title
        title = title[:match.start()]


def clean_title(title: str | None, site_names: set[str] = frozenset()) -> str | None:
    """The title without site suffixes; None when empty or cut short with …."""
    title = squash(title)
    if not title or TRUNCATED_RE.search(title):
        return None
    return strip_site_suffix(title, site_names) or None


def _year(digits: str) -> int | None:
    year = int(digits) if digits.isdigit() else chinese_year(digits)
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def title_year(title: str | None) -> int | None:
    match = YEAR_RE.search(title or "")
    return _year(match.group(1)) if match else None


def opening_lines(text: str) -> list[str]:
    """The first lines of the text, without info lines and metadata-table lines (a bare label
    line and the value line under it)."""
    lines = []
    after_label = False
    for line in text.splitlines():
        line = squash(line)
        if not line:
            continue
        if label_of(line) or INLINE_LABEL_RE.search(line):
            after_label = bool(label_of(line))
            continue
        if after_label and len(line) <= VALUE_MAX and not SENTENCE_MARKS_RE.search(line):
            after_label = False
            continue
        after_label = False
        lines.append(line)
        if len(lines) == OPENING_LINES:
            break
    return lines


def opening_year(text: str) -> int | None:
    """The year the opening lines say the report covers, strongest evidence first:
    the statistics period, ``YYYY年度``, a line opening with ``YYYY年``, ``YYYY年政务公开``.
    Years inside 《cited documents》 and dates (``2017年3月``) do not count."""
    lines = [CITED_DOCUMENT_RE.sub("", line) for line in opening_lines(text)]
    for pattern in (STATISTICS_PERIOD_RE, YEAR_OF_REPORT_RE, LINE_START_YEAR_RE, YEAR_BEFORE_DISCLOSURE_RE):
        for line in lines:
            match = pattern.search(line)
            if match and _year(match.group(1)):
                return _year(match.group(1))
    return None


def report_year(title: str | None, text: str) -> int | None:
    """The year the report covers: the title's, else the opening lines'; never the publish year."""
    return title_year(title) or opening_year(text)


def title_in_text(text: str) -> str | None:
    """A title-like line above the first paragraph of the text (for texts without a page)."""
    for line in opening_lines(text):
        if SENTENCE_MARKS_RE.search(line) and len(line) > 40:
            return None
        if (6 <= len(line) <= 80 and not SENTENCE_MARKS_RE.search(line) and not NUMBERED_LINE_RE.match(line)
                and not BREADCRUMB_RE.search(line) and not DATE_LINE_RE.match(line)):
            return line
    return None


def document_head(title: str) -> str:
    """The title without trailing notes such as （图片版）（2020年）."""
    while TRAILING_NOTE_RE.search(title):
        title = TRAILING_NOTE_RE.sub("", title)
    return title.rstrip("。 ")


# How much a title says about the kind: EXPLICIT (its ending or a half-year/part-of-year marker
# names the document), WEAK (a report or summary about 公开 that does not say 年度/年报: 政务公开工作总结,
# 信息公开工作情况), NONE (no title, an attachment's file name, a site's or column's name …).
EXPLICIT, WEAK, NONE = "explicit", "weak", "none"


def title_kind(title: str | None) -> tuple[str, str]:
    """(kind, strength) the title gives: ``annual``, ``half-year`` or ``other``, and EXPLICIT, WEAK or NONE."""
    head = document_head(title or "")
    if not head:
        return "other", NONE
    if OTHER_ENDINGS.search(head):
        return "other", EXPLICIT
    if HALF_YEAR_RE.search(head):
        return ("half-year", EXPLICIT) if ANNUAL_ENDINGS.search(head) else ("other", NONE)
    if PART_OF_YEAR_RE.search(WHOLE_YEAR_MONTHS_RE.sub("", head)):
        return "other", EXPLICIT
    if re.search(r"年报$|年度报告$", head):
        return "annual", EXPLICIT
    if ANNUAL_ENDINGS.search(head) and DISCLOSURE_RE.search(head):
        return "annual", EXPLICIT if re.search(rf"{YEAR}\s*年度", head) else WEAK
    return "other", NONE


def report_kind(title: str | None) -> str:
    """``annual`` for a yearly disclosure report, ``half-year`` for a half-year summary, else ``other``."""
    return title_kind(title)[0]


def title_agency(title: str | None) -> str | None:
    """The issuing body named before the year or 关于: ``市经信委2016年度…`` -> ``市经信委``."""
    match = AGENCY_PREFIX_RE.match(title or "")
    if not match or re.search(r"[《“\"\d]", match.group(1)):
        return None
    return match.group(1)


def usable_agency(value: str | None) -> str | None:
    """An agency name, not a generic source such as 本站 or a bare 办公室."""
    value = squash(value)
    return value if value and value not in GENERIC_SOURCES and not value.isdigit() else None
