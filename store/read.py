"""The read side of the corpus: read-only connections, so a running crawl may keep writing.

Incremental look-ups (``StoredReports``), and the queries behind ``nianbao search``, ``export``
and ``stats``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.record import REPORT_FIELDS

from . import queries
from .schema import DECISIONS, REPORTS, STATS, NotACorpus, check_corpus

# Trigram full-text search needs 3 characters; shorter terms fall back to a substring scan.
MIN_MATCH_CHARS = 3
# More terms than this make no sense and would build an SQL expression deeper than SQLite allows.
MAX_TERMS = 64
# A phrase in straight or Chinese double quotes, or a bare word.
TOKEN_RE = re.compile(r'"([^"]*)"|“([^”]*)”|(\S+)')
# Columns that hold JSON in SQLite and lists in exports.
JSON_COLUMNS = ("flags",)
EXPORT_COLUMNS = ("id", *REPORT_FIELDS, "attachments", "sources")
UNKNOWN_PROVINCE = "(unknown)"


class CorpusError(Exception):
    """The corpus cannot be read as asked; the message says why."""


def read_only(path: str | Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)


def stored_count(path: str | Path) -> int:
    """How many reports the corpus at ``path`` holds so far; 0 while it is not there yet (a
    crawl's progress, read beside its writer)."""
    try:
        con = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute(f"select count(*) from {REPORTS}").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def connect(path: str | Path) -> sqlite3.Connection:
    """Open an existing corpus read-only."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"no corpus at {path}: crawl first (nianbao crawl / nianbao demo) or pass --db")
    con = read_only(path)
    con.row_factory = sqlite3.Row
    try:
        check_corpus(con, path)
        if not con.execute("select 1 from sqlite_master where name = ?", [REPORTS]).fetchone():
            raise CorpusError(f"{path} is not a nianbao corpus (no reports table)")
    except NotACorpus as exc:
        raise CorpusError(str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise CorpusError(f"{path} is not a SQLite database ({exc})") from None
    return con


def stored_reports(settings):
    """What the corpus holds, as the crawl sees it: class ``NIANBAO_STORED_REPORTS`` made from the settings."""
    from scrapy.utils.misc import load_object

    return load_object(settings.get("NIANBAO_STORED_REPORTS")).from_settings(settings)


class StoredReports:
    """What the corpus already holds, by report URL (for incremental crawls); opened on first use."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.connection = None

    @classmethod
    def from_settings(cls, settings):
        return cls(settings.get("NIANBAO_DB"))

    def row(self, sql: str, args: list) -> sqlite3.Row | None:
        if self.connection is None:
            if not self.path.exists():
                return None
            self.connection = read_only(self.path)
            self.connection.row_factory = sqlite3.Row
        try:
            return self.connection.execute(sql, args).fetchone()
        except sqlite3.OperationalError:  # a corpus created before any report was stored
            return None

    def dates(self, url: str) -> tuple[str | None, str] | None:
        """(published, fetched_at) of the stored report at ``url``; None when it is not stored."""
        row = self.row("select published, fetched_at from reports where url = ?", [url])
        return tuple(row) if row else None

    def decision(self, url: str) -> dict | None:
        """Why the detail page at ``url`` was not stored (reason, detail, etag, last_modified, decided_at), None when it was not judged."""
        row = self.row(f"select reason, detail, etag, last_modified, decided_at from {DECISIONS} where url = ?", [url])
        return dict(row) if row else None

    def attachment(self, url: str) -> dict | None:
        """What the corpus recorded of the file at ``url`` (its last reading), None when it has not read it."""
        row = self.row("select url, name, outcome, detail, format, content_type, size, sha256, pages, ocr_pages, text, "
                       "fetched_at, path from attachments where url = ? and outcome is not null order by fetched_at desc limit 1", [url])
        return dict(row) if row else None

    def close(self):
        if self.connection is not None:
            self.connection.close()


@dataclass
class Filters:
    """Which reports a command looks at; by default the canonical copy of every report."""

    years: tuple[int, ...] = ()
    provinces: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    include_duplicates: bool = False
    cities: tuple[str, ...] = ()

    def where(self, alias: str = "reports") -> tuple[str, list]:
        clauses, params = [], []
        for column, values in (("year", self.years), ("kind", self.kinds)):
            if values:
                clauses.append(f"{alias}.{column} in ({', '.join('?' * len(values))})")
                params.extend(values)
        # A place as people write it: 安徽 is 安徽省, 临江 is 临江市 (the name as stored begins with it).
        for column, values in (("province", self.provinces), ("city", self.cities)):
            if values:
                clauses.append("(" + " or ".join(f"substr({alias}.{column}, 1, length(?)) = ?" for _ in values) + ")")
                params.extend(value for name in values for value in (name, name))
        if not self.include_duplicates:
            clauses.append(f"{alias}.{queries.CANONICAL}")
        return (" and ".join(clauses) or "1"), params


# -- search -----------------------------------------------------------------------------


@dataclass
class Hit:
    id: str
    title: str | None
    year: int | None
    province: str | None
    kind: str | None
    url: str
    snippet: str
    score: float | None = None


@dataclass
class Query:
    """What a search asks: every group must match (a group matches when any of its terms occurs),
    and no excluded term may occur. Terms match as substrings of the title or the text."""

    groups: list[list[str]]
    excluded: list[str]

    @property
    def terms(self) -> list[str]:
        return [term for group in self.groups for term in group]


def parse_query(query: str, excluded: tuple[str, ...] = ()) -> Query:
    """``财政局 "依申请 公开" 复议 OR 诉讼 NOT 撤销 -赔偿``: terms separated by spaces must all occur;
    a quoted phrase is one term, spaces included; ``OR`` between terms makes either do; ``NOT`` or
    a leading ``-`` excludes the next term."""
    groups: list[list[str]] = []
    excluded_terms = list(excluded)
    joining = negating = False
    for match in TOKEN_RE.finditer(query):
        quoted = match.group(1) if match.group(1) is not None else match.group(2)
        word = match.group(3)
        if quoted is None and word in ("OR", "|"):
            joining = bool(groups)
            continue
        if quoted is None and word == "NOT":
            negating = True
            continue
        if quoted is None and word.startswith("-") and len(word) > 1:
            negating, word = True, word[1:]
        term = (quoted if quoted is not None else word).strip()
        if not term:
            continue
        if negating:
            excluded_terms.append(term)
        elif joining:
            groups[-1].append(term)
        else:
            groups.append([term])
        joining = negating = False
    if not groups:
        raise CorpusError("empty search query (give at least one term that must occur)")
    if len([t for g in groups for t in g]) + len(excluded_terms) > MAX_TERMS:
        raise CorpusError(f"too many search terms (at most {MAX_TERMS})")
    return Query(groups, excluded_terms)


def fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def snippet(text: str, terms: list[str], width: int = 40, mark: tuple[str, str] = ("【", "】")) -> str:
    """About ``width`` characters either side of the first term found, terms marked."""
    text = re.sub(r"\s+", " ", text or "")
    positions = [text.find(term) for term in terms if term in text]
    if not positions:
        return text[: 2 * width] + ("…" if len(text) > 2 * width else "")
    start = max(0, min(positions) - width)
    end = min(len(text), min(positions) + 2 * width)
    piece = text[start:end]
    for term in sorted(terms, key=len, reverse=True):
        piece = piece.replace(term, f"{mark[0]}{term}{mark[1]}")
    return ("…" if start else "") + piece + ("…" if end < len(text) else "")


@dataclass
class Results:
    hits: list[Hit]
    total: int  # reports matching, of which ``hits`` are the best


def search(con: sqlite3.Connection, query: str, filters: Filters, limit: int = 20, excluded: tuple[str, ...] = ()) -> Results:
    """Reports matching ``query`` (``parse_query``), best first (BM25 with title hits weighing
    more), and how many match in all. Groups whose terms all have 3+ characters use the
    full-text index; the others and the excluded terms are matched by scanning."""
    parsed = parse_query(query, excluded)
    indexed = [group for group in parsed.groups if all(len(t) >= MIN_MATCH_CHARS for t in group)]
    where, params = filters.where("r")
    clauses = [where]
    for group in parsed.groups:
        if group not in indexed:
            clauses.append("(" + " or ".join(queries.contains("?") for _ in group) + ")")
            params += [value for term in group for value in (term, term)]
    for term in parsed.excluded:
        clauses.append(f"not {queries.contains('?')}")
        params += [term, term]
    condition = " and ".join(clauses)
    if indexed:
        match = " AND ".join("(" + " OR ".join(fts_phrase(t) for t in group) + ")" for group in indexed)
        sql = queries.fts_search(condition, "?", "?")
        count_sql = f"select count(*) from ({queries.fts_search(condition, '?', '-1', columns='r.id')})"
        params = [match, *params]
    else:
        sql = queries.scan_search(condition, "?", "r.*, null as score")
        count_sql = f"select count(*) from ({queries.scan_search(condition, columns='r.id')})"
    total = con.execute(count_sql, params).fetchone()[0]
    hits = [Hit(row["id"], row["title"], row["year"], row["province"], row["kind"], row["url"],
                snippet(row["text"], parsed.terms), row["score"]) for row in con.execute(sql, [*params, limit])]
    return Results(hits, total)


def scan(con: sqlite3.Connection, phrase: str) -> list[str]:
    """Ids of every report whose title or text contains ``phrase``, by reading every text (no index)."""
    return [row[0] for row in con.execute(queries.scan_search(queries.contains("?"), columns="r.id"), [phrase, phrase])]


# -- export -----------------------------------------------------------------------------


def count_reports(con: sqlite3.Connection, filters: Filters) -> int:
    where, params = filters.where()
    return con.execute(f"select count(*) from reports where {where}", params).fetchone()[0]


def iter_reports(con: sqlite3.Connection, filters: Filters):
    """Every matching report as a dict: all stored fields, JSON decoded, plus its attachments and source URLs."""
    where, params = filters.where()
    sql = ("select reports.*, "
           "(select json_group_array(json_object('url', url, 'name', name, 'format', format, 'outcome', outcome)) from "
           " (select url, name, format, outcome from attachments a where a.report_id = reports.id order by a.rowid)) as attachments, "
           "(select json_group_array(url) from "
           " (select s.url, s.url = reports.url as own from report_sources s where s.report_id = reports.id order by own desc, s.fetched_at, s.url)) as sources "
           f"from reports where {where} order by province, year, site_id, url")
    for row in con.execute(sql, params):
        record = {name: row[name] for name in EXPORT_COLUMNS}
        for name in (*JSON_COLUMNS, "attachments", "sources"):
            record[name] = json.loads(record[name]) if record[name] else []
        yield record


# -- statistics tables ------------------------------------------------------------------

STATS_EXPORT_COLUMNS = ("report_id", "agency", "province", "city", "county", "year", "source", "format",
                        "table_key", "row_key", "column_key", "value", "raw", "consistent")


def require_stats(con: sqlite3.Connection) -> None:
    """A corpus written before the statistics tables existed has none until it is opened for writing."""
    if not con.execute("select 1 from sqlite_master where name = ?", [STATS]).fetchone():
        raise CorpusError("this corpus has no statistics tables yet: run nianbao stats --rebuild-tables first")


def count_stats(con: sqlite3.Connection, filters: Filters) -> int:
    require_stats(con)
    where, params = filters.where("r")
    return con.execute(f"select count(*) from report_stats s join reports r on r.id = s.report_id where {where}", params).fetchone()[0]


def iter_stats(con: sqlite3.Connection, filters: Filters):
    """Every number of the matching reports' statistics, one dict per number (long form)."""
    where, params = filters.where("r")
    for row in con.execute(queries.stats_long(where), params):
        record = {name: row[name] for name in STATS_EXPORT_COLUMNS}
        record["consistent"] = None if record["consistent"] is None else bool(record["consistent"])
        yield record


def requests_per_province(con: sqlite3.Connection, filters: Filters) -> list[dict]:
    """Requests received and answered per province and year, from the reports' section 三."""
    require_stats(con)
    where, params = filters.where("r")
    sql = queries.requests_per_province(where, "?", "?")
    return [dict(row, province=row["province"] or UNKNOWN_PROVINCE)
            for row in con.execute(sql, [*queries.REQUEST_TOTALS, *params])]


# -- stats ------------------------------------------------------------------------------


@dataclass
class Coverage:
    """Report counts per (province, year), with the row and column labels in order."""

    counts: dict[tuple[str, int], int] = field(default_factory=dict)
    provinces: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)


def coverage(con: sqlite3.Connection, filters: Filters) -> Coverage:
    where, params = filters.where()
    result = Coverage()
    for province, year, count in con.execute(queries.coverage(f"{where} and year is not null"), params):
        key = (province or UNKNOWN_PROVINCE, year)
        result.counts[key] = result.counts.get(key, 0) + count
    result.provinces = sorted({p for p, _ in result.counts})
    result.years = sorted({y for _, y in result.counts})
    return result


def site_summary(con: sqlite3.Connection, filters: Filters) -> list[dict]:
    """Per registry site: reports stored, last run and its status, last successful run."""
    where, params = filters.where("r")
    sql = f"""
        with ids as (select site_id from sites union select site_id from reports union select site_id from crawl_runs),
        counts as (select r.site_id, count(*) as reports, min(r.year) as first_year, max(r.year) as last_year
                   from reports r where {where} group by r.site_id)
        select ids.site_id, s.name, s.province, coalesce(c.reports, 0) as reports, c.first_year, c.last_year,
               (select max(finished_at) from crawl_runs k where k.site_id = ids.site_id) as last_run,
               (select status from crawl_runs k where k.site_id = ids.site_id order by finished_at desc limit 1) as last_status,
               (select max(finished_at) from crawl_runs k where k.site_id = ids.site_id and k.status in ('ok', 'partial')) as last_success
        from ids left join sites s on s.site_id = ids.site_id left join counts c on c.site_id = ids.site_id
        order by s.province, ids.site_id"""
    return [dict(row) for row in con.execute(sql, params)]
