"""Options shared by several commands."""

import os

import click

DEFAULT_DB = "output/nianbao.db"


def default_db() -> str:
    return os.environ.get("NIANBAO_DB", DEFAULT_DB)


db_option = click.option(
    "--db", "db_path", type=click.Path(dir_okay=False), default=default_db, show_default="output/nianbao.db or $NIANBAO_DB",
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


settings_option = click.option("-s", "--set", "settings", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting (repeatable).")
