"""The ``nianbao`` command line: one small command per job.

A command's module is imported only when that command runs (or shows its own help), so
``nianbao --help``, ``search``, ``export``, ``stats`` and ``browse`` start without importing
Scrapy or the cleaning chain; ``COMMANDS`` gives each command's module and the one-line help
``nianbao --help`` lists (tests/cli/test_startup.py checks it against the command's docstring).
"""

import importlib
import sqlite3

import click

from store.read import CorpusError

# name -> (module of crawler.cli defining it, short help: the first sentence of its docstring)
COMMANDS = {
    "browse": ("browse", "Browse, facet and search the corpus in Datasette (Ctrl-C stops it)."),
    "clean": ("clean", "Clean saved .html pages, .txt texts or report files (.pdf, .docx, .doc, .wps, .ofd); print one JSON report per input, line by line."),
    "crawl": ("crawl", "Crawl the registry's sites in one process into the corpus."),
    "demo": ("crawl", "Serve the bundled demo sites on 127.0.0.1 and crawl them into the corpus."),
    "export": ("export", "Export reports with every metadata field: canonical copies unless --include-duplicates."),
    "registry": ("registry", "Keep the site registry (seeds/sites.csv) true: check its rows, add sites, see its state."),
    "search": ("search", "Search report titles and texts for QUERY."),
    "sniff": ("sniff", "Find the annual-report column from each URL (a site root, a department's folder, any page or the column itself), name its CMS family with the evidence, and print the column's URL."),
    "store": ("distributed", "Write the items of a run's workers into the corpus (the run's one writer)."),
    "stats": ("stats", "Coverage of the corpus: reports per province × year, and per site with its last crawl."),
    "worker": ("distributed", "Crawl the run's sites with other workers, on this machine and others."),
}


class Commands(click.Group):
    """The commands, imported on use; and their one error path: a corpus that cannot be read as
    asked, a database error, a file that cannot be read or written — one line, exit status 1."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module = importlib.import_module(f"{__name__}.{COMMANDS[name][0]}")
        return getattr(module, name)

    def format_commands(self, ctx, formatter):
        limit = formatter.width - 6 - max(map(len, COMMANDS))
        rows = [(name, click.utils.make_default_short_help(help, limit)) for name, (_, help) in sorted(COMMANDS.items())]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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


def main():
    cli()
