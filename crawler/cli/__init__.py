"""The ``nianbao`` command line: one small command per job."""

import sqlite3

import click

from store.read import CorpusError

from . import browse, clean, crawl, distributed, export, registry, search, sniff, stats


class Commands(click.Group):
    """The one error path of the commands: a corpus that cannot be read as asked, a database
    error, a file that cannot be read or written — one line, exit status 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except CorpusError as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.Error as exc:
            raise click.ClickException(f"the corpus cannot be read: {exc}") from None
        except OSError as exc:
            raise click.ClickException(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")) from None


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nianbao")
def cli():
    """Harvest Chinese government information-disclosure annual reports into a corpus."""


for module in (crawl, distributed, clean, search, export, stats, browse, sniff, registry):
    for command in module.COMMANDS:
        cli.add_command(command)


def main():
    cli()
