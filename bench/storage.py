"""What storing one report costs: ``Corpus.store`` against the same writes through sqlite-utils.

    .venv/bin/python bench/storage.py [--reports 1000] [--rounds 3]

Both sides store the same cleaned demo reports (each with its statistics tables, about 200
numbers, and once more without them) into fresh corpora, each report placed in its duplicate
group and written in one transaction. nianbao's side is ``Corpus.store``: constant SQL that
sqlite3 prepares once, no schema look-up per report. The other side is how nianbao wrote before:
``Table.upsert`` / ``insert_all`` of sqlite-utils, which look up the table's columns and open a
savepoint per call. Both corpora use the same connection settings. Rounds alternate the two
sides; the median per report is printed, with the part of a report spent in the SQL alone.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.storage_fts import cleaned_records  # noqa: E402
from store.baseline import store_with_sqlite_utils  # noqa: E402
from store.write import Corpus, stat_rows  # noqa: E402


def ms_per_report(folder: Path, records: list[dict], count: int, write) -> float:
    path = folder / f"corpus-{time.monotonic_ns()}.db"
    corpus = Corpus(path)
    start = time.perf_counter()
    for number in range(count):
        record = dict(records[number % len(records)])
        record["url"] = f"{record['url']}?copy={number}"
        write(corpus, record)
    elapsed = time.perf_counter() - start
    corpus.close()
    return 1000 * elapsed / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000, help="reports stored by each side per round")
    parser.add_argument("--rounds", type=int, default=3, help="alternate rounds (median)")
    args = parser.parse_args()
    with_tables = cleaned_records()
    without_tables = [{**record, "stats": None} for record in with_tables]
    cells = statistics.mean(len(stat_rows(record["stats"], "-")) for record in with_tables)
    sides = {"Corpus.store (nianbao)": lambda corpus, record: corpus.store(record), "sqlite-utils upserts": store_with_sqlite_utils}
    print(f"{args.reports} reports per side and round, median of {args.rounds} rounds, ms per report")
    with tempfile.TemporaryDirectory() as folder:
        for label, records in ((f"with statistics tables ({cells:.0f} numbers)", with_tables), ("without statistics tables", without_tables)):
            times = {side: [] for side in sides}
            for _ in range(args.rounds):
                for side, write in sides.items():
                    times[side].append(ms_per_report(Path(folder), records, args.reports, write))
            ours, theirs = (statistics.median(times[side]) for side in sides)
            print(f"{label:40} nianbao {ours:6.2f} ms | sqlite-utils {theirs:6.2f} ms | ratio {ours / theirs:.2f}x")


if __name__ == "__main__":
    main()
