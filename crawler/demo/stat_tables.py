"""The three statistics tables of a mock report, in the 2021 format or the 2019 trial format,
with the numbers they hold (the truth a parser must give back) and the shapes real pages give
them.

A table is a list of rows of ``Cell`` (text, rowspan, colspan, and the HTML the CMS wrote).
``VARIANTS`` are what real pages do to these tables: official merged cells or one flat cell per
position, header cells split by ``<br>`` or ``</p><p>``, ``&nbsp;`` padding, numbers split across
spans, full-width digits, amounts written with their unit, blank cells (missing, not 0),
renumbered and requoted labels. ``pdf_text`` is the table as PDF text extraction gives it: one
cell per line, a page break (page number, repeated header) inside section 三.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from html import escape

from pipelines import stats_vocab as vocab

VARIANTS = ("merged", "split_br", "split_p", "nbsp", "spans", "fullwidth", "units", "blanks", "labels")
FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")
SPLIT_AT = {"商业企业": 2, "科研机构": 2, "社会公益组织": 4, "法律服务机构": 4, "结果维持": 2, "结果纠正": 2, "其他结果": 2,
            "尚未审结": 2, "本年制发件数": 4, "本年废止件数": 4, "现行有效件数": 4, "本年处理决定数量": 4, "法人或其他组织": 5,
            "未经复议直接起诉": 4, "复议后起诉": 3, "上一年项目数量": 5, "处理决定数量": 4, "本年新制作数量": 5, "对外公开总数量": 4}
# Section 三's row labels as some real pages write them.
LABEL_VARIANTS = {"3.危及“三安全一稳定”": "3、危及\"三安全一稳定\"", "1.属于国家秘密": "（1）属于国家秘密",
                  "2.重复申请": "2、重复申请", "二、上年结转政府信息公开申请数量": "二、上年结转政府信息公开申请"}


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    html: str | None = None
    key: tuple | None = None  # the (table, row, column) a value cell holds

    def markup(self) -> str:
        spans = (f' rowspan="{self.rowspan}"' if self.rowspan > 1 else "") + (f' colspan="{self.colspan}"' if self.colspan > 1 else "")
        return f"<td{spans}>{self.html if self.html is not None else escape(self.text)}</td>"


@dataclass
class Tables:
    """The three tables of one report and what they say."""

    format: str
    variants: tuple[str, ...]
    active: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    appeals: list = field(default_factory=list)
    values: dict = field(default_factory=dict)  # (table, row, column) -> value, None for a blank cell
    broken: str | None = None  # the check rule the numbers were made to break


class Builder:
    def __init__(self, rng: random.Random, fmt: str, variants: tuple[str, ...]):
        self.rng, self.fmt, self.variants = rng, fmt, variants
        self.tables = Tables(fmt, variants)

    def header(self, text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
        cell = Cell(text, rowspan, colspan)
        cut = SPLIT_AT.get(text)
        if cut and "split_br" in self.variants:
            cell.text, cell.html = f"{text[:cut]} {text[cut:]}", f"{escape(text[:cut])}<br/>{escape(text[cut:])}"
        elif cut and "split_p" in self.variants:
            cell.text, cell.html = f"{text[:cut]} {text[cut:]}", f"<p>{escape(text[:cut])}</p><p>{escape(text[cut:])}</p>"
        return cell

    def label(self, text: str, rowspan: int = 1, colspan: int = 1) -> Cell:
        shown = LABEL_VARIANTS.get(text, text) if "labels" in self.variants else text
        return Cell(shown, rowspan, colspan)

    def value(self, key: tuple[str, str, str], value, colspan: int = 1, amount: bool = False) -> Cell:
        if "blanks" in self.variants and key[0] != vocab.APPEALS and self.rng.random() < 0.06:
            self.tables.values[key] = None
            return Cell("", colspan=colspan, html="&nbsp;" if "nbsp" in self.variants else "", key=key)
        self.tables.values[key] = value
        text = f"{value:.1f}" if amount else str(value)
        html = escape(text)
        if "fullwidth" in self.variants:
            text = html = text.translate(FULL_WIDTH)
        if amount and "units" in self.variants:
            text, html = text + "万元", html + "万元"
        if "spans" in self.variants and len(html) > 1:
            html = f'<span style="font-size:12pt">{html[0]}</span><span style="font-size:12pt">{html[1:]}</span>'
        if "nbsp" in self.variants:
            html = f"&nbsp;{html}&nbsp;"
        return Cell(text, colspan=colspan, html=html, key=key)


def section_two(b: Builder) -> list:
    rng, rows = b.rng, []
    blocks = {"2021": (("第二十条第（一）项", ("规章", "行政规范性文件")), ("第二十条第（五）项", ("行政许可",)),
                       ("第二十条第（六）项", ("行政处罚", "行政强制")), ("第二十条第（八）项", ("行政事业性收费",))),
              "2019": (("第二十条第（一）项", ("规章", "规范性文件")), ("第二十条第（五）项", ("行政许可", "其他对外管理服务事项")),
                       ("第二十条第（六）项", ("行政处罚", "行政强制")), ("第二十条第（八）项", ("行政事业性收费",)),
                       ("第二十条第（九）项", ("政府集中采购",)))}[b.fmt]
    for heading, names in blocks:
        columns = vocab.ACTIVE_ROWS[b.fmt][names[0]]
        spans = [1] * (len(columns) - 1) + [4 - len(columns)]
        rows.append([Cell(heading, colspan=4)])
        rows.append([b.header("信息内容")] + [b.header(column, colspan=span) for column, span in zip(columns, spans)])
        for name in names:
            cells = [Cell(name)]
            for column, span in zip(columns, spans):
                amount = column in vocab.AMOUNT_COLUMNS
                value = round(rng.randint(0, 9999) / 10, 1) if amount else rng.randint(-5 if "增/减" in column else 0, 300)
                cells.append(b.value((vocab.ACTIVE, name, column), value, span, amount))
            rows.append(cells)
    return rows


def request_counts(rng: random.Random, fmt: str) -> dict:
    """Consistent numbers of section 三: every column balances and every total adds up."""
    counts = {}
    for row in vocab.result_parts(fmt):
        counts[row] = [rng.choice((0, rng.randint(0, 12), rng.randint(0, 40))) for _ in range(6)]
    total = [sum(counts[row][i] for row in vocab.result_parts(fmt)) for i in range(6)]
    carried_out = [rng.randint(0, 2) for _ in range(6)]
    carried_in = [rng.randint(0, min(2, total[i] + carried_out[i])) for i in range(6)]
    counts[vocab.result_key(vocab.TOTAL_GROUP)] = total
    counts[vocab.CARRIED_OUT] = carried_out
    counts[vocab.CARRIED_IN] = carried_in
    counts[vocab.RECEIVED] = [total[i] + carried_out[i] - carried_in[i] for i in range(6)]
    return {row: values + [sum(values)] for row, values in counts.items()}


def section_three(b: Builder) -> list:
    merged = "merged" in b.variants
    counts = request_counts(b.rng, b.fmt)
    if merged:
        rows = [[Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3), Cell("申请人情况", colspan=7)],
                [b.header("自然人", rowspan=2), b.header("法人或其他组织", colspan=5), b.header("总计", rowspan=2)],
                [b.header(column) for column in vocab.APPLICANT_COLUMNS[1:6]]]
    else:
        rows = [[Cell(""), Cell(""), Cell("")] + [b.header(column) for column in vocab.APPLICANT_COLUMNS]]
    keys = vocab.request_rows(b.fmt)
    result_rows = [key for key in keys if key.startswith(vocab.RESULTS + "/")]
    for key in keys:
        parts = key.split("/")
        values = [b.value((vocab.REQUESTS, key, column), value) for column, value in zip(vocab.APPLICANT_COLUMNS, counts[key])]
        if not merged:
            labels = [b.label(part) for part in parts] + [Cell("") for _ in range(3 - len(parts))]
            if len(parts) > 1 and key != result_rows[0]:
                labels[0] = Cell("")
                previous = result_rows[result_rows.index(key) - 1].split("/")
                if len(parts) == 3 and len(previous) == 3 and previous[1] == parts[1]:
                    labels[1] = Cell("")
            rows.append(labels + values)
            continue
        cells = []
        if len(parts) == 1:
            cells.append(b.label(key, colspan=3))
        else:
            if key == result_rows[0]:
                cells.append(b.label(vocab.RESULTS, rowspan=len(result_rows)))
            group_rows = [row for row in result_rows if row.split("/")[1] == parts[1]]
            if len(parts) == 2:
                cells.append(b.label(parts[1], colspan=2))
            else:
                if key == group_rows[0]:
                    cells.append(b.label(parts[1], rowspan=len(group_rows)))
                cells.append(b.label(parts[2]))
        rows.append(cells + values)
    return rows


def section_four(b: Builder) -> list:
    values = []
    for row in vocab.APPEAL_ROWS:
        group = [b.rng.choice((0, 0, b.rng.randint(0, 3))) for _ in range(4)]
        values += [b.value((vocab.APPEALS, row, column), value) for column, value in zip(vocab.APPEAL_COLUMNS, group + [sum(group)])]
    suits = [b.header("未经复议直接起诉", colspan=5), b.header("复议后起诉", colspan=5)]
    if "merged" in b.variants:
        return [[b.header("行政复议", colspan=5), b.header("行政诉讼", colspan=10)],
                [b.header(column, rowspan=2) for column in vocab.APPEAL_COLUMNS] + suits,
                [b.header(column) for column in vocab.APPEAL_COLUMNS * 2],
                values]
    return [[b.header("行政复议")] + [Cell("")] * 4 + [b.header("行政诉讼")] + [Cell("")] * 9,
            [Cell("")] * 5 + [suits[0]] + [Cell("")] * 4 + [suits[1]] + [Cell("")] * 4,
            [b.header(column) for column in vocab.APPEAL_COLUMNS * 3],
            values]


# Section 四's rules: the row whose 总计 they check.
APPEAL_BREAKS = {"review_total": vocab.REVIEW, "direct_suit_total": vocab.DIRECT_SUIT, "suit_after_review_total": vocab.SUIT_AFTER_REVIEW}
BREAKS = ("row_total", "balance", "results_total", *APPEAL_BREAKS)


def break_rule(tables: Tables, rng: random.Random, rule: str) -> None:
    """Make the printed numbers break ``rule`` (one cell off by a few), as a careless report does."""
    tables.broken = rule
    if rule in APPEAL_BREAKS:
        target = (vocab.APPEALS, APPEAL_BREAKS[rule], "总计")
        table_rows = tables.appeals
    else:
        row = {"row_total": vocab.result_key("（一）予以公开"), "balance": vocab.CARRIED_OUT,
               "results_total": vocab.result_key(vocab.TOTAL_GROUP)}[rule]
        column = "总计" if rule == "row_total" else vocab.APPLICANT_COLUMNS[0]
        target = (vocab.REQUESTS, row, column)
        table_rows = tables.requests
        if rule != "row_total":
            _shift(tables, table_rows, (vocab.REQUESTS, row, "总计"), 3)  # the row's own total stays right
    _shift(tables, table_rows, target, 3)


def _shift(tables: Tables, table_rows: list, key: tuple, by: int) -> None:
    old = tables.values.get(key)
    if old is None:
        return
    tables.values[key] = old + by
    for row in table_rows:
        for cell in row:
            if getattr(cell, "key", None) == key:
                cell.text = cell.html = str(old + by)


def make_tables(rng: random.Random, fmt: str, variants: tuple[str, ...] = ("merged",), broken: str | None = None) -> Tables:
    """The tables of one report; ``broken`` (one of ``BREAKS``) makes them break that check
    (never with blank cells, which would let a rule go unchecked)."""
    if broken:
        variants = tuple(v for v in variants if v != "blanks")
    builder = Builder(rng, fmt, variants)
    builder.tables.active = section_two(builder)
    builder.tables.requests = section_three(builder)
    builder.tables.appeals = section_four(builder)
    if broken:
        break_rule(builder.tables, rng, broken)
    return builder.tables
