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
    """Name the CMS family of a site root or column URL and print its annual-report listing URL.

    From a site root, links named 信息公开年报 / 政府信息公开年报 / 年度报告 are followed
    (through 政府信息公开 portal pages, a few hops deep) to the column.
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
