"""Serve the field web until interrupted, printing each site's root and column:

    .venv/bin/python -m crawler.demo.field            # then: scrapy shell / nianbao sniff / nianbao crawl on the printed URLs
    .venv/bin/python -m crawler.demo.field --registry sites.csv   # also write a registry (template=auto, start_url=root)
"""

from __future__ import annotations

import argparse
import time

from crawler.registry import write_sites

from . import serve_web
from .measure import registry_rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Serve the field web on 127.0.0.1 until Ctrl-C.")
    parser.add_argument("--registry", metavar="CSV", help="write a registry of the sites (template=auto, start_url=root)")
    parser.add_argument("--columns", action="store_true", help="the registry gives the column URLs with the family templates")
    args = parser.parse_args(argv)
    with serve_web() as web:
        for m in web.manifests:
            print(f"{m.site_id:14} {m.family:7} root {m.root}\n{'':22} column {m.column}")
        if args.registry:
            write_sites(args.registry, registry_rows(web.manifests, "column" if args.columns else "root"))
            print(f"registry written to {args.registry}")
        print("serving; Ctrl-C to stop", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
