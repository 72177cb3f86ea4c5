"""Boilerplate stage: drop navigation, info-line, QR-code and footer lines from the text."""

from __future__ import annotations

import re

from . import StagePipeline

# Each rule matches a whole line by the shape of the boilerplate, never a lone word.
LINE_RULES = (
    re.compile(r"^(当前位置|您当前的位置|您所在的位置|您现在的位置)\s*[:：]?.*"),
    re.compile(r"^(信息公开首页|首页)\s*[>＞›»].*"),
    re.compile(r"^(扫一扫|掃一掃).{0,20}$"),
    re.compile(r"^[【\[]?(打印本页|关闭窗口|打印|关闭)[】\]]?(\s*[【\[]?(打印本页|关闭窗口|打印|关闭)[】\]]?)*$"),
    re.compile(r"^(主办单位|承办单位|网站运维电话|版权所有)\s*[:：].*"),
    re.compile(r".*(ICP备|公网安备|网站标识码).*"),
)


# The info line under a title: publish time, source, views, font size, print, share ...
INFO_LABEL_RE = re.compile(r"发布时间|发表时间|发布日期|信息来源|来源|浏览量|浏览次数|阅读次数|点击数|字数|字体|字号|视力保护色|分享到|打印|收藏|我要纠错|下载")
INFO_LINE_MAX = 120


def is_info_line(line: str) -> bool:
    return len(line) <= INFO_LINE_MAX and len(set(INFO_LABEL_RE.findall(line))) >= 2


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    return is_info_line(stripped) or any(rule.match(stripped) for rule in LINE_RULES)


def clean_lines(text: str, title: str | None = None) -> str:
    """The text without boilerplate lines and without the title repeated on top."""
    lines = [line.rstrip() for line in text.splitlines()]
    kept = [line for line in lines if not is_boilerplate(line)]
    while kept and (not kept[0].strip() or (title and kept[0].strip() == title)):
        kept.pop(0)
    cleaned = "\n".join(kept)
    return re.sub(r"\n{3,}", "\n\n", cleaned).strip()


def process(record):
    record["text"] = clean_lines(record.get("text") or "", record.get("title"))
    if record.get("text_original"):
        record["text_original"] = clean_lines(record["text_original"], None)
    return record


class BoilerplatePipeline(StagePipeline):
    stage = staticmethod(process)
