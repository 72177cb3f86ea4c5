"""``nianbao crawl`` and ``nianbao demo``."""

from __future__ import annotations

import sqlite3
import sys
import threading
from pathlib import Path

import click

from crawler.demo.sites import DEMO_PORT, PortTaken, running_demo_sites
from crawler.jobs import JobBusy
from crawler.progress import SiteProgress
from crawler.registry import RegistryError, load_sites
from crawler.run import exit_code, format_summary, project_settings, run_crawl
from store.lock import CorpusBusy

from .options import db_option, parse_settings, settings_option, sites_option


class CannotStart(click.ClickException):
    """The crawl did not start (bad registry, unknown site, a job in use): exit status 2, as for bad options."""

    exit_code = 2


# Localhost demo sites need no politeness delay.
DEMO_SETTINGS = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8}


def log_file(db_path: str, overrides: dict) -> Path | None:
    """Where Scrapy's log goes: ``<db folder>/logs/<db name>.log``, unless ``-s`` names
    ``LOG_LEVEL`` or ``LOG_FILE`` (then Scrapy logs as it always does, to the console by default)."""
    if {"LOG_LEVEL", "LOG_FILE"} & overrides.keys():
        return None
    path = Path(db_path).parent / "logs" / f"{Path(db_path).stem}.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def crawl_and_report(sites, db_path: str, overrides: dict) -> int:
    log = log_file(db_path, overrides)
    settings = project_settings({"NIANBAO_DB": db_path, "STATS_DUMP": False, **({"LOG_FILE": str(log)} if log else {}), **overrides})
    if log:
        click.echo(f"Scrapy's log: {log} (-s LOG_LEVEL=INFO shows it here)", err=True)
    progress = SiteProgress(sys.stderr, live=log is not None and sys.stderr.isatty(), every=settings.getfloat("NIANBAO_PROGRESS_SECONDS"))
    try:
        results = run_crawl(sites, settings, progress)
    except (ValueError, KeyError, JobBusy, CorpusBusy) as exc:
        raise CannotStart(str(exc)) from None
    except (sqlite3.Error, OSError) as exc:  # the corpus cannot be created, opened or migrated
        raise CannotStart(f"{db_path}: {exc}") from None
    click.echo(format_summary(results, db_path))
    if log:
        click.echo(f"log: {log}")
    return exit_code(results)


def registry_rows(sites_path: str, site_ids: tuple[str, ...] = ()) -> list:
    """The registry's rows (only ``site_ids`` when given); a bad registry or an unknown id stops the command."""
    try:
        sites = load_sites(sites_path)
    except RegistryError as exc:
        raise CannotStart(str(exc)) from None
    unknown = set(site_ids) - {s.site_id for s in sites}
    if unknown:
        raise CannotStart(f"not in {sites_path}: {', '.join(sorted(unknown))}")
    return [s for s in sites if s.site_id in site_ids] if site_ids else sites


@click.command()
@sites_option
@click.option("--site", "site_ids", multiple=True, metavar="ID", help="Crawl only this site (repeatable).")
@click.option("--refresh", is_flag=True, help="Fetch detail pages again even when their report is already stored.")
@click.option("--keep-files", is_flag=True, help="Keep downloaded attachments under files/ beside the corpus.")
@db_option
@settings_option
def crawl(sites_path, site_ids, refresh, keep_files, db_path, settings):
    """Crawl the registry's sites in one process into the corpus.

    Incremental: listing pages are always read, detail pages already stored are skipped
    (unless --refresh, or the listing shows a newer date). A crawl that was stopped or killed
    resumes when the same command runs again. Exit status 1 when a site failed entirely,
    2 when the crawl could not start.
    """
    sites = registry_rows(sites_path, site_ids)
    overrides = parse_settings(settings)
    if refresh:
        overrides["NIANBAO_REFRESH"] = True
    if keep_files:
        overrides["NIANBAO_KEEP_FILES"] = True
    sys.exit(crawl_and_report(sites, db_path, overrides))


@click.command()
@click.option("--port", type=click.IntRange(1, 65530), default=DEMO_PORT, show_default=True,
              help="Serve the demo sites from this port on (one port per site).")
@click.option("--serve", "serve_only", is_flag=True, help="Only serve the demo sites (for scrapy shell, parse, check), until Ctrl-C.")
@db_option
@settings_option
def demo(port, serve_only, db_path, settings):
    """Serve the bundled demo sites on 127.0.0.1 and crawl them into the corpus.

    The sites keep their ports (8601 and one more per site, or from --port on), so a second
    run crawls incrementally and stores nothing new.
    """
    try:
        with running_demo_sites(port) as sites:
            if serve_only:
                serve_until_stopped(sites)
                return
            click.echo(f"serving {len(sites)} demo site(s): " + ", ".join(s.start_url for s in sites), err=True)
            code = crawl_and_report(sites, db_path, {**DEMO_SETTINGS, **parse_settings(settings)})
    except PortTaken as exc:
        raise CannotStart(str(exc)) from None
    sys.exit(code)


def serve_until_stopped(sites) -> None:
    click.echo("demo sites on 127.0.0.1 (Ctrl-C stops):")
    for site in sites:
        click.echo(f"{site.site_id:<16} {site.template:<8} {site.start_url}")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
