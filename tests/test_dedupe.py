"""Dedupe stage: signatures, groups, look-alikes kept apart, canonical copy, persistence."""

import random

import pytest
from scrapy.settings import Settings
from scrapy.signalmanager import SignalManager

from crawler.demo.mirror import traditional_with_pinyin
from crawler.demo.reports import make_notice, make_report
from pipelines import minhash, normalize
from pipelines.canonical import GOVERNMENT_SITE, MIRROR_SITE, OWN_SITE, same_agency, site_rank
from pipelines.dedupe import NEAR_IDENTICAL_MIN_SIMILARITY, SAME_REPORT_MIN_SIMILARITY, DedupeIndex, describe
from pipelines.record import report_id
from store.pipeline import CorpusPipeline

AGENCY = "临江市财政局"
OWN = {"name": AGENCY, "level": "department"}
PORTAL = {"name": "临江市人民政府", "level": "city"}
MIRROR = {"name": "转载网", "level": "mirror"}


def changed(text: str, rate: float, seed: int = 1) -> str:
    rng = random.Random(seed)
    chars = list(text)
    for position in rng.sample(range(len(chars)), int(len(chars) * rate)):
        if chars[position] != "\n":
            chars[position] = chr(0x4E00 + rng.randrange(3000))
    return "".join(chars)


def record(url: str, agency: str = AGENCY, year: int = 2023, text: str | None = None, site: dict = PORTAL, **fields) -> dict:
    report = make_report(agency, year)
    return {"url": url, "title": report.title, "agency": agency, "year": year, "kind": "annual",
            "text": report.gold_text if text is None else text, "flags": [], "original_script": "simplified",
            "published": f"{year + 1}-01-20", "site": site, **fields}


def signature_of(text: str):
    return minhash.signature(minhash.dedupe_key(text))


def test_key_ignores_punctuation_spacing_and_pinyin():
    text = make_report(AGENCY, 2023).gold_text
    mirror = normalize.to_simplified(traditional_with_pinyin(text, random.Random(3)))
    assert "(" in mirror
    assert minhash.similarity(signature_of(text), signature_of(mirror)) >= 0.9
    assert minhash.dedupe_key("一、总体情况 | 12 件（ｑū）") == "一总体情况12件"


def test_similarity_falls_with_edits_as_measured():
    text = make_report(AGENCY, 2023).gold_text
    scores = [minhash.similarity(signature_of(text), signature_of(changed(text, rate))) for rate in (0.01, 0.05, 0.10)]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] >= NEAR_IDENTICAL_MIN_SIMILARITY and scores[-1] >= SAME_REPORT_MIN_SIMILARITY


def test_edited_copies_join_the_original_and_lookalikes_stay_apart():
    index = DedupeIndex()
    original = index.add(describe(record("http://a.gov.cn/1.html", site=OWN)))
    text = make_report(AGENCY, 2023).gold_text
    copy = index.add(describe(record("http://b.gov.cn/1.html", text=changed(text, 0.09))))
    assert copy.canonical_id == original.canonical_id and copy.matched_by == "same report"
    for lookalike in (record("http://a.gov.cn/2.html", year=2022), record("http://a.gov.cn/3.html", agency="临江市教育局")):
        similarity = minhash.similarity(signature_of(text), signature_of(lookalike["text"]))
        assert similarity > SAME_REPORT_MIN_SIMILARITY  # the template makes them look alike
        placement = index.add(describe(lookalike))
        assert placement.matched_by is None and placement.canonical_id == report_id(lookalike["url"])


def test_near_identical_copy_merges_whatever_its_metadata_says():
    index = DedupeIndex()
    index.add(describe(record("http://a.gov.cn/1.html")))
    text = make_report(AGENCY, 2023).gold_text
    mislabeled = record("http://c.com/1.html", agency="转载网", title="转载：年度报告", text=changed(text, 0.005), site=MIRROR)
    placement = index.add(describe(mislabeled))
    assert placement.matched_by == "near-identical"
    assert placement.canonical_id == report_id("http://a.gov.cn/1.html")


@pytest.mark.parametrize("site, script, flags, expected", [
    (OWN, "simplified", [], "own"), (MIRROR, "simplified", [], "portal"), (PORTAL, "traditional", [], "portal"),
    (PORTAL, "simplified", ["mojibake"], "portal"),
])
def test_canonical_copy_preference(site, script, flags, expected):
    index = DedupeIndex()
    index.add(describe(record("http://portal.gov.cn/1.html")))
    placement = index.add(describe(record("http://own.gov.cn/1.html", site=site, original_script=script, flags=flags)))
    assert placement.canonical_id == report_id(f"http://{expected}.gov.cn/1.html")
    assert placement.replaced == (report_id("http://portal.gov.cn/1.html") if expected == "own" else None)


def test_pipeline_sets_dup_of_and_recrawl_keeps_the_group(tmp_path):
    class Stats:
        def __init__(self):
            self.values = {}

        def inc_value(self, key):
            self.values[key] = self.values.get(key, 0) + 1

    class Crawler:
        settings = Settings({"NIANBAO_DB": str(tmp_path / "corpus.db"), "NIANBAO_PROGRESS_EVERY": 25})
        stats = Stats()
        signals = SignalManager()
        spider = None  # no spider that says it crawls from its start: a plain crawl, which stores

    pipeline = CorpusPipeline.from_crawler(Crawler)
    first = pipeline.process_item(record("http://portal.gov.cn/1.html", site_id="x", fetched_at="2025-01-01T00:00:00+00:00"))
    second = pipeline.process_item(record("http://mirror.com/1.html", site=MIRROR, site_id="y", fetched_at="2025-01-01T00:00:00+00:00"))
    again = pipeline.process_item(record("http://mirror.com/1.html", site=MIRROR, site_id="y", fetched_at="2025-01-01T00:00:00+00:00"))
    pipeline.close_spider()
    Crawler.nianbao_corpus.close()
    assert first["dup_of"] is None
    assert second["dup_of"] == again["dup_of"] == report_id("http://portal.gov.cn/1.html")
    assert Crawler.stats.values == {"nianbao/dedupe_exact": 1, "nianbao/reports_stored": 3, "nianbao/reports_new": 2,
                                    "nianbao/reports_unchanged": 1}


def test_two_agencies_never_merge_even_with_identical_texts():
    index = DedupeIndex()
    text = make_report("本机关", 2023, seed="zero-filled").gold_text  # names no township
    first = index.add(describe(record("http://a.gov.cn/1.html", agency="白河县城关镇", text=text, title="白河县城关镇2023年政府信息公开工作年度报告")))
    other = index.add(describe(record("http://a.gov.cn/2.html", agency="白河县红石镇", text=text, title="白河县红石镇2023年政府信息公开工作年度报告")))
    assert other.matched_by is None and other.canonical_id != first.canonical_id
    copy = index.add(describe(record("http://c.com/2.html", agency="转载网", text=text, title="白河县红石镇2023年政府信息公开工作年度报告", site=MIRROR)))
    assert copy.matched_by == "exact" and copy.canonical_id == other.canonical_id


def test_near_identical_notices_of_two_agencies_stay_apart():
    index = DedupeIndex()
    titles = {agency: f"{agency}关于报送2025年度政府信息公开工作年度报告的函" for agency in ("袁水县人民政府", "松原市交通运输局")}
    texts = {agency: make_notice(agency, 2025, title).gold_text for agency, title in titles.items()}
    assert minhash.similarity(*(signature_of(text) for text in texts.values())) >= NEAR_IDENTICAL_MIN_SIMILARITY
    placements = [index.add(describe(record(f"http://{n}.gov.cn/1.html", agency=agency, year=2025, kind="other", text=texts[agency],
                                            title=titles[agency]))) for n, agency in enumerate(texts)]
    assert placements[1].matched_by is None


def test_a_shortened_agency_name_is_the_same_agency():
    index = DedupeIndex()
    index.add(describe(record("http://a.gov.cn/1.html")))
    short = record("http://b.gov.cn/1.html", agency="市财政局", title="市财政局2023年政府信息公开工作年度报告",
                   text=changed(make_report(AGENCY, 2023).gold_text, 0.005))
    assert index.add(describe(short)).matched_by == "near-identical"


def test_a_loaded_index_finds_near_identical_copies_of_its_canonical_copies():
    stored = DedupeIndex()
    stored.add(describe(record("http://a.gov.cn/1.html")))
    stored.add(describe(record("http://a.gov.cn/2.html", agency="临江市教育局")))
    loaded = DedupeIndex()
    for copy in stored.copies.values():
        loaded.load(copy)
    short = record("http://b.gov.cn/1.html", agency="市财政局", title="市财政局2023年政府信息公开工作年度报告",
                   text=changed(make_report(AGENCY, 2023).gold_text, 0.005))
    placement = loaded.add(describe(short))
    assert placement.matched_by == "near-identical"
    assert loaded.copies[report_id("http://a.gov.cn/1.html")].canonical_id == placement.canonical_id
    assert len(loaded) == 3 and len(loaded.lsh) == 2


@pytest.mark.parametrize("a, b, same", [
    ("临江市财政局", "市财政局", True), ("临江市人民政府", "市政府办公室", True), ("某省人民政府", "省政府办公厅", True),
    ("临江市", "临江市人民政府", True), ("天河区", "广州市天河区人民政府办公室", True), ("临江市", "临江市财政局", False),
    ("临江市财政局", None, True), ("白河县城关镇", "白河县红石镇", False), ("临江市财政局", "临江市教育局", False),
    ("云溪市人民政府办公室", "袁水县人民政府", False),
])
def test_same_agency(a, b, same):
    assert same_agency(a, b) is same and same_agency(b, a) is same


@pytest.mark.parametrize("agency, rank", [("市财政局", OWN_SITE), ("临江市财政局", OWN_SITE), ("临江市教育局", GOVERNMENT_SITE), (None, GOVERNMENT_SITE)])
def test_own_site_recognised_under_a_shortened_agency_name(agency, rank):
    assert site_rank(OWN, "http://czj.linjiang.gov.cn/1.html", agency) == rank


@pytest.mark.parametrize("url, rank", [("http://127.0.0.1:8080/1.html", GOVERNMENT_SITE), ("http://localhost/1.html", GOVERNMENT_SITE),
                                       ("http://[::1]:8080/1.html", GOVERNMENT_SITE), ("http://www.linjiang.gov.cn/1.html", GOVERNMENT_SITE),
                                       ("http://www.example.com/1.html", MIRROR_SITE), ("http://gov.cn.example.com/1.html", MIRROR_SITE)])
def test_address_hosts_count_as_government_sites(url, rank):
    """A registry row served from an address (an intranet mirror of a portal, the mock sites of the
    tests and of ``nianbao demo``) is no mirror unless its row says so; a named host outside .gov.cn is."""
    assert site_rank(PORTAL, url, None) == rank
    assert site_rank(MIRROR, url, None) == MIRROR_SITE
