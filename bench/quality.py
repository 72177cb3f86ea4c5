"""Extraction quality: nianbao's cleaning chain against plain ``trafilatura.extract``.

    .venv/bin/python bench/quality.py
    .venv/bin/python bench/quality.py --pages DIR   # also the cleaning time of every DIR/*.html

For every page with a hand-written gold text (the mock pages in tests/fixtures/quality/, the five
seed texts in tests/data/seeds/ with their golds in tests/fixtures/quality/seeds/, and one page of
the TRS demo site, whose gold is the demo's own renderer) it prints the character-level precision,
recall and F1 of both outputs, the boilerplate strings each output holds that the gold does not,
the time each took (best of 3 runs), and the means: the cleaning chain's milliseconds per page
against plain trafilatura's, and their ratio. ``--pages`` adds pages without a gold text (saved
real pages): for those only the times are compared.

Scoring: the gold and both outputs go through nianbao's normalize stage (Traditional to Simplified,
widths), so the Traditional pages score on content and not on script; whitespace and the table cell
separator ``|`` are ignored, so the layout of tables does not count either; characters are matched
in order (difflib), so a scrambled or repeated text loses precision. trafilatura reads HTML only:
a ``.txt`` seed is handed to it as a page with one ``<p>`` per line.

Exits 1 when nianbao's mean F1 is below ``TARGET_F1`` or a page is below it without trafilatura
doing worse, so the test-suite (tests/test_bench.py) fails when extraction quality drops.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from difflib import SequenceMatcher
from html import escape
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.demo import chrome, trs  # noqa: E402
from pipelines import normalize  # noqa: E402
from crawler.families import body_selectors  # noqa: E402
from pipelines.chain import clean_record  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "quality"
SEEDS = ROOT / "tests" / "data" / "seeds"
TARGET_F1 = 0.98
BOILERPLATE = ("扫一扫", "打印本页", "关闭窗口", "ICP备", "公网安备", "网站标识码", "IPV6", "当前位置", "您现在的位置", "信息公开首页", "首页 >",
               "发布时间", "发表时间", "发布日期", "浏览次数", "阅读次数", "字号", "字体", "视力保护色", "分享到", "我要纠错", "主办单位",
               "承办单位", "网站运维", "文件下载", "政策咨询", "如果您对该政策文件有疑问", "索引号", "是否有效", "Normal 0", "xml:namespace", "o:p")
DEMO_PORTAL = chrome.Portal(name="临江市人民政府", domain="www.linjiang.gov.cn", id_code="3499000001", province_short="皖",
                            icp="皖ICP备09000001号-1", police="皖公网安备 34990002000001号", address="临江市滨江大道1号", phone="0550-1234567")


def cases():
    """(name, record input, html for trafilatura, gold text)."""
    for page in sorted(PAGES.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        yield page.stem, {"html": html}, html, page.with_suffix(".gold.txt").read_text(encoding="utf-8")
    for gold in sorted((PAGES / "seeds").glob("*.gold.txt")):
        name = gold.name.removesuffix(".gold.txt")
        text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
        as_page = "<html><body>" + "".join(f"<p>{escape(line)}</p>" for line in text.splitlines()) + "</body></html>"
        yield f"seed {name[:3]}", {"text": text}, as_page, gold.read_text(encoding="utf-8")
    site, entries = trs.build_site(DEMO_PORTAL, ["临江市财政局"], [2024], notices=0)
    entry = entries[0]
    yield "demo trs (generated gold)", {"html": site.pages[entry.path][0].decode("utf-8")}, site.pages[entry.path][0].decode("utf-8"), entry.report.gold_text


def normalized(text: str) -> str:
    return normalize.process({"text": text, "flags": []})["text"]


def scored_chars(text: str) -> str:
    return "".join(ch for ch in normalized(text) if not ch.isspace() and ch != "|")


def prf(output: str, gold: str) -> tuple[float, float, float]:
    out, ref = scored_chars(output), scored_chars(gold)
    matched = sum(block.size for block in SequenceMatcher(None, out, ref, autojunk=False).get_matching_blocks())
    precision = matched / len(out) if out else 0.0
    recall = matched / len(ref) if ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def boilerplate_found(output: str, gold: str) -> list[str]:
    """Boilerplate strings the output holds more often than the gold does."""
    out, ref = normalized(output), normalized(gold)
    return [marker for marker in BOILERPLATE if out.count(marker) > ref.count(marker)]


def timed(function, *args, runs: int = 3):
    """The result and the best of ``runs`` wall-clock times in ms."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - start)
    return result, best * 1000


def nianbao_text(record: dict) -> str:
    return clean_record({"url": "http://bench.invalid/page", "flags": [], "containers": body_selectors(), **record})["text"]


def plain_trafilatura(html: str) -> str:
    return trafilatura.extract(html) or ""


def page_times(folder: Path) -> list[tuple[float, float]]:
    """(nianbao ms, trafilatura ms) of every page of ``folder``, printed as they are measured."""
    pages = sorted(folder.glob("*.html"))
    if not pages:
        raise SystemExit(f"no .html page in {folder}")
    print(f"\n{'page of ' + str(folder):60} {'nianbao ms':>10} {'trafil. ms':>10} {'ratio':>6}")
    times = []
    for page in pages:
        html = page.read_text(encoding="utf-8", errors="replace")
        _, our_ms = timed(nianbao_text, {"html": html})
        _, their_ms = timed(plain_trafilatura, html)
        times.append((our_ms, their_ms))
        print(f"{page.name[:60]:60} {our_ms:10.1f} {their_ms:10.1f} {our_ms / their_ms if their_ms else float('nan'):6.2f}")
    return times


def ratio_line(label: str, times: list[tuple[float, float]]) -> str:
    ours, theirs = (statistics.mean(side) for side in zip(*times))
    return f"{label}: nianbao {ours:.1f} ms/page, plain trafilatura {theirs:.1f} ms/page: {ours / theirs if theirs else float('nan'):.2f}x"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, help="a folder of saved pages (*.html) to time as well")
    args = parser.parse_args(argv)
    nianbao_text({"html": "<p>预热。</p>"}), plain_trafilatura("<p>预热。</p>")  # first-call imports out of the timings
    rows = []
    header = f"{'page':32} {'gold':>5} | {'nianbao P':>9} {'R':>6} {'F1':>6} {'ms':>5} | {'trafil. P':>9} {'R':>6} {'F1':>6} {'ms':>5} | boilerplate left (nianbao / trafilatura)"
    print(header)
    print("-" * len(header))
    for name, record, html, gold in cases():
        ours, our_ms = timed(nianbao_text, record)
        theirs, their_ms = timed(plain_trafilatura, html)
        row = (prf(ours, gold), prf(theirs, gold), boilerplate_found(ours, gold), boilerplate_found(theirs, gold), our_ms, their_ms)
        rows.append((name, *row))
        (p1, r1, f1), (p2, r2, f2), left_ours, left_theirs = row[:4]
        print(f"{name:32} {len(scored_chars(gold)):5} | {p1:9.3f} {r1:6.3f} {f1:6.3f} {our_ms:5.1f} | {p2:9.3f} {r2:6.3f} {f2:6.3f} {their_ms:5.1f} | "
              f"{','.join(left_ours) or '-'} / {','.join(left_theirs) or '-'}")
    print("-" * len(header))
    mean = lambda index, part: statistics.mean(row[index][part] for row in rows)  # noqa: E731
    print(f"{'mean':32} {'':5} | {mean(1, 0):9.3f} {mean(1, 1):6.3f} {mean(1, 2):6.3f} {statistics.mean(r[5] for r in rows):5.1f} | "
          f"{mean(2, 0):9.3f} {mean(2, 1):6.3f} {mean(2, 2):6.3f} {statistics.mean(r[6] for r in rows):5.1f} |")
    print(ratio_line(f"cleaning time, {len(rows)} pages with a gold text", [(row[5], row[6]) for row in rows]))
    if args.pages:
        print(ratio_line(f"cleaning time, {args.pages}", page_times(args.pages)))
    leaks = sum(bool(row[3]) for row in rows)
    behind = [row[0] for row in rows if row[2][2] < TARGET_F1 and row[1][2] <= row[2][2]]
    print(f"\nnianbao: mean F1 {mean(1, 2):.3f} (target >= {TARGET_F1}), pages with boilerplate left: {leaks}, "
          f"pages below {TARGET_F1} where trafilatura is not behind: {', '.join(behind) or 'none'}")
    if mean(1, 2) < TARGET_F1 or behind:
        print(f"FAILED: nianbao is below its target F1 of {TARGET_F1}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
