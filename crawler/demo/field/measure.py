"""Measuring a crawl of the field web: registries, ``nianbao crawl`` / ``nianbao sniff`` runs as a
user runs them (a fresh process each), and per-site scores read back from the corpus."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from w3lib.url import canonicalize_url

from crawler.registry import Site, write_sites
from store.read import CorpusError, Filters, connect, iter_reports

from .host import Manifest

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "LOG_LEVEL=WARNING"]


def norm(url: str) -> str:
    """URLs compared without fragment, query arguments sorted."""
    return canonicalize_url(url or "", keep_fragments=False)


def registry_rows(manifests: list[Manifest], mode: str) -> list[Site]:
    """One registry row per site: ``root`` (template=auto, the site root) or ``column`` (the
    column URL with the family's template, as a user who knows the column would write it)."""
    rows = []
    for m in manifests:
        start, template = (m.root, "auto") if mode == "root" else (m.column, m.template)
        rows.append(Site(site_id=m.site_id, name=m.name, start_url=start, template=template, province=m.province or None,
                         city=m.city or None, county=m.county or None, level=m.level or None,
                         options=dict(m.options) if mode == "column" else {}))
    return rows


def run_cli(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ})


@dataclass
class CrawlRun:
    mode: str
    db: Path
    seconds: float
    returncode: int
    stderr: str
    stdout: str
    rows: dict = field(default_factory=dict)  # site_id -> list of row dicts


def crawl(manifests: list[Manifest], mode: str, folder: Path, timeout: int = 600) -> CrawlRun:
    folder.mkdir(parents=True, exist_ok=True)
    registry, db = folder / f"sites-{mode}.csv", folder / f"corpus-{mode}.db"
    for stale in folder.glob(f"corpus-{mode}.db*"):
        stale.unlink()
    write_sites(registry, registry_rows(manifests, mode))
    began = time.monotonic()
    try:
        result = run_cli("crawl", "--sites", str(registry), "--db", str(db), *FAST, timeout=timeout)
        code, out, err = result.returncode, result.stdout, result.stderr
    except subprocess.TimeoutExpired as exc:
        code, out, err = -1, str(exc.stdout or ""), f"timed out after {timeout}s"
    run = CrawlRun(mode, db, time.monotonic() - began, code, err, out)
    run.rows = read_corpus(db)
    return run


def read_corpus(db: Path) -> dict[str, list[dict]]:
    """Every stored report of the corpus (duplicates included), by site."""
    rows: dict[str, list[dict]] = {}
    if not Path(db).exists():
        return rows
    try:
        con = connect(db)
    except CorpusError:
        return rows
    fields = ("url", "kind", "title", "agency", "year", "site_id", "dup_of")
    for report in iter_reports(con, Filters(include_duplicates=True)):
        rows.setdefault(report["site_id"], []).append({name: report.get(name) for name in fields})
    con.close()
    return rows


@dataclass
class SniffResult:
    site_id: str
    family: str | None
    listing: str | None
    returncode: int
    output: str
    seconds: float

    def column_hit(self, m: Manifest) -> bool:
        if not self.listing:
            return False
        targets = {canonicalize_url(u, keep_fragments=True) for u in [m.column, *m.column_aliases]}
        return canonicalize_url(self.listing, keep_fragments=True) in targets

    def family_hit(self, m: Manifest) -> bool:
        return self.family == m.template


def sniff_all(manifests: list[Manifest], timeout: int = 600) -> dict[str, SniffResult]:
    """``nianbao sniff ROOT …`` for every site, in one process."""
    began = time.monotonic()
    try:
        result = run_cli("sniff", *(m.root for m in manifests), *FAST, timeout=timeout)
        out = result.stdout
        code = result.returncode
        err = result.stderr
    except subprocess.TimeoutExpired:
        out, code, err = "", -1, f"timed out after {timeout}s"
    seconds = time.monotonic() - began
    blocks = {}
    for block in out.split("url:")[1:]:
        url, _, rest = block.strip().partition("\n")
        blocks[url.strip()] = rest
    results = {}
    for m in manifests:
        text = blocks.get(m.root, "")
        family = re.search(r"^family:\s*(\S+)", text, re.M)
        listing = re.search(r"^listing:\s*(\S+)", text, re.M)
        results[m.site_id] = SniffResult(m.site_id, family and family.group(1), listing and listing.group(1), code, text + err, seconds)
    return results


@dataclass
class Score:
    site_id: str
    listed: int
    annual: int
    stored: int
    annual_stored: int
    items_stored: int
    junk: list[str]  # stored URLs that are not items of the column
    junk_annual: list[str]  # of those, stored with kind=annual
    missing_annual: list[str]
    wrong_kind: list[tuple[str, str, str]]  # (url, truth, stored) for column items
    wrong_repost_agency: list[tuple[str, str, str]]  # (url, truth, stored)

    @property
    def recall_annual(self) -> float:
        return self.annual_stored / self.annual if self.annual else 1.0

    @property
    def recall_all(self) -> float:
        return self.items_stored / self.listed if self.listed else 1.0

    @property
    def precision(self) -> float:
        return self.items_stored / self.stored if self.stored else (1.0 if not self.listed else 0.0)


def score(m: Manifest, rows: list[dict]) -> Score:
    items = {norm(i.url): i for i in m.items}
    stored = {}
    for row in rows:
        stored.setdefault(norm(row["url"]), row)
    annual = {u for u, i in items.items() if i.kind == "annual"}
    junk = sorted(u for u in stored if u not in items)
    junk_annual = sorted(u for u in junk if stored[u]["kind"] == "annual")
    wrong_kind, wrong_agency = [], []
    for u, row in stored.items():
        item = items.get(u)
        if item is None:
            continue
        truth = item.kind
        if (truth == "annual") != (row["kind"] == "annual"):
            wrong_kind.append((u, truth, row["kind"]))
        if item.repost and row["agency"] != item.agency:
            wrong_agency.append((u, item.agency, row["agency"]))
    return Score(m.site_id, len(items), len(annual), len(stored), len(annual & stored.keys()), len(items.keys() & stored.keys()),
                 junk, junk_annual, sorted(annual - stored.keys()), wrong_kind, wrong_agency)
