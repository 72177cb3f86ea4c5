"""``nianbao clean``: run the cleaning pipeline on saved pages or text dumps."""

from __future__ import annotations

import json
from pathlib import Path

import click

from pipelines.chain import clean_record
from pipelines.record import REPORT_FIELDS


def read_page(path: Path) -> str:
    """Decode a saved page or text with the charset that fits its bytes."""
    from crawler.middlewares import best_encoding

    data = path.read_bytes()
    return data.decode(best_encoding(data, "utf-8"), errors="replace")


def record_for(path: Path, url: str | None) -> dict:
    content = read_page(path)
    from crawler.families import body_selectors

    record = {"url": url or path.resolve().as_uri(), "flags": [], "containers": body_selectors()}
    if path.suffix.lower() in (".html", ".htm", ".shtml"):
        record["html"] = content
    else:
        record["text"] = content
    return record


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", help="Source URL to record (default: the file's own URI).")
def clean(paths, url):
    """Clean saved .html pages or .txt texts; print one JSON report per input line by line,
    with its statistics tables as ``stats`` (format, active, requests, appeals, checks)."""
    for path in paths:
        record = clean_record(record_for(path, url))
        output = {name: record.get(name) for name in REPORT_FIELDS}
        output["stats"] = record.get("stats")
        output["source_file"] = str(path)
        click.echo(json.dumps(output, ensure_ascii=False))


COMMANDS = (clean,)
