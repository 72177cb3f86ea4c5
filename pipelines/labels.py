"""Labelled values of a page: metadata tables (索引号, 发布机构, 生成日期 …) and info lines
(发布时间 / 来源), read from the page's HTML or from its flattened text.

Labels are padded with spaces, ``&nbsp;``, ``\\u2002`` or ``\\u3000`` (``索\\u3000引\\u3000号``);
values sit in the next cell (``<td>``, ``<dd>``, ``<div>``), after a colon in the same element,
or, in flattened text, on the next line.
"""

from __future__ import annotations

import re

from .vocab import CELL_SEPARATOR, HAN, squash

PAD = r"\s*"  # \s covers \u3000, \xa0, \u2002, \u2003

# Labels per report field, best first (pipelines.metadata); the info line's labels (发布时间, 来源)
# rank below the meta tags, the date the page was generated (生成日期) or the document written
# (成文日期) below every publish date.
AGENCY_LABELS = ("发布机构", "发文机关", "发文单位", "发布单位", "所属机构")
SOURCE_LABELS = ("信息来源", "来源")
UNIT_LABELS = ("责任部门", "公开责任部门")
PUBLISH_DATE_LABELS = ("发布日期", "公开日期")
INFO_DATE_LABELS = ("发布时间", "发表时间")
LATE_DATE_LABELS = ("生成日期", "成文日期")
INDEX_LABELS = ("索引号", "信息索引号")
DOC_NO_LABELS = ("文号", "发文字号", "文件编号")
# The info line under a title: these labels followed by a colon (pipelines.boilerplate cuts the line).
INFO_LINE_LABELS = ("发布时间", "发表时间", "发布日期", "更新时间", "信息来源", "文章来源", "来源", "浏览量", "浏览次数", "阅读次数",
                    "访问量", "点击数", "点击率", "字数", "字体", "字号", "视力保护色", "作者", "责任编辑")
# A metadata table pasted as text: lines opening with these (pipelines.boilerplate cuts a block of them).
METADATA_TABLE_LABELS = ("索引号", "主题分类", "组配分类", "体裁分类", "发文机关", "发布机构", "公开形式", "公开方式", "公开范围",
                         "公开时限", "责任部门", "生成日期", "成文日期", "发布日期", "发文日期", "文号", "发文字号", "关键词", "主题词",
                         "是否有效", "有效性", "信息分类")
# Every label seen in metadata tables and info lines: also the ones nianbao does not keep,
# so that an empty cell followed by the next label is read as empty, not as that label.
LABELS = tuple(dict.fromkeys((
    *AGENCY_LABELS, *SOURCE_LABELS, *UNIT_LABELS, *PUBLISH_DATE_LABELS, *INFO_DATE_LABELS, *LATE_DATE_LABELS, *INDEX_LABELS,
    *DOC_NO_LABELS, *INFO_LINE_LABELS, *METADATA_TABLE_LABELS,
    "服务对象分类", "分类", "效力状况", "时效", "标题", "名称", "内容概述", "编辑",
)))
SPACED = {label: PAD.join(map(re.escape, label)) for label in LABELS}
BY_LENGTH = sorted(LABELS, key=len, reverse=True)
ANY_LABEL = "|".join(SPACED[label] for label in BY_LENGTH)
LABEL_ONLY_RE = re.compile(rf"^{PAD}({ANY_LABEL}){PAD}[:：]?{PAD}$")
# Inside running text a two-character label (来源, 文号) must not be the tail of a word (资金来源：).
INLINE_LABEL_RE = re.compile("(" + "|".join(SPACED[label] if len(label) > 2 else rf"(?<![{HAN}]){SPACED[label]}" for label in BY_LENGTH) + rf"){PAD}[:：]")
# Starts of labels: an element whose own text is one may hold a label split by inner tags (索<span></span>引号).
LABEL_STARTS = {label[:end] for label in LABELS for end in range(1, len(label) + 1)}
PADDING_RE = re.compile(PAD + r"|[:：]")
# What may begin a label once padding and colons are gone: a cheap test before LABEL_STARTS.
MAY_START_LABEL_RE = re.compile(r"[\s:：]*[" + "".join(sorted({label[0] for label in LABELS})) + "]")
VALUE_MAX = 80
SKIPPED_TAGS = {"script", "style", "noscript", "template"}


def canonical(label: str) -> str:
    return re.sub(PAD, "", label)


def label_of(text: str | None) -> str | None:
    """The label when ``text`` is a bare label (with or without a colon)."""
    match = LABEL_ONLY_RE.match(text or "")
    return canonical(match.group(1)) if match else None


def inline_pairs(text: str) -> list[tuple[str, str]]:
    """``发布时间：2017-03-21 16:34 来源：办公室`` -> [(发布时间, 2017-03-21 16:34), (来源, 办公室)]."""
    if ":" not in text and "：" not in text:  # every pair has its colon: most of a page is passed over here
        return []
    matches = list(INLINE_LABEL_RE.finditer(text))
    pairs = []
    for match, following in zip(matches, matches[1:] + [None]):
        value = text[match.end():following.start() if following else len(text)]
        pairs.append((canonical(match.group(1)), squash(value.strip(" |【】[]"))))
    return pairs


def _usable(value: str) -> str | None:
    value = squash(value)
    if not value or len(value) > VALUE_MAX or label_of(value) or INLINE_LABEL_RE.match(value):
        return None
    return value


def _remember(found: dict[str, str], label: str, value: str | None) -> None:
    if value and label not in found:
        found[label] = value


def _next_value(element) -> str:
    """The value after a label element: its tail text, else the next element's text."""
    if element.tail and element.tail.strip():
        return element.tail
    following = element.getnext()
    while following is not None and not isinstance(following.tag, str):
        following = following.getnext()
    return following.text_content() if following is not None else ""


def html_values(root) -> dict[str, str]:
    """Label -> value from a parsed page (``lxml.html`` element); the first non-empty occurrence wins."""
    found: dict[str, str] = {}
    for element in root.iter():
        for label, value in inline_pairs(element.tail or ""):
            _remember(found, label, _usable(value))
        if not isinstance(element.tag, str) or element.tag in SKIPPED_TAGS:
            continue
        for label, value in inline_pairs(element.text or ""):
            _remember(found, label, _usable(value))
        if not MAY_START_LABEL_RE.match(element.text or "") or PADDING_RE.sub("", element.text) not in LABEL_STARTS:
            continue
        full = squash(element.text_content())
        label = label_of(full)
        if label:
            while element.getparent() is not None and label_of(squash(element.getparent().text_content())):
                element = element.getparent()
            _remember(found, label, _usable(_next_value(element)))
        elif label_of(element.text):
            # <span>来源：<b>市政府办</b></span>: the value is the rest of the element
            _remember(found, label_of(element.text), _usable(full[len(squash(element.text)):]))
    return found


def text_values(text: str, max_lines: int = 60) -> dict[str, str]:
    """Label -> value from flattened text: ``label`` then its value on the next line, or ``label：value``."""
    tokens = []
    for line in text.splitlines()[:max_lines]:
        tokens += [cell.strip() for cell in line.split(CELL_SEPARATOR) if cell.strip()]
    found: dict[str, str] = {}
    for position, token in enumerate(tokens):
        label = label_of(token)
        if label:
            following = tokens[position + 1] if position + 1 < len(tokens) else ""
            _remember(found, label, _usable(following))
            continue
        for label, value in inline_pairs(token):
            _remember(found, label, _usable(value))
    return found
