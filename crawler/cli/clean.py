"""``nianbao clean``: run the cleaning pipeline on saved pages, text dumps or report files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pipelines.chain import clean_record
from pipelines.record import REPORT_FIELDS

PAGE_SUFFIXES = (".html", ".htm", ".shtml")
FILE_SUFFIXES = (".pdf", ".docx", ".doc", ".wps", ".ofd")


def read_page(path: Path) -> str:
    """Decode a saved page or text with the charset that fits its bytes."""
    from crawler.middlewares import best_encoding

    data = path.read_bytes()
    return data.decode(best_encoding(data, "utf-8"), errors="replace")


def base_record(path: Path, url: str | None) -> dict:
    from crawler.families import body_selectors

    return {"url": url or path.resolve().as_uri(), "flags": [], "containers": body_selectors()}


def record_for(path: Path, url: str | None) -> dict:
    record = base_record(path, url)
    content = read_page(path)
    if path.suffix.lower() in PAGE_SUFFIXES:
        record.update(html=content, text_source="html")
    else:
        record["text"] = content
    return record


def file_record(path: Path, url: str | None, extraction) -> dict:
    """A report file read as the crawl reads an attachment-only report: its text is the report's."""
    record = base_record(path, url)
    record.update(text=extraction.text, text_source=extraction.text_source)
    if extraction.ocr_pages:
        record["flags"].append("ocr")
    return record


def readings(paths, ocr: bool) -> dict:
    """Each report file's extraction, the legacy Word ones converted together."""
    from pipelines import files

    documents = [path for path in paths if path.suffix.lower() in FILE_SUFFIXES]
    return dict(zip(documents, files.extract_many([(path.read_bytes(), path.name) for path in documents], ocr=ocr)))


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--url", help="Source URL to record (default: the file's own URI).")
@click.option("--no-ocr", is_flag=True, help="Do not OCR PDF pages without a text layer.")
def clean(paths, url, no_ocr):
    """Clean saved .html pages, .txt texts or report files (.pdf, .docx, .doc, .wps, .ofd); print one
    JSON report per input, line by line. A file nothing can be read from is named on stderr with
    its outcome (encrypted, corrupt, …) and makes the exit status 1. Each report carries its
    statistics tables as ``stats`` (format, active, requests, appeals, checks)."""
    extractions = readings(paths, ocr=not no_ocr)
    failed = False
    for path in paths:
        extraction = extractions.get(path)
        if extraction is not None and extraction.outcome != "ok":
            click.echo(f"nianbao clean: {path}: {extraction.outcome} ({extraction.detail})", err=True)
            failed = True
            continue
        record = clean_record(file_record(path, url, extraction) if extraction else record_for(path, url))
        output = {name: record.get(name) for name in REPORT_FIELDS}
        output["stats"] = record.get("stats")
        output["source_file"] = str(path)
        if extraction:
            output["pages"] = extraction.pages
        click.echo(json.dumps(output, ensure_ascii=False))
    if failed:
        sys.exit(1)
