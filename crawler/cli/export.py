"""``nianbao export``: the corpus as JSON Lines, CSV or Parquet for other tools."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import click

from store.read import EXPORT_COLUMNS, connect, count_reports, iter_reports

from .options import db_option, filter_options, progress

PARQUET_BATCH = 500


def write_jsonl(records, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_csv(records, path: Path) -> None:
    # utf-8-sig: Excel opens a CSV as UTF-8 only with the byte-order mark.
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS)
        writer.writeheader()
        for record in records:
            writer.writerow({name: json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
                             for name, value in record.items()})


def parquet_schema():
    import pyarrow as pa

    types = {name: pa.string() for name in EXPORT_COLUMNS}
    types["year"] = pa.int32()
    types["flags"] = types["sources"] = pa.list_(pa.string())
    types["attachments"] = pa.list_(pa.struct([(name, pa.string()) for name in ("url", "name", "format", "outcome")]))
    return pa.schema([(name, types[name]) for name in EXPORT_COLUMNS])


def write_parquet(records, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
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


@click.command()
@click.option("--format", "fmt", type=click.Choice(sorted(WRITERS)), required=True, help="Output format.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), required=True, help="File to write.")
@filter_options
@db_option
def export(fmt, out_path, filters, db_path):
    """Export reports with every metadata field: canonical copies unless --include-duplicates.

    Columns: id, the report fields, ``attachments`` (list of {url, name, format, outcome}) and ``sources``
    (every URL the report was found at). CSV holds lists as JSON text.
    """
    con = connect(db_path)
    total = count_reports(con, filters)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with progress(total, f"exporting {fmt}") as bar:
        def counted():
            for record in iter_reports(con, filters):
                yield record
                bar.update(1)

        WRITERS[fmt](counted(), out_path)
    click.echo(f"{total} report(s) written to {out_path}")


COMMANDS = (export,)
