"""End to end: a city portal, a department's own site and a Traditional mirror publish the same
reports; the corpus holds one canonical report per group with every source URL."""

import shutil
import signal
import sqlite3

from crawler.demo import chrome, mirror, trs
from crawler.registry import Site, write_sites
from pipelines.record import report_id
from tests.conftest import FAST, run_nianbao
from tests.test_store import dangling

PORTAL = chrome.Portal(name="临江市人民政府", domain="www.linjiang.gov.cn", id_code="3499000001", province_short="皖",
                       icp="皖ICP备09000001号-1", police="皖公网安备 34990002000001号", address="临江市滨江大道1号", phone="0550-1234567")
BUREAU = chrome.Portal(name="临江市财政局", domain="czj.linjiang.gov.cn", id_code="3499000101", province_short="皖",
                       icp="皖ICP备09000001号-3", police="皖公网安备 34990002000101号", address="临江市财政大厦", phone="0550-2345678")
MIRROR = chrome.Portal(name="政務信息轉載網", domain="www.zwxx-mirror.com", id_code="", province_short="港",
                       icp="", police="", address="", phone="")
AGENCIES = ["临江市人民政府", "临江市财政局", "临江市教育局"]
YEARS = [2022, 2023]


def test_republished_reports_are_stored_once_with_all_their_sources(mock_site, crawl):
    portal, portal_entries = trs.build_site(PORTAL, AGENCIES, YEARS, notices=1, per_page=4)
    bureau, bureau_entries = trs.build_site(BUREAU, ["临江市财政局"], YEARS, notices=0, column_path="/zwgk/ndbg/")
    copies_site, copies = mirror.build_mirror(MIRROR, portal_entries)
    with mock_site(portal) as portal_base, mock_site(copies_site) as mirror_base:
        first, db = crawl([
            Site(site_id="linjiang", name=PORTAL.name, level="city", template="trs", start_url=portal_base + "/xxgk/xxgknb/index.html"),
            Site(site_id="mirror", name=MIRROR.name, level="mirror", template="trs", start_url=mirror_base + "/zfxxgk/nb/index.html"),
        ])
        with mock_site(bureau) as bureau_base:
            second, _ = crawl([Site(site_id="czj", name=BUREAU.name, level="department", template="trs",
                                    start_url=bureau_base + "/zwgk/ndbg/index.html")])
    assert first.returncode == 0 and second.returncode == 0, first.stderr[-2000:] + second.stderr[-2000:]

    con = sqlite3.connect(db)
    reports = {url: (rid, dup_of) for url, rid, dup_of in con.execute("select url, id, dup_of from reports")}
    assert len(reports) == len(portal_entries) + len(bureau_entries) + len(copies)
    sources = {}
    for rid, url in con.execute("select report_id, url from report_sources"):
        sources.setdefault(rid, set()).add(url)

    for entry in portal_entries:
        urls = {portal_base + entry.path}
        if entry.kind == "annual":
            urls |= {mirror_base + c.path for c in copies if (c.agency, c.report.year) == (entry.agency, entry.report.year)}
            urls |= {bureau_base + b.path for b in bureau_entries if (b.agency, b.report.year) == (entry.agency, entry.report.year)}
        own = [url for url in urls if url.startswith(bureau_base)] or [portal_base + entry.path]
        canonical = report_id(own[0])
        assert sources[canonical] == urls, entry.title
        for url in urls:
            assert reports[url] == (report_id(url), None if url == own[0] else canonical)
    assert len(sources) == len(portal_entries)
    assert con.execute("select count(*) from dedupe_signatures").fetchone() == (len(reports),)


COUNTY = chrome.Portal(name="白河县人民政府", domain="www.baihe.gov.cn", id_code="3499000201", province_short="皖",
                       icp="皖ICP备09000002号-1", police="皖公网安备 34990002000201号", address="白河县人民路8号", phone="0550-7654321")
TOWNSHIPS = ["白河县城关镇", "白河县红石镇", "白河县青山乡"]


def test_townships_filling_in_one_template_stay_apart_and_their_copies_find_them(mock_site, crawl):
    county, entries = trs.build_site(COUNTY, TOWNSHIPS, YEARS, notices=0, per_page=4, template="township")
    copies_site, copies = mirror.build_mirror(MIRROR, entries)
    with mock_site(county) as county_base, mock_site(copies_site) as mirror_base:
        result, db = crawl([
            Site(site_id="baihe", name=COUNTY.name, level="county", template="trs", start_url=county_base + "/xxgk/xxgknb/index.html"),
            Site(site_id="mirror", name=MIRROR.name, level="mirror", template="trs", start_url=mirror_base + "/zfxxgk/nb/index.html"),
        ])
    assert result.returncode == 0, result.stderr[-2000:]

    con = sqlite3.connect(db)
    dup_of = dict(con.execute("select url, dup_of from reports"))
    assert len(dup_of) == len(entries) + len(copies)
    for entry in entries:
        assert dup_of[county_base + entry.path] is None, entry.title
        copy = next(c for c in copies if (c.agency, c.report.year) == (entry.agency, entry.report.year))
        assert dup_of[mirror_base + copy.path] == report_id(county_base + entry.path), copy.title


def corpus_state(db) -> dict:
    con = sqlite3.connect(db)
    state = {"reports": sorted(con.execute("select id, dup_of, url from reports")),
             "sources": sorted(con.execute("select report_id, url from report_sources")),
             "signatures": sorted(con.execute("select report_id, canonical_id from dedupe_signatures"))}
    con.close()
    return state


def test_killed_between_placing_and_storing_leaves_no_dangling_dup_of(mock_site, tmp_path):
    """SIGKILL inside the transaction that re-points a group to a better copy (after the
    re-pointing, before the copy's report is written): the corpus keeps the group as it was, and
    the next crawl ends with the corpus of an uninterrupted one."""
    portal, portal_entries = trs.build_site(PORTAL, AGENCIES[:2], YEARS, notices=0, per_page=4)
    bureau, bureau_entries = trs.build_site(BUREAU, ["临江市财政局"], YEARS, notices=0, column_path="/zwgk/ndbg/")
    copies_site, _copies = mirror.build_mirror(MIRROR, portal_entries)

    def crawl(rows, db, **env):
        registry = tmp_path / f"{rows[0].site_id}.csv"
        write_sites(registry, rows)
        return run_nianbao("crawl", "--sites", str(registry), "--db", str(db), *FAST, env=env)

    with mock_site(portal) as portal_base, mock_site(copies_site) as mirror_base, mock_site(bureau) as bureau_base:
        first = [Site(site_id="linjiang", name=PORTAL.name, level="city", template="trs", start_url=portal_base + "/xxgk/xxgknb/index.html"),
                 Site(site_id="mirror", name=MIRROR.name, level="mirror", template="trs", start_url=mirror_base + "/zfxxgk/nb/index.html")]
        second = [Site(site_id="czj", name=BUREAU.name, level="department", template="trs", start_url=bureau_base + "/zwgk/ndbg/index.html")]
        reference, db = tmp_path / "reference.db", tmp_path / "corpus.db"
        assert crawl(first, db).returncode == 0
        shutil.copy(db, reference)  # checkpointed: the .db file alone is the corpus
        assert crawl(second, reference).returncode == 0
        before = corpus_state(db)

        killed = crawl(second, db, NIANBAO_TEST_KILL_BEFORE_COMMIT="repoint")
        assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
        assert dangling(sqlite3.connect(db)) == []
        assert corpus_state(db) == before, "the interrupted placement left no trace"

        resumed = crawl(second, db)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert corpus_state(db) == corpus_state(reference)
    assert any(dup_of for _, dup_of, url in corpus_state(db)["reports"] if url.startswith(portal_base))
