"""Crawl speed and memory on a local farm of mock TRS sites served from memory, politeness off.

    .venv/bin/python bench/crawl.py                         # 3 rounds: scrapy bench vs nianbao crawl (and without storage)
    .venv/bin/python bench/crawl.py --rounds 5 --sites 20 --pages 100
    .venv/bin/python bench/crawl.py --memory                # one 20,000-page crawl of 40 sites: peak RSS
    .venv/bin/python bench/crawl.py --workers 0             # the cleaning chain in the crawl process
    .venv/bin/python bench/crawl.py --attachments           # download and read the PDF every farm page links too
    .venv/bin/python bench/crawl.py --memory -s NIANBAO_CLEAN_BACKLOG=1000000   # any setting for the nianbao crawls

Each round runs, one after the other (interleaved, so a busy machine slows every side alike):
1. ``scrapy bench`` (Scrapy's own local benchmark, outside the project so with Scrapy's defaults);
2. ``nianbao crawl`` of the farm into a fresh corpus, every pipeline on (cleaning in
   ``NIANBAO_CLEAN_WORKERS`` processes, storage);
3. the same crawl without the corpus store (``ITEM_PIPELINES`` up to validate), for the split.
Every farm page links a PDF copy of its report; the files are left alone (``NIANBAO_ATTACHMENTS=False``)
unless ``--attachments``, so the figures are those of HTML pages. Pages/min is responses / elapsed crawl time from Scrapy's own stats (``response_received_count``,
``elapsed_time_seconds``: start-up imports excluded on both sides). CPU is read from /proc for the
crawl process and every process under it (the cleaning workers): CPU ms per page, split into
downloading (the crawl process without storage), storing (what storage adds to it) and cleaning
(the workers). The corpora go to /dev/shm (memory) unless ``--disk``: on a machine shared with other work, every
commit's fsync otherwise measures the disk's queue, not nianbao. Peak RSS is the kernel's high-water mark (VmHWM) of the crawl process, and of the
crawl process plus its workers; RSS when the first report was stored is sampled. Figures are
medians over the rounds.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from crawler.demo import chrome, trs  # noqa: E402
from crawler.demo.server import serve  # noqa: E402
from http.server import ThreadingHTTPServer  # noqa: E402
from crawler.registry import Site, write_sites  # noqa: E402
from store.read import stored_count  # noqa: E402

CHARS = "东南西北江河山川湖海云石松柏桥林"
DEPARTMENTS = ("人民政府", "财政局", "教育局", "民政局", "公安局", "司法局", "人力资源和社会保障局", "自然资源局", "生态环境局",
               "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局",
               "应急管理局", "审计局", "市场监督管理局", "统计局", "医疗保障局", "林业局", "体育局", "信访局", "城市管理局",
               "发展和改革委员会", "工业和信息化局", "科学技术局", "民族宗教事务局")
YEARS = tuple(range(2008, 2025))
POLITENESS_OFF = ["-s", "STATS_DUMP=True", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8"]
WITHOUT_STORE = json.dumps({"crawler.attachments.AttachmentsPipeline": 100, "crawler.cleaning.CleaningPipeline": 200,
                            "crawler.attachments.AttachmentOutcomesPipeline": 300, "pipelines.validate.ValidatePipeline": 400})
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# A crawl that ends or backs off drops keep-alive connections: not worth a traceback per connection here.
ThreadingHTTPServer.handle_error = lambda self, request, client_address: None


def farm_site(number: int, pages: int):
    """A TRS site of about ``pages`` report pages (departments × years), its own city and domain."""
    city = CHARS[number % 16] + CHARS[number // 16 % 16] + f"{number}市"
    portal = chrome.Portal(name=f"{city}人民政府", domain=f"www.farm{number}.gov.cn", id_code=f"{3400000000 + number}",
                           province_short="皖", icp=f"皖ICP备{number:08d}号-1", police=f"皖公网安备 {34000000000000 + number}号",
                           address=f"{city}人民路{number}号", phone="0550-1234567")
    years = YEARS[-min(len(YEARS), pages):]
    agencies = [city + department for department in DEPARTMENTS[:max(1, -(-pages // len(years)))]]
    site, entries = trs.build_site(portal, agencies, list(years), notices=0, per_page=20)
    return city, site, entries


# --- /proc: CPU seconds and memory of a process tree -------------------------------------------

def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def tree(pid: int) -> list[int]:
    pids, queue = [], [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        queue += children(current)
    return pids


def cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def status_kb(pid: int, name: str) -> int | None:
    try:
        match = re.search(rf"^{name}:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.M)
    except OSError:
        return None
    return int(match.group(1)) if match else None


class Watch:
    """Samples a process tree until its root exits: last CPU seconds and peak RSS per process."""

    def __init__(self, process: subprocess.Popen, db: Path | None):
        self.process, self.db = process, db
        self.cpu: dict[int, float] = {}
        self.peak_kb: dict[int, int] = {}
        self.rss_at_first_report_kb = None

    def sample(self) -> None:
        for pid in tree(self.process.pid):
            cpu, peak = cpu_seconds(pid), status_kb(pid, "VmHWM")
            if cpu is not None:
                self.cpu[pid] = cpu
            if peak is not None:
                self.peak_kb[pid] = peak
        if self.rss_at_first_report_kb is None and self.db is not None and self.db.exists() and stored_count(self.db):
            self.rss_at_first_report_kb = status_kb(self.process.pid, "VmRSS")

    def run(self) -> None:
        while self.process.poll() is None:
            self.sample()
            time.sleep(0.2)

    @property
    def main_cpu(self) -> float:
        return self.cpu.get(self.process.pid, 0.0)

    @property
    def workers_cpu(self) -> float:
        return sum(cpu for pid, cpu in self.cpu.items() if pid != self.process.pid)


# --- the runs ----------------------------------------------------------------------------------

STATS_DUMP = re.compile(r"Dumping Scrapy stats:\n(\{.*?\})\n", re.S)


def scrapy_stats(log: str) -> list[dict]:
    """Every crawler's final stats in a Scrapy log (datetimes left out)."""
    dumps = []
    for text in STATS_DUMP.findall(log):
        text = re.sub(r"datetime\.datetime\([^)]*\)", "None", text)
        dumps.append(ast.literal_eval(text))
    return dumps


def rate(dumps: list[dict]) -> tuple[int, float]:
    """(responses, pages/min) of crawlers that ran together."""
    responses = sum(dump.get("response_received_count", 0) for dump in dumps)
    elapsed = max(dump.get("elapsed_time_seconds", 0) for dump in dumps)
    return responses, 60 * responses / elapsed


def scrapy_bench(folder: Path) -> dict:
    result = subprocess.run([sys.executable, "-m", "scrapy", "bench", "-s", "LOG_LEVEL=INFO"], capture_output=True, text=True, cwd=folder)
    responses, per_min = rate(scrapy_stats(result.stderr))
    return {"pages": responses, "pages_min": per_min}


def nianbao_crawl(registry: Path, folder: Path, workers: int | None, store: bool, attachments: bool, settings: list[str]) -> dict:
    db = folder / "corpus.db"
    extra = ["-s", f"NIANBAO_ATTACHMENTS={attachments}"] + ([] if workers is None else ["-s", f"NIANBAO_CLEAN_WORKERS={workers}"])
    extra += [part for setting in settings for part in ("-s", setting)]
    if not store:
        extra += ["-s", f"ITEM_PIPELINES={WITHOUT_STORE}"]
    command = [sys.executable, "-m", "crawler.cli", "crawl", "--sites", str(registry), "--db", str(db), *POLITENESS_OFF, *extra]
    with open(folder / "stderr.txt", "w") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, cwd=PROJECT)
        watch = Watch(process, db if store else None)
        watch.run()
    if process.returncode not in (0, 1):
        raise SystemExit(f"nianbao crawl failed ({process.returncode}): {(folder / 'stderr.txt').read_text()[-2000:]}")
    responses, per_min = rate(scrapy_stats((folder / "logs" / "corpus.log").read_text()))
    main_peak = watch.peak_kb.get(process.pid, 0)
    return {"pages": responses, "pages_min": per_min, "reports": stored_count(db) if store else None,
            "main_cpu_ms": 1000 * watch.main_cpu / responses, "workers_cpu_ms": 1000 * watch.workers_cpu / responses,
            "main_peak_mb": main_peak / 1024, "all_peak_mb": sum(watch.peak_kb.values()) / 1024,
            "first_report_mb": (watch.rss_at_first_report_kb or 0) / 1024}


def median(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs if run.get(key) is not None)


def serve_farm(stack: ExitStack, sites: int, pages: int, folder: Path) -> tuple[Path, int]:
    rows, total = [], 0
    for number in range(sites):
        city, site, entries = farm_site(number, pages)
        base = stack.enter_context(serve(site))
        rows.append(Site(site_id=f"farm{number}", name=f"{city}人民政府", province="安徽省", city=city, level="city",
                         template="trs", start_url=base + "/xxgk/xxgknb/index.html"))
        total += len(entries)
    registry = folder / "farm.csv"
    write_sites(registry, rows)
    return registry, total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sites", type=int, help="sites in the farm (20; 40 with --memory)")
    parser.add_argument("--pages", type=int, help="report pages per site (100; 500 with --memory)")
    parser.add_argument("--workers", type=int, help="NIANBAO_CLEAN_WORKERS (default: the setting's, the cores)")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="a Scrapy setting for the nianbao crawls")
    parser.add_argument("--disk", action="store_true", help="corpora in the temporary folder, not in /dev/shm")
    parser.add_argument("--attachments", action="store_true", help="download and read the PDF each page links")
    parser.add_argument("--memory", action="store_true", help="one crawl of a 20,000-page farm: peak RSS only")
    args = parser.parse_args(argv)
    sites = args.sites or (40 if args.memory else 20)
    pages = args.pages or (500 if args.memory else 100)
    memory_folder = Path("/dev/shm")
    scratch = None if args.disk or not memory_folder.is_dir() else memory_folder
    with tempfile.TemporaryDirectory(dir=scratch) as tmp, ExitStack() as stack:
        tmp = Path(tmp)
        began = time.monotonic()
        registry, total = serve_farm(stack, sites, pages, tmp)
        print(f"farm: {sites} TRS sites, {total} report pages, served from memory on 127.0.0.1 ({time.monotonic() - began:.0f} s to build)")
        print(f"workers: {'the setting (cores)' if args.workers is None else args.workers}; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f};"
              f" corpora in {scratch or 'the temporary folder (disk)'}")
        if args.memory:
            (tmp / "memory").mkdir()
            run = nianbao_crawl(registry, tmp / "memory", args.workers, True, args.attachments, args.set)
            print(f"nianbao crawl: {run['pages']} pages, {run['reports']} reports, {run['pages_min']:.0f} pages/min")
            print(f"peak RSS: crawl process {run['main_peak_mb']:.0f} MB (target 400 MB), with its cleaning workers {run['all_peak_mb']:.0f} MB;"
                  f" crawl process at the first report stored {run['first_report_mb']:.0f} MB")
            return 0
        bench, full, bare = [], [], []
        for number in range(args.rounds):
            for name, runs, run in (("bench", bench, lambda folder: scrapy_bench(folder)),
                                    ("crawl", full, lambda folder: nianbao_crawl(registry, folder, args.workers, True, args.attachments, args.set)),
                                    ("no-store", bare, lambda folder: nianbao_crawl(registry, folder, args.workers, False, args.attachments, args.set))):
                folder = tmp / f"{name}-{number}"
                folder.mkdir()
                runs.append(run(folder))
                print(f"round {number + 1} {name:9} {runs[-1]['pages']:6} pages {runs[-1]['pages_min']:8.0f} pages/min", flush=True)
    crawl_rate, bench_rate = median(full, "pages_min"), median(bench, "pages_min")
    main_full, main_bare, cleaning = median(full, "main_cpu_ms"), median(bare, "main_cpu_ms"), median(full, "workers_cpu_ms")
    print(f"\nmedians of {args.rounds} interleaved rounds")
    print(f"scrapy bench                 {bench_rate:8.0f} pages/min")
    print(f"nianbao crawl with storage   {crawl_rate:8.0f} pages/min  = {crawl_rate / bench_rate:.2f}x scrapy bench (target 0.9x)")
    print(f"nianbao crawl without store  {median(bare, 'pages_min'):8.0f} pages/min  = {median(bare, 'pages_min') / bench_rate:.2f}x")
    print(f"CPU per page (with storage)  {main_full + cleaning:8.1f} ms: downloading and the crawl process {main_bare:.1f}, "
          f"storing {main_full - main_bare:.1f}, cleaning (workers) {cleaning:.1f}")
    print(f"peak RSS                     crawl process {median(full, 'main_peak_mb'):.0f} MB, with its workers {median(full, 'all_peak_mb'):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
