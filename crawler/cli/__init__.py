"""The ``nianbao`` command line: one small command per job."""

import click

from . import browse, clean, crawl, export, search, sniff, stats


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nianbao")
def cli():
    """Harvest Chinese government information-disclosure annual reports into a corpus."""


for module in (crawl, clean, search, export, stats, browse, sniff):
    for command in module.COMMANDS:
        cli.add_command(command)


def main():
    cli()
