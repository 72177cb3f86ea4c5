"""Distributed crawl benchmark: ``nianbao worker`` x 1, 2, 4 and one ``nianbao store`` against a
single-process ``nianbao crawl`` of the same local mock web.

    .venv/bin/python bench/distributed.py                      # 8 sites, politeness off, then on
    .venv/bin/python bench/distributed.py --sites 16 --latency 0.1
    .venv/bin/python bench/distributed.py --no-polite          # the throughput part only
    .venv/bin/python bench/distributed.py --rounds 3           # medians of 3 interleaved rounds (a busy machine)

Serves ``--sites`` TRS mock sites on 127.0.0.1, each page answering after ``--latency`` seconds
(government servers are slow), and starts a throwaway redis-server (append-only file on, as in
production). Part 1, politeness off (no download delay): for the single process and for each
worker count, the wall time from start to the last process's exit (Python start-up included),
pages served per minute, the store's items per second while writing (its capacity, from the
store's own count), and the ratio of pages per minute to the single process's. Part 2,
politeness on (``--delay`` seconds between requests to a site, no randomisation, one request at
a time per site): per site the shortest gap between two requests the site received and its
requests per second, with the shortest mean gap of 5 requests in a row (which smooths the jitter of one
gap), for the single process and for 2 and 4 workers: the rate is held when the workers' figures
are the single process's, however many workers there are (a gap measured at the server carries
the client's scheduling jitter, large on a busy machine, in both).
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.demo import chrome, trs  # noqa: E402
from crawler.demo.redis_server import RedisServer  # noqa: E402
from crawler.demo.server import MockSite, serve  # noqa: E402
from crawler.registry import Site, write_sites  # noqa: E402

QUIET = ["-s", "LOG_LEVEL=ERROR", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "NIANBAO_ATTACHMENTS=False"]
CITIES = ["临江", "云溪", "松原", "南海", "袁水", "白河", "青溪", "盐湾", "江口", "石门", "长乐", "平安", "安宁", "永和", "新丰", "丰城"]


class TimedSite(MockSite):
    """A mock site answering after ``latency`` seconds; records when each request arrived."""

    def __init__(self, site: MockSite, latency: float):
        super().__init__()
        self.site = site
        self.latency = latency
        self.arrivals: list[float] = []

    def handle(self, request):
        self.arrivals.append(time.monotonic())
        time.sleep(self.latency)
        return self.site.handle(request)


def build_sites(count: int, agencies: int, years: int, latency: float) -> list[TimedSite]:
    sites = []
    for number in range(count):
        city = CITIES[number % len(CITIES)] + ("" if number < len(CITIES) else str(number))
        portal = chrome.Portal(name=f"{city}市人民政府", domain=f"www.site{number}.gov.cn", id_code=f"34990{number:05d}", province_short="皖",
                               icp=f"皖ICP备0900{number:04d}号-1", police=f"皖公网安备 3499000{number:07d}号", address=f"{city}市人民路1号",
                               phone="0550-1234567")
        names = [f"{city}市人民政府", f"{city}市财政局", f"{city}市教育局", f"{city}市民政局", f"{city}市交通运输局", f"{city}市水务局"]
        site, _entries = trs.build_site(portal, names[:agencies], list(range(2024 - years, 2024)), notices=1, per_page=5)
        sites.append(TimedSite(site, latency))
    return sites


def run(commands: list[list[str]]) -> tuple[float, list[str]]:
    """Start the commands together; (wall seconds until the last ended, their stderr)."""
    started = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-m", "crawler.cli", *command], cwd=ROOT, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for command in commands]
    errors = []
    for process in processes:
        out, err = process.communicate()
        if process.returncode != 0:
            sys.exit(f"{' '.join(process.args[3:5])} failed:\n{out[-2000:]}{err[-3000:]}")
        errors.append(err)
    return time.perf_counter() - started, errors


def single(registry: Path, db: Path, settings: list[str]) -> float:
    return run([["crawl", "--sites", str(registry), "--db", str(db), *settings]])[0]


def distributed(registry: Path, db: Path, workers: int, settings: list[str], folder: Path, run_name: str) -> tuple[float, float | None]:
    """(wall seconds, the store's items per second while writing) of one run on a fresh Redis."""
    redis_folder = folder / f"redis-{run_name}"
    redis_folder.mkdir()
    with RedisServer(redis_folder) as server:
        store = ["store", "--redis", server.url, "--run", run_name, "--db", str(db)]
        worker = ["worker", "--redis", server.url, "--run", run_name, "--sites", str(registry), *settings]
        seconds, errors = run([store] + [worker] * workers)
    rate = re.search(r"([\d.]+) item\(s\)/s while writing", errors[0])
    return seconds, float(rate.group(1)) if rate else None


def requests_served(sites: list[TimedSite]) -> int:
    return sum(len(site.arrivals) for site in sites)


def reset(sites: list[TimedSite]) -> None:
    for site in sites:
        site.arrivals.clear()


RUN = 5  # requests in a row: their mean gap smooths the jitter of one gap


def gaps(site: TimedSite) -> tuple[float, float, float]:
    """(shortest gap between two arrivals, shortest mean gap over RUN arrivals in a row, requests
    per second over the site's crawl)."""
    times = sorted(site.arrivals)
    shortest = min((b - a for a, b in zip(times, times[1:])), default=float("nan"))
    in_a_row = min(((times[i + RUN - 1] - times[i]) / (RUN - 1) for i in range(len(times) - RUN + 1)), default=float("nan"))
    rate = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 and times[-1] > times[0] else float("nan")
    return shortest, in_a_row, rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=8, help="mock sites (default 8)")
    parser.add_argument("--agencies", type=int, default=3, help="agencies per site, one report each per year (default 3)")
    parser.add_argument("--years", type=int, default=3, help="years of reports (default 3)")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds each page takes to answer (default 0.05)")
    parser.add_argument("--workers", default="1,2,4", help="worker counts to compare (default 1,2,4)")
    parser.add_argument("--delay", type=float, default=0.5, help="politeness: seconds between two requests to a site (default 0.5)")
    parser.add_argument("--polite-sites", type=int, default=4, help="sites of the politeness part (default 4)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of the politeness-off part, interleaved; medians shown; 0 skips it (default 1)")
    parser.add_argument("--no-polite", action="store_true", help="skip the politeness part")
    args = parser.parse_args()
    counts = [int(n) for n in args.workers.split(",")]

    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        folder = Path(tmp)
        sites = build_sites(args.sites, args.agencies, args.years, args.latency)
        rows = [Site(site_id=f"site{n}", name=f"site {n}", template="trs", start_url=stack.enter_context(serve(site)) + "/xxgk/xxgknb/index.html")
                for n, site in enumerate(sites)]
        registry = folder / "sites.csv"
        write_sites(registry, rows)
        if args.rounds:
            throughput(args, sites, registry, folder, counts)
        if args.no_polite:
            return 0
        polite(args, sites, rows, registry, folder)
    return 0


def throughput(args, sites, registry, folder, counts) -> None:
    """Part 1: politeness off."""
    fast = [*QUIET, "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4"]
    per_worker = ["-s", f"NIANBAO_WORKER_SITES={max(1, -(-args.sites // min(counts)))}"]
    print(f"politeness off: {args.sites} sites, {args.latency * 1000:.0f} ms per page; median of {args.rounds} interleaved round(s)")
    print(f"{'':<22}{'seconds':>9}{'pages':>8}{'pages/min':>11}{'store items/s':>15}{'ratio':>8}")
    configs = [0, *counts]  # 0: the single process
    measured = {config: [] for config in configs}
    for round_number in range(args.rounds):
        for config in configs:
            reset(sites)
            db = folder / f"r{round_number}-w{config}.db"
            if config == 0:
                seconds, store_rate = single(registry, db, fast), None
            else:
                seconds, store_rate = distributed(registry, db, config, [*fast, *per_worker], folder, f"off{config}-{round_number}")
            measured[config].append((seconds, requests_served(sites), store_rate))
    base_rate = None
    for config in configs:
        seconds = statistics.median(s for s, _, _ in measured[config])
        pages = measured[config][0][1]
        rates = [r for _, _, r in measured[config] if r]
        rate = pages / seconds * 60
        base_rate = base_rate or rate
        label = "nianbao crawl" if config == 0 else f"{config} worker(s) + store"
        store_cell = f"{statistics.median(rates):.0f}" if rates else "-"
        print(f"{label:<22}{seconds:>9.1f}{pages:>8}{rate:>11.0f}{store_cell:>15}{rate / base_rate:>8.2f}")


def polite(args, sites, rows, registry, folder) -> None:
    """Part 2: politeness on."""
    polite_sites = sites[:args.polite_sites]
    write_sites(registry, rows[:args.polite_sites])
    polite = [*QUIET, "-s", f"DOWNLOAD_DELAY={args.delay}", "-s", "RANDOMIZE_DOWNLOAD_DELAY=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
              "-s", "NIANBAO_WORKER_SITES=1"]
    print(f"\npoliteness on: DOWNLOAD_DELAY={args.delay} s (at most {1 / args.delay:.2f} requests/s per site), {args.polite_sites} sites: "
          f"per site, the shortest gap between two requests it received, the shortest mean gap of {RUN} in a row, its requests/s")
    print(f"{'':<22}{'seconds':>9}{'shortest gap':>14}{f'{RUN} in a row':>12}{'max req/s':>11}{'mean req/s':>12}")
    for label, go in [("nianbao crawl", lambda: single(registry, folder / "polite-single.db", polite)),
                      *[(f"{count} worker(s) + store", lambda count=count: distributed(registry, folder / f"polite{count}.db", count, polite,
                                                                                        folder, f"on{count}")[0]) for count in (2, 4)]]:
        reset(polite_sites)
        seconds = go()
        measured = [gaps(site) for site in polite_sites]
        shortest = min(gap for gap, _, _ in measured)
        in_a_row = min(gap for _, gap, _ in measured)
        rates = [rate for _, _, rate in measured]
        print(f"{label:<22}{seconds:>9.1f}{shortest:>14.3f}{in_a_row:>12.3f}{max(rates):>11.2f}{sum(rates) / len(rates):>12.2f}")


if __name__ == "__main__":
    sys.exit(main())
