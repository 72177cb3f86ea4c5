"""``nianbao registry verify|add|list``: keep the site registry true."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import replace
from datetime import datetime, timezone

import click

from crawler.registry import AUTO, RegistryError, Site, check_addition, site_id_for, update_sites

from .crawl import CannotStart, registry_rows
from .options import parse_settings, settings_option, sites_option
from .sniff import sniff_sites


def verify_sites(sites: list[Site], overrides: dict) -> list:
    """One ``crawler.verify.Check`` per site, all checked in one Scrapy process."""
    from crawler.verify import VerifySpider, check_of

    return [check_of(spider) for spider in sniff_sites(sites, overrides, VerifySpider)]


def today() -> str:
    return datetime.now(timezone.utc).date().isoformat()


CHECK_HEADINGS = ("site", "outcome", "family", "pages", "rows", "rep-like")


def format_checks(checks: list) -> str:
    """One line per row (the column URL, or why the check failed), its evidence, and the totals."""
    widths = (max([len(c.site_id) for c in checks] + [4]), 11, 8, 5, 5, 8)
    lines = ["  ".join(f"{h:<{w}}" for h, w in zip(CHECK_HEADINGS, widths)) + "  column / why"]
    for c in checks:
        cells = (c.site_id, c.outcome, c.family or "-", c.pages, c.rows, c.report_like)
        lines.append("  ".join(f"{v:<{w}}" for v, w in zip(cells, widths)) + "  " + (c.column_url if c.ok else c.detail))
        if c.evidence:
            lines.append(" " * (widths[0] + 2) + "evidence: " + "; ".join(c.evidence))
    counts = Counter(c.outcome for c in checks)
    lines.append(f"{len(checks)} row(s): " + ", ".join(f"{counts[o]} {o}" for o in ("ok", "moved", "no-column", "unreachable", "blocked") if counts[o]))
    return "\n".join(lines)


@click.group()
def registry():
    """Keep the site registry (seeds/sites.csv) true: check its rows, add sites, see its state."""


@registry.command()
@sites_option
@click.option("--site", "site_ids", multiple=True, metavar="ID", help="Check only this row (repeatable).")
@click.option("--write", is_flag=True, help="Record the results in the registry (column_url, family, verified, checked, outcome).")
@settings_option
def verify(sites_path, site_ids, write, settings):
    """Check each row from its start URL (the site root): fetch it politely, find the
    annual-report column and its family as ``nianbao sniff`` does, and say per row ok, moved
    (the root redirects to another host), no-column, unreachable or blocked.

    With --write, a row found ok gets its column_url, family, verified=yes and the day of the
    check; a row whose check failed keeps every cell but checked and outcome, which record the
    failure. The registry is rewritten at once (a temporary file renamed over it). Exit status
    1 when any row failed, 2 when the registry cannot be read.
    """
    sites = registry_rows(sites_path, site_ids)
    checks = verify_sites(sites, parse_settings(settings))
    click.echo(format_checks(checks))
    if write:
        from crawler.verify import recorded

        day = today()
        update_sites(sites_path, {c.site_id: recorded(c, day) for c in checks})
        failed = sum(not c.ok for c in checks)
        click.echo(f"{sites_path}: {len(checks) - failed} row(s) verified, {failed} failure(s) recorded")
    sys.exit(0 if all(c.ok for c in checks) else 1)


@registry.command()
@click.argument("url")
@sites_option
@click.option("--id", "site_id", help="The row's site_id (default: from the URL's host and folders).")
@click.option("--name", default="", help="The body, e.g. 示例市人民政府.")
@click.option("--province", help="As stored, e.g. 安徽省.")
@click.option("--city")
@click.option("--county")
@click.option("--level", help="province, city, county, department or mirror.")
@click.option("--division-code", help="The six-digit 行政区划代码.")
@click.option("--force", is_flag=True, help="Append the row even when the check fails (verified=no, the failure recorded).")
@settings_option
def add(url, sites_path, site_id, name, province, city, county, level, division_code, force, settings):
    """Check a new site from URL (its root, a department's folder or its column) as verify does
    and append its row to the registry, with the column and family found. Nothing is written
    when the row would be invalid (an id, division code or start URL already in the registry,
    a URL that is not http(s)), nor, without --force, when no column is found (exit status 1).
    """
    sites = registry_rows(sites_path)
    site = Site(site_id=site_id or site_id_for(url, {s.site_id for s in sites}), start_url=url, template=AUTO, name=name,
                province=province, city=city, county=county, level=level, division_code=division_code)
    try:
        check_addition(sites_path, sites, site)
    except RegistryError as exc:
        raise CannotStart(str(exc)) from None
    [check] = verify_sites([site], parse_settings(settings))
    click.echo(format_checks([check]))
    if not check.ok and not force:
        click.echo(f"not added: {check.outcome}: {check.detail} (--force adds the row unverified)", err=True)
        sys.exit(1)
    site = replace(site, verified=check.ok, checked=today(), outcome="ok" if check.ok else f"{check.outcome}: {check.detail}",
                   column_url=check.column_url, family=check.family)
    update_sites(sites_path, {}, [site])
    click.echo(f"{sites_path}: added {site.site_id}")


def family_of(site: Site) -> str:
    """The family a row's last check found, else its template's, else ``unknown``."""
    return site.family or (site.template if site.template != AUTO else "unknown")


@registry.command(name="list")
@sites_option
@click.option("--province", "provinces", multiple=True, help="Only this province, as stored (repeatable).")
@click.option("--level", "levels", multiple=True, help="Only this level: province, city, county, … (repeatable).")
@click.option("--verified", type=click.Choice(["yes", "no"]), help="Only rows verified (or not).")
@click.option("--family", "families", multiple=True, help="Only this family (the last check's, else the template's; unknown).")
@click.option("--counts", is_flag=True, help="Only the counts per family and per province.")
def list_sites(sites_path, provinces, levels, verified, families, counts):
    """The registry's rows, then how many per family and per province (and how many of those
    are verified), after the filters."""
    rows = [s for s in registry_rows(sites_path)
            if (not provinces or s.province in provinces) and (not levels or s.level in levels)
            and (verified is None or s.verified == (verified == "yes")) and (not families or family_of(s) in families)]
    if not counts:
        width = max([len(s.site_id) for s in rows] + [4])
        click.echo(f"{'site':<{width}}  {'level':<10}  {'province':<8}  {'family':<8}  {'verified':<8}  {'checked':<10}  start_url")
        for s in rows:
            click.echo(f"{s.site_id:<{width}}  {s.level or '-':<10}  {s.province or '-':<8}  {family_of(s):<8}  "
                       f"{'yes' if s.verified else 'no':<8}  {s.checked or '-':<10}  {s.start_url}")
    for title, key in (("family", family_of), ("province", lambda s: s.province or "-")):
        total, good = Counter(key(s) for s in rows), Counter(key(s) for s in rows if s.verified)
        click.echo(f"\n{'per ' + title:<16}  {'rows':>5}  {'verified':>8}")
        for name, n in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])):
            click.echo(f"{name:<16}  {n:>5}  {good[name]:>8}")
    click.echo(f"\n{len(rows)} row(s), {sum(s.verified for s in rows)} verified")
