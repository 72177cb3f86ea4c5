"""What a field site publishes: the items of its annual-report column and its news.

Items are fictional but shaped after real columns: the body's own reports of many years (title
variants, 年度 / 工作报告 / （图片版）, Chinese-numeral years), reports of its departments,
reposts of the parent government's report, and items that are not annual reports (工作要点,
通知, 上半年…总结).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from crawler.demo.reports import Report, chinese_year, make_notice, make_report

ANNUAL_TITLES = (
    "{a}{y}年政府信息公开工作年度报告",
    "{a}{y}年度政府信息公开工作年度报告",
    "{a}{y}年政府信息公开工作报告",
    "{a}{y}年度政府信息公开工作报告",
    "{a}{y}年政府信息公开年报",
    "{a}{y}年政务公开工作年度报告",
    "{a}{y}年政府信息公开工作年度报告（图片版）",
    "{a}关于{y}年政府信息公开工作的年度报告",
)
NOTICE_TITLES = (
    ("{a}{y}年政务公开工作要点", "other"),
    ("关于做好{y}年度政府信息公开工作年度报告编制和发布工作的通知", "other"),
    ("{a}关于调整政府信息公开工作领导小组成员的通知", "other"),
    ("{a}{y}年上半年政府信息公开工作总结", "half-year"),
    ("{a}{y}年政务公开工作实施方案", "other"),
    ("{a}{y}年上半年政务公开工作情况总结", "half-year"),
    ("{a}{y}年政府信息公开工作年度报告解读", "other"),
    ("关于{a}{y}年政府信息公开工作年度报告的更正说明", "other"),
    ("{a}{y}年1-6月政府信息公开工作情况", "half-year"),
)
NEWS_TITLES = (
    "{s}召开{y}年第{n}次常务会议",
    "{s}开展“政府开放日”活动",
    "{s}部署安全生产大检查工作",
    "{s}领导调研重点项目建设",
    "{s}举办政务公开业务培训班 部署{y}年度政府信息公开工作年度报告编制",
    "{s}召开优化营商环境工作推进会",
    "关于{s}{y}年度部门预算公开的说明",
    "{s}发布{y}年国民经济和社会发展统计公报",
    "{s}防汛抗旱指挥部启动Ⅳ级应急响应",
    "{s}新增城镇就业人数创新高",
    "{s}政务服务“一网通办”再提速",
    "{s}{y}年政府信息公开工作年度报告解读",
)


@dataclass
class Item:
    """One item of a column, or a news article outside it (``kind == "news"``)."""

    title: str
    kind: str  # annual / half-year / other / news
    agency: str
    year: int | None
    published: str  # YYYY-MM-DD
    repost: bool = False
    number: int = 0  # a per-site serial, for URL ids
    path: str = ""  # set by the site: path (with query) on its host
    url: str = ""  # set when served: absolute URL
    report: Report | None = field(default=None, repr=False)

    @property
    def date(self) -> str:
        return self.published

    @property
    def ymd(self) -> tuple[int, int, int]:
        y, m, d = self.published.split("-")
        return int(y), int(m), int(d)


def old_report(agency: str, year: int, title: str, rng: random.Random) -> Report:
    """A free-form report of the years before 2019."""
    n = lambda lo, hi: rng.randint(lo, hi)  # noqa: E731
    blocks = [
        ("p", f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特向社会公布{year}年度{agency}政府信息公开工作年度报告。"
              f"全文包括概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、因政府信息公开申请行政复议和提起行政诉讼的情况、"
              f"存在的主要问题及改进措施等。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"),
        ("h", "一、概述"),
        ("p", f"{chinese_year(year)}年，{agency}认真贯彻落实《条例》，把政府信息公开作为建设法治政府、服务型政府的重要举措，"
              f"健全工作机制，规范公开程序，拓宽公开渠道，政府信息公开工作稳步推进。"),
        ("h", "二、主动公开政府信息情况"),
        ("p", f"全年主动公开政府信息{n(200, 4000)}条，其中通过政府网站公开{n(150, 3000)}条，通过政府公报公开{n(5, 80)}条，"
              f"通过新闻发布会公开{n(2, 40)}条，通过政务微博、微信公开{n(20, 900)}条。"),
        ("h", "三、依申请公开政府信息情况"),
        ("p", f"全年共受理政府信息公开申请{n(0, 120)}件，其中当面申请{n(0, 20)}件，网上申请{n(0, 80)}件，信函申请{n(0, 20)}件。"
              f"已答复的申请中，同意公开{n(0, 60)}件，同意部分公开{n(0, 10)}件，不予公开{n(0, 5)}件，信息不存在{n(0, 20)}件。"),
        ("h", "四、政府信息公开的收费及减免情况"),
        ("p", "本年度未收取政府信息公开检索、复制、邮寄等费用。"),
        ("h", "五、因政府信息公开申请行政复议、提起行政诉讼的情况"),
        ("p", f"全年发生政府信息公开行政复议案件{n(0, 4)}件，行政诉讼案件{n(0, 3)}件。"),
        ("h", "六、存在的主要问题及改进措施"),
        ("p", "政府信息公开工作还存在公开内容不够全面、更新不够及时等问题。下一步，将进一步完善工作制度，加强业务培训，"
              "推进重点领域信息公开，不断提高政府信息公开工作水平。"),
    ]
    return Report(agency=agency, year=year, title=title, blocks=blocks)


def half_year_report(agency: str, year: int, title: str) -> Report:
    blocks = [
        ("p", f"{year}年上半年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开各项工作，现将有关情况总结如下。"),
        ("h", "一、主要工作"),
        ("p", "上半年共主动公开政府信息一千余条，办理政府信息公开申请十余件，均在法定期限内答复。"),
        ("h", "二、下半年工作打算"),
        ("p", "下半年将继续抓好重点领域信息公开，做好政策解读和回应关切，按时编制发布年度报告。"),
    ]
    return Report(agency=agency, year=year, title=title, blocks=blocks)


def other_body(agency: str, year: int, title: str) -> Report:
    """The body of a column item that is not a report: a 解读, a 更正说明 or a notice."""
    if title.endswith("解读"):
        blocks = [("p", f"近日，{agency}发布了{year}年政府信息公开工作年度报告。为便于公众理解，现就报告主要内容解读如下。"),
                  ("h", "一、主动公开情况"), ("p", "全年主动公开政府信息数量稳步增长，政策解读和回应关切力度进一步加大。"),
                  ("h", "二、依申请公开情况"), ("p", "依申请公开办理规范，全部在法定期限内答复。")]
        return Report(agency=agency, year=year, title=title, blocks=blocks)
    if "更正" in title:
        blocks = [("p", f"{agency}于近期发布的{year}年政府信息公开工作年度报告中，“收到和处理政府信息公开申请情况”表格部分数据填报有误，"
                        "现予以更正，更正后的报告已重新发布。特此说明。")]
        return Report(agency=agency, year=year, title=title, blocks=blocks)
    return make_notice(agency, year, title)


def news_report(site: str, title: str) -> Report:
    blocks = [
        ("p", f"近日，{site}召开专题会议，传达学习上级有关会议精神，研究部署下一阶段重点工作。"),
        ("p", "会议强调，要坚持稳中求进工作总基调，抓好各项任务落实，确保全年目标任务顺利完成。"),
        ("p", "会议要求，各部门要压实责任，强化协同，以钉钉子精神推动各项工作取得实效。"),
    ]
    return Report(agency=site, year=None, title=title, blocks=blocks)


def _annual_title(rng: random.Random, agency: str, year: int, variants: tuple[int, ...] | None) -> str:
    choices = variants or tuple(range(len(ANNUAL_TITLES)))
    pattern = ANNUAL_TITLES[rng.choice(choices)]
    y = str(year)
    if year < 2019 and rng.random() < 0.15:
        y = chinese_year(year)
    return pattern.format(a=agency, y=y)


def _report_date(rng: random.Random, year: int, government: bool) -> str:
    month = rng.randint(1, 3) if government else 1
    day = rng.randint(10, 28) if government else rng.randint(5, 31)
    return f"{year + 1}-{month:02d}-{day:02d}"


def column_items(seed: str, agency: str, years, *, departments=(), dept_years=None, parent: str | None = None,
                 repost_years=(), notices: int = 2, half_years: int = 1, variants: tuple[int, ...] | None = None,
                 government: bool = True) -> list[Item]:
    """The items of an annual-report column, newest first."""
    rng = random.Random(seed)
    items: list[Item] = []

    def annual(who: str, year: int, repost: bool = False, gov: bool = government):
        title = _annual_title(rng, who, year, variants)
        report = make_report(who, year, title=title) if year >= 2019 else old_report(who, year, title, rng)
        items.append(Item(title, "annual", who, year, _report_date(rng, year, gov), repost=repost, report=report))

    for year in years:
        annual(agency, year)
    for dept in departments:
        for year in (dept_years or years):
            annual(dept, year, gov=False)
    for year in repost_years:
        annual(parent, year, repost=True)
    recent = max(years)
    others = [t for t in NOTICE_TITLES if t[1] == "other"]
    halves = [t for t in NOTICE_TITLES if t[1] == "half-year"]
    offset = rng.randrange(len(others))
    for i in range(notices):
        pattern, kind = others[(offset + i) % len(others)]
        year = recent - i % 3
        title = pattern.format(a=agency, y=year)
        published = f"{year}-{rng.randint(2, 11):02d}-{rng.randint(1, 28):02d}"
        if "解读" in title or "更正" in title:  # about the report of ``year``: published after it
            published = f"{year + 1}-{rng.randint(2, 5):02d}-{rng.randint(1, 28):02d}"
        items.append(Item(title, kind, agency, year, published, report=other_body(agency, year, title)))
    for i in range(half_years):
        pattern = halves[(offset + i) % len(halves)][0]
        year = recent - i
        title = pattern.format(a=agency, y=year)
        items.append(Item(title, "half-year", agency, year, f"{year}-07-{rng.randint(5, 28):02d}",
                          report=half_year_report(agency, year, title)))
    items.sort(key=lambda item: (item.published, item.title), reverse=True)
    for number, item in enumerate(items, start=1):
        item.number = number
    return items


def news_items(seed: str, site_short: str, count: int = 10, year: int = 2024) -> list[Item]:
    """News articles outside the column (sidebar 热点 / 最新动态)."""
    rng = random.Random("news/" + seed)
    items = []
    for i in range(count):
        title = NEWS_TITLES[i % len(NEWS_TITLES)].format(s=site_short, y=year - 1, n=i + 3)
        published = f"{year}-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"
        items.append(Item(title, "news", site_short, None, published, number=900 + i, report=news_report(site_short, title)))
    items.sort(key=lambda item: item.published, reverse=True)
    return items


def cut(title: str, length: int = 18) -> str:
    """Anchor text as list templates cut it."""
    return title if len(title) <= length else title[:length] + "…"
