"""Incremental crawl benchmark: a first crawl of a column against the scheduled re-crawl that follows.

    .venv/bin/python bench/recrawl.py                  # 8 agencies x 6 years, 50 ms per page
    .venv/bin/python bench/recrawl.py --delay 0.2      # a slower server

Serves a TRS mock column on 127.0.0.1 whose pages each take ``--delay`` seconds to answer
(government servers are slow), crawls it with ``nianbao crawl`` into a fresh corpus, then again
with one new report published in between. Prints, for both runs, the requests the site served
(listing pages, detail pages) and the wall time of the command, Python start-up included. The
mock column numbers its notices after its reports, so the two notices move to new URLs when
reports are added and count as new pages on the re-crawl.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.demo import chrome, trs  # noqa: E402
from crawler.demo.server import StaticSite, serve  # noqa: E402
from crawler.registry import Site, write_sites  # noqa: E402

PORTAL = chrome.Portal(name="临江市人民政府", domain="www.linjiang.gov.cn", id_code="3499000001", province_short="皖",
                       icp="皖ICP备09000001号-1", police="皖公网安备 34990002000001号", address="临江市滨江大道1号", phone="0550-1234567")
AGENCIES = ["临江市人民政府", "临江市人民政府办公室", "临江市发展和改革委员会", "临江市教育局", "临江市财政局", "临江市民政局",
            "临江市卫生健康委员会", "临江市生态环境局"]
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=4", "-s", "LOG_LEVEL=ERROR"]


class SlowSite(StaticSite):
    def __init__(self, pages, delay: float):
        super().__init__(pages)
        self.delay = delay

    def handle(self, request):
        time.sleep(self.delay)
        return super().handle(request)


def crawl(registry: Path, db: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "--sites", str(registry), "--db", str(db), *FAST],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.stdout + result.stderr[-3000:])
    return time.perf_counter() - started


def served(site: SlowSite) -> tuple[int, int]:
    listing = sum(1 for r in site.requests if "/index" in r.path)
    detail = sum(1 for r in site.requests if "/t20" in r.path)
    return listing, detail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.05, help="seconds the server takes per page")
    parser.add_argument("--years", type=int, default=6)
    args = parser.parse_args()
    years = list(range(2024 - args.years, 2024))
    column, _ = trs.build_site(PORTAL, AGENCIES, years, notices=2, per_page=20)
    grown, _ = trs.build_site(PORTAL, AGENCIES, years + [2024], notices=2, per_page=20)
    site = SlowSite(column.pages, args.delay)
    with tempfile.TemporaryDirectory() as folder, serve(site) as base:
        registry, db = Path(folder) / "sites.csv", Path(folder) / "corpus.db"
        write_sites(registry, [Site(site_id="linjiang", template="trs", start_url=base + "/xxgk/xxgknb/index.html")])
        first = crawl(registry, db)
        first_served = served(site)
        site.pages = grown.pages
        site.requests.clear()
        second = crawl(registry, db)
        second_served = served(site)
    print(f"column: {len(AGENCIES)} agencies x {len(years)} years + 2 notices, {args.delay * 1000:.0f} ms per page; "
          f"{len(AGENCIES)} reports published before the second run")
    print(f"{'run':<28} {'listing':>8} {'detail':>8} {'seconds':>8}")
    print(f"{'first crawl':<28} {first_served[0]:>8} {first_served[1]:>8} {first:>8.1f}")
    print(f"{'scheduled re-crawl':<28} {second_served[0]:>8} {second_served[1]:>8} {second:>8.1f}")


if __name__ == "__main__":
    main()
