"""The page parsed once: one tree shared by the body and metadata stages, never left on the record."""

from __future__ import annotations

import pickle

from lxml import html as lxml_html

from crawler.families import body_selectors
from crawler.items import ReportItem
from pipelines import page
from pipelines.chain import clean_record

from .conftest import FIXTURES

PAGE = (FIXTURES / "quality" / sorted(path.name for path in (FIXTURES / "quality").glob("*.html"))[0]).read_text(encoding="utf-8")


def test_the_chain_parses_a_page_once(monkeypatch):
    parsed = []
    real_parse = page.parse
    monkeypatch.setattr(page, "parse", lambda html: parsed.append(len(html)) or real_parse(html))
    record = clean_record({"url": "http://bench.invalid/page", "flags": [], "containers": body_selectors(), "html": PAGE})
    assert record["text"] and record["title"]
    assert len(parsed) == 1
    assert page.PAGE_TREE not in record


def test_a_crawled_item_leaves_the_chain_picklable():
    item = ReportItem(url="http://bench.invalid/page", flags=[], containers=body_selectors(), html=PAGE)
    item = clean_record(item)
    assert page.PAGE_TREE not in item
    assert pickle.loads(pickle.dumps(dict(item)))["text"] == item["text"]


def test_the_body_stage_reads_its_container_from_a_copy():
    """The metadata stage reads the tree as parsed: tables are not flattened, inline tags stay."""
    record = {"url": "http://x.invalid/", "flags": [], "containers": ("div.content",),
              "html": "<html><body><div class='content'><p><span>来源：</span><b>市政府办公室</b></p>"
                      "<table><tr><td>索引号</td><td>1/2022-1</td></tr></table><p>正文第一段，说明情况。</p></div></body></html>"}
    from pipelines import body

    body.process(record)
    root = record[page.PAGE_TREE]
    assert root.xpath("//span") and root.xpath("//td")


def test_simplify_converts_texts_tails_and_attributes_in_place():
    root = lxml_html.fromstring('<div>發布機構<p title="索引號">國務院<b>辦公廳</b>尾巴說明</p></div>')
    page.simplify(root)
    assert lxml_html.tostring(root, encoding="unicode") == '<div>发布机构<p title="索引号">国务院<b>办公厅</b>尾巴说明</p></div>'


def test_simplify_keeps_a_page_that_holds_the_joiner_itself():
    root = lxml_html.fromstring(f"<div>發布{page.TEXT_JOINER}機構<p>國務院</p></div>")
    page.simplify(root)
    assert lxml_html.tostring(root, encoding="unicode") == f"<div>发布{page.TEXT_JOINER}机构<p>国务院</p></div>"
