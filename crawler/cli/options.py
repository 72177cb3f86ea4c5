"""Options shared by several commands."""

from __future__ import annotations

import functools
import sys

import click

from pipelines.record import KINDS
from store import DB_ENV, DEFAULT_DB, default_db
from store.read import Filters

db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False), default=default_db, show_default=f"{DEFAULT_DB} or ${DB_ENV}",
    help="Corpus database (SQLite).",
)


def parse_settings(pairs: tuple[str, ...]) -> dict:
    """``-s NAME=VALUE`` pairs, as ``scrapy crawl`` takes them."""
    settings = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="-s")
        settings[name.strip()] = value
    return settings


sites_option = click.option("--sites", "sites_path", type=click.Path(exists=True, dir_okay=False), default="seeds/sites.csv",
                            show_default=True, help="Site registry CSV.")

settings_option = click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting (repeatable).")


def filter_options(command):
    """``--year``, ``--province``, ``--kind`` and ``--include-duplicates``, passed on as ``filters``."""
    options = [
        click.option("--year", "years", type=int, multiple=True, help="Only reports covering this year (repeatable)."),
        click.option("--province", "provinces", multiple=True, help="Only this province, as stored, e.g. 安徽省 (repeatable)."),
        click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True, help="Only this kind of report (repeatable)."),
        click.option("--include-duplicates", is_flag=True, help="Also the copies that duplicate a canonical report."),
    ]

    @functools.wraps(command)
    def wrapped(years, provinces, kinds, include_duplicates, **kwargs):
        return command(filters=Filters(years, provinces, kinds, include_duplicates), **kwargs)

    for option in reversed(options):
        wrapped = option(wrapped)
    return wrapped


def progress(length: int, label: str):
    """A progress bar on stderr, so it never mixes with a command's output."""
    return click.progressbar(length=length, label=label, file=sys.stderr, show_pos=True)
