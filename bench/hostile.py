"""Peak memory and wall time of a crawl meeting the worst hostile sites, for this code and another.

    .venv/bin/python bench/hostile.py                               # this checkout
    .venv/bin/python bench/hostile.py --other /tmp/nianbao-main     # and another checkout of the project, side by side
    .venv/bin/python bench/hostile.py --scrapy-defaults             # and this code with Scrapy's own size bounds
    .venv/bin/python bench/hostile.py --bomb-mib 900 --pages 5000000   # the sizes of the field report (gigabytes before the bounds)

Each case is one ``nianbao crawl`` process against one mock site of ``crawler.demo.hostile`` on
127.0.0.1: a benign column (the baseline), a detail page that is a gzip bomb of ``--bomb-mib``
MiB, a 50 MiB page, and a first listing page advertising ``--pages`` pages in its pager script.
Prints per case and per checkout the process's peak RSS (VmHWM, sampled every 50 ms) and its
wall time (Python start-up included), and what the crawl stored. ``--scrapy-defaults`` adds a
row per case for this code with Scrapy's defaults for the bounds the project sets
(``SCRAPY_DEFAULTS``: 1 GiB per body, no listing or detail cap to speak of), the behaviour before by settings.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.demo.hostile import COLUMN, MIB, Behaviour, HostileSite, gzip_bomb, high_water, huge_page, serve_hostile  # noqa: E402
from crawler.registry import Site, write_sites  # noqa: E402
from store.read import Filters, connect, iter_reports  # noqa: E402

FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "LOG_LEVEL=ERROR",
        "-s", "RETRY_TIMES=0", "-s", "DOWNLOAD_TIMEOUT=600"]

# Scrapy's own DOWNLOAD_MAXSIZE and DOWNLOAD_WARNSIZE; listing and detail caps out of reach.
SCRAPY_DEFAULTS = ["-s", "DOWNLOAD_MAXSIZE=1073741824", "-s", "DOWNLOAD_WARNSIZE=33554432",
                   "-s", "NIANBAO_MAX_LISTING_PAGES=100000000", "-s", "NIANBAO_MAX_DETAIL_PAGES=100000000"]


def cases(bomb_mib: int, pages: int) -> dict[str, HostileSite]:
    bombed = HostileSite.column()
    bombed.tricks[bombed.report_paths()[0]] = Behaviour("gzip-bomb", body=gzip_bomb(bomb_mib * MIB))
    huge = HostileSite.column()
    huge.tricks[huge.report_paths()[0]] = Behaviour("huge", body=huge_page(50 * MIB))
    pager = HostileSite.column()
    pager.advertise_pages(pages)
    return {"benign column": HostileSite.column(), f"gzip bomb ({bomb_mib} MiB)": bombed, "50 MiB page": huge,
            f"{pages:,} advertised pages": pager}


def crawl(project: Path, site: HostileSite, folder: Path, timeout: float, settings: list[str]) -> tuple[float, int, str]:
    """(wall seconds, peak RSS bytes, what was stored) of one crawl of ``site`` with ``project``'s code."""
    with serve_hostile(site) as base:
        write_sites(folder / "sites.csv", [Site(site_id="hostile", template="trs", start_url=base + COLUMN + "index.html",
                                                province="安徽省", city="临江市", name="临江市人民政府")])
        command = [sys.executable, "-m", "crawler.cli", "crawl", "--sites", str(folder / "sites.csv"), "--db", str(folder / "corpus.db"), *FAST, *settings]
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=project, env={**os.environ, "PYTHONPATH": str(project)},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        peak = 0
        while process.poll() is None:
            peak = max(peak, high_water(process.pid))
            if time.monotonic() - started > timeout:
                process.kill()
                process.wait()
                return time.monotonic() - started, peak, f"killed after {timeout:.0f} s"
            time.sleep(0.05)
        wall = time.monotonic() - started
    lengths = [len(report["text"]) for report in iter_reports(connect(folder / "corpus.db"), Filters(include_duplicates=True))]
    return wall, peak, f"{len(lengths)} report(s), longest text {max(lengths, default=0):,} characters"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", type=Path, help="another checkout of the project to measure beside this one")
    parser.add_argument("--bomb-mib", type=int, default=256)
    parser.add_argument("--pages", type=int, default=200_000)
    parser.add_argument("--scrapy-defaults", action="store_true", help="also this code with Scrapy's default bounds")
    parser.add_argument("--timeout", type=float, default=300, help="kill a crawl after this many seconds")
    args = parser.parse_args()
    runs = {"this": (ROOT, []), **({"defaults": (ROOT, SCRAPY_DEFAULTS)} if args.scrapy_defaults else {}),
            **({"other": (args.other.resolve(), [])} if args.other else {})}
    print(f"{'case':<28} {'code':<8} {'peak RSS':>10} {'wall':>8}  stored")
    for name, site in cases(args.bomb_mib, args.pages).items():
        for label, (project, settings) in runs.items():
            with tempfile.TemporaryDirectory() as folder:
                wall, peak, stored = crawl(project, site, Path(folder), args.timeout, settings)
            print(f"{name:<28} {label:<8} {peak / MIB:>7.0f} MB {wall:>6.1f} s  {stored}", flush=True)


if __name__ == "__main__":
    main()
