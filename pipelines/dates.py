"""Dates as government pages write them, to ISO ``YYYY-MM-DD``.

Shapes (field guide §3): ``2017-03-21 16:34``, ``2021/1/7``, ``2021.01.07``, ``2021年1月7日``,
gov.cn's ``2026-09-28-21:50:00``, ``20210107``, epoch seconds or milliseconds (gkmlpt),
full-width digits (``２０２１－０１－０７``) and Chinese numerals (``二〇二一年一月七日``).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from .vocab import CHINA_TZ

CN_DIGITS = {ch: str(value) for value, chars in enumerate(("〇○零OО0", "一", "二两", "三", "四", "五", "六", "七", "八", "九")) for ch in chars}
CN_DIGIT_CLASS = "".join(CN_DIGITS)

NUMERIC_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
COMPACT_DATE_RE = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})$")
EPOCH_RE = re.compile(r"^\d{10}(\d{3})?$")
CHINESE_DATE_RE = re.compile(rf"([{CN_DIGIT_CLASS}]{{4}})\s*年\s*([一二三四五六七八九十]{{1,2}})\s*月\s*([一二三四五六七八九十]{{1,3}})\s*日")


def chinese_number(text: str) -> int:
    """``十二`` -> 12, ``三十一`` -> 31, ``七`` -> 7 (day and month numerals)."""
    if "十" not in text:
        return int(CN_DIGITS[text])
    tens, _, units = text.partition("十")
    return (int(CN_DIGITS[tens]) if tens else 1) * 10 + (int(CN_DIGITS[units]) if units else 0)


def chinese_year(digits: str) -> int:
    """``二〇一〇`` -> 2010."""
    return int("".join(CN_DIGITS[ch] for ch in digits))


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def from_epoch(value: int) -> str:
    """An epoch timestamp (seconds or milliseconds) as the date in China."""
    seconds = value / 1000 if value > 10**11 else value
    return datetime.fromtimestamp(seconds, CHINA_TZ).date().isoformat()


def iso_date(value) -> str | None:
    """The first date in ``value`` (a string, or an epoch number) as ``YYYY-MM-DD``; None if there is none."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return from_epoch(int(value)) if value > 0 else None
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if EPOCH_RE.match(text):
        return from_epoch(int(text))
    compact = COMPACT_DATE_RE.match(text)
    if compact:
        return _iso(*(int(group) for group in compact.groups()))
    for match in NUMERIC_DATE_RE.finditer(text):
        found = _iso(*(int(group) for group in match.groups()))
        if found:
            return found
    for match in CHINESE_DATE_RE.finditer(text):
        found = _iso(chinese_year(match.group(1)), chinese_number(match.group(2)), chinese_number(match.group(3)))
        if found:
            return found
    return None
