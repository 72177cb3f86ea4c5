"""Figures stated in sentences by free-form (pre-2019) reports, best effort: ``共受理政府信息公开申请58件``,
``行政复议2件``. They are a source of their own (``source = text``), never mixed with table numbers.

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
    ("依申请公开", "申请数量"): (rf"(?:共|累计|全年)?(?:受理|收到|接收|接到)[^。；;]{{0,10}}?(?:政府)?信息公开申请{GAP}{NUMBER}\s*(?:件|份|条|个)",
                        rf"(?:政府)?信息公开申请{GAP}(?:共|累计)?{NUMBER}\s*(?:件|份)"),
    ("主动公开", "信息条数"): (rf"主动公开(?:政府)?信息{GAP}{NUMBER}\s*条",),
    ("行政复议", "件数"): (rf"(?:政府信息公开)?行政复议(?:申请|案件)?{GAP}{NUMBER}\s*(?:件|起|宗)",),
    ("行政诉讼", "件数"): (rf"(?:政府信息公开)?行政诉讼(?:案件)?{GAP}{NUMBER}\s*(?:件|起|宗)",),
    ("收费", "金额（元）"): (rf"收取(?:[^。；;]{{0,8}}?)费(?:用)?{GAP}{NUMBER}(?:\.\d+)?\s*元",),
}
COMPILED = {key: tuple(re.compile(pattern) for pattern in patterns) for key, patterns in PATTERNS.items()}


def figures(text: str) -> list[Cell]:
    """The figures a report's sentences state, with the phrase each came from as its raw text."""
    found = []
    for (row, column), patterns in COMPILED.items():
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                found.append(Cell(FIGURES_TABLE, row, column, int(fold(match.group(1)).replace(",", "")), match.group(0)))
                break
    return found
