"""Anti-bot answers: recognised, never stored, never cached, and the site reported as blocked."""

import pickle
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.antibot import challenge_reason
from crawler.demo import trs
from crawler.demo.waf import CHALLENGES, WafSite
from crawler.registry import Site
from tests.test_trs_crawl import AGENCIES, PORTAL


def build():
    return trs.build_site(PORTAL, AGENCIES, [2022, 2023], notices=1, per_page=4)


def cookies(headers):
    return [headers["Set-Cookie"]] if "Set-Cookie" in headers else []


@pytest.mark.parametrize("kind", sorted(CHALLENGES))
def test_every_challenge_shape_is_recognised(kind):
    status, headers, body = CHALLENGES[kind]
    assert challenge_reason(status, cookies(headers), body)


def test_real_pages_are_not_challenges():
    site, entries = build()
    for path, (body, content_type) in site.pages.items():
        if content_type.startswith("text/html"):
            assert challenge_reason(200, ["__jsluid_s=1f; path=/"], body.decode("utf-8")) is None, path
    not_found = "<html><head><title>404</title></head><body>Not Found</body></html>"
    assert challenge_reason(404, [], not_found) is None


@pytest.mark.parametrize("status", [412, 521])
def test_a_bare_ruishu_or_jiasule_status_is_a_challenge(status):
    """Ruishu (412) and Jiasule (521) answers whose script is obfuscated beyond the known markers,
    without cookies or title, are still challenges; other error answers without content are not."""
    obfuscated = "<html><head><script>var _0x3f2a=['\\x63\\x6f'];eval(_0x3f2a[0]);</script></head><body></body></html>"
    assert challenge_reason(status, [], obfuscated) == f"HTTP {status} without content"
    assert challenge_reason(403, [], obfuscated) is None and challenge_reason(503, [], "") is None


def stored(db):
    return sqlite3.connect(db).execute("select count(*) from reports").fetchone()[0]


def last_run(db):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    return dict(con.execute("select * from crawl_runs").fetchone())


@pytest.mark.parametrize("kind", sorted(CHALLENGES))
def test_waf_site_is_reported_blocked_with_nothing_stored(mock_site, crawl, kind):
    site, _ = build()
    waf = WafSite(kind, inner=site)
    with mock_site(waf) as base:
        result, db = crawl([Site(site_id="walled", template="trs", start_url=base + "/xxgk/xxgknb/index.html")])
    assert result.returncode == 1, result.stdout + result.stderr[-3000:]
    assert stored(db) == 0
    run = last_run(db)
    assert (run["status"], run["finish_reason"], run["listing_pages"]) == ("blocked", "blocked", 0)
    assert run["blocked"] == 1 and run["blocked_reason"]
    assert "walled: blocked by an anti-bot answer" in result.stdout
    assert len([r for r in waf.requests if r.path != "/robots.txt"]) == 1, "the site is left alone once blocked"


def test_site_blocked_mid_crawl_keeps_what_it_got_and_caches_no_challenge(mock_site, crawl, tmp_path):
    site, entries = build()
    waf = WafSite("ruishu", inner=site, allow=4)
    cache = tmp_path / "httpcache"
    with mock_site(waf) as base:
        result, db = crawl([Site(site_id="walled", template="trs", start_url=base + "/xxgk/xxgknb/index.html")],
                           "-s", "HTTPCACHE_ENABLED=1", "-s", f"HTTPCACHE_DIR={cache}", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
    assert result.returncode == 0, result.stderr[-3000:]
    run = last_run(db)
    assert run["status"] == "blocked" and run["listing_pages"] >= 1
    assert 1 <= stored(db) <= 3 and run["new"] == stored(db)
    metas = [pickle.loads(path.read_bytes()) for path in cache.rglob("pickled_meta")]
    assert len([m for m in metas if not m["url"].endswith("/robots.txt")]) == 4, "the four real pages are cached"
    assert {meta["status"] for meta in metas} == {200}
    for body in cache.rglob("response_body"):
        assert challenge_reason(200, [], body.read_bytes().decode("utf-8")) is None


def scrapy_parse(listing_url, url, cache):
    project = Path(__file__).resolve().parents[1]
    return subprocess.run([sys.executable, "-m", "scrapy", "parse", "--spider", "trs", "-a", f"url={listing_url}", "-c", "parse_report",
                           "-s", "HTTPCACHE_ENABLED=1", "-s", f"HTTPCACHE_DIR={cache}", "-s", f"NIANBAO_DB={cache.parent / 'corpus.db'}",
                           "-s", "LOG_LEVEL=WARNING", "-s", "RETRY_TIMES=0", url],
                          capture_output=True, text=True, timeout=120, cwd=project)


def test_development_cache_replays_pages_but_never_a_challenge(mock_site, tmp_path):
    site, entries = build()
    waf = WafSite("verify", inner=site, allow=1)
    cache = tmp_path / "httpcache"
    with mock_site(waf) as base:
        listing, page, challenged = base + "/xxgk/xxgknb/index.html", base + entries[0].path, base + entries[1].path
        assert entries[0].title in scrapy_parse(listing, page, cache).stdout
        assert entries[1].title not in scrapy_parse(listing, challenged, cache).stdout
    offline = scrapy_parse(listing, page, cache)
    assert entries[0].title in offline.stdout, offline.stderr[-3000:]
    assert entries[1].title not in scrapy_parse(listing, challenged, cache).stdout
    cached = {pickle.loads(meta.read_bytes())["url"] for meta in cache.rglob("pickled_meta")}
    assert page in cached and challenged not in cached


def test_a_long_page_quoting_a_block_phrase_is_content():
    site, entries = build()
    body = site.pages[entries[0].path][0].decode("utf-8")
    quoting = body.replace("</h1>", "</h1><p>本单位网站接入云堤防护，拦截对网站造成安全威胁的访问。</p>")
    assert challenge_reason(200, [], quoting) is None
