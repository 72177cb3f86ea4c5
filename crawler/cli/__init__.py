"""The ``nianbao`` command line: one small command per job."""

import click

from store.read import CorpusError

from . import browse, clean, crawl, export, registry, search, sniff, stats


class Commands(click.Group):
    """A corpus that cannot be read as asked is a usage error: its message, exit status 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CorpusError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nianbao")
def cli():
    """Harvest Chinese government information-disclosure annual reports into a corpus."""


for module in (crawl, clean, search, export, stats, browse, sniff, registry):
    for command in module.COMMANDS:
        cli.add_command(command)


def main():
    cli()
