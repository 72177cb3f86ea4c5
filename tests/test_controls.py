"""Control characters and terminal escape sequences in a page never reach the corpus or the terminal."""

import itertools
import re
import sqlite3

import pytest
from click.testing import CliRunner

from crawler.cli import cli
from crawler.families import body_selectors
from pipelines.chain import clean_record
from pipelines.controls import strip_controls
from store.write import Corpus
from tests.test_store import crawled_record, published_entries

HOSTILE = [
    "\x1b]0;pwned by a title\x07",  # OSC: sets the terminal's title
    "\x1b]8;;http://evil.example/\x1b\\",  # OSC 8 hyperlink, ST-terminated
    "\x1b[2J\x1b[H",  # CSI: clear the screen
    "\x1b[31;1m",  # CSI: colour
    "\x1bP1$r\x1b\\",  # DCS
    "\u202e",  # RLO
    "\u2066\u2069",  # isolates
    "\x07\x08\x00\x7f",  # bell, backspace, NUL, DEL
    "\x9b2J",  # 8-bit CSI
]
BAD_RE = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"


@pytest.mark.parametrize("junk, position", list(itertools.product(HOSTILE, ["start", "middle", "end"])))
def test_strip_controls_keeps_every_character_of_the_text(junk, position):
    text = "临江市2023年政府信息公开工作年度报告"
    dirty = {"start": junk + text, "middle": text[:6] + junk + text[6:], "end": text + junk}[position]
    assert strip_controls(dirty) == text


def hostile_page(entry, junk: str) -> str:
    """The entry's page with ``junk`` before every run of Chinese text and in every meta value."""
    from crawler.demo import trs
    from tests.test_store import PORTAL

    html = trs.detail_html(PORTAL, "信息公开年报", entry, with_table=True)
    html = re.sub(r">(?=[\u4e00-\u9fff])", lambda m: ">" + junk, html)
    html = re.sub(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff]{4}<)", lambda m: junk, html)
    return re.sub(r'content="(?=[^"]*[\u4e00-\u9fff])', lambda m: 'content="' + junk, html)


@pytest.mark.parametrize("junk", HOSTILE)
def test_the_cleaning_chain_drops_them_from_title_text_and_agency(junk):
    entry = next(e for e in published_entries() if e.kind == "annual")
    record = crawled_record(entry, html=hostile_page(entry, junk))
    for field in ("title", "text", "agency", "doc_no", "index_no"):
        value = record.get(field) or ""
        assert not re.search(BAD_RE, value), (field, value)
        assert "\x1b" not in value and "pwned" not in value and "]0;" not in value
    assert record["title"] == entry.title


def test_search_never_prints_them_from_an_older_corpus(tmp_path):
    db = tmp_path / "old.db"
    corpus = Corpus(db)
    entry = next(e for e in published_entries() if e.kind == "annual")
    corpus.store(crawled_record(entry))
    corpus.close()
    con = sqlite3.connect(db)
    con.execute("update reports set title = ? || title || ?, text = ? || text", ["\x1b]0;pwned\x07", "\u202e", "\x1b[2J"])
    con.commit()
    con.close()
    result = CliRunner().invoke(cli, ["search", "政府信息公开", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert entry.title in result.output
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout and "\x07" not in result.stdout


@pytest.mark.parametrize("junk", HOSTILE)
def test_listing_titles_and_agencies_lose_them_too(junk):
    """A page that names no title takes the listing's, which never went through the body stage."""
    from pipelines.listing import ListingRecord

    title = "临江市水利局2023年政府信息公开工作年度报告"
    html = ("<html><head><title>临江市人民政府</title></head><body><div class='content'><p>本报告根据《中华人民共和国政府信息公开条例》编制。"
            "一、总体情况。二、主动公开政府信息情况。三、收到和处理政府信息公开申请情况。</p></div></body></html>")
    listing = ListingRecord(url="http://x.gov.cn/1.html", title=f"{junk}{title[:5]}{junk}{title[5:]}", agency=f"临江市{junk}水利局")
    record = clean_record({"url": listing.url, "html": html, "listing": listing, "flags": [], "containers": body_selectors("trs")})
    assert record["title"] == title
    assert record["agency"] and not re.search(BAD_RE + "|\x1b", record["agency"] + record["title"])
