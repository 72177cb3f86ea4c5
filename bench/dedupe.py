"""Dedupe benchmark: a synthetic corpus of republished reports and their look-alikes.

    .venv/bin/python bench/dedupe.py              # 100,000 reports
    .venv/bin/python bench/dedupe.py --size 10000 # a quick run
    .venv/bin/python bench/dedupe.py --size 1000000  # also the figures at 10,000 and 100,000 on the way

Every group is one original report (crawler.demo.reports.make_report, plus the real seed texts)
and 0-5 copies with controlled edits: 1-10 % of the characters changed, other page chrome,
Traditional script with pinyin annotations, paragraphs reordered, or all of them. Every copy goes
through the normalize stage as in a crawl. Any two groups are look-alikes: same template, and
agencies of one city or one agency in several years. The last departments of each city
(``TEMPLATE_DEPARTMENTS``) fill in one city template each year, as townships and small bureaus
do: their reports are near-identical, differing only in the agency's name. Prints pairwise precision and recall, the
recall per kind of copy, the look-alike pairs merged, docs/s of the dedupe stage, the cost of
persisting and reloading the signatures, and peak memory; on the way, at each of ``MILESTONES``
below the size, the docs/s since the previous one and the peak memory so far, so that a run shows
whether the cost per report stays flat as the corpus grows.
"""

from __future__ import annotations

import argparse
import itertools
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.demo.mirror import traditional_with_pinyin  # noqa: E402
from crawler.demo.reports import make_report  # noqa: E402
from pipelines import dedupe, metadata, normalize  # noqa: E402
from store.write import Corpus  # noqa: E402

CITY_HEADS = "临青江北南东西安宁永长新平金云丰德兴华阳"
CITY_TAILS = "江川口岭州山源河城溪门泉陵湖原"
DEPARTMENTS = ("人民政府", "人民政府办公室", "发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局",
               "司法局", "财政局", "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局",
               "水利局", "农业农村局", "商务局", "文化和旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局",
               "市场监督管理局")
TEMPLATE_DEPARTMENTS = DEPARTMENTS[-3:]
YEARS = range(2019, 2025)
COPY_KINDS = ("exact", "edited", "chrome", "traditional", "reordered", "mixed")
SEEDS = sorted((ROOT / "tests" / "data" / "seeds").glob("*.txt"))
HAN = [chr(code) for code in range(0x4E00, 0x4E00 + 3500)]
MILESTONES = (10_000, 100_000, 1_000_000)


def agencies(count: int):
    """(agency, city, year, template or None) of ``count`` agency-years: every department of a city,
    every year, city after city."""
    cities = (head + tail + "市" for head, tail in itertools.product(CITY_HEADS, CITY_TAILS))
    specs = ((city + department, city, year, f"{city}/{year}" if department in TEMPLATE_DEPARTMENTS else None)
             for city in cities for department in DEPARTMENTS for year in YEARS)
    return itertools.islice(specs, count)


def change_characters(text: str, rate: float, rng: random.Random) -> str:
    """Substitute, delete or insert ``rate`` of the characters (line breaks kept)."""
    chars = list(text)
    for position in rng.sample(range(len(chars)), int(len(chars) * rate)):
        if chars[position] == "\n":
            continue
        operation = rng.random()
        chars[position] = rng.choice(HAN) if operation < 0.6 else "" if operation < 0.8 else chars[position] + rng.choice(HAN)
    return "".join(chars)


def with_chrome(text: str, agency: str, published: str, rng: random.Random) -> str:
    head = [f"当前位置：首页 > 政府信息公开 > {rng.choice(['信息公开年报', '年度报告', '法定主动公开内容'])}",
            f"发布时间：{published} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d} 来源：{agency} 浏览次数：{rng.randint(10, 9999)}"]
    tail = ["扫一扫在手机上查看当前页面", "【打印本页】【关闭窗口】",
            f"主办单位：{agency[:3]}人民政府办公室 网站标识码：{rng.randint(10**9, 10**10 - 1)} 皖ICP备{rng.randint(10**7, 10**8)}号-{rng.randint(1, 9)}"]
    return "\n".join(head + [text] + tail[: rng.randint(1, 3)])


def reorder_paragraphs(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(max(1, len(lines) // 6)):
        a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def copy_text(kind: str, text: str, agency: str, published: str, rng: random.Random) -> tuple[str, float]:
    """The text of one copy and the share of characters changed."""
    rate = rng.uniform(0.01, 0.10) if kind in ("edited", "mixed") else rng.uniform(0.0, 0.02) if kind != "exact" else 0.0
    if kind in ("chrome", "mixed"):
        text = with_chrome(text, agency, published, rng)
    if kind in ("reordered", "mixed"):
        text = reorder_paragraphs(text, rng)
    text = change_characters(text, rate, rng)
    if kind in ("traditional", "mixed"):
        text = traditional_with_pinyin(text, rng)
    return text, rate


def record(group: int, number: int, kind: str, title: str, agency: str | None, text: str, published: str, site: dict, host: str) -> dict:
    """A record as it reaches the dedupe stage: normalised text and metadata."""
    normalized = normalize.process({"text": text, "flags": []})
    fields = metadata.extract(None, normalized["text"], {"title": normalize.to_simplified(title), "agency": agency}, site)
    return {"url": f"http://{host}/xxgk/xxgknb/{group}/t{number}.html", **fields,
            "text": normalized["text"], "original_script": normalized["original_script"], "flags": normalized["flags"],
            "published": published, "site": site, "truth": group, "copy_kind": kind}


def make_group(spec: tuple) -> list[dict]:
    """One original and its copies, described by (group number, agency, city, year, template, seed text or None)."""
    group, agency, city, year, template, seed_text = spec
    rng = random.Random(group)
    if seed_text is None:
        report = make_report(agency, year, seed=template)
        text, title = report.gold_text, report.title
    else:
        text, title = seed_text, f"{agency}{year}年政府信息公开工作年度报告"
    published = f"{year + 1}-01-{rng.randint(10, 28)}"
    slug = f"g{group}"
    own = {"name": agency, "level": "department"}
    portal = {"name": city + "人民政府", "level": "city"}
    platform = {"name": "省政府信息公开平台", "level": "province"}
    mirror = {"name": "政务信息转载网", "level": "mirror"}
    home = own if rng.random() < 0.6 else portal
    docs = [record(group, 0, "original", title, agency, text, published, home, f"www.{slug}.gov.cn")]
    for number in range(1, rng.randint(0, 5) + 1):
        kind = rng.choice(COPY_KINDS)
        site = rng.choice((portal, platform, mirror))
        copied, _ = copy_text(kind, text, agency, published, rng)
        later = f"{year + 1}-{rng.randint(2, 12):02d}-{rng.randint(10, 28)}"
        host = "www.zwxx-mirror.com" if site is mirror else f"www.{slug}-{number}.gov.cn"
        metadata_agency = agency if site is not mirror or rng.random() < 0.5 else None
        docs.append(record(group, number, kind, title, metadata_agency, copied, later, site, host))
    return docs


def group_specs(size: int):
    """Group descriptions until about ``size`` reports (3.5 per group on average)."""
    seeds = [path.read_text(encoding="utf-8") for path in SEEDS]
    count = max(1, round(size / 3.5))
    for group, (agency, city, year, template) in enumerate(agencies(count - len(seeds))):
        yield group, agency, city, year, template, None
    for number, text in enumerate(seeds):
        yield count - len(seeds) + number, f"样本{number}区人民政府", "样本市", 2016, None, text


def pairs(counter: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in counter.values())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="about this many reports (default 100000)")
    parser.add_argument("--workers", type=int, default=2, help="processes generating the corpus (default 2)")
    args = parser.parse_args(argv)

    index = dedupe.DedupeIndex()
    docs = []  # (report id, truth group, agency, year, copy kind)
    dedupe_seconds = 0.0
    milestones = [size for size in MILESTONES if size < args.size]
    window = (0, 0.0)  # (reports, dedupe seconds) at the previous milestone
    started = time.perf_counter()
    specs = group_specs(args.size)
    with Pool(args.workers) as pool:
        # Generate a batch with every core, then dedupe it alone, so the two never compete for a core.
        while batch := [item for group in pool.map(make_group, itertools.islice(specs, 2000), chunksize=50) for item in group]:
            for item in batch:
                tick = time.perf_counter()
                copy = dedupe.describe(item)
                index.add(copy)
                dedupe_seconds += time.perf_counter() - tick
                docs.append((copy.report_id, item["truth"], item["agency"] or dedupe.report_agency(item), item["year"], item["copy_kind"], copy.exact_hash))
                if milestones and len(docs) == milestones[0]:
                    print(f"  at {len(docs):>9,} reports: {(len(docs) - window[0]) / (dedupe_seconds - window[1]):,.0f} docs/s since "
                          f"{window[0]:,}, peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB", flush=True)
                    window = (len(docs), dedupe_seconds)
                    milestones.pop(0)
    generated = time.perf_counter() - started
    workers_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    predicted = {rid: index.copies[rid].canonical_id for rid, *_ in docs}
    truth_of = {rid: truth for rid, truth, *_ in docs}
    together = pairs(Counter((truth, predicted[rid]) for rid, truth, *_ in docs))
    predicted_pairs = pairs(Counter(predicted.values()))
    true_pairs = pairs(Counter(truth_of.values()))
    exact_pairs = pairs(Counter((truth, exact) for _, truth, *_, exact in docs))
    exact_together = pairs(Counter((truth, predicted[rid], exact) for rid, truth, *_, exact in docs))
    near_pairs, near_together = true_pairs - exact_pairs, together - exact_together

    originals = {truth: rid for rid, truth, *_, kind, _ in docs if kind == "original"}
    found = Counter()
    total = Counter()
    for rid, truth, _agency, _year, kind, _ in docs:
        if kind != "original":
            total[kind] += 1
            found[kind] += predicted[rid] == predicted[originals[truth]]

    by_group = {}
    for rid, truth, agency, year, *_ in docs:
        by_group.setdefault(predicted[rid], {}).setdefault(truth, (agency, year))
    merged_lookalikes = Counter()
    for truths in by_group.values():
        for (agency_a, year_a), (agency_b, year_b) in itertools.combinations(truths.values(), 2):
            merged_lookalikes["same agency, other year" if agency_a == agency_b else
                              "other agency, same year" if year_a == year_b else "other agency, other year"] += 1

    with tempfile.TemporaryDirectory() as folder:
        corpus = Corpus(Path(folder) / "signatures.db")
        tick = time.perf_counter()
        corpus.save_signatures(index.copies.values())
        persist_seconds = time.perf_counter() - tick
        corpus.close()
        tick = time.perf_counter()
        reloaded = Corpus(Path(folder) / "signatures.db").index
        reload_seconds = time.perf_counter() - tick
        db_mb = (Path(folder) / "signatures.db").stat().st_size / 2**20
        assert len(reloaded) == len(index)

    n = len(docs)
    print(f"dedupe benchmark: {n:,} reports in {len(originals):,} groups (seed texts included), "
          f"{n - len(originals):,} copies, generated and deduped in {generated:.0f} s")
    filled = sum(1 for _, _, agency, *_, kind, _ in docs if kind == "original" and agency.endswith(TEMPLATE_DEPARTMENTS))
    print(f"  of them {filled:,} groups filled in from a city template: near-identical look-alikes of each other")
    print(f"  pairwise precision              {together / predicted_pairs if predicted_pairs else 1:.4f}  ({together:,} of {predicted_pairs:,} merged pairs right)")
    print(f"  pairwise recall                 {together / true_pairs:.4f}  ({together:,} of {true_pairs:,} duplicate pairs)")
    print(f"  near-duplicate recall           {near_together / near_pairs:.4f}  ({near_together:,} of {near_pairs:,} pairs whose texts differ)")
    print(f"  exact-duplicate recall          {exact_together / exact_pairs:.4f}")
    print("  copies merged with their original, by kind:")
    for kind in COPY_KINDS:
        print(f"    {kind:<12} {found[kind] / total[kind]:.4f}  ({found[kind]:,} of {total[kind]:,})")
    print(f"  look-alike pairs merged         {sum(merged_lookalikes.values())}  {dict(merged_lookalikes) or ''}")
    print(f"  dedupe stage                    {n / dedupe_seconds:,.0f} docs/s  ({dedupe_seconds:.1f} s, one process)")
    print(f"  persist signatures              {persist_seconds:.1f} s, {db_mb:.0f} MB in SQLite")
    print(f"  reload at pipeline open         {reload_seconds:.1f} s for {len(reloaded):,} signatures")
    print(f"  peak memory                     {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB (dedupe process), "
          f"{workers_rss:,.0f} MB (largest generator process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
