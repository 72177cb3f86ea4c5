"""Sites that republish each other's reports: a department's own site beside the city portal, and
a mirror serving Traditional-script copies with pinyin after some characters (``區(qū)``, as in
seed 001), all TRS-style."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from functools import lru_cache

from opencc import OpenCC

from pipelines.vocab import HAN_RE

from . import chrome, trs
from .reports import Report, cells
from .server import StaticSite

PINYIN = ("qū", "guān", "wù", "xiàng", "duì", "dòng", "huì", "lǐng", "dǎo", "jiān", "zhèng", "gōng", "kāi", "shēn", "qǐng")


@lru_cache(maxsize=1)
def _s2t() -> OpenCC:
    return OpenCC("s2t")


def traditional_with_pinyin(text: str, rng: random.Random, rate: float = 0.2) -> str:
    """``text`` in Traditional script with a pinyin annotation after about ``rate`` of the Han characters."""
    return "".join(ch + f"({rng.choice(PINYIN)})" if HAN_RE.match(ch) and rng.random() < rate else ch
                   for ch in _s2t().convert(text))


def mirrored_report(report: Report, rng: random.Random) -> Report:
    """The report as a Traditional mirror shows it: title converted, body converted and annotated."""
    blocks = []
    for kind, content in report.blocks:
        if kind == "table":
            blocks.append((kind, [[replace(cell, text=_s2t().convert(cell.text), html=cell.html and _s2t().convert(cell.html))
                                   for cell in cells(row)] for row in content]))
        else:
            blocks.append((kind, traditional_with_pinyin(content, rng)))
    return Report(agency=report.agency, year=report.year, title=_s2t().convert(report.title), blocks=blocks, stats=report.stats)


def build_mirror(portal: chrome.Portal, entries: list[trs.Entry], column_path: str = "/zfxxgk/nb/", per_page: int = 5,
                 column: str = "政府信息公開年報", seed: int = 0):
    """A mirror republishing ``entries`` (another site's annual reports) in Traditional script a month later."""
    rng = random.Random(seed)
    copies = []
    for entry in entries:
        if entry.kind != "annual":
            continue
        year, month, day = entry.published.split("-")
        published = f"{year}-{int(month) % 12 + 1:02d}-{day}"
        stamp = published.replace("-", "")
        serial = entry.path.rsplit("_", 1)[-1]
        copies.append(trs.Entry(mirrored_report(entry.report, rng), entry.kind, published,
                                f"{column_path}{stamp[:6]}/t{stamp}_{serial}", entry.index_no, entry.agency))
    site = StaticSite()
    pages = max(1, math.ceil(len(copies) / per_page))
    for number in range(pages):
        chunk = copies[number * per_page:(number + 1) * per_page]
        name = "index.html" if number == 0 else f"index_{number}.html"
        site.add(column_path + name, trs.listing_html(portal, column, chunk, number, pages).encode("utf-8"))
    for copy in copies:
        site.add(copy.path, trs.detail_html(portal, column, copy, with_table=True).encode("utf-8"))
    return site, copies
