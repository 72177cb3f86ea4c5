"""Figures stated in sentences by free-form (pre-2019) reports, best effort: ``共受理政府信息公开申请58件``,
``行政复议2件``, or say there was none (``未发生…行政复议``: 0). They are a source of their own (``source = text``), never mixed with table numbers.

Each figure is a (row, column) key of table ``figures`` and the patterns that state it; the first
sentence that states a figure gives it.
"""

from __future__ import annotations

import re

from .report_stats import Cell, fold

FIGURES_TABLE = "figures"
NUMBER = r"([0-9０-９][0-9０-９,，]*)"
GAP = r"[^。；;，,\d０-９]{0,12}?"
PATTERNS = {
    ("依申请公开", "申请数量"): (rf"(?:共|累计|全年)?(?:受理|收到|接收|接到)[^。；;]{{0,20}}?(?:政府)?信息公开申请{GAP}{NUMBER}\s*(?:件|份|条|个)",
                        rf"(?:政府)?信息公开申请{GAP}(?:共|累计)?{NUMBER}\s*(?:件|份)",
                        rf"(?:受理|收到|办理)依申请公开(?:政府信息)?(?:申请)?{GAP}{NUMBER}\s*(?:件|份)"),
    ("主动公开", "信息条数"): (rf"主动公开[^。；;，,\d０-９]{{0,8}}?信息{GAP}{NUMBER}\s*条",),
    ("行政复议", "件数"): (rf"(?:政府信息公开)?行政复议(?:申请|案件)?{GAP}{NUMBER}\s*(?:件|起|宗)",),
    ("行政诉讼", "件数"): (rf"(?:政府信息公开)?行政诉讼(?:案件)?{GAP}{NUMBER}\s*(?:件|起|宗)",),
    ("收费", "金额（元）"): (rf"收取(?:[^。；;]{{0,8}}?)费(?:用)?{GAP}{NUMBER}(?:\.\d+)?\s*元",),
}
# Sentences saying there was none (未发生…行政复议, 未收取…费用): the figure is 0, when no number is stated.
NONE_PATTERNS = {
    ("行政复议", "件数"): r"(?:未发生|没有发生|未出现|没有出现)[^。；;]{0,25}?行政复议",
    ("行政诉讼", "件数"): r"(?:未发生|没有发生|未出现|没有出现)[^。；;]{0,25}?行政诉讼",
    ("收费", "金额（元）"): r"未收取[^。；;，,]{0,15}?费",
}
COMPILED = {key: tuple(re.compile(pattern) for pattern in patterns) for key, patterns in PATTERNS.items()}
NONE_COMPILED = {key: re.compile(pattern) for key, pattern in NONE_PATTERNS.items()}


def figures(text: str) -> list[Cell]:
    """The figures a report's sentences state, with the phrase each came from as its raw text."""
    found = []
    for (row, column), patterns in COMPILED.items():
        match = next(filter(None, (pattern.search(text) for pattern in patterns)), None)
        if match:
            found.append(Cell(FIGURES_TABLE, row, column, int(fold(match.group(1)).replace(",", "")), match.group(0)))
        elif (row, column) in NONE_COMPILED and (none := NONE_COMPILED[(row, column)].search(text)):
            found.append(Cell(FIGURES_TABLE, row, column, 0, none.group(0)))
    return found
