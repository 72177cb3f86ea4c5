"""Listing and discovery recall on the field web (crawler/demo/field): 26 mock government sites
the crawler's authors did not design, built after the field guide and real pages.

    .venv/bin/python bench/recall.py                 # both crawls and the sniffs
    .venv/bin/python bench/recall.py --site nanling  # some sites only
    .venv/bin/python bench/recall.py --no-sniff --verbose

Serves the whole field web on 127.0.0.1, then
1. crawls a registry with one row per site, ``template=auto`` and ``start_url`` = the site ROOT
   (``nianbao crawl`` as a user runs it), into a temporary corpus;
2. crawls a registry where each row gives the column URL with the family's template;
3. runs ``nianbao sniff ROOT`` per site.
Prints per site and in total: items the column lists, annual reports among them, rows stored,
recall of annual reports and of all items, precision (stored URLs that are items of the column,
against junk such as sidebar/news links), whether sniff found the column and the family, and
wall times.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from crawler.demo.field import serve_web
from crawler.demo.field.measure import crawl, score, sniff_all


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def table(title: str, manifests, run, verbose: bool, record: dict | None = None) -> tuple[int, int, int, int, int]:
    print(f"\n== {title}: nianbao crawl, {run.seconds:.1f} s, exit {run.returncode}")
    print(f"{'site':14} {'family':7} {'listed':>6} {'annual':>6} {'stored':>6} {'ann.st':>6} {'rec.ann':>7} {'rec.all':>7} {'prec':>6} {'junk':>5} {'junkA':>5} {'kind!':>5} {'agcy!':>5}")
    tot = [0] * 6
    for m in manifests:
        s = score(m, run.rows.get(m.site_id, []))
        if record is not None:
            record[m.site_id] = {"listed": s.listed, "annual": s.annual, "stored": s.stored, "annual_stored": s.annual_stored,
                                 "items_stored": s.items_stored, "junk": s.junk, "junk_annual": s.junk_annual,
                                 "missing_annual": s.missing_annual, "wrong_kind": s.wrong_kind, "wrong_repost_agency": s.wrong_repost_agency}
        print(f"{m.site_id:14} {m.family:7} {s.listed:6} {s.annual:6} {s.stored:6} {s.annual_stored:6} {s.recall_annual:7.2f} "
              f"{s.recall_all:7.2f} {s.precision:6.2f} {len(s.junk):5} {len(s.junk_annual):5} {len(s.wrong_kind):5} {len(s.wrong_repost_agency):5}")
        if verbose:
            for u in s.missing_annual[:5]:
                print(f"    missing annual: {u}")
            for u in s.junk[:5]:
                print(f"    junk: {u}")
            for u, truth, got in s.wrong_kind[:3]:
                print(f"    kind {got} for {truth}: {u}")
            for u, truth, got in s.wrong_repost_agency[:3]:
                print(f"    agency {got!r} for {truth!r}: {u}")
        for i, v in enumerate((s.listed, s.annual, s.stored, s.annual_stored, s.items_stored, len(s.junk))):
            tot[i] += v
    listed, annual, stored, annual_stored, items_stored, junk = tot
    print(f"{'TOTAL':14} {'':7} {listed:6} {annual:6} {stored:6} {annual_stored:6} {annual_stored / max(annual, 1):7.2f} "
          f"{items_stored / max(listed, 1):7.2f} {items_stored / max(stored, 1):6.2f} {junk:5}")
    if run.returncode not in (0, 1):
        print("crawl stderr (tail):\n" + run.stderr[-2000:])
    return tuple(tot)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", action="append", help="only this site (repeatable)")
    parser.add_argument("--no-sniff", action="store_true")
    parser.add_argument("--no-root", action="store_true", help="skip the crawl from the roots")
    parser.add_argument("--no-column", action="store_true", help="skip the crawl from the columns")
    parser.add_argument("--keep", metavar="DIR", help="keep registries and corpora in DIR")
    parser.add_argument("--verbose", "-v", action="store_true", help="list missing reports and junk per site")
    parser.add_argument("--json", metavar="FILE", help="also write every figure (and the missing/junk URLs) as JSON")
    parser.add_argument("--list", action="store_true", help="list the sites, their root, column and shapes, and exit")
    args = parser.parse_args(argv)
    if args.list:
        with serve_web() as web:
            for m in web.manifests:
                kinds = {k: sum(1 for i in m.items if i.kind == k) for k in ("annual", "half-year", "other")}
                print(f"{m.site_id} ({m.name}, {m.family}, {m.charset}): {len(m.items)} items {kinds}, {len(m.reposts)} reposts")
                print(f"    root   {path_of(m.root)}\n    column {path_of(m.column)}")
                for shape in m.shapes:
                    print(f"    - {shape}")
        return 0
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp, serve_web() as web:
        folder = Path(args.keep or tmp)
        manifests = [m for m in web.manifests if not args.site or m.site_id in args.site]
        if not manifests:
            print(f"no such site: {args.site}", file=sys.stderr)
            return 2
        print(f"field web: {len(manifests)} sites, {sum(len(m.items) for m in manifests)} column items "
              f"({sum(len(m.annual) for m in manifests)} annual reports), {len(web.hosts)} servers")
        report: dict = {"sites": {m.site_id: {"family": m.family, "template": m.template, "root": m.root, "column": m.column,
                                               "shapes": m.shapes} for m in manifests}}
        for mode, title, skip in (("root", "from the site roots (template=auto)", args.no_root),
                                  ("column", "from the column URLs (family template)", args.no_column)):
            if not skip:
                run = crawl(manifests, mode, folder)
                report[mode] = {"seconds": round(run.seconds, 1), "exit": run.returncode, "sites": {}}
                table(title, manifests, run, args.verbose, report[mode]["sites"])
        if not args.no_sniff:
            t0 = time.monotonic()
            results = sniff_all(manifests)
            print(f"\n== nianbao sniff ROOT, {time.monotonic() - t0:.1f} s (one process)")
            print(f"{'site':14} {'family':7} {'column':6} {'family':6}  sniffed listing / family")
            col_hits = fam_hits = 0
            for m in manifests:
                r = results[m.site_id]
                ch, fh = r.column_hit(m), r.family_hit(m)
                col_hits += ch
                fam_hits += fh
                print(f"{m.site_id:14} {m.template:7} {'yes' if ch else 'NO':6} {'yes' if fh else 'NO':6}  {r.listing or '-'} / {r.family or '-'}")
                if args.verbose and not ch:
                    print(f"    want {m.column}")
            print(f"{'TOTAL':14} {'':7} {col_hits}/{len(manifests)} columns, {fam_hits}/{len(manifests)} families")
            report["sniff"] = {r.site_id: {"listing": r.listing, "family": r.family, "column_hit": r.column_hit(m), "family_hit": r.family_hit(m)}
                               for m in manifests for r in [results[m.site_id]]}
        if args.json:
            Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(f"\nwall time {time.monotonic() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
