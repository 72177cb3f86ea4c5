"""``nianbao export``: the corpus as JSON Lines, CSV or Parquet for other tools."""

from __future__ import annotations

import csv
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from store.read import EXPORT_COLUMNS, STATS_EXPORT_COLUMNS, connect, count_reports, count_stats, iter_reports, iter_stats

from .options import db_option, filter_options, progress

PARQUET_BATCH = 500


STDOUT = Path("-")


@contextmanager
def text_output(path: Path, encoding: str):
    if path == STDOUT:
        yield sys.stdout
    else:
        with path.open("w", encoding=encoding, newline="") as out:
            yield out


def write_jsonl(records, path: Path, columns=EXPORT_COLUMNS) -> None:
    with text_output(path, "utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_csv(records, path: Path, columns=EXPORT_COLUMNS) -> None:
    # utf-8-sig: Excel opens a CSV as UTF-8 only with the byte-order mark.
    with text_output(path, "utf-8-sig") as out:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        for record in records:
            writer.writerow({name: json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
                             for name, value in record.items()})


def parquet_schema(columns=EXPORT_COLUMNS):
    import pyarrow as pa

    types = {name: pa.string() for name in columns}
    types["year"] = pa.int32()
    types["flags"] = types["sources"] = pa.list_(pa.string())
    types["attachments"] = pa.list_(pa.struct([(name, pa.string()) for name in ("url", "name", "format", "outcome")]))
    types["value"], types["consistent"] = pa.float64(), pa.bool_()
    return pa.schema([(name, types[name]) for name in columns])


def write_parquet(records, path: Path, columns=EXPORT_COLUMNS) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(columns)
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch = []
        for record in records:
            batch.append(record)
            if len(batch) == PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}


def check_target(out_path: Path, db_path: str, force: bool) -> None:
    """Refuse to write over the corpus (or its WAL files), and over any other file unless ``force``."""
    corpus = Path(db_path).resolve()
    target = out_path.resolve()
    if target in (corpus, corpus.with_name(corpus.name + "-wal"), corpus.with_name(corpus.name + "-shm")):
        raise click.UsageError(f"--out {out_path} is the corpus itself; export to another file")
    if target.is_dir():
        raise click.UsageError(f"--out {out_path} is a folder; name a file")
    if target.exists() and not force:
        raise click.UsageError(f"--out {out_path} exists; pass --force to overwrite it")


@contextmanager
def replaced_atomically(out_path: Path):
    """Yield a temporary path beside ``out_path`` that replaces it only when the export succeeded,
    so a failed export (disk full, killed) leaves any existing file as it was."""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    partial = out_path.with_name(f".{out_path.name}.partial")
    try:
        yield partial
        os.replace(partial, out_path)
    finally:
        partial.unlink(missing_ok=True)


@click.command()
@click.option("--format", "fmt", type=click.Choice(sorted(WRITERS)), required=True, help="Output format.")
@click.option("--out", "out_path", type=click.Path(path_type=Path), required=True,
              help="File to write; - for standard output (jsonl, csv).")
@click.option("--force", is_flag=True, help="Overwrite --out when it exists.")
@filter_options
@click.option("--stats", "numbers", is_flag=True, help="The numbers of the statistics tables instead, one per row (long form).")
@db_option
def export(fmt, out_path, force, filters, numbers, db_path):
    """Export reports with every metadata field: canonical copies unless --include-duplicates.

    Columns: id, the report fields, ``attachments`` (list of {url, name, format, outcome}) and ``sources``
    (every URL the report was found at). CSV holds lists as JSON text. With ``--stats``: one row
    per number of the reports' statistics tables (report_id, agency, province, city, county,
    year, source, format, table_key, row_key, column_key, value, raw, consistent). An existing
    file is replaced only with --force, and only once the export is complete.
    """
    if out_path == STDOUT and fmt == "parquet":
        raise click.UsageError("parquet cannot go to standard output; give --out a file")
    if out_path != STDOUT:
        check_target(out_path, db_path, force)
    con = connect(db_path)
    total, rows, columns, what = ((count_stats(con, filters), iter_stats(con, filters), STATS_EXPORT_COLUMNS, "number(s)") if numbers
                                  else (count_reports(con, filters), iter_reports(con, filters), EXPORT_COLUMNS, "report(s)"))
    with progress(total, f"exporting {fmt}") as bar:
        def counted():
            for record in rows:
                yield record
                bar.update(1)

        if out_path == STDOUT:
            WRITERS[fmt](counted(), out_path, columns)
        else:
            with replaced_atomically(out_path) as partial:
                WRITERS[fmt](counted(), partial, columns)
    click.echo(f"{total} {what} written to {'standard output' if out_path == STDOUT else out_path}", err=out_path == STDOUT)
