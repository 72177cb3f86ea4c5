"""Statistics stage: a report's statistics tables as numbers, checked (``record["stats"]``).

The page's own tables are read when the page is at hand (``report_stats.from_html``: exact cell
positions); otherwise, when they give nothing, or on a Traditional page (whose labels are read on
its Simplified text), the clean text is (``report_stats.from_text``). A report without the
tables gets the figures its sentences state (``sentence_stats``, ``source = text``). A report
whose numbers break a check gets the flag ``stats_inconsistent``; its numbers stay as printed.
"""

from __future__ import annotations

from . import report_stats, sentence_stats, stats_checks
from .report_stats import Cell

INCONSISTENT_FLAG = "stats_inconsistent"


def nested(cells: list[Cell], table: str, attribute: str = "value") -> dict:
    tree: dict = {}
    for cell in cells:
        if cell.table == table:
            tree.setdefault(cell.row, {})[cell.column] = getattr(cell, attribute)
    return tree


def describe(stats: report_stats.Stats | None, text: str) -> dict | None:
    """The ``stats`` object of a report: tables (``source`` table) or sentence figures (``source`` text)."""
    if stats is not None and stats.cells:
        cells = stats.cells
        result = {"source": "table", "format": stats.format, "checks": stats_checks.check(stats)}
        tables = ("active", "requests", "appeals")
    else:
        cells = sentence_stats.figures(text)
        if not cells:
            return None
        result = {"source": "text", "format": None, "checks": None}
        tables = (sentence_stats.FIGURES_TABLE,)
    for table in tables:
        result[table] = nested(cells, table)
    result["raw"] = {table: nested(cells, table, "raw") for table in tables}
    return result


def parse(record) -> report_stats.Stats | None:
    html = record.get("html") if record.get("original_script") != "traditional" else None
    stats = report_stats.from_html(html) if html else None
    if (stats is None or not stats.cells) and record.get("text"):
        stats = report_stats.from_text(record["text"])
    return stats


def process(record):
    # A column item that is no report (a notice, a plan) has no statistics of its own.
    record["stats"] = None if record.get("kind") == "other" else describe(parse(record), record.get("text") or "")
    checks = (record["stats"] or {}).get("checks")
    flags = [flag for flag in record.get("flags") or [] if flag != INCONSISTENT_FLAG]
    if checks and not checks["consistent"]:
        flags.append(INCONSISTENT_FLAG)
    record["flags"] = flags
    return record


def cells_of(stats: dict | None) -> list[Cell]:
    """The cells of a ``stats`` object, back from its nested form (for the store)."""
    if not stats:
        return []
    return [Cell(table, row, column, value, stats["raw"][table][row][column])
            for table, rows in stats.items() if table in stats["raw"]
            for row, columns in rows.items() for column, value in columns.items()]
