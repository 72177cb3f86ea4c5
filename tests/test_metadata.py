"""Metadata stage on the seed texts, hand-written pages of each CMS family and listing records."""

import pytest

from pipelines import body, metadata, normalize

from .conftest import FIXTURES, SEEDS

PAGES = FIXTURES / "metadata"
FIELDS = ("title", "year", "kind", "published", "agency", "index_no", "doc_no")


def run(html=None, text=None, listing=None, site=None, **record):
    record = {"html": html, "text": text, "listing": listing or {}, "site": site or {}, **record}
    for stage in (body.process, normalize.process, metadata.process):
        record = stage(record)
    return record


def fields(record):
    return {name: record[name] for name in FIELDS}


def seed(prefix: str) -> str:
    [path] = SEEDS.glob(prefix + "_*.txt")
    return path.read_text(encoding="utf-8")


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


SEED_FIELDS = {
    "000": dict(title="市经信委2016年度政务信息公开工作报告", year=2016, kind="annual", published="2017-03-21",
                agency="市经信委", index_no=None, doc_no=None),
    # no title: the body's outline (概述 … 收费及减免 … 复议诉讼) makes it annual; 今年以来 with the 2016 要点 it follows, and its own 2016年，我区… line, give 2016
    "001": dict(title=None, year=2016, kind="annual", published=None, agency=None, index_no=None, doc_no=None),
    "002": dict(title="张掖市发展和改革委员会关于2010年政务公开工作总结报告", year=2010, kind="annual", published="2021-01-07",
                agency="市发展改革委", index_no="620700036/2021-00008", doc_no=None),
    "003": dict(title="安陆市2017年政府信息公开工作年度报告", year=2017, kind="annual", published="2018-01-17",
                agency="市政府办公室", index_no=None, doc_no=None),
    "004": dict(title="2021年上半年政府信息公开工作总结", year=2021, kind="half-year", published="2021-07-02",
                agency="市政府办", index_no=None, doc_no=None),
}


@pytest.mark.parametrize("prefix", sorted(SEED_FIELDS))
def test_seed_texts_give_every_field_they_hold(prefix):
    assert fields(run(text=seed(prefix))) == SEED_FIELDS[prefix]


PAGE_FIELDS = {
    # meta tags in odd case and attribute order; nbsp/\u3000-padded labels; 生成日期 ranks below PubDate
    "trs_table.html": dict(title="蚌山区财政局2023年政府信息公开工作年度报告", year=2023, kind="annual", published="2024-01-19",
                           agency="蚌山区财政局", index_no="11340300MB1908811Q/2024-00017", doc_no=None),
    # no ArticleTitle: the heading cell; labels without colons; Chinese dates in the table
    "hanweb_table.html": dict(title="湖州市自然资源和规划局关于2021年度政府信息公开工作年度报告", year=2021, kind="annual",
                              published="2022-01-21", agency="湖州市自然资源和规划局", index_no="002482410/2022-04321", doc_no=None),
    # table.table_suoyin with labels split by inner tags; an empty ArticleTitle; a 工作要点 with a 文号
    "lonsun_suoyin.html": dict(title="六安市2022年政务公开工作要点", year=2022, kind="other", published="2022-03-10",
                               agency="六安市人民政府办公室", index_no="003159877/202203-00021", doc_no="六政办秘〔2022〕9号"),
    # dl/dd/label with \u2002 padding, full-width 生成日期, Chinese-numeral year, empty 来源 before 访问量
    "ucap_dl.html": dict(title="宜丰县统计局二〇二二年度政府信息公开工作年度报告", year=2022, kind="annual", published="2023-01-16",
                         agency="宜丰县统计局", index_no="014742224A/2023-0043406", doc_no=None),
    # gov.cn: no standard meta tags, firstpublishedtime, {title}__{column}_中国政府网
    "govcn.html": dict(title="国家统计局2022年政府信息公开工作年度报告", year=2022, kind="annual", published="2023-02-28",
                       agency="国家统计局", index_no=None, doc_no=None),
}


@pytest.mark.parametrize("name", sorted(PAGE_FIELDS))
def test_pages_give_every_field_they_hold(name):
    assert fields(run(html=page(name))) == PAGE_FIELDS[name]


def test_listing_title_cut_with_ellipsis_gives_way_to_the_page_title():
    record = run(html=page("cut_listing_title.html"), listing={"title": "合肥市包河区住房和城乡建设局2020年政府…", "date": "2021-01-26"})
    assert record["title"] == "合肥市包河区住房和城乡建设局2020年政府信息公开工作年度报告"
    assert (record["year"], record["kind"]) == (2020, "annual")
    # 来源：本站 names no agency: the title's prefix does
    assert record["agency"] == "合肥市包河区住房和城乡建设局"


def test_full_width_info_line_date():
    assert run(html=page("cut_listing_title.html"))["published"] == "2021-01-26"


def test_gkmlpt_listing_record_fills_what_the_page_lacks():
    html = "<html><body><div class='content'><p>本报告所列数据统计期限为2023年1月1日至2023年12月31日。</p></div></body></html>"
    listing = {"title": "广州市天河区教育局2023年政府信息公开工作年度报告", "published": 1705541400000,
               "index_no": "007482593/2024-00012", "agency": "广州市天河区教育局"}
    record = run(html=html, listing=listing)
    assert fields(record) == dict(title=listing["title"], year=2023, kind="annual", published="2024-01-18",
                                  agency="广州市天河区教育局", index_no="007482593/2024-00012", doc_no=None)


def test_republished_old_report_keeps_the_year_it_covers():
    record = run(text=seed("002"), listing={"date": "2021-01-07"})
    assert (record["year"], record["published"]) == (2010, "2021-01-07")


def test_page_without_metadata_leaves_fields_null():
    record = run(html="<html><body><div class='content'><p>今年以来，我局认真落实各项工作。</p></div></body></html>")
    assert fields(record) == dict(title=None, year=None, kind="other", published=None, agency=None, index_no=None, doc_no=None)


def test_region_comes_from_the_registry_row_unless_the_record_has_it():
    site = {"province": "安徽省", "city": "蚌埠市", "county": "", "name": "蚌埠市人民政府"}
    record = run(text=seed("000"), site=site)
    assert (record["province"], record["city"], record["county"]) == ("安徽省", "蚌埠市", None)
    kept = run(text=seed("000"), site=site, province="四川省")
    assert kept["province"] == "四川省"


def test_site_name_from_the_registry_row_is_cut_from_the_title():
    html = "<html><head><title>2023年政务公开工作年度报告-示例新区管委会</title></head><body><p>正文。</p></body></html>"
    assert run(html=html, site={"name": "示例新区管委会"})["title"] == "2023年政务公开工作年度报告"


def test_fields_a_stage_before_set_are_not_erased():
    record = run(text="正文第一行，没有元数据。", title="外部给定的标题", index_no="1/2020-1")
    assert (record["title"], record["index_no"]) == ("外部给定的标题", "1/2020-1")


def test_traditional_page_gives_simplified_metadata():
    html = ("<html><head><meta name='ArticleTitle' content='張掖市發展和改革委員會2010年政務公開工作總結報告'></head><body>"
            "<table><tr><td>發布機構</td><td>市發展改革委</td></tr></table><div class='content'><p>正文。</p></div></body></html>")
    record = run(html=html)
    assert (record["title"], record["agency"], record["kind"]) == ("张掖市发展和改革委员会2010年政务公开工作总结报告", "市发展改革委", "annual")


def test_traditional_listing_record_gives_simplified_metadata():
    listing = {"title": "臨江市財政局2023年政府信息公開工作年度報告", "agency": "臨江市財政局", "published": "2024-01-20"}
    record = run(text="本報告所列數據統計期限為2023年1月1日至2023年12月31日。", listing=listing)
    assert (record["title"], record["agency"], record["year"]) == ("临江市财政局2023年政府信息公开工作年度报告", "临江市财政局", 2023)


def test_pipeline_class_runs_the_stage():
    record = {"text": "2021年上半年政府信息公开工作总结\n正文。", "listing": {}, "site": {}}
    assert metadata.process(record)["kind"] == "half-year"
