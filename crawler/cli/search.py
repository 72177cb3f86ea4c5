"""``nianbao search``: ranked full-text search over titles and texts."""

from __future__ import annotations

import click

from pipelines.controls import strip_controls
from store.read import connect, search as search_corpus

from .options import db_option, filter_options


def dashed_terms_as_exclusions(args: list[str], params) -> list[str]:
    """``-复议`` as ``NOT 复议``: a word that starts with one '-' and is no option of the command
    is a query term to leave out, not an unknown option (values of options and words after
    ``--`` stay as they are)."""
    options = {name: param for param in params if isinstance(param, click.Option) for name in param.opts + param.secondary_opts}
    rewritten, value_follows = [], False
    for position, arg in enumerate(args):
        if value_follows:
            rewritten.append(arg)
            value_follows = False
        elif arg == "--":
            rewritten.extend(args[position:])
            break
        elif arg.startswith("-") and not arg.startswith("--") and len(arg) > 1 and arg not in options:
            rewritten += ["NOT", arg[1:]]
        else:
            option = options.get(arg.split("=", 1)[0])
            value_follows = option is not None and not option.is_flag and "=" not in arg
            rewritten.append(arg)
    return rewritten


class SearchCommand(click.Command):
    def parse_args(self, ctx, args):
        return super().parse_args(ctx, dashed_terms_as_exclusions(args, self.get_params(ctx)))


@click.command(cls=SearchCommand)
@click.argument("query", nargs=-1, required=True)
@filter_options
@click.option("--not", "excluded", multiple=True, metavar="TERM", help="Leave out reports containing TERM (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Most hits to print.")
@db_option
def search(query, filters, excluded, limit, db_path):
    """Search report titles and texts for QUERY.

    Terms separated by spaces must all occur; "a quoted phrase" is one term; A OR B needs
    either; NOT A (or -A, or --not A) leaves out reports containing A. Terms of three
    or more characters use the full-text index; shorter ones are matched by scanning, so they
    are best combined with a longer term or a filter.
    """
    results = search_corpus(connect(db_path), " ".join(f'"{part}"' if " " in part else part for part in query), filters, limit, excluded)
    hits = results.hits
    for number, hit in enumerate(hits, 1):
        where = " ".join(str(part) for part in (hit.province, hit.year, hit.kind) if part)
        # Older corpora may hold control characters; they never reach the terminal.
        click.echo(f"{number:>3}. {click.style(strip_controls(hit.title or '(untitled)'), bold=True)}  [{strip_controls(where)}]  id={hit.id}")
        click.echo(f"     {strip_controls(hit.url)}")
        click.echo(f"     {strip_controls(hit.snippet)}")
    shown = f" (showing the best {len(hits)}; raise --limit for more)" if len(hits) < results.total else ""
    click.echo(f"{results.total} report(s) match" + shown, err=True)
