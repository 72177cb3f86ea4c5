"""What a report's text says about its kind and the year it covers, and how that weighs
against its title. Pure functions: text (and titles) in, a decision and its evidence out.

Used when the title is missing, generic (政务公开工作总结, 信息公开工作情况, an attachment's file
name, a mirror's page title) or at odds with the body; an explicit title still wins.

Kind, from the body (field guide §1):

- notice and plan formulas (现将…印发给你们, 现将有关事项通知如下, 特此通知, 请认真贯彻执行, an addressee
  line 各…：, an opening line 关于…的通知, plan headings 总体要求 / 重点任务 / 保障措施) → ``other``;
  they outrank everything below, so a notice that quotes the report headings stays ``other``;
- report structure: section headings of the official outline (2019/2021: 一、总体情况 …
  六、其他需要报告的事项; before 2019: 概述, 主动公开, 依申请公开, 收费及减免, 复议诉讼, 存在的主要问题),
  the statistics tables (本年新收政府信息公开申请数量, 自然人 | 商业企业 …, 第二十条第（一）项 …), the
  opening formula (根据《中华人民共和国政府信息公开条例》…编制本报告, 现将…年度报告如下), the statistics
  period → ``annual``;
- a half-year marker at the start of the text (上半年, 1-6月, a period ending 6月30日) or a
  下半年工作打算 heading, on a text about 公开 → ``half-year``.

Year, from the body, strongest first: the statistics period; the formula 现将…YYYY年度…如下 /
编制…YYYY年…年度报告; the opening lines (``titles.opening_year``); for reports, a dated signature at
the end (signed 2017年1月 → 2016; a half-year summary signed 2021年7月 → 2021); for reports opening
with 今年以来, the year of the plans they follow (《2016年政务公开工作要点》) when the body's own
words name the same year (2016年，我区政府信息公开工作…, not 2017年，我区将继续…). Never the publish or fetch date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import CN_DIGIT_CLASS, chinese_number
from .labels import squash
from .titles import CITED_DOCUMENT_RE, EXPLICIT, LINE_START_YEAR_RE, NONE, STATISTICS_PERIOD_RE, WEAK, YEAR, _year, opening_lines, opening_year, title_kind, title_year

ANNUAL, HALF_YEAR, OTHER = "annual", "half-year", "other"
REPORT_KINDS = (ANNUAL, HALF_YEAR)

# Where a decision comes from (columns kind_source / year_source).
TITLE, LISTING, BODY, SIGNATURE = "title", "listing", "body", "signature"

OPENING = 20  # lines read for the opening formulas (metadata-table lines included)
CLOSING = 8  # lines read back from the end for a signature

# -- kind -------------------------------------------------------------------------------

NOTICE_FORMULAS = {
    "印发给你们": re.compile(r"(?:印发|转发|下发)给你们|现予(?:印发|转发)"),  # not 现予公布: reports end with it too
    "通知如下": re.compile(r"(?:现将|现就)[^。]{0,40}?通知如下"),
    "特此通知": re.compile(r"特此(?:通知|函告|函复|公告|通告)"),
    "请认真落实": re.compile(r"(?<![申提报呈邀聘恳敬])请(?:各[^。，]{1,20}?)?(?:认真|结合实际|遵照|严格)?(?:贯彻执行|遵照执行|抓好落实|贯彻落实|组织实施|执行)"),
    "函复如下": re.compile(r"(?:现)?(?:函复|答复|回复)如下"),
    "制定本要点": re.compile(r"(?:特?制定|印发)本(?:工作)?要点"),
}
ADDRESSEE_RE = re.compile(r"^各[^。；]{1,60}[：:]$")
NOTICE_TITLE_LINE_RE = re.compile(r"^关于.{2,80}的(?:通知|函|复函|批复|意见)$")
PLAN_HEADING_MAX = 12
PLAN_HEADINGS = {
    "总体要求": re.compile(r"总体要求|指导思想|工作目标"),
    "重点任务": re.compile(r"(?:重点|主要|工作)任务"),
    "保障措施": re.compile(r"保障措施|工作要求|组织保障"),
}

NUMBERED_HEADING_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}部分[、：:\s]?)\s*")
HEADING_MAX = 40
BARE_HEADING_MAX = 20  # a heading that lost its number: a short line without punctuation
# Sections of the annual report outline, 2019/2021 and before; each counts once.
REPORT_SECTIONS = {
    "总体情况": re.compile(r"^(?:概述|总体情况|基本情况)"),
    "主动公开": re.compile(r"主动公开"),
    "依申请公开": re.compile(r"依申请公开|收到和处理.{0,12}申请"),
    "收费及减免": re.compile(r"收费|减免"),
    "复议诉讼": re.compile(r"复议|诉讼|申诉"),
    "存在问题": re.compile(r"存在的?(?:主要)?问题|改进(?:情况|措施)"),
    "其他事项": re.compile(r"其他需要报告的事项"),
}
SECTIONS_NEEDED = 3
# Row and column labels of the three statistics tables; each counts once.
TABLE_MARKERS = tuple(re.compile(pattern) for pattern in (
    r"本年新收.{0,6}申请", r"上年结转.{0,6}申请", r"本年度办理结果", r"结转下年度继续办理", r"予以公开\s*\|",
    r"自然人\s*\|\s*商业企业", r"科研机构\s*\|\s*社会公益组织", r"第二十条第\s*[（(][一二三四五六七八九]+[）)]\s*项",
    r"本年(?:制发|废止)件数", r"现行有效件数", r"本年处理决定数量", r"本年收费金额", r"结果维持", r"尚未审结",
    r"上一年项目数量", r"本年增/减", r"采购项目数量",  # the 2019 trial format
))
TABLE_MARKERS_NEEDED = 3
OPENING_FORMULAS = {
    "根据《条例》编制": re.compile(r"根据《中华人民共和国政府信息公开条例》[^。]{0,120}?(?:编制|制作|形成|发布|公布)[^。]{0,40}?(?:本报告|年度报告|工作报告|年报)"),
    "现将…报告如下": re.compile(r"现(?:将|把|就)[^。]{0,60}?(?:年度报告|工作报告|年报|总结报告|工作总结|工作情况|情况报告|有关情况)(?:报告|公布|通报|总结)?如下"),
    "本报告由…组成": re.compile(r"本(?:年度)?报告(?:由|包括|分为|共分)"),
}
PERIOD_RE = re.compile(rf"统计[^。]{{0,8}}?(?:期限|时限|时间|期|区间)[^。]{{0,6}}?{YEAR}\s*年\s*1\s*月\s*1\s*日\s*(?:至|到|—|-|－|~)\s*(?:{YEAR}\s*年\s*)?(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日")
HALF_YEAR_OPENING_RE = re.compile(rf"^.{{0,16}}?(?:上半年|(?:1|一)\s*(?:-|—|－|至|到|~)\s*(?:6|六)\s*月)")
SECOND_HALF_HEADING_RE = re.compile(r"下半年(?:的)?(?:工作)?(?:打算|计划|安排|思路|重点)")
DISCLOSURE_RE = re.compile(r"公开")
SENTENCE_RE = re.compile(r"[，。；,;]")


@dataclass(frozen=True)
class BodyKind:
    """The kind the body supports (None when it does not tell) and the rules that fired."""

    kind: str | None
    evidence: tuple[str, ...] = ()


def lines_of(text: str) -> list[str]:
    return [line for line in (squash(raw) for raw in (text or "").splitlines()) if line]


def headings(lines: list[str]) -> list[str]:
    """Heading lines without their numbers: numbered (一、… / （一）… / 第一部分…), short, one sentence
    at most; or a short line without punctuation (a heading whose number was lost)."""
    found = []
    for line in lines:
        match = NUMBERED_HEADING_RE.match(line)
        if match and len(line) <= HEADING_MAX and "。" not in line.rstrip("。"):
            found.append(line[match.end():])
        elif not match and len(line) <= BARE_HEADING_MAX and not SENTENCE_RE.search(line):
            found.append(line)
    return found


def notice_evidence(lines: list[str]) -> list[str]:
    """The formulas of notices, letters and plans; cited 《titles》 do not count."""
    plain = CITED_DOCUMENT_RE.sub("《》", "\n".join(lines))
    found = [name for name, pattern in NOTICE_FORMULAS.items() if pattern.search(plain)]
    opening = lines[:3]
    if any(ADDRESSEE_RE.match(line) for line in opening):
        found.append("各…：")
    if any(NOTICE_TITLE_LINE_RE.match(line) for line in opening):
        found.append("关于…的通知")
    titles = headings(lines)
    plan = [name for name, pattern in PLAN_HEADINGS.items()
            if any(len(heading) <= PLAN_HEADING_MAX and pattern.search(heading) for heading in titles)]
    if len(plan) >= 2:
        found.append("plan headings")
    return found


def report_sections(lines: list[str]) -> list[str]:
    titles = headings(lines)
    return [name for name, pattern in REPORT_SECTIONS.items() if any(pattern.search(heading) for heading in titles)]


def table_markers(text: str) -> int:
    return sum(1 for pattern in TABLE_MARKERS if pattern.search(text))


def statistics_period(text: str) -> tuple[int, int, int] | None:
    """(year, last month, last day) of ``统计期限为YYYY年1月1日至…M月D日``."""
    match = PERIOD_RE.search(text or "")
    if not match or not _year(match.group(1)):
        return None
    return _year(match.group(1)), int(match.group(3)), int(match.group(4))


def opening_paragraphs(lines: list[str], count: int = 2) -> list[str]:
    """The first lines of running text: not headings, title lines or metadata-table lines."""
    found = []
    for line in opening_lines("\n".join(lines)):
        if not NUMBERED_HEADING_RE.match(line) and SENTENCE_RE.search(line):
            found.append(line)
            if len(found) == count:
                break
    return found


def body_kind(text: str) -> BodyKind:
    """The kind the body's own formulas, headings and tables support."""
    lines = lines_of(text)
    notice = notice_evidence(lines)
    if notice:
        return BodyKind(OTHER, tuple(notice))
    evidence = []
    sections = report_sections(lines)
    if len(sections) >= SECTIONS_NEEDED:
        evidence.append("sections:" + "/".join(sections))
    if table_markers(text) >= TABLE_MARKERS_NEEDED:
        evidence.append("statistics tables")
    opening = "\n".join(lines[:OPENING])
    formulas = [name for name, pattern in OPENING_FORMULAS.items() if pattern.search(opening)]
    evidence += formulas
    period = statistics_period(text)
    if period:
        evidence.append("statistics period")
    half = [line for line in opening_paragraphs(lines) if HALF_YEAR_OPENING_RE.search(line)]
    if period and period[1:] == (6, 30):
        half.append("period to 6月30日")
    if any(SECOND_HALF_HEADING_RE.search(heading) for heading in headings(lines)):
        half.append("下半年 heading")
    about_disclosure = bool(evidence) or any(DISCLOSURE_RE.search(line) for line in opening_paragraphs(lines))
    if half and about_disclosure:
        return BodyKind(HALF_YEAR, ("half-year marker", *evidence))
    # One formula alone is a sentence other texts may quote, unless it reports on 公开 itself
    # (现将市发改委政务公开情况总结报告如下); a second piece of evidence makes a report.
    strong = len(sections) >= SECTIONS_NEEDED or "statistics tables" in evidence or "statistics period" in evidence
    disclosure_formula = any(DISCLOSURE_RE.search(match.group(0)) for match in OPENING_FORMULAS["现将…报告如下"].finditer(opening))
    if strong or len(formulas) >= 2 or (formulas and sections) or disclosure_formula:
        return BodyKind(ANNUAL, tuple(evidence))
    return BodyKind(None, tuple(evidence))


# -- year -------------------------------------------------------------------------------

YEAR_FORMULA_RE = re.compile(
    rf"现(?:将|把)[^。]{{0,40}}?{YEAR}\s*年度?[^。]{{0,40}}?如下"
    rf"|(?:编制|发布|公布)[^。]{{0,30}}?{YEAR}\s*年度?[^。]{{0,30}}?(?:年度报告|工作报告|年报)"
)
MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
DAY = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
SIGNATURE_RE = re.compile(rf"^[^。，；：:|]{{0,40}}?\s*((?:19|20)\d{{2}}|[{CN_DIGIT_CLASS}]{{4}})\s*年\s*({MONTH})\s*月(?:\s*(?:{DAY})\s*日)?$")
THIS_YEAR_RE = re.compile(r"^(?:今年以来|今年来|今年，|今年上半年|年初以来|一年来|本年度)")
CITED_PLAN_RE = re.compile(rf"《[^》]*?{YEAR}\s*年度?[^》]*?(?:要点|任务|计划|方案|安排)[^》]*》")
# A line that opens with the year and says what was done then, not what will be done (2017年，我区将继续…).
FUTURE = r"将(?:继续|进一步|加大|加强|着力|围绕|重点|全面|不断|持续|积极)|计划|拟"
OWN_YEAR_RE = re.compile(rf"^{YEAR}\s*年(?:度)?(?:以来)?[，,我全](?![^。]{{0,16}}(?:{FUTURE}))")
THIS_YEAR_NAMED_RE = re.compile(rf"今年[（(]{YEAR}\s*年[）)]")


@dataclass(frozen=True)
class BodyYear:
    """The year the body supports, where it comes from (``body`` or ``signature``) and the rule."""

    year: int | None
    source: str | None = None
    rule: str | None = None


def _month(value: str) -> int:
    return int(value) if value.isdigit() else chinese_number(value)


def signature_date(text: str) -> tuple[int, int] | None:
    """(year, month) of the dated signature under the last paragraph, page chrome below it skipped."""
    for line in reversed(lines_of(text)[-CLOSING:]):
        match = SIGNATURE_RE.match(line)
        if match and _year(match.group(1)):
            return _year(match.group(1)), _month(match.group(2))
        if "。" in line:
            return None
    return None


def signature_year(text: str, kind: str | None) -> int | None:
    """The year a signed report covers: an annual report signed January–June covers the year
    before, one signed October–December its own year; a half-year summary the year it is signed in."""
    signed = signature_date(text)
    if not signed:
        return None
    year, month = signed
    if kind == ANNUAL:
        return year - 1 if month <= 6 else year if month >= 10 else None
    if kind == HALF_YEAR:
        return year if month >= 6 else None
    return None


def this_year_by_cited_plans(text: str) -> int | None:
    """For a text opening with 今年以来: the year of the plans it follows (《2016年政务公开工作要点》),
    when the body's own words name that same year (``2016年，我区…``, ``今年（2016年）``)."""
    lines = lines_of(text)
    opening = opening_paragraphs(lines, 1)
    if not opening or not THIS_YEAR_RE.search(opening[0]):
        return None
    plans = {_year(match.group(1)) for match in CITED_PLAN_RE.finditer(text)} - {None}
    own = set()
    for line in lines:
        plain = CITED_DOCUMENT_RE.sub("", line)
        match = OWN_YEAR_RE.match(NUMBERED_HEADING_RE.sub("", plain))
        if match:
            own.add(_year(match.group(1)))
        own.update(_year(match.group(1)) for match in THIS_YEAR_NAMED_RE.finditer(plain))
    same = plans & own - {None}
    return same.pop() if len(same) == 1 else None


def body_year(text: str, kind: str | None = None) -> BodyYear:
    """The year the text says it covers; the signature and 今年以来 rules only for reports."""
    period_year = next((_year(match.group(1)) for match in STATISTICS_PERIOD_RE.finditer(text or "")), None)
    if period_year:
        return BodyYear(period_year, BODY, "statistics period")
    plain = CITED_DOCUMENT_RE.sub("", text or "")
    formula = next((_year(match.group(1) or match.group(2)) for match in YEAR_FORMULA_RE.finditer(plain)), None)
    if formula:
        return BodyYear(formula, BODY, "report formula")
    first = next((_year(match.group(1)) for line in opening_paragraphs(lines_of(plain))
                  for match in [LINE_START_YEAR_RE.match(line)] if match), None)
    if first:
        return BodyYear(first, BODY, "opening sentence")
    opening = opening_year(text or "")
    if opening:
        return BodyYear(opening, BODY, "opening lines")
    if kind in REPORT_KINDS:
        signed = signature_year(text, kind)
        if signed:
            return BodyYear(signed, SIGNATURE, "signature")
        cited = this_year_by_cited_plans(text)
        if cited:
            return BodyYear(cited, BODY, "今年以来 and cited plans")
    return BodyYear(None)


# -- decision ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    kind: str
    kind_source: str | None
    year: int | None
    year_source: str | None
    evidence: tuple[str, ...] = ()


def decide(titles: list[tuple[str | None, str]], text: str) -> Decision:
    """Kind and year of a document from its title candidates, best first, as (title, source)
    with source ``title`` or ``listing``, and its text.

    Kind: the first explicit title; else the body when it tells; else a generic (WEAK) title;
    else ``other`` with no source. A generic title the body contradicts gives way to the body.
    Year: the first title that names one (titles that name no kind of document left out but
    the first); else the body (``body`` or ``signature``).
    """
    titles = [(title, source) for title, source in titles if title]
    judged = [(title, source, *title_kind(title)) for title, source in titles]
    body = body_kind(text)
    explicit = next(((kind, source) for _, source, kind, strength in judged if strength == EXPLICIT), None)
    weak = next(((kind, source) for _, source, kind, strength in judged if strength == WEAK), None)
    if explicit:
        kind, kind_source = explicit
    elif body.kind:
        kind, kind_source = body.kind, BODY
        if weak and weak[0] == body.kind:
            kind_source = weak[1]
    elif weak:
        kind, kind_source = weak
    else:
        kind, kind_source = OTHER, None

    year, year_source, rule = None, None, None
    for position, (title, source, _, strength) in enumerate(judged):
        if position == 0 or strength != NONE:
            year = title_year(title)
            if year:
                year_source, rule = source, "title"
                break
    if year is None:
        found = body_year(text, kind)
        year, year_source, rule = found.year, found.source, found.rule
    return Decision(kind, kind_source, year, year_source, (*body.evidence, *((f"year: {rule}",) if rule else ())))
