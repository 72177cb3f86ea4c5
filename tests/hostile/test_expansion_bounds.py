"""Advertised page counts are read only up to a limit, whatever a page claims (pure parsers)."""

import itertools

import pytest

from crawler.families import lonsun
from crawler.parsers.pagers import static_pages

FOLDER = "http://x.gov.cn/nb/"
COUNTS = [3, 1_000, 1_000_000, 5_000_000, 10**12]
LIMIT = 50

PAGERS = {
    "trs": lambda n: f'<script>createPageHTML({n}, 0, "index", "html");</script>',
    "trs-other-order": lambda n: f"<script>createPageHTML('page_div', {n}, 1, 'list', 'shtml', {n * 20});</script>",
    "countPage": lambda n: f"<script>var countPage = {n};</script>",
    "total-pages": lambda n: f"<div class='pager'>共{n}页 当前第1页</div>",
    "createPage": lambda n: f'<script>createPage({n}, 0, "index", "html");</script>',
}


@pytest.mark.parametrize("shape, count", list(itertools.product(PAGERS, COUNTS)))
def test_static_pagers_stop_at_the_limit(shape, count):
    page = f"<html><body><ul><li><a href='a.html'>x</a></li></ul>{PAGERS[shape](count)}</body></html>"
    start = f"{FOLDER}list.shtml" if "other-order" in shape else f"{FOLDER}index.html"
    pages = static_pages(page, start, limit=LIMIT)
    assert len(pages) == min(count - 1, LIMIT), (shape, count, len(pages))
    assert len(set(pages)) == len(pages)
    unlimited = static_pages(page, start) if count <= 1_000 else None
    if unlimited is not None:
        assert pages == unlimited[:LIMIT]


@pytest.mark.parametrize("count", COUNTS)
def test_lonsun_page_count_stops_at_the_limit(count):
    url = "http://x.gov.cn/public/column/6596611?type=4&catId=7190991&action=list"
    page = f"<html><body><script>var pager = {{pageCount:{count}, pageIndex:1}};</script></body></html>"
    pages = lonsun.listing_pages(page, url, limit=LIMIT)
    assert len(pages) == min(count - 1, LIMIT)
    assert pages[0].endswith("pageIndex=2")
