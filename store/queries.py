"""SQL shared by the read side (``store.read``) and the Datasette canned queries (``nianbao browse``).

Each piece is written once here; ``canned_queries()`` builds the Datasette queries from the same
pieces as ``nianbao search`` and ``nianbao stats``, so the two cannot drift apart.
"""

from __future__ import annotations

from pipelines import stats_vocab

# The rows of section 三 whose 总计 are the requests received and answered.
REQUEST_TOTALS = (stats_vocab.RECEIVED, stats_vocab.result_key(stats_vocab.TOTAL_GROUP))

# Title hits weigh ten times more than text hits.
BM25 = "bm25(reports_fts, 10.0, 1.0)"
FTS_JOIN = "reports_fts join reports r on r.rowid = reports_fts.rowid"
CANONICAL = "dup_of is null"
SCAN_ORDER = "r.year desc, r.published desc"


def contains(param: str) -> str:
    """Title or text contains the phrase bound to ``param`` (any length: a scan, no index)."""
    return f"(instr(r.title, {param}) > 0 or instr(r.text, {param}) > 0)"


def fts_search(where: str, match: str, limit: str, columns: str = "r.*") -> str:
    """Reports matching the FTS5 expression ``match`` and ``where``, best first."""
    return (f"select {columns}, {BM25} as score from {FTS_JOIN} "
            f"where reports_fts match {match} and {where} order by score limit {limit}")


def scan_search(where: str, limit: str | None = None, columns: str = "r.*") -> str:
    """Reports matching ``where`` (``contains`` clauses), newest report year first."""
    return f"select {columns} from reports r where {where} order by {SCAN_ORDER}" + (f" limit {limit}" if limit else "")


def coverage(where: str) -> str:
    """Reports per province and report year."""
    return f"select province, year, count(*) as reports from reports where {where} group by province, year order by province, year"


def stats_long(where: str) -> str:
    """Every number of the matching reports' statistics in long (tidy) form, with the report's
    place and year and whether its tables passed the checks."""
    return ("select s.report_id, r.agency, r.province, r.city, r.county, r.year, s.source, s.format, "
            "s.table_key, s.row_key, s.column_key, s.value, s.raw, c.consistent "
            "from report_stats s join reports r on r.id = s.report_id left join report_checks c on c.report_id = s.report_id "
            f"where {where} order by r.province, r.year, s.report_id, s.position")


def sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def requests_per_province(where: str, received: str, answered: str) -> str:
    """Per province and year: reports with section 三, requests received (一、本年新收, 总计 column)
    and answered (三（七）总计); ``received`` and ``answered`` are the bound row keys."""
    return ("select r.province, r.year, count(distinct s.report_id) as reports, "
            f"sum(case when s.row_key = {received} then s.value end) as received, "
            f"sum(case when s.row_key = {answered} then s.value end) as answered "
            "from report_stats s join reports r on r.id = s.report_id "
            f"where s.source = 'table' and s.table_key = 'requests' and s.column_key = '总计' and {where} "
            "group by r.province, r.year order by r.province, r.year")


def canned_queries() -> dict[str, str]:
    """The SQL of the Datasette canned queries, by name (titles and descriptions are in
    ``crawler/datasette_metadata.json``)."""
    listed = "r.id, r.title, r.year, r.province, r.kind, r.agency"
    return {
        # A phrase of 3+ characters, as one FTS5 string (quotes doubled), like ``nianbao search``.
        "search": fts_search(f"r.{CANONICAL}", """'"' || replace(:query, '"', '""') || '"'""", "200",
                             f"{listed}, snippet(reports_fts, 1, '【', '】', '…', 24) as snippet, r.url"),
        "phrase": scan_search(f"r.{CANONICAL} and {contains(':phrase')}", columns=f"{listed}, r.url"),
        "coverage": coverage(CANONICAL),
        "requests": requests_per_province(f"r.{CANONICAL}", *(sql_string(key) for key in REQUEST_TOTALS)),
    }
