"""``nianbao search``: ranked full-text search over titles and texts."""

from __future__ import annotations

import click

from pipelines.controls import strip_controls
from store.read import connect, search as search_corpus

from .options import db_option, filter_options


@click.command()
@click.argument("query", nargs=-1, required=True)
@filter_options
@click.option("--not", "excluded", multiple=True, metavar="TERM", help="Leave out reports containing TERM (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Most hits to print.")
@db_option
def search(query, filters, excluded, limit, db_path):
    """Search report titles and texts for QUERY.

    Terms separated by spaces must all occur; "a quoted phrase" is one term; A OR B needs
    either; NOT A (or --not A, or -A after --) leaves out reports containing A. Terms of three
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
