"""Boilerplate stage: drop page chrome that survived body extraction, line by line.

Every rule matches the shape of a piece of chrome (field guide §4), never a lone word: a body
sentence that mentions 网站, 电话 or 浏览 stays. Rules read a Simplified copy of the text, so
Traditional pages (掃一掃, 打印本頁, 索引號) and ``text_original`` are cleaned the same way.
Plain-text dumps (``nianbao clean dump.txt``) go through the same rules.
"""

from __future__ import annotations

import re

from .labels import INFO_LINE_LABELS, METADATA_TABLE_LABELS
from .normalize import to_simplified
from .vocab import ATTACHMENT_EXTENSION

SENTENCE_END_RE = re.compile(r"[。！？；]")

# 当前位置：首页 > 政务公开 > …   /   信息公开首页 > 市经济和信息化局信息公开年报
BREADCRUMB_LABEL_RE = re.compile(r"^(当前位置|您当前的位置|您当前所在位置|您所在的位置|您现在的位置|所在位置)\s*[:：]")
CRUMB_SEPARATOR_RE = re.compile(r"\s*(?:>|＞|›|»|&gt;|→)\s*")
# 扫一扫在手机打开当前页 / 扫一扫在手机上查看当前页面 / 手机扫一扫打开此页
QR_LINE_RE = re.compile(r"^(?:手机|微信)?(?:扫一扫|扫描二维码|扫码)[^。，]{0,20}$")
QR_TARGET_RE = re.compile(r"页|手机|分享|关注|微信")
# 【打印本页】【关闭窗口】 and bare rows of page buttons
BUTTON_WORDS = ("打印本页", "关闭本页", "关闭窗口", "打印", "关闭", "收藏", "返回顶部", "返回", "分享到", "分享", "我要纠错", "纠错", "保存", "下载", "找错")
BUTTON_ROW_RE = re.compile(r"^(?:[【\[\s]*(?:%s)[】\]\s|:：]*)+$" % "|".join(BUTTON_WORDS))
# also matched on the original script, as it is cut out of lines that stay
BRACKETED_BUTTON_RE = re.compile(r"【\s*(?:打印本[页頁]|[关關][闭閉]窗口|[关關][闭閉]本[页頁]|打印|[关關][闭閉]|返回[顶頂]部)\s*】")
# The info line under a title: labels followed by a colon, or page buttons standing alone.
INFO_LABEL_RE = re.compile(r"(?:%s)\s*[:：]" % "|".join(INFO_LINE_LABELS))
STANDALONE_BUTTON_RE = re.compile(r"(?:^|(?<=[\s【\[|]))(?:%s)(?=$|[\s】\]|:：])" % "|".join(BUTTON_WORDS))
SIZE_CHOICE_RE = re.compile(r"[【\[]?\s*[大中小]\s*[】\]]?\s*[【\[]?\s*[大中小]\s*[】\]]?\s*[【\[]?\s*[大中小]")
DATED_LABEL_RE = re.compile(r"^(?:发布时间|发表时间|发布日期|更新时间|浏览次数|阅读次数|浏览量|点击数)\s*[:：]\s*[\d\s:：\-/年月日次]*$")
INFO_LINE_MAX = 120
# 文件下载 / 政策咨询 / 如果您对该政策文件有疑问…
DOWNLOAD_LINE_RE = re.compile(r"^(?:文件下载|政策咨询|相关下载|附件下载)\s*[:：]?$")
ATTACHMENT_NAME_RE = re.compile(rf"\.{ATTACHMENT_EXTENSION}$", re.I)
POLICY_QUESTION_RE = re.compile(r"^如果?您对(?:该|本)?政策(?:文件)?有(?:疑问|疑义)")
# Footers: markers only a site footer carries.
FOOTER_MARKER_RE = re.compile(
    r"ICP备\s*\d+号|ICP证\s*\d+|公网安备\s*\d+号|网站标识码\s*[:：]?\s*(?:\d{10}|bm\d{8})|网站支持\s*IPV6|"
    r"^(?:主办单位|承办单位|主办|承办|主管单位|协办单位|运维单位|技术支持)\s*[:：]|网站运维电话\s*[:：]|^(?:版权所有|Copyright|©)",
    re.I,
)
CONTACT_LINE_RE = re.compile(r"^(?:地址|联系地址|联系电话|电话|传真|邮编|邮箱|电子邮箱|E-?mail)\s*[:：]", re.I)
FOOTER_LINE_MAX = 200
# Metadata tables pasted as text: 索引号 / 文号 / 发布机构 / 生成日期 / 是否有效 …
METADATA_LABEL_RE = re.compile(r"^(?:%s)\s*(?:$|[:：|]\s*)" % "|".join(METADATA_TABLE_LABELS))
METADATA_BLOCK_MIN = 3
METADATA_VALUE_MAX = 40
# Word-paste residue left as text
WORD_NOISE_RE = re.compile(r"<\?xml:namespace[^>]*>|</?o:p>|^Normal\s+0\s+(?:[\d.]+\s*磅\s+)?.*(?:false|MicrosoftInternetExplorer4)|"
                           r"^/\*\s*Style Definitions\s*\*/|mso-style-(?:name|parent)\s*:", re.I)
# A line holding nothing but placeholders of lost characters or spaces: ?  ？  &nbsp;
PLACEHOLDER_LINE_RE = re.compile(r"^[?？\s\u3000\xa0]+$")
HEADING_MAX = 80
HEAD_ZONE_LINES = 8


def squeeze(line: str) -> str:
    return re.sub(r"[\s\u3000\xa0]+", "", line)


def is_breadcrumb(line: str) -> bool:
    if BREADCRUMB_LABEL_RE.match(line):
        return True
    segments = CRUMB_SEPARATOR_RE.split(line)
    return (len(segments) >= 2 and len(line) <= HEADING_MAX and all(0 < len(s) <= 20 for s in segments)
            and not SENTENCE_END_RE.search(line) and ("首页" in segments[0] or len(segments) >= 3))


def is_qr_line(line: str) -> bool:
    return bool(QR_LINE_RE.match(line) and QR_TARGET_RE.search(line))


def is_info_line(line: str) -> bool:
    if len(line) > INFO_LINE_MAX or "。" in line or "，" in line:
        return False
    if DATED_LABEL_RE.match(line):
        return True
    marks = len(INFO_LABEL_RE.findall(line)) + len(STANDALONE_BUTTON_RE.findall(line)) + bool(SIZE_CHOICE_RE.search(line))
    return marks >= 2


def is_footer(line: str) -> bool:
    return len(line) <= FOOTER_LINE_MAX and not SENTENCE_END_RE.search(line) and bool(FOOTER_MARKER_RE.search(line))


def is_contact(line: str) -> bool:
    return len(line) <= FOOTER_LINE_MAX and not SENTENCE_END_RE.search(line) and bool(CONTACT_LINE_RE.match(line))


def is_heading_shaped(line: str) -> bool:
    return 0 < len(line) <= HEADING_MAX and not SENTENCE_END_RE.search(line) and "，" not in line


def strip_inline_chrome(line: str) -> str:
    """Remove chrome that shares a line with body text: 【打印本页】, Word-paste tags."""
    line = BRACKETED_BUTTON_RE.sub("", line)
    return WORD_NOISE_RE.sub("", line) if "<" in line else line


def is_chrome(line: str) -> bool:
    """A whole line of page chrome (the line is stripped and Simplified)."""
    return bool(
        is_breadcrumb(line) or is_qr_line(line) or BUTTON_ROW_RE.match(line) or is_info_line(line)
        or DOWNLOAD_LINE_RE.match(line) or POLICY_QUESTION_RE.match(line) or is_footer(line)
        or WORD_NOISE_RE.search(line) or PLACEHOLDER_LINE_RE.match(line)
    )


def metadata_block_lines(lines: list[str]) -> set[int]:
    """Indexes of metadata-table blocks: ≥3 label lines close together, with their values."""
    labels = [i for i, line in enumerate(lines) if METADATA_LABEL_RE.match(line)]
    dropped: set[int] = set()
    run: list[int] = []
    for index in labels + [None]:
        if run and (index is None or index - run[-1] > 2):
            if len(run) >= METADATA_BLOCK_MIN:
                end = run[-1]
                follower = end + 1
                if follower < len(lines) and is_metadata_value(lines[follower]):
                    end = follower
                dropped.update(range(run[0], end + 1))
            run = []
        if index is not None:
            run.append(index)
    return dropped


def is_metadata_value(line: str) -> bool:
    return 0 < len(line) <= METADATA_VALUE_MAX and not SENTENCE_END_RE.search(line) and "，" not in line \
        and not re.match(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、])", line)


def download_block_lines(lines: list[str]) -> set[int]:
    """The attachment names listed under a 文件下载 line."""
    names = set()
    for index, line in enumerate(lines):
        if DOWNLOAD_LINE_RE.match(line):
            follower = index + 1
            while follower < len(lines) and (not lines[follower] or ATTACHMENT_NAME_RE.search(lines[follower])):
                names.add(follower)
                follower += 1
    return names


def footer_block_lines(lines: list[str], chrome: set[int]) -> set[int]:
    """Contact lines (地址：… 电话：…) that sit next to a footer line."""
    contacts = set()
    for index, line in enumerate(lines):
        if is_contact(line) and any(0 <= n < len(lines) and n in chrome and is_footer(lines[n]) for n in (index - 1, index + 1)):
            contacts.add(index)
    return contacts


def head_lines(lines: list[str], dropped: set[int], title: str | None) -> set[int]:
    """The title block on top: heading lines above the info line or metadata block, then the title repeated."""
    titles = {squeeze(title)} if title else set()
    head = set()
    zone = [i for i, line in enumerate(lines) if line][:HEAD_ZONE_LINES]
    first_info = next((i for i in zone if i in dropped and (is_info_line(lines[i]) or METADATA_LABEL_RE.match(lines[i]))), None)
    if first_info is not None:
        above = [i for i in zone if i < first_info and i not in dropped]
        if above and all(is_heading_shaped(lines[i]) for i in above):
            head.update(above)
            titles.add(squeeze(lines[above[-1]]))
    for index, line in enumerate(lines):
        if not line or index in dropped or index in head:
            continue
        if squeeze(line) not in titles or not is_heading_shaped(line):
            break
        head.add(index)
    return head


def boilerplate_lines(lines: list[str], title: str | None) -> set[int]:
    """Indexes of the lines of ``lines`` (stripped, Simplified) that are boilerplate."""
    dropped = {i for i, line in enumerate(lines) if line and is_chrome(line)}
    dropped |= metadata_block_lines(lines)
    dropped |= download_block_lines(lines)
    dropped |= footer_block_lines(lines, dropped)
    dropped |= head_lines(lines, dropped, title)
    return dropped


def clean_lines(text: str, title: str | None = None) -> str:
    """The text without boilerplate lines and without the title repeated on top."""
    raw = text.splitlines()
    originals = [strip_inline_chrome(line).strip() for line in raw]
    probes = [strip_inline_chrome(line).strip() for line in to_simplified(text).splitlines()]
    if len(probes) != len(originals):
        probes = originals
    title = to_simplified(title) if title else None
    dropped = boilerplate_lines(probes, title)
    dropped |= {i for i, line in enumerate(probes) if not line and raw[i].strip()}
    kept = [line for index, line in enumerate(originals) if index not in dropped]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def process(record):
    record["text"] = clean_lines(record.get("text") or "", record.get("title"))
    if record.get("text_original"):
        record["text_original"] = clean_lines(record["text_original"], record.get("title"))
    return record
