"""``nianbao browse``: the corpus in Datasette, with titles, facets, search and canned queries;
``crawler/datasette_templates`` make its report pages readable."""

from __future__ import annotations

import asyncio
import json
import webbrowser
from importlib import resources
from pathlib import Path

import click

from store.queries import canned_queries
from store.read import MIN_MATCH_CHARS, connect

from .options import db_option


# Table views show the first characters of long texts (the row page shows all of them).
DATASETTE_SETTINGS = {"facet_time_limit_ms": 1000, "truncate_cells_html": 140}


def datasette_metadata(db_path: Path) -> dict:
    """Datasette metadata for one corpus: the packaged tables and queries under the database's name."""
    template = json.loads(resources.files("crawler").joinpath("datasette_metadata.json").read_text(encoding="utf-8"))
    name = db_path.stem
    database = {key: template.pop(key) for key in ("tables", "queries")}
    for query, sql in canned_queries().items():  # the SQL is the store's, the titles are the template's
        database["queries"][query]["sql"] = sql
    database["tables"]["reports"]["search_min_chars"] = MIN_MATCH_CHARS  # read by datasette_templates/table.html
    template["description_html"] = template["description_html"].replace("{base}", f"/{name}")
    return {**template, "databases": {name: database}}


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (keep 127.0.0.1 unless you mean to share it).")
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True, help="Port to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the corpus in your web browser.")
def browse(db_path, host, port, open_browser):
    """Browse, facet and search the corpus in Datasette (Ctrl-C stops it)."""
    import uvicorn
    from datasette.app import Datasette

    db_path = Path(db_path)
    connect(db_path).close()
    datasette = Datasette([str(db_path)], metadata=datasette_metadata(db_path), settings=DATASETTE_SETTINGS,
                          template_dir=str(resources.files("crawler").joinpath("datasette_templates")))
    asyncio.run(datasette.invoke_startup())
    url = f"http://{host}:{port}/{db_path.stem}"
    click.echo(f"serving {db_path} at {url} (Ctrl-C stops)", err=True)
    if open_browser:
        webbrowser.open(url)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")
