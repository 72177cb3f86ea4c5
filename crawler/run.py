"""Run the registry's sites in one Scrapy process and summarise what happened per site."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from crawler.registry import Site
from pipelines.storage import open_corpus, save_runs, save_sites


def project_settings(overrides: dict | None = None) -> Settings:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


@dataclass
class SiteResult:
    site_id: str
    template: str
    listing_pages: int
    stored: int
    invalid: int
    http_errors: int
    errors: int
    finish_reason: str

    @property
    def status(self) -> str:
        if self.listing_pages == 0:
            return "failed"
        return "ok" if not (self.errors or self.http_errors) else "partial"

    @classmethod
    def from_stats(cls, site: Site, template: str, stats: dict) -> "SiteResult":
        http_errors = sum(v for k, v in stats.items() if k.startswith("downloader/response_status_count/") and k[-3] in "45")
        return cls(
            site_id=site.site_id,
            template=template,
            listing_pages=stats.get("nianbao/listing_pages", 0),
            stored=stats.get("nianbao/reports_stored", 0),
            invalid=stats.get("nianbao/invalid_reports", 0),
            http_errors=http_errors,
            errors=stats.get("log_count/ERROR", 0),
            finish_reason=str(stats.get("finish_reason", "not started")),
        )


def spider_name_for(site: Site) -> str:
    """The spider of the site's family; ``auto`` discovers the column and sniffs the family while crawling."""
    return site.template


def run_crawl(sites: list[Site], settings: Settings) -> list[SiteResult]:
    """Crawl every site concurrently (one crawler per site) and return one result per site.

    The registry rows go to table ``sites`` and each site's outcome to ``crawl_runs``.
    """
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    process = CrawlerProcess(settings, install_root_handler=True)
    crawlers = []
    for site in sites:
        template = spider_name_for(site)
        crawler = process.create_crawler(template)
        process.crawl(crawler, site=site)
        crawlers.append((site, template, crawler))
    process.start()
    results = [SiteResult.from_stats(site, template, crawler.stats.get_stats()) for site, template, crawler in crawlers]
    finished = datetime.now(timezone.utc).isoformat(timespec="seconds")
    db = open_corpus(settings.get("NIANBAO_DB"))
    save_sites(db, sites)
    save_runs(db, [{"run_id": started, "started_at": started, "finished_at": finished, "status": r.status, **asdict(r)} for r in results])
    db.close()
    return results


def format_summary(results: list[SiteResult], db_path: str) -> str:
    header = f"{'site':<28} {'template':<8} {'status':<8} {'listing':>7} {'stored':>6} {'invalid':>7} {'http err':>8} {'errors':>6}"
    lines = ["", "nianbao crawl summary", header, "-" * len(header)]
    for r in results:
        lines.append(f"{r.site_id:<28} {r.template:<8} {r.status:<8} {r.listing_pages:>7} {r.stored:>6} {r.invalid:>7} {r.http_errors:>8} {r.errors:>6}")
    total = sum(r.stored for r in results)
    failed = sum(1 for r in results if r.status == "failed")
    lines.append(f"{len(results)} site(s), {total} report(s) stored in {db_path}, {failed} site(s) failed")
    return "\n".join(lines)
