"""Run the registry's sites in one Scrapy process and summarise what happened per site."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from crawler import jobs
from crawler.registry import Site
from pipelines import stats as keys
from store.pipeline import open_corpus


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def project_settings(overrides: dict | None = None) -> Settings:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


@dataclass
class SiteResult:
    """What one site's crawl did. ``stored`` = ``new`` + ``updated`` + unchanged rows re-fetched."""

    site_id: str
    template: str
    listing_pages: int
    stored: int
    new: int
    updated: int
    unchanged: int
    skipped: int
    non_reports: int
    invalid: int
    failed: int
    blocked: int
    http_errors: int
    errors: int
    finish_reason: str
    rows: int = 0  # listing rows seen (the coverage audit, crawler.audit)
    report_like: int = 0  # links on listing pages whose title reads like a report's
    followed: int = 0  # detail pages asked for
    suspects: int = 0  # report-like links neither stored nor already in the corpus
    blocked_reason: str | None = None
    # Pages lost to a bound (crawler.bounds, the base spider's caps); any makes the run ``partial``.
    size_capped: int = 0  # bodies over DOWNLOAD_MAXSIZE (as sent or decompressed)
    timed_out: int = 0  # pages still timing out after the retries
    listing_capped: int = 0  # listing pages refused by NIANBAO_MAX_LISTING_PAGES
    detail_capped: int = 0  # detail links refused by NIANBAO_MAX_DETAIL_PAGES
    redirects_refused: int = 0  # pages redirecting to another host, to file: or data:
    remembered: int = 0  # detail pages left alone (not asked, or answered 304) for a decision of an earlier run
    remembered_reasons: str | None = None  # the same by reason: "junk 2, size cap 1"
    files_read: int = 0  # attachments read (outcome ok), downloaded or reused from the corpus
    files_failed: str | None = None  # attachments that gave nothing, by outcome: "corrupt 1, too-large 2"
    text_from_files: int = 0  # reports whose text is their attachment's

    @property
    def failed_entirely(self) -> bool:
        """Nothing could be read: no listing page and no report (unreachable, blocked at once, wrong URL).

        A run resumed from Scrapy's saved queue may read only detail pages; that is no failure.
        """
        return self.listing_pages == 0 and self.stored == 0

    @property
    def lost(self) -> dict[str, int]:
        """Pages lost, by cause (the causes that occurred). Pages the validate stage rejected as
        junk are no loss; the summary lists them beside."""
        causes = {"size cap": self.size_capped, "timeout": self.timed_out, "listing cap": self.listing_capped,
                  "detail cap": self.detail_capped, "redirect refused": self.redirects_refused,
                  "failed": self.failed, "blocked": self.blocked}
        return {cause: count for cause, count in causes.items() if count}

    @property
    def pages_lost(self) -> int:
        return sum(self.lost.values())

    @property
    def status(self) -> str:
        if self.blocked:
            return "blocked"
        if self.failed_entirely:
            return "failed"
        return "ok" if not (self.errors or self.http_errors or self.lost) else "partial"

    @classmethod
    def from_stats(cls, site: Site, template: str, stats: dict) -> "SiteResult":
        http_errors = sum(v for k, v in stats.items() if k.startswith("downloader/response_status_count/") and k[-3] in "45")
        return cls(
            site_id=site.site_id,
            template=template,
            listing_pages=stats.get(keys.LISTING_PAGES, 0),
            stored=stats.get(keys.REPORTS_STORED, 0),
            new=stats.get(keys.reports_outcome("new"), 0),
            updated=stats.get(keys.reports_outcome("updated"), 0),
            unchanged=stats.get(keys.reports_outcome("unchanged"), 0) + stats.get(keys.DETAILS_NOT_MODIFIED, 0),
            skipped=stats.get(keys.DETAILS_SKIPPED, 0),
            non_reports=stats.get(keys.stored_kind("other"), 0),
            invalid=stats.get(keys.INVALID_REPORTS, 0),
            failed=stats.get(keys.DETAILS_FAILED, 0),
            blocked=stats.get(keys.BLOCKED, 0),
            http_errors=http_errors,
            errors=stats.get("log_count/ERROR", 0),
            finish_reason=str(stats.get("finish_reason", "not started")),
            rows=stats.get(keys.LISTING_ROWS, 0),
            report_like=stats.get(keys.REPORT_LIKE_LINKS, 0),
            followed=stats.get(keys.DETAILS_FOLLOWED, 0),
            suspects=stats.get(keys.SUSPECTS, 0),
            blocked_reason=stats.get(keys.BLOCKED_REASON),
            size_capped=stats.get(keys.PAGES_OVER_SIZE, 0),
            timed_out=stats.get(keys.PAGES_TIMED_OUT, 0),
            listing_capped=stats.get(keys.LISTING_PAGES_CAPPED, 0),
            detail_capped=stats.get(keys.DETAILS_CAPPED, 0),
            redirects_refused=stats.get(keys.PAGES_REDIRECT_REFUSED, 0),
            remembered=sum(count for key, count in stats.items() if key.startswith(keys.REMEMBERED)),
            remembered_reasons=", ".join(f"{key[len(keys.REMEMBERED):]} {count}" for key, count in sorted(stats.items())
                                         if key.startswith(keys.REMEMBERED)) or None,
            files_read=stats.get(keys.attachment_outcome("ok"), 0),
            files_failed=", ".join(f"{key.rsplit('/', 1)[-1]} {count}" for key, count in sorted(stats.items())
                                   if key.startswith(keys.attachment_outcome("")) and not key.endswith("/ok")) or None,
            text_from_files=stats.get(keys.TEXT_FROM_ATTACHMENT, 0),
        )


def run_crawl(sites: list[Site], settings: Settings, progress=None) -> list[SiteResult]:
    """Crawl every site concurrently (one crawler per site) and return one result per site.

    Each crawler gets its own JOBDIR (crawler.jobs), so a stopped crawl resumes when the
    same command runs again. Each site's outcome goes to ``crawl_runs`` (crawler.extensions; a
    resumed site keeps the run id of the run it finishes). The crawlers share one ``Corpus``
    (store.write), so copies on two sites crawled together find each other. ``progress``
    (``crawler.progress.SiteProgress``) watches every crawler.
    """
    started = utc_now()
    root = jobs.jobs_root(settings.get("NIANBAO_DB"), settings.get("JOBDIR"))
    corpus = open_corpus(settings)  # first: a corpus another crawl writes is refused before any job folder is made
    try:
        claims = [jobs.claim(root / site.site_id) for site in sites]  # before any job starts, so a refused run leaves no trace
    except BaseException:
        corpus.close()
        raise
    process = CrawlerProcess(settings)
    crawlers = []
    for site, claimed in zip(sites, claims):
        template = site.template  # the family's spider; ``auto`` discovers the column and sniffs the family
        job = jobs.begin(root / site.site_id, started, claimed)
        crawler = process.create_crawler(template)
        crawler.nianbao_corpus = corpus  # store.pipeline.corpus_of
        crawler.settings.set("JOBDIR", str(job.folder), priority="cmdline")
        crawler.settings.set("NIANBAO_RUN_ID", job.run_id, priority="cmdline")
        crawler.settings.set("NIANBAO_RUN_RESUMED", job.resumed, priority="cmdline")
        if progress is not None:
            progress.watch(site, template, crawler)
        process.crawl(crawler, site=site)
        crawlers.append((site, template, crawler, job))
    try:
        process.start()
    finally:
        corpus.close()
    results = []
    for site, template, crawler, job in crawlers:
        result = SiteResult.from_stats(site, template, crawler.stats.get_stats())
        job.finish(result.finish_reason)
        results.append(result)
    return results


SUMMARY_COLUMNS = (  # heading, SiteResult attribute
    ("listing", "listing_pages"), ("rows", "rows"), ("rep-like", "report_like"), ("followed", "followed"), ("new", "new"), ("updated", "updated"), ("unchanged", "unchanged"), ("skipped", "skipped"), ("remembered", "remembered"),
    ("non-rep", "non_reports"), ("invalid", "invalid"), ("failed", "failed"), ("blocked", "blocked"), ("http err", "http_errors"),
    ("errors", "errors"), ("lost", "pages_lost"), ("suspects", "suspects"),
)


def format_summary(results: list[SiteResult], db_path: str) -> str:
    """The per-site table printed at the end of ``nianbao crawl``.

    rows = listing rows seen; rep-like = links on listing pages that read like a report's
    title; followed = detail pages asked for; skipped = detail pages already stored and not
    fetched again; remembered = detail pages judged before (not a report, junk, too large) and
    not fetched again, or answered 304; non-rep = stored items that are not annual reports (kind ``other``);
    failed = detail pages that errored after retries; blocked = anti-bot pages met;
    suspects = report-like links neither stored nor in the corpus (logged with their URLs).
    """
    header = f"{'site':<28} {'template':<8} {'status':<8} " + " ".join(f"{heading:>{len(heading)}}" for heading, _ in SUMMARY_COLUMNS)
    lines = ["", "nianbao crawl summary", header, "-" * len(header)]
    for r in results:
        cells = " ".join(f"{getattr(r, name):>{len(heading)}}" for heading, name in SUMMARY_COLUMNS)
        lines.append(f"{r.site_id:<28} {r.template:<8} {r.status:<8} {cells}")
    for r in results:
        if r.blocked_reason:
            lines.append(f"{r.site_id}: blocked by an anti-bot answer: {r.blocked_reason}")
        if r.lost:
            lines.append(f"{r.site_id}: pages lost: " + ", ".join(f"{count} {cause}" for cause, count in r.lost.items())
                         + (f" ({r.invalid} junk page(s) rejected besides)" if r.invalid else ""))
        if r.remembered:
            lines.append(f"{r.site_id}: {r.remembered} detail page(s) judged before and not fetched again: {r.remembered_reasons}"
                         " (--refresh asks for them again)")
        if r.files_read or r.files_failed:
            lines.append(f"{r.site_id}: {r.files_read} attachment(s) read, {r.text_from_files} report text(s) from attachments"
                         + (f"; gave nothing: {r.files_failed} (see the log: \"attachment\")" if r.files_failed else ""))
        if r.suspects:
            lines.append(f"{r.site_id}: {r.suspects} report-like link(s) not stored (see the log: \"report-like link not stored\")")
    total = sum(r.stored for r in results)
    failed = sum(1 for r in results if r.failed_entirely)
    lines.append(f"{len(results)} site(s), {total} report(s) stored in {db_path}, {failed} site(s) failed")
    return "\n".join(lines)


def exit_code(results: list[SiteResult]) -> int:
    """1 when any site failed entirely (cron and CI notice), else 0."""
    return 1 if any(r.failed_entirely for r in results) else 0
