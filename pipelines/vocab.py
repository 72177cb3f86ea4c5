"""Vocabulary shared by the cleaning stages, the listing parsers and the demo sites: one definition each.

(Labels of metadata tables and info lines are in ``pipelines.labels``; the ``nianbao/…`` stats
keys in ``pipelines.stats``; the corpus path in ``store``.)
"""

from __future__ import annotations

import re
from datetime import timedelta, timezone

# Years a report can cover.
FIRST_YEAR, LAST_YEAR = 1990, 2099

# China Standard Time: dates of epoch timestamps are China's.
CHINA_TZ = timezone(timedelta(hours=8), "Asia/Shanghai")

# Han characters as a character-class body: CJK Unified Ideographs, Extension A and the
# compatibility ideographs (not the Yijing hexagram symbols U+4DC0–U+4DFF between them).
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")

# Whitespace: Python's \s covers the ideographic space (U+3000), no-break and en/em spaces.
WHITESPACE_RE = re.compile(r"\s+")

# How a table row is flattened to one line of text: its cells joined by this.
CELL_SEPARATOR = " | "

# Extensions of the files a report page links to (PDF, Word, WPS, OFD, spreadsheets, archives).
ATTACHMENT_EXTENSIONS = ("pdf", "doc", "docx", "wps", "ofd", "xls", "xlsx", "et", "zip", "rar", "7z")
ATTACHMENT_EXTENSION = "(?:" + "|".join(ATTACHMENT_EXTENSIONS) + ")"


def squash(text: str | None) -> str:
    """Collapse all whitespace (ideographic and no-break spaces included) to single spaces."""
    return WHITESPACE_RE.sub(" ", text or "").strip()
