"""Kind and year from the body when the title is missing, generic or misleading (issue 22):
every seed, mock pages and short texts written after real ones, and the two *_source fields
through storage and export."""

import json
import re
import shutil
import sqlite3

import pytest

from pipelines import body, metadata, normalize
from pipelines.body_evidence import body_kind, body_year, signature_year, this_year_by_cited_plans
from pipelines.record import REPORT_FIELDS
from pipelines.titles import title_in_text
from store.read import Filters, connect, iter_reports
from store.write import Corpus

from .conftest import FIXTURES, SEEDS, TESTS

V1_CORPUS = TESTS / "data" / "corpus-v1.db"

PAGES = FIXTURES / "kind"


def run(html=None, text=None, listing=None, site=None, **record):
    record = {"html": html, "text": text, "listing": listing or {}, "site": site or {}, "flags": [], **record}
    for stage in (body.process, normalize.process, metadata.process):
        record = stage(record)
    return record


def decided(record):
    return record["kind"], record["kind_source"], record["year"], record["year_source"]


def seed(prefix: str) -> str:
    [path] = SEEDS.glob(prefix + "_*.txt")
    return path.read_text(encoding="utf-8")


def normalized(text: str) -> str:
    record = {"text": text, "html": None, "flags": []}
    return normalize.process(body.process(record))["text"]


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


# -- the seeds --------------------------------------------------------------------------

SEEDS_DECIDED = {
    "000": ("annual", "title", 2016, "title"),
    # no title at all: the outline 概述 … 主动公开 … 依申请公开 … 复议、诉讼 … 收费及减免 … 存在的主要问题
    # makes it annual; 今年以来, the 2016 要点 it follows and its own 2016年，我区… line make it 2016
    "001": ("annual", "body", 2016, "body"),
    "002": ("annual", "title", 2010, "title"),
    "003": ("annual", "title", 2017, "title"),
    "004": ("half-year", "title", 2021, "title"),
}


@pytest.mark.parametrize("prefix", sorted(SEEDS_DECIDED))
def test_every_seed_gets_its_kind_year_and_their_sources(prefix):
    assert decided(run(text=seed(prefix))) == SEEDS_DECIDED[prefix]


@pytest.mark.parametrize("prefix", sorted(SEEDS_DECIDED))
def test_every_seed_without_its_title_line_gets_the_same_kind_and_year_from_its_body(prefix):
    """Text dumps and attachments lose the title line: the body alone must tell the same."""
    text = normalized(seed(prefix))
    title = title_in_text(text)
    headless = "\n".join(line for line in text.splitlines() if line.strip() != title)
    kind, _, year, _ = SEEDS_DECIDED[prefix]
    record = run(text=headless)
    assert record["title"] is None
    assert (record["kind"], record["kind_source"], record["year"], record["year_source"]) == (kind, "body", year, "body")


# -- kind from the body: each rule on its own ----------------------------------------------

OPENING = "2022年，县统计局认真贯彻落实上级部署，扎实推进政府信息公开工作。"
OFFICIAL_HEADINGS = ("一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
                     "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项")
OLD_HEADINGS = ("一、概述\n二、主动公开政府信息情况\n三、依申请公开政府信息情况\n四、政府信息公开的收费及减免情况\n"
                "五、因政府信息公开申请提起行政复议、行政诉讼的情况\n六、存在的主要问题及改进措施")
TABLE_ROWS = ("自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计\n"
              "一、本年新收政府信息公开申请数量 | 12 | 0 | 0 | 0 | 0 | 1 | 13\n"
              "二、上年结转政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1\n"
              "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0")


def with_prose(headings: str) -> str:
    return OPENING + "\n" + "\n".join(line + "\n全年工作有序推进，各项任务按期完成。" for line in headings.splitlines())


@pytest.mark.parametrize("text, rule", [
    (with_prose(OFFICIAL_HEADINGS), "2019/2021 headings"),
    (with_prose(OLD_HEADINGS), "pre-2019 headings"),
    (OPENING + "\n" + TABLE_ROWS, "statistics table"),
    (OPENING + "\n信息内容 | 上一年项目数量 | 本年新增/删减 | 处理决定数量\n行政许可 | 12 | 0 | 0\n本年增/减 | 2\n"
     "政府集中采购 | 采购项目数量 | 采购总金额", "2019 trial statistics table"),
    (with_prose(re.sub(r"^[一二三四五六]、", "", OFFICIAL_HEADINGS, flags=re.M)), "headings that lost their numbers"),
    (OPENING + "\n第一部分 概述\n全年工作有序推进。\n第二部分 主动公开政府信息情况\n全年主动公开信息120条。\n"
     "第三部分 依申请公开政府信息情况\n全年收到申请3件。", "第一部分 headings"),
    ("本报告所列数据统计期限为2022年1月1日至2022年12月31日。\n全年工作有序推进。", "statistics period"),
    ("根据《中华人民共和国政府信息公开条例》要求，编制本报告。本报告由总体情况、主动公开等部分组成。", "two opening formulas"),
    ("根据《条例》规定，现将县统计局2022年政府信息公开工作情况报告如下：\n全年工作有序推进。", "现将…公开工作情况报告如下"),
])
def test_each_report_rule_alone_makes_an_untitled_text_annual(text, rule):
    assert body_kind(text).kind == "annual", rule
    assert decided(run(text=text))[:2] == ("annual", "body")


@pytest.mark.parametrize("text", [
    OPENING,
    "今年以来，我局认真落实各项工作。",
    OPENING + "\n一、主动公开政府信息情况\n全年主动公开信息120条。\n二、存在的主要问题\n解读形式单一。",  # two sections only
    "现将我局安全生产检查情况报告如下：\n全年开展检查12次。",  # the formula, but not about 公开
    OPENING + "\n自然人 | 商业企业 | 总计",  # one table marker
])
def test_too_little_evidence_leaves_the_kind_to_the_title(text):
    assert body_kind(text).kind is None
    assert decided(run(text=text))[:2] == ("other", None)


NOTICE = """各乡镇人民政府，县政府各部门：
根据《中华人民共和国政府信息公开条例》规定，各单位应编制并公布本机关2020年政府信息公开工作年度报告。现将有关事项通知如下：
{headings}
{tables}
请各单位认真贯彻执行。
特此通知。
临江县政务公开办公室
2021年1月5日"""


def notice(*dropped: str) -> str:
    text = NOTICE.format(headings=OFFICIAL_HEADINGS, tables=TABLE_ROWS)
    for line in dropped:
        text = text.replace(line, "")
    return text


@pytest.mark.parametrize("text", [
    notice(),
    notice("各乡镇人民政府，县政府各部门：", "现将有关事项通知如下：", "请各单位认真贯彻执行。"),  # 特此通知 alone
    notice("各乡镇人民政府，县政府各部门：", "现将有关事项通知如下：", "特此通知。"),  # 请…贯彻执行 alone
    notice("各乡镇人民政府，县政府各部门：", "请各单位认真贯彻执行。", "特此通知。"),  # 通知如下 alone
    notice("现将有关事项通知如下：", "请各单位认真贯彻执行。", "特此通知。"),  # the addressee line alone
    "为推进政务公开，现将《2022年政务公开工作要点》印发给你们。\n" + with_prose(OFFICIAL_HEADINGS),
    "为深入推进政务公开，结合本县实际，特制定本要点。\n" + with_prose(OLD_HEADINGS),
    "一、总体要求\n坚持以人民为中心。\n二、重点任务\n（一）深化主动公开\n（二）规范依申请公开\n（三）做好复议诉讼应诉\n三、保障措施\n加强组织领导。",
])
def test_notices_and_plans_that_quote_report_headings_stay_other(text):
    assert body_kind(text).kind == "other"
    assert decided(run(text=text))[:2] == ("other", "body")


def test_a_notice_s_own_title_line_tells_the_body_too():
    text = "关于做好2020年政府信息公开工作年度报告工作的通知\n" + notice(
        "各乡镇人民政府，县政府各部门：", "现将有关事项通知如下：", "请各单位认真贯彻执行。", "特此通知。")
    assert body_kind(text).kind == "other"
    assert decided(run(text=text))[:2] == ("other", "title")


def test_a_report_that_tells_of_an_application_to_enforce_is_no_notice():
    # 申请执行 holds 请执行; 印发了《…要点》 holds a cited plan; reports end with 现予公布 as notices do
    text = with_prose(OLD_HEADINGS) + "\n我局依法申请执行1件。全年印发了《2016年政务公开工作要点》。\n根据《条例》规定编制本报告，现予公布。"
    assert body_kind(text).kind == "annual"


@pytest.mark.parametrize("text", [
    "2022年上半年，县财政局扎实推进政务公开工作，上半年主动公开政府信息128条。\n" + OLD_HEADINGS,
    "1-6月，县财政局扎实推进政务公开工作，主动公开政府信息128条。\n一、主动公开情况\n公开信息128条。",
    "今年以来，县财政局扎实推进政务公开工作。\n一、主动公开情况\n公开信息128条。\n二、下半年工作打算\n加强巡查。",
    "本报告所列数据统计期限为2022年1月1日至2022年6月30日。\n" + with_prose(OFFICIAL_HEADINGS),
])
def test_half_year_markers_make_a_half_year_summary(text):
    assert body_kind(text).kind == "half-year"
    assert decided(run(text=text))[:2] == ("half-year", "body")


def test_a_half_year_marker_in_a_text_not_about_disclosure_tells_nothing():
    text = "2022年上半年，全县完成地区生产总值120亿元，同比增长6.1%。\n一、工业生产\n规模以上工业增加值增长7%。"
    assert body_kind(text).kind is None


def test_report_headings_naming_tasks_and_requirements_are_no_plan():
    text = OPENING + "\n一、聚焦重点任务，深化主动公开\n全年主动公开信息120条。\n二、落实工作要求，规范依申请公开\n全年收到申请3件。\n" + OLD_HEADINGS
    assert body_kind(text).kind == "annual"


def test_an_annual_report_mentioning_its_first_half_in_passing_stays_annual():
    text = with_prose(OLD_HEADINGS) + "\n上半年，我局完成了网站改版。"
    assert body_kind(text).kind == "annual"


# -- the title against the body --------------------------------------------------------------

REPORT_BODY = with_prose(OFFICIAL_HEADINGS)
HALF_YEAR_BODY = "2016年上半年，县财政局扎实推进政务公开工作，上半年主动公开政府信息128条。\n" + OLD_HEADINGS


@pytest.mark.parametrize("title, text, expected", [
    # explicit titles win over any body
    ("县统计局2024年政务公开工作要点", REPORT_BODY, ("other", "title")),
    ("关于印发《县统计局2022年政府信息公开工作年度报告》的通知", REPORT_BODY, ("other", "title")),
    ("县统计局2022年政府信息公开工作年度报告", notice(), ("annual", "title")),
    ("县统计局2016年上半年政务公开工作总结", REPORT_BODY, ("half-year", "title")),
    ("县财政局2016年度政务公开工作总结", HALF_YEAR_BODY, ("annual", "title")),  # 年度 says it
    # generic titles: the body tells when it can, the title's guess stays when it cannot
    ("政务公开工作总结", REPORT_BODY, ("annual", "title")),
    ("政务公开工作总结", HALF_YEAR_BODY, ("half-year", "body")),
    ("信息公开工作情况", notice(), ("other", "body")),
    ("信息公开工作情况", "县统计局认真落实各项工作。", ("annual", "title")),
    # a title that says the wrong thing: 2016年…总结 over a half-year summary
    ("县财政局2016年政务公开工作总结", HALF_YEAR_BODY, ("half-year", "body")),
    # titles that name no document (an attachment's file name, a column)
    ("附件1.docx", REPORT_BODY, ("annual", "body")),
    ("附件1.docx", notice(), ("other", "body")),
])
def test_title_evidence_wins_when_explicit_and_yields_when_generic(title, text, expected):
    record = run(text="", title=None, listing={"title": title}, html=f"<html><body><div class='content'>{''.join(f'<p>{line}</p>' for line in text.splitlines())}</div></body></html>")
    assert (record["kind"], record["kind_source"]) == (expected[0], "listing" if expected[1] == "title" else expected[1])
    in_text = run(text=title + "\n" + text)
    assert (in_text["kind"], in_text["kind_source"]) == expected


# -- mock pages ------------------------------------------------------------------------

@pytest.mark.parametrize("name, title, expected", [
    # ArticleTitle is the attachment's file name; the report is signed 2017年1月10日 above the page footer
    ("attachment_title.html", "附件1.docx", ("annual", "body", 2016, "signature")),
    # a Traditional mirror whose <title> is its own site name: no title, the body decides
    ("mirror_page_title.html", None, ("annual", "body", 2016, "body")),
    # 政务公开工作总结 over a half-year summary with a 下半年工作打算 section
    ("generic_title.html", "政务公开工作总结", ("half-year", "body", 2022, "body")),
    # a notice (no title but the column's) that quotes the six headings and the statistics period
    ("notice_quoting_headings.html", "政府信息公开", ("other", "body", 2020, "body")),
])
def test_mock_pages_with_missing_generic_or_misleading_titles(name, title, expected):
    record = run(html=page(name))
    assert record["title"] == title
    assert decided(record) == expected


def test_listing_title_gives_kind_and_year_the_page_lacks():
    listing = {"title": "临江县统计局2016年政府信息公开工作年度报告", "date": "2017-01-12"}
    record = run(html=page("attachment_title.html"), listing=listing)
    assert record["title"] == "附件1.docx"
    assert decided(record) == ("annual", "listing", 2016, "listing")


def test_listing_title_year_fills_an_explicit_title_without_one():
    html = ("<html><head><meta name='ArticleTitle' content='政府信息公开工作年度报告'></head><body>"
            "<div class='content'><p>县统计局认真落实各项工作。</p></div></body></html>")
    record = run(html=html, listing={"title": "临江县统计局2019年政府信息公开工作年度报告"})
    assert decided(record) == ("annual", "title", 2019, "listing")


# -- year from the body ------------------------------------------------------------------

UNDATED = "今年以来，县统计局认真贯彻落实《中华人民共和国政府信息公开条例》，政府信息公开工作取得新成效。\n" + OLD_HEADINGS
CHROME = "\n扫一扫在手机打开当前页\n主办单位：临江县人民政府办公室 网站标识码：3410000001"


@pytest.mark.parametrize("signature, year", [
    ("临江县统计局\n2017年1月10日", 2016),
    ("临江县统计局\n二〇一七年一月十日", 2016),
    ("临江县统计局 2017年3月", 2016),
    ("2016年12月28日", 2016),
    ("2017年8月", None),  # neither the start of the year nor its end: no guess
    ("2017年1月10日\n下一步，我局将继续深化政务公开。", None),  # a date above the last paragraph is no signature
])
def test_signature_date_gives_the_year_a_report_covers(signature, year):
    text = UNDATED + "\n" + signature + CHROME
    assert signature_year(text, "annual") == year
    assert decided(run(text=text)) == ("annual", "body", year, "signature" if year else None)


def test_half_year_summary_signed_in_july_covers_that_year():
    text = "1-6月，县财政局扎实推进政务公开工作，主动公开政府信息128条。\n一、主动公开情况\n公开信息128条。\n县财政局\n2021年7月5日"
    assert decided(run(text=text)) == ("half-year", "body", 2021, "signature")


def test_a_notice_signature_gives_no_report_year():
    text = notice().replace("2020年", "当年")
    assert body_kind(text).kind == "other"
    assert run(text=text)["year"] is None


# The own-year line sits where real reports have it, in the last section, past the opening lines.
SECTIONS_WITH_PROSE = "\n".join(line + "\n全年工作有序推进，各项任务按期完成。\n各单位认真落实各项要求，取得明显成效。" for line in OLD_HEADINGS.splitlines())
CITING = ("今年以来，我区对照《2016年政务公开工作要点》要求，认真安排部署，扎实推进政府信息公开工作。\n" + SECTIONS_WITH_PROSE
          + "\n{own}我区将继续深化政务公开。")


@pytest.mark.parametrize("own, year", [
    ("2016年，我区政府信息公开工作虽然取得了一定成效，但仍存在一些问题。\n", 2016),
    ("今年（2016年）我区政府信息公开工作取得了一定成效。\n", 2016),
    ("", None),  # the 要点's year alone is not the report's
    ("2017年，我区政府信息公开工作取得了一定成效。\n", None),  # the body names another year
    # next year's plans name next year and its 要点: they say nothing of the year reported on
    ("2017年，我区将继续按照《2017年政务公开工作要点》要求深化公开。\n", None),
    ("2016年，我区政府信息公开工作取得了一定成效。\n2017年，我区将继续按照《2017年政务公开工作要点》要求深化公开。\n", 2016),
])
def test_this_year_takes_the_cited_plans_year_only_when_the_body_names_it_too(own, year):
    text = CITING.format(own=own)
    assert this_year_by_cited_plans(text) == year
    assert decided(run(text=text)) == ("annual", "body", year, "body" if year else None)


def test_cited_plans_only_count_after_an_opening_with_this_year():
    text = "县统计局扎实推进政务公开，对照《2016年政务公开工作要点》要求安排部署。\n" + OLD_HEADINGS + "\n2016年，我局工作取得成效。"
    assert this_year_by_cited_plans(text) is None


@pytest.mark.parametrize("text, year, rule", [
    ("今年以来，我局扎实推进政务公开。\n本报告所列数据统计期限为2018年1月1日至2018年12月31日。", 2018, "statistics period"),
    ("为落实《条例》，现将县统计局2018年度政府信息公开工作报告如下：\n全年工作有序推进。", 2018, "report formula"),
    ("2018年，县统计局扎实推进政务公开，《2019年政务公开工作要点》已在制定中。", 2018, "opening sentence"),
])
def test_year_rules_in_the_body(text, year, rule):
    found = body_year(text, "annual")
    assert (found.year, found.source, found.rule) == (year, "body", rule)


def test_statistics_period_at_the_end_of_a_long_report():
    text = UNDATED + "\n" + SECTIONS_WITH_PROSE + "\n本报告中所列数据的统计期限为2018年1月1日至2018年12月31日。"
    assert decided(run(text=text)) == ("annual", "body", 2018, "body")


def test_a_year_further_down_the_opening_lines():
    text = "今年以来，县统计局扎实推进政务公开工作。\n一、概述\n我局成立了工作领导小组。\n2018年我局主动公开政府信息120条。\n" + OLD_HEADINGS
    found = body_year(text, "annual")
    assert (found.year, found.rule) == (2018, "opening lines")


def test_a_notice_that_opens_with_this_year_gets_no_year_from_cited_plans():
    text = CITING.format(own="2016年，全区政府信息公开工作取得了一定成效。\n") + "\n特此通知。"
    assert body_kind(text).kind == "other"
    assert run(text=text)["year"] is None


def test_statistics_period_outranks_the_opening_sentence_and_the_signature():
    text = "2019年，我局扎实推进政务公开。\n本报告所列数据统计期限为2018年1月1日至2018年12月31日。\n" + OLD_HEADINGS + "\n2020年1月5日"
    assert decided(run(text=text)) == ("annual", "body", 2018, "body")


def test_never_the_publish_or_fetch_date():
    text = "发布时间：2017-03-21 16:34 来源：县统计局\n" + UNDATED
    record = run(text=text, listing={"date": "2017-03-21"}, fetched_at="2025-02-01T08:00:00+00:00")
    assert decided(record) == ("annual", "body", None, None)
    assert record["published"] == "2017-03-21"


TRADITIONAL = ("今年以來，我區(qū)緊密圍繞國家、省、市關於政務公開工作的一系列文件要求，對照《2016年政務公開工作要點》要求，認真安排部署。\n"
               "一、概述\n二、主動公開政府信息情況\n三、依申請公開政府信息情況\n四、復議、訴訟情況\n"
               "五、政府信息公開收費及減免情況\n六、存在的主要問題和下一步打算\n"
               "2016年，我區(qū)政府信息公開工作雖然取得了一定成效，但仍存在一些問題。")


def test_traditional_text_with_pinyin_noise():
    assert decided(run(text=TRADITIONAL)) == ("annual", "body", 2016, "body")


# -- the fields in the corpus ------------------------------------------------------------

def test_source_fields_are_report_fields():
    assert {"kind_source", "year_source"} <= set(REPORT_FIELDS)


def test_an_existing_corpus_gets_the_source_columns_and_they_are_stored_and_exported(tmp_path):
    path = tmp_path / "old.db"
    shutil.copy(V1_CORPUS, path)  # written before the source columns existed
    assert "kind_source" not in {row[1] for row in sqlite3.connect(path).execute("pragma table_info(reports)")}
    corpus = Corpus(path)
    record = run(text=seed("001"), url="http://tongzhou.invalid/1.html", site_id="tongzhou", fetched_at="2025-02-01T08:00:00+00:00")
    record.update(content_hash="x")
    corpus.store(record)
    corpus.close()
    con = connect(path)
    exported = [row for row in iter_reports(con, Filters()) if row["url"] == "http://tongzhou.invalid/1.html"]
    assert [(row["kind"], row["kind_source"], row["year"], row["year_source"]) for row in exported] == [("annual", "body", 2016, "body")]
    json.dumps(exported[0], ensure_ascii=False)


def test_title_line_of_a_text_skips_breadcrumbs_value_lines_and_dates():
    text = "您所在的位置：首页 信息公开\n索引号\n620700036/2021-00008\n发布机构\n临江县统计局\n2017年1月10日\n县统计局2016年政府信息公开工作年度报告\n正文。"
    assert title_in_text(text) == "县统计局2016年政府信息公开工作年度报告"


FAMILY = [(agency, year) for agency in ("临江县财政局", "蚌山区统计局", "某市人民政府办公室") for year in (2012, 2019, 2023)]


@pytest.mark.parametrize("agency, year", FAMILY)
def test_untitled_reports_in_the_official_format_and_their_traditional_mirrors(agency, year):
    import random

    from crawler.demo.mirror import mirrored_report
    from crawler.demo.reports import make_report

    report = make_report(agency, year)
    assert decided(run(text=report.gold_text)) == ("annual", "body", year, "body")
    mirror = mirrored_report(report, random.Random(year))
    assert decided(run(text=mirror.gold_text)) == ("annual", "body", year, "body")


@pytest.mark.parametrize("agency, year", FAMILY)
def test_untitled_plans_stay_other(agency, year):
    from crawler.demo.reports import make_notice

    assert decided(run(text=make_notice(agency, year, "").gold_text))[:2] == ("other", "body")


def test_datasette_describes_the_source_columns():
    described = json.loads((FIXTURES.parent.parent / "crawler" / "datasette_metadata.json").read_text(encoding="utf-8"))
    columns = described["tables"]["reports"]["columns"]
    assert {"kind_source", "year_source"} <= set(columns)
