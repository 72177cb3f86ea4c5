"""Start-up time of the commands: ``nianbao --help`` and ``nianbao search`` against their
``sqlite-utils`` counterparts, on a corpus of cleaned demo reports.

    .venv/bin/python bench/startup.py [--runs 15] [--reports 70]

Each pair of commands runs alternately ``--runs`` times in fresh processes (as a user runs them);
it prints the median wall-clock time of each side and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.storage_fts import cleaned_records  # noqa: E402
from store.write import Corpus  # noqa: E402

BIN = Path(sys.executable).parent
PHRASE = "政府信息公开申请"


def build_corpus(path: Path, count: int) -> None:
    records = cleaned_records()
    corpus = Corpus(path)
    for number in range(count):
        record = dict(records[number % len(records)])
        record["url"] = f"{record['url']}?copy={number}"
        corpus.store(record)
    corpus.close()


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def compare(label: str, ours: list[str], theirs: list[str], runs: int) -> None:
    seconds(ours), seconds(theirs)  # warm the file cache
    times = {"ours": [], "theirs": []}
    for _ in range(runs):
        times["ours"].append(seconds(ours))
        times["theirs"].append(seconds(theirs))
    mine, other = statistics.median(times["ours"]), statistics.median(times["theirs"])
    print(f"{label:34} nianbao {1000 * mine:6.0f} ms | sqlite-utils {1000 * other:6.0f} ms | ratio {mine / other:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (median)")
    parser.add_argument("--reports", type=int, default=70, help="reports in the corpus searched")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "corpus.db"
        build_corpus(db, args.reports)
        print(f"median of {args.runs} alternate runs; corpus of {args.reports} reports")
        compare("--help", [str(BIN / "nianbao"), "--help"], [str(BIN / "sqlite-utils"), "--help"], args.runs)
        compare(f"search {PHRASE}", [str(BIN / "nianbao"), "search", PHRASE, "--db", str(db)],
                [str(BIN / "sqlite-utils"), "search", str(db), "reports", PHRASE], args.runs)


if __name__ == "__main__":
    main()
