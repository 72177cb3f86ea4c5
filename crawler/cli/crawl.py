"""``nianbao crawl`` and ``nianbao demo``."""

from __future__ import annotations

import sqlite3
import sys

import click

from crawler.registry import RegistryError, load_sites
from crawler.jobs import JobBusy
from store.lock import CorpusBusy
from crawler.run import exit_code, format_summary, project_settings, run_crawl

from .options import db_option, parse_settings, settings_option

class CannotStart(click.ClickException):
    """The crawl did not start (bad registry, unknown site, a job in use): exit status 2, as for bad options."""

    exit_code = 2


# Localhost demo sites need no politeness delay.
DEMO_SETTINGS = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8}


def crawl_and_report(sites, db_path: str, overrides: dict) -> int:
    settings = project_settings({"NIANBAO_DB": db_path, "STATS_DUMP": False, **overrides})
    try:
        results = run_crawl(sites, settings)
    except (ValueError, KeyError, JobBusy, CorpusBusy) as exc:
        raise CannotStart(str(exc)) from None
    except (sqlite3.Error, OSError) as exc:  # the corpus cannot be created, opened or migrated
        raise CannotStart(f"{db_path}: {exc}") from None
    click.echo(format_summary(results, db_path))
    return exit_code(results)


@click.command()
@click.option("--sites", "sites_path", type=click.Path(exists=True, dir_okay=False), default="seeds/sites.csv", show_default=True,
              help="Site registry CSV.")
@click.option("--site", "site_ids", multiple=True, metavar="ID", help="Crawl only this site (repeatable).")
@click.option("--refresh", is_flag=True, help="Fetch detail pages again even when their report is already stored.")
@db_option
@settings_option
def crawl(sites_path, site_ids, refresh, db_path, settings):
    """Crawl the registry's sites in one process into the corpus.

    Incremental: listing pages are always read, detail pages already stored are skipped
    (unless --refresh, or the listing shows a newer date). A crawl that was stopped or killed
    resumes when the same command runs again. Exit status 1 when a site failed entirely,
    2 when the crawl could not start.
    """
    try:
        sites = load_sites(sites_path)
    except RegistryError as exc:
        raise CannotStart(str(exc)) from None
    if site_ids:
        unknown = set(site_ids) - {s.site_id for s in sites}
        if unknown:
            raise CannotStart(f"not in {sites_path}: {', '.join(sorted(unknown))}")
        sites = [s for s in sites if s.site_id in site_ids]
    overrides = parse_settings(settings)
    if refresh:
        overrides["NIANBAO_REFRESH"] = True
    sys.exit(crawl_and_report(sites, db_path, overrides))


@click.command()
@db_option
@settings_option
def demo(db_path, settings):
    """Serve the bundled demo sites on 127.0.0.1 and crawl them into the corpus."""
    from crawler.demo.sites import running_demo_sites

    with running_demo_sites() as sites:
        click.echo(f"serving {len(sites)} demo site(s): " + ", ".join(s.start_url for s in sites))
        code = crawl_and_report(sites, db_path, {**DEMO_SETTINGS, **parse_settings(settings)})
    sys.exit(code)


COMMANDS = (crawl, demo)
