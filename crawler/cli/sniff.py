"""``nianbao sniff URL``: the CMS family of a site, the evidence for it and its annual-report column."""

from __future__ import annotations

import sys

import click

from crawler.registry import Site
from crawler.run import project_settings

from .options import parse_settings, settings_option


def sniff_site(url: str, overrides: dict):
    """Fetch ``url`` politely with Scrapy (robots.txt, delays) and return (column URL, Sniff) or None."""
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.auto import SniffSpider

    # Sniffing stores nothing: no item pipelines, so the corpus is not even opened.
    settings = project_settings({"LOG_LEVEL": "WARNING", "STATS_DUMP": False, "ITEM_PIPELINES": {}, **overrides})
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(SniffSpider)
    process.crawl(crawler, site=Site.from_url(url, template="auto"))
    process.start()
    return crawler.spider.found


@click.command()
@click.argument("url")
@settings_option
def sniff(url, settings):
    """Find the annual-report column from URL (a site root, a department's folder, any page or the
    column itself), name its CMS family with the evidence, and print the column's URL.

    A page whose list holds reports is the column; from any other page, links named
    信息公开年报 / 政府信息公开年报 / 年度报告 / 年报 (in their text, title or image alt) are
    followed best first, through 政府信息公开 / 政务公开 portal pages, up to three hops deep.
    The family is judged on the column page and its first two report pages.
    """
    found = sniff_site(url, parse_settings(settings))
    if not found:
        click.echo(f"no annual-report column found from {url}", err=True)
        sys.exit(1)
    column, result = found
    click.echo(f"family:   {result.family}")
    click.echo(f"evidence: {'; '.join(result.evidence)}")
    click.echo(f"listing:  {column}")


COMMANDS = (sniff,)
