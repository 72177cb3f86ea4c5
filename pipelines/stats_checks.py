"""The checks (勾稽关系) of the statistics tables. A report whose own numbers disagree keeps them:
the failed rules are reported, nothing is corrected.

Rules (each is checked only where every number it needs is there; a blank cell skips it):

- ``balance``: per applicant column, 一 + 二 = 三（七）总计 + 四;
- ``row_total``: per row of section 三, 总计 = the sum of the six applicant columns;
- ``results_total``: per column, 三（七）总计 = the sum of the result rows （一） to （六）, sub-rows included;
- ``review_total``, ``direct_suit_total``, ``suit_after_review_total``: each 总计 of section 四
  = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
"""

from __future__ import annotations

from . import stats_vocab as vocab
from .report_stats import Stats

APPEAL_RULES = {vocab.REVIEW: "review_total", vocab.DIRECT_SUIT: "direct_suit_total", vocab.SUIT_AFTER_REVIEW: "suit_after_review_total"}
TOLERANCE = 1e-6


def _sum(values) -> float | None:
    values = list(values)
    return None if any(value is None for value in values) else sum(values)


def _failed(rule: str, where: str, left, right) -> dict | None:
    if left is None or right is None or abs(left - right) <= TOLERANCE:
        return None
    return {"rule": rule, "where": where, "detail": f"{left:g} ≠ {right:g}"}


def failures(stats: Stats) -> list[dict]:
    """Every rule the report's numbers break, with where and by how much."""
    values = stats.values()

    def request(row: str, column: str):
        return values.get((vocab.REQUESTS, row, column))

    found = []
    rows = vocab.request_rows(stats.format)
    if any(table == vocab.REQUESTS for table, _, _ in values):
        total_row = vocab.result_key(vocab.TOTAL_GROUP)
        for column in vocab.APPLICANT_COLUMNS:
            found.append(_failed("balance", column, _sum([request(vocab.RECEIVED, column), request(vocab.CARRIED_IN, column)]),
                                 _sum([request(total_row, column), request(vocab.CARRIED_OUT, column)])))
            found.append(_failed("results_total", column, request(total_row, column),
                                 _sum(request(row, column) for row in vocab.result_parts(stats.format))))
        for row in rows:
            found.append(_failed("row_total", row, request(row, "总计"),
                                 _sum(request(row, column) for column in vocab.APPLICANT_COLUMNS[:-1])))
    for row, rule in APPEAL_RULES.items():
        parts = [values.get((vocab.APPEALS, row, column)) for column in vocab.APPEAL_COLUMNS[:-1]]
        found.append(_failed(rule, row, values.get((vocab.APPEALS, row, "总计")), _sum(parts)))
    return [failure for failure in found if failure]


def complete(stats: Stats) -> bool:
    """Every cell of the format's three tables holds a number and every row's cells were placed."""
    values = stats.values()
    expected = [(vocab.ACTIVE, row, column) for row, columns in vocab.ACTIVE_ROWS[stats.format].items() for column in columns]
    expected += [(vocab.REQUESTS, row, column) for row in vocab.request_rows(stats.format) for column in vocab.APPLICANT_COLUMNS]
    expected += [(vocab.APPEALS, row, column) for row, column in vocab.APPEAL_CELLS]
    return not stats.uncertain and all(values.get(key) is not None for key in expected)


def check(stats: Stats) -> dict:
    failed = failures(stats)
    return {"consistent": not failed, "complete": complete(stats), "failed": failed, "uncertain": list(stats.uncertain)}
