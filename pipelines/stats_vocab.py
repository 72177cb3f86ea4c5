"""The vocabulary of the three statistics tables of 2019-and-later reports: the one definition of
their table, row and column keys.

Keys are the official wording of 国办公开办函〔2021〕30号 (format ``2021``) and of the 2019 trial
〔2019〕60号 (format ``2019``). A row key of section 三 is its path in the table, the official labels
joined by ``/`` (``三、本年度办理结果/（三）不予公开/3.危及“三安全一稳定”``). Labels are matched on
their *core*: without numbering, spaces, quotes and brackets (``core``), so ``3、危及"三安全一稳定"``,
``（3）危及‘三安全一稳定’`` and a label split over two lines all read as the official one; a
label also matches when it starts with the official core and goes on (a note in brackets).
Known rewordings are listed in ``ALIASES``.
"""

from __future__ import annotations

import re
from functools import lru_cache

FORMATS = ("2021", "2019")
ACTIVE, REQUESTS, APPEALS = "active", "requests", "appeals"

# Section 二 (主动公开): per format, the rows with the columns of their block.
ACTIVE_ROWS = {
    "2021": {
        "规章": ("本年制发件数", "本年废止件数", "现行有效件数"),
        "行政规范性文件": ("本年制发件数", "本年废止件数", "现行有效件数"),
        "行政许可": ("本年处理决定数量",),
        "行政处罚": ("本年处理决定数量",),
        "行政强制": ("本年处理决定数量",),
        "行政事业性收费": ("本年收费金额（单位：万元）",),
    },
    "2019": {
        "规章": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        "规范性文件": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        "行政许可": ("上一年项目数量", "本年增/减", "处理决定数量"),
        "其他对外管理服务事项": ("上一年项目数量", "本年增/减", "处理决定数量"),
        "行政处罚": ("上一年项目数量", "本年增/减", "处理决定数量"),
        "行政强制": ("上一年项目数量", "本年增/减", "处理决定数量"),
        "行政事业性收费": ("上一年项目数量", "本年增/减"),
        "政府集中采购": ("采购项目数量", "采购总金额"),
    },
}
# Columns holding amounts (万元), read as decimals.
AMOUNT_COLUMNS = ("本年收费金额（单位：万元）", "采购总金额")
# Column words only the 2019 trial format uses.
TRIAL_MARKERS = ("上一年项目数量", "本年新制作数量", "对外公开总数量", "政府集中采购", "采购项目数量")

# Section 三 (依申请公开): the 7 applicant columns, in their official order.
APPLICANT_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
RESULTS = "三、本年度办理结果"
RECEIVED = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
CARRIED_OUT = "四、结转下年度继续办理"
RESULT_GROUPS = {
    "（一）予以公开": (),
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": (),
    "（三）不予公开": ("1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                  "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项"),
    "（四）无法提供": ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"),
    "（五）不予处理": ("1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                  "5.要求行政机关确认或重新出具已获取信息"),
    "（六）其他处理": ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"),
    "（七）总计": (),
}
TOTAL_GROUP = "（七）总计"
OTHER_HANDLING = "（六）其他处理"


def result_key(group: str, leaf: str | None = None) -> str:
    return "/".join((RESULTS, group) + ((leaf,) if leaf else ()))


def request_rows(fmt: str) -> tuple[str, ...]:
    """Every row key of section 三 in table order (the 2019 trial has one 其他处理 row)."""
    rows = [RECEIVED, CARRIED_IN]
    for group, leaves in RESULT_GROUPS.items():
        if leaves and not (fmt == "2019" and group == OTHER_HANDLING):
            rows += [result_key(group, leaf) for leaf in leaves]
        else:
            rows.append(result_key(group))
    rows.append(CARRIED_OUT)
    return tuple(rows)


def result_parts(fmt: str) -> tuple[str, ...]:
    """The rows （七）总计 adds up: every result row above it."""
    return tuple(key for key in request_rows(fmt) if key.startswith(RESULTS + "/") and key != result_key(TOTAL_GROUP))


# Section 四: one row of 15 numbers, three groups of five.
REVIEW, DIRECT_SUIT, SUIT_AFTER_REVIEW = "行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉"
APPEAL_ROWS = (REVIEW, DIRECT_SUIT, SUIT_AFTER_REVIEW)
APPEAL_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
APPEAL_CELLS = tuple((row, column) for row in APPEAL_ROWS for column in APPEAL_COLUMNS)

# Official core → rewordings seen on real pages (cores too).
ALIASES = {
    "本年新收政府信息公开申请数量": ("本年新收政府信息公开申请", "本年度新收政府信息公开申请数量", "本年新收申请数量"),
    "上年结转政府信息公开申请数量": ("上年结转政府信息公开申请", "上年度结转政府信息公开申请数量", "上年结转申请数量"),
    "结转下年度继续办理": ("结转下年继续办理", "结转下一年度继续办理"),
    "行政规范性文件": ("规范性文件",),
    "规范性文件": ("行政规范性文件",),
    "本机关不掌握相关政府信息": ("本机关不掌握相关信息",),
}

# Headings of the six sections; the key is the official one, variants map to it.
SECTION_HEADINGS = {
    "一、总体情况": (),
    "二、主动公开政府信息情况": (),
    "三、收到和处理政府信息公开申请情况": (),
    "四、政府信息公开行政复议、行政诉讼情况": ("四、政府信息公开行政复议、行政诉讼情况统计",),
    "五、存在的主要问题及改进情况": ("五、存在的主要问题及整改措施", "五、存在的主要问题及改进措施", "五、存在的问题及改进情况"),
    "六、其他需要报告的事项": ("六、其他需要报告的事项情况",),
}

NUMBERING_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．)）])")
NOISE_RE = re.compile(r"[\s\u3000\xa0“”\"‘’'「」『』《》（）()：:，,、。．.；;]")


@lru_cache(maxsize=4096)
def core(label: str) -> str:
    """A label without its numbering, spaces, quotes, brackets and punctuation."""
    return NOISE_RE.sub("", NUMBERING_RE.sub("", label.strip()))


@lru_cache(maxsize=None)
def names(official: str) -> tuple[str, ...]:
    """The cores a label may have to mean ``official``."""
    own = core(official)
    return (own, *ALIASES.get(own, ()))


@lru_cache(maxsize=16384)
def matches(label_core: str, official: str) -> bool:
    """``label_core`` (a ``core``) names the official label: exactly, followed by a note, or
    without the official note (four characters at least, so that a bare word is no match)."""
    return any(label_core == name or (len(name) >= 4 and label_core.startswith(name))
               or (len(label_core) >= 4 and name.startswith(label_core)) for name in names(official))
