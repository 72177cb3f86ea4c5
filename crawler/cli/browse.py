"""``nianbao browse``: the corpus in Datasette, with titles, facets, search and canned queries."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path

import click

from crawler.corpus import connect

from .options import db_option


def datasette_metadata(db_path: Path) -> dict:
    """Datasette metadata for one corpus: the packaged tables and queries under the database's name."""
    template = json.loads(resources.files("crawler").joinpath("datasette_metadata.json").read_text(encoding="utf-8"))
    name = db_path.stem
    database = {key: template.pop(key) for key in ("tables", "queries")}
    template["description_html"] = template["description_html"].replace("{base}", f"/{name}")
    return {**template, "databases": {name: database}}


def datasette_command(db_path: Path, metadata_path: Path, host: str, port: int, open_browser: bool) -> list[str]:
    command = [sys.executable, "-m", "datasette", "serve", str(db_path), "--metadata", str(metadata_path),
               "--host", host, "--port", str(port), "--setting", "facet_time_limit_ms", "1000"]
    return command + (["--open"] if open_browser else [])


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (keep 127.0.0.1 unless you mean to share it).")
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True, help="Port to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the corpus in your web browser.")
def browse(db_path, host, port, open_browser):
    """Browse, facet and search the corpus in Datasette (Ctrl-C stops it)."""
    db_path = Path(db_path)
    connect(db_path).close()
    with tempfile.TemporaryDirectory(prefix="nianbao-browse-") as folder:
        metadata_path = Path(folder) / "metadata.json"
        metadata_path.write_text(json.dumps(datasette_metadata(db_path), ensure_ascii=False), encoding="utf-8")
        click.echo(f"serving {db_path} on http://{host}:{port}/{db_path.stem} (Ctrl-C stops)", err=True)
        try:
            code = subprocess.call(datasette_command(db_path, metadata_path, host, port, open_browser))
        except KeyboardInterrupt:
            code = 0
    sys.exit(code)


COMMANDS = (browse,)
