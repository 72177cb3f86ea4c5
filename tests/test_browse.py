"""``nianbao browse``: Datasette over the corpus, searched in a real headless browser."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_search import unique_phrase

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
READY_SECONDS = 30


def require_chromium():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI (.ci/run installs Debian's chromium)")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_ready(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nianbao browse exited with {process.returncode}: {process.stderr.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} not ready after {READY_SECONDS}s")


@pytest.fixture
def datasette(crawled_corpus):
    """``nianbao browse`` on a free 127.0.0.1 port; yields the database page URL."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "crawler.cli", "browse", "--db", str(crawled_corpus.db), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}/{crawled_corpus.db.stem}"
        wait_until_ready(base + ".json", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def page():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def test_searching_a_chinese_phrase_shows_the_right_report(crawled_corpus, datasette, page):
    url = next(u for u, e in crawled_corpus.entries.items() if e.kind == "annual" and e.agency == "临江市财政局")
    phrase = unique_phrase(crawled_corpus, url)
    page.goto(datasette + "/reports")
    assert page.locator("h1").inner_text() == "Reports"
    page.fill("input[name=_search]", phrase)
    page.locator("input[name=_search]").press("Enter")
    page.wait_for_url("**_search=**")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() == 1
    assert crawled_corpus.entries[url].title in rows.first.inner_text()
    assert url in rows.first.inner_text()


def test_reports_page_offers_facets_and_canned_queries(crawled_corpus, datasette, page):
    page.goto(datasette + "/reports")
    facets = page.locator(".facet-info").all_inner_texts()
    assert any("province" in text and "四川省" in text and "安徽省" in text for text in facets)
    assert all(any(text.startswith(name) for text in facets) for name in ("year", "kind", "agency"))
    page.goto(datasette)
    assert page.get_by_text("Ranked search with snippets").count() == 1
    page.goto(datasette + "/search?query=" + "财政局")
    assert "【财政局】" in page.locator("table.rows-and-columns").inner_text()


def test_table_view_is_readable_and_the_row_page_shows_paragraphs(crawled_corpus, datasette, page, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(datasette + "/reports")
    first = page.locator("table.rows-and-columns tbody tr").first
    title_width = first.locator("td.col-title").bounding_box()["width"]
    assert title_width >= 12 * 16, f"the title column is {title_width:.0f} px wide"
    heights = [row.bounding_box()["height"] for row in page.locator("table.rows-and-columns tbody tr").all()]
    assert max(heights) < 200, f"rows as tall as their texts: {heights}"
    shown = first.locator("td.col-text").inner_text()
    assert shown.endswith("…") and len(shown) <= 141
    assert not page.locator("dl.column-descriptions").is_visible()
    assert page.locator("details.column-descriptions > summary").inner_text() == "Column descriptions"
    page.screenshot(path=tmp_path / "reports-table.png", full_page=True)

    report_id = first.locator("td.col-id").inner_text().strip()
    page.goto(f"{datasette}/reports/{report_id}")
    text = sqlite3.connect(crawled_corpus.db).execute("select text from reports where id = ?", [report_id]).fetchone()[0]
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    rendered = [line.strip() for line in page.locator("td.col-text").inner_text().splitlines() if line.strip()]
    assert len(paragraphs) > 3 and rendered == paragraphs
    page.screenshot(path=tmp_path / "report-row.png", full_page=True)
    assert (tmp_path / "reports-table.png").stat().st_size > 10_000 and (tmp_path / "report-row.png").stat().st_size > 10_000


def test_a_search_term_too_short_for_the_index_offers_the_phrase_query(crawled_corpus, datasette, page):
    page.goto(datasette + "/reports")
    page.fill("input[name=_search]", "复议")
    page.locator("input[name=_search]").press("Enter")
    page.wait_for_url("**_search=**")
    note = page.locator("p.search-too-short")
    assert "3 or more characters" in note.inner_text()
    note.get_by_role("link", name="复议").click()
    page.wait_for_url("**/phrase?phrase=**")
    rows = page.locator("table.rows-and-columns tbody tr")
    assert rows.count() > 0
    page.goto(datasette + "/reports?_search=" + "依申请公开")
    assert page.locator("p.search-too-short").count() == 0
