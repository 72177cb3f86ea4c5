"""Synthetic annual reports in the official format (国办公开办函〔2021〕30号), for the demo
sites, the test-suite and the benchmarks.

A report is a list of blocks — ("h", heading), ("p", paragraph), ("table", rows) — so the
same report renders to page HTML and to the gold text a perfect extractor would return.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from html import escape

from pipelines.tables import row_line

from .stat_tables import BREAKS, VARIANTS, Cell, Tables, make_tables

CN_NUMERALS = "〇一二三四五六七八九"

OPENINGS = (
    "{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》和上级政务公开工作部署，围绕中心、服务大局，不断提升政务公开质量和实效。",
    "{year}年，{agency}深入贯彻落实党中央、国务院关于全面推进政务公开的决策部署，以公开促落实、促规范、促服务，政府信息公开工作取得新进展。",
    "{year}年，在上级政务公开办公室的指导下，{agency}聚焦群众关切，持续深化决策、执行、管理、服务、结果公开，推动政府信息公开工作规范化、标准化。",
)
TOPICS = (
    ("主动公开", "全年通过门户网站主动公开政府信息{n1}条，其中政策文件{n2}件，政策解读{n3}篇，回应社会关切{n4}次。"),
    ("依申请公开", "严格按照法定时限办理政府信息公开申请，全年收到申请{n1}件，均在规定期限内答复，未发生因答复不规范引发的复议诉讼。"),
    ("政府信息管理", "健全公开前审查机制，严格落实“三审三校”制度，全年开展保密审查{n1}次，清理过时信息{n2}条。"),
    ("平台建设", "优化政府网站信息公开专栏，更新栏目{n1}个，政务新媒体发布信息{n2}条，浏览量同比增长{n3}%。"),
    ("监督保障", "将政务公开纳入年度绩效考核，组织业务培训{n1}场次，培训{n2}人次，开展网站自查{n3}次。"),
)
PROBLEMS = (
    "{year}年，{agency}政府信息公开工作取得了一定成效，但仍存在一些不足：一是政策解读形式较为单一，图解、视频解读数量偏少；二是部分栏目信息更新不够及时。",
    "对照上级要求，{agency}政务公开工作仍有差距：主动公开的深度和广度有待拓展，工作人员业务能力有待进一步提升。",
)
IMPROVEMENTS = (
    "下一步，{agency}将进一步丰富解读形式，加强栏目日常巡查，建立信息更新台账，确保信息发布及时准确。",
    "下一步，{agency}将加强业务培训，完善公开目录，推动政务公开工作提质增效。",
)
# Share of reports whose tables are made to break a check.
INCONSISTENT_SHARE = 0.06


@dataclass
class Report:
    agency: str
    year: int
    title: str
    blocks: list
    stats: Tables | None = None  # what the statistics tables say (None: a report without them)

    @property
    def gold_text(self) -> str:
        return render_text(self.blocks)

    @property
    def body_html(self) -> str:
        return render_html(self.blocks)

    @property
    def pdf_text(self) -> str:
        return render_pdf_text(self.blocks)


def chinese_year(year: int) -> str:
    return "".join(CN_NUMERALS[int(d)] for d in str(year))


def pick_tables(rng: random.Random, year: int, fmt: str | None, variants: tuple[str, ...] | None, broken: str | None) -> Tables:
    """The report's tables: the 2019 trial format for 2019 and 2020, else 2021; by default some of
    the variants real pages show (official merged cells most often) and now and then a broken check."""
    fmt = fmt or ("2021" if year >= 2021 else "2019")
    if variants is None:
        variants = (("merged",) if rng.random() < 0.7 else ()) + tuple(rng.sample(VARIANTS[1:], rng.randint(0, 3)))
        if broken is None and rng.random() < INCONSISTENT_SHARE:
            broken = rng.choice(BREAKS)
    return make_tables(random.Random(rng.random()), fmt, variants, broken)


def make_report(agency: str, year: int, seed: int | None = None, title: str | None = None, fmt: str | None = None,
                variants: tuple[str, ...] | None = None, broken: str | None = None) -> Report:
    """A complete annual report of ``agency`` for ``year``; the same arguments give the same report.
    ``fmt``, ``variants`` and ``broken`` choose its statistics tables (``pick_tables``)."""
    rng = random.Random(seed if seed is not None else f"{agency}/{year}")
    tables = pick_tables(rng, year, fmt, variants, broken)
    fill = {"agency": agency, "year": year}
    title = title or f"{agency}{year}年政府信息公开工作年度报告"
    blocks: list = [
        ("p", f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息公开办公室有关要求编制。"
              f"本报告所列数据统计期限为{year}年1月1日至{year}年12月31日。如对本报告有疑问，请与{agency}办公室联系。"),
        ("h", "一、总体情况"),
        ("p", rng.choice(OPENINGS).format(**fill)),
    ]
    for index, (topic, sentence) in enumerate(rng.sample(TOPICS, 4), start=1):
        numbers = {f"n{i}": rng.randint(3, 3000) for i in range(1, 5)}
        blocks.append(("p", f"（{CN_NUMERALS[index]}）{topic}。" + sentence.format(**numbers)))
    blocks += [
        ("h", "二、主动公开政府信息情况"),
        ("table", tables.active),
        ("h", "三、收到和处理政府信息公开申请情况"),
        ("table", tables.requests),
        ("h", "四、政府信息公开行政复议、行政诉讼情况"),
        ("table", tables.appeals),
        ("h", "五、存在的主要问题及整改措施" if "labels" in tables.variants else "五、存在的主要问题及改进情况"),
        ("p", rng.choice(PROBLEMS).format(**fill)),
        ("p", rng.choice(IMPROVEMENTS).format(**fill)),
        ("h", "六、其他需要报告的事项"),
        ("p", f"{agency}{year}年度未收取信息处理费。本年度无其他需要报告的事项。"),
    ]
    return Report(agency=agency, year=year, title=title, blocks=blocks, stats=tables)


def make_notice(agency: str, year: int, title: str) -> Report:
    """A column item that is not an annual report (工作要点, letters, notices)."""
    blocks = [
        ("p", f"为深入推进政务公开工作，根据上级部署，结合{agency}实际，现将{year}年政务公开工作要点印发给你们，请认真抓好落实。"),
        ("h", "一、总体要求"),
        ("p", "坚持以人民为中心的发展思想，全面落实政务公开各项任务，持续提升政务公开标准化规范化水平。"),
        ("h", "二、重点任务"),
        ("p", "围绕优化营商环境、保障改善民生等重点领域，做好信息发布、政策解读和回应关切工作。"),
    ]
    return Report(agency=agency, year=year, title=title, blocks=blocks)


def cells(row) -> list[Cell]:
    return [cell if isinstance(cell, Cell) else Cell(cell) for cell in row]


def render_text(blocks: list) -> str:
    """The gold text: one paragraph per line, tables in the corpus format (``pipelines.tables``:
    a spanning cell in the row where it starts); rows are lists of ``Cell`` or of strings."""
    lines = []
    for kind, content in blocks:
        if kind == "table":
            lines += [line for line in (row_line(cell.text for cell in cells(row)) for row in content) if line]
        else:
            lines.append(content)
    return "\n".join(lines)


def render_pdf_text(blocks: list) -> str:
    """The text a PDF extractor gives: one cell per line (blank cells are gone), and the table of
    section 三 broken by a page in the middle: the page number, then its header row again."""
    lines = []
    for kind, content in blocks:
        if kind != "table":
            lines.append(content)
            continue
        rows = [[cell.text for cell in cells(row) if cell.text] for row in content]
        breaks = any("本年新收" in text for row in rows for text in row)
        for number, row in enumerate(rows):
            lines += row
            if breaks and number == len(rows) // 2:
                lines += ["- 3 -", *rows[0]]
    return "\n".join(lines)


def render_html(blocks: list) -> str:
    """The body as a CMS editor stores it: ``<p>`` paragraphs, bordered tables."""
    parts = []
    for kind, content in blocks:
        if kind == "h":
            parts.append(f'<p style="text-indent:2em;"><strong>{escape(content)}</strong></p>')
        elif kind == "p":
            parts.append(f'<p style="text-indent:2em;">{escape(content)}</p>')
        else:
            body = ["<tr>" + "".join(cell.markup() for cell in cells(row)) + "</tr>" for row in content]
            parts.append('<table border="1" cellspacing="0" cellpadding="0" width="100%"><tbody>' + "".join(body) + "</tbody></table>")
    return "\n".join(parts)
