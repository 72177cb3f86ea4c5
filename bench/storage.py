"""What storing one report costs: ``Corpus.store`` against the same writes through sqlite-utils.

    .venv/bin/python bench/storage.py [--reports 1000] [--rounds 3] [--batch 100]

Every side stores the same cleaned demo reports (each with its statistics tables, about 200
numbers, and once more without them) into fresh corpora, each report placed in its duplicate
group. nianbao's side is ``Corpus.store`` as a crawl runs it: constant SQL that sqlite3 prepares
once, no schema look-up per report, ``--batch`` reports per commit (``NIANBAO_STORE_BATCH``) and
their full-text entries written last before the commit; it runs once more with one commit per
report (``nianbao store``, the writer of a distributed crawl, commits each message). The other
side is how nianbao wrote before: one transaction per report through ``Table.upsert`` /
``insert_all`` of sqlite-utils, which look up the table's columns and open a savepoint per call.
All corpora use the same connection settings. Rounds alternate the sides; the median per report
is printed.
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


def ms_per_report(folder: Path, records: list[dict], count: int, write, batch: int) -> float:
    path = folder / f"corpus-{time.monotonic_ns()}.db"
    corpus = Corpus(path, batch=batch)
    start = time.perf_counter()
    for number in range(count):
        record = dict(records[number % len(records)])
        record["url"] = f"{record['url']}?copy={number}"
        write(corpus, record)
    corpus.commit()
    elapsed = time.perf_counter() - start
    corpus.close()
    return 1000 * elapsed / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000, help="reports stored by each side per round")
    parser.add_argument("--rounds", type=int, default=3, help="alternate rounds (median)")
    parser.add_argument("--batch", type=int, default=100, help="reports per commit on nianbao's side (NIANBAO_STORE_BATCH)")
    args = parser.parse_args()
    with_tables = cleaned_records()
    without_tables = [{**record, "stats": None} for record in with_tables]
    cells = statistics.mean(len(stat_rows(record["stats"], "-")) for record in with_tables)
    def nianbao(corpus, record):
        corpus.store(record)
    sides = {f"nianbao, {args.batch} per commit": (nianbao, args.batch), "nianbao, 1 per commit": (nianbao, 1),
             "sqlite-utils": (store_with_sqlite_utils, 1)}
    print(f"{args.reports} reports per side and round, median of {args.rounds} rounds, ms per report")
    with tempfile.TemporaryDirectory() as folder:
        for label, records in ((f"with statistics tables ({cells:.0f} numbers)", with_tables), ("without statistics tables", without_tables)):
            times = {side: [] for side in sides}
            for _ in range(args.rounds):
                for side, (write, batch) in sides.items():
                    times[side].append(ms_per_report(Path(folder), records, args.reports, write, batch))
            medians = {side: statistics.median(times[side]) for side in sides}
            baseline = medians["sqlite-utils"]
            print(label)
            for side, median in medians.items():
                print(f"  {side:28} {median:6.2f} ms  ({median / baseline:.2f}x sqlite-utils)")


if __name__ == "__main__":
    main()
