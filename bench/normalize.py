"""Normalize-stage benchmark: median time per 5,000-character report, next to OpenCC t2s alone.

    .venv/bin/python bench/normalize.py
    .venv/bin/python bench/normalize.py --runs 500

Two reports of 5,000 characters: a synthetic Simplified one (crawler.demo.reports) and the
Traditional seed with pinyin annotations and mojibake (tests/data/seeds/001_*.txt), repeated to
length. Target: under 5 ms median for the whole stage.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.demo.reports import make_report  # noqa: E402
from pipelines import normalize  # noqa: E402

REPORT_CHARS = 5000


def to_length(text: str, length: int = REPORT_CHARS) -> str:
    return (text * (length // len(text) + 1))[:length]


def median_ms(function, text: str, runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function(text)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200, help="timed runs per report (default 200)")
    args = parser.parse_args()
    seed = next((ROOT / "tests" / "data" / "seeds").glob("001_*.txt")).read_text(encoding="utf-8")
    reports = {
        "Simplified (demo report)": to_length(make_report("临江市教育局", 2023).gold_text),
        "Traditional + pinyin + mojibake (seed 001)": to_length(seed),
    }
    normalize.to_simplified("预热")
    print(f"median of {args.runs} runs per {REPORT_CHARS:,}-character report")
    print(f"{'report':44} {'OpenCC t2s':>11} {'normalize':>11}")
    for name, text in reports.items():
        opencc_ms = median_ms(normalize.to_simplified, text, args.runs)
        stage_ms = median_ms(normalize.normalize_text, text, args.runs)
        print(f"{name:44} {opencc_ms:8.2f} ms {stage_ms:8.2f} ms")


if __name__ == "__main__":
    main()
