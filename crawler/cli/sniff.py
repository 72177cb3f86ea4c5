"""``nianbao sniff URL``: the CMS family of a site, the evidence for it and its annual-report column."""

from __future__ import annotations

import sys

import click

from crawler.registry import Site
from crawler.run import project_settings

from .options import parse_settings, settings_option


def sniff_sites(sites: list[Site], overrides: dict, spider_class=None) -> list:
    """Fetch each site's start URL politely with Scrapy (robots.txt, delays), all in one process,
    and return per site its spider (``SniffSpider`` unless ``spider_class`` says otherwise):
    ``found`` is (column URL, Sniff) or None, ``start_failure`` why the start page could not be
    fetched."""
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.auto import SniffSpider

    # Sniffing stores nothing: no item pipelines, so the corpus is not even opened.
    settings = project_settings({"LOG_LEVEL": "WARNING", "STATS_DUMP": False, "ITEM_PIPELINES": {}, **overrides})
    process = CrawlerProcess(settings)
    crawlers = []
    for site in sites:
        crawler = process.create_crawler(spider_class or SniffSpider)
        process.crawl(crawler, site=site)
        crawlers.append(crawler)
    process.start()
    return [crawler.spider for crawler in crawlers]


@click.command()
@click.argument("urls", nargs=-1, required=True)
@settings_option
def sniff(urls, settings):
    """Find the annual-report column from each URL (a site root, a department's folder, any page
    or the column itself), name its CMS family with the evidence, and print the column's URL.

    A page whose list holds reports is the column; from any other page, links named
    信息公开年报 / 政府信息公开年报 / 年度报告 / 年报 (in their text, title or image alt) are
    followed best first, through 政府信息公开 / 政务公开 portal pages, up to three hops deep.
    The family is judged on the column page and its first two report pages. Several URLs are
    sniffed at once, one block each; the exit status is 1 when any of them found no column.
    """
    spiders = sniff_sites([Site.from_url(url, template="auto") for url in urls], parse_settings(settings))
    missed = 0
    for url, spider in zip(urls, spiders):
        if len(urls) > 1:
            click.echo(f"url:      {url}")
        if not spider.found:
            missed += 1
            reason = f"the page could not be fetched ({spider.start_failure})" if spider.start_failure else "no annual-report column found"
            click.echo(f"{reason} from {url}", err=True)
        else:
            column, result = spider.found
            click.echo(f"family:   {result.family}")
            click.echo(f"evidence: {'; '.join(result.evidence)}")
            click.echo(f"listing:  {column}")
        if len(urls) > 1:
            click.echo("")
    sys.exit(1 if missed else 0)
