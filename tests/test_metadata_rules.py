"""The rules behind the metadata fields: dates, report year, kind, title, agency, labelled values."""

import pytest
from lxml import html as lxml_html

from pipelines.dates import iso_date
from pipelines.labels import html_values, inline_pairs, text_values
from pipelines.titles import clean_title, opening_year, report_kind, report_year, title_agency, title_in_text


@pytest.mark.parametrize("raw, iso", [
    ("2017-03-21 16:34", "2017-03-21"),
    ("2021/1/7", "2021-01-07"),
    ("2021.01.07", "2021-01-07"),
    ("2021年1月7日", "2021-01-07"),
    ("发布时间：2018-01-17 11:21:45", "2018-01-17"),
    ("2026-09-28-21:50:00", "2026-09-28"),
    ("20210107", "2021-01-07"),
    (1705541400000, "2024-01-18"),
    ("1705541400000", "2024-01-18"),
    (1705541400, "2024-01-18"),
    ("1704038400000", "2024-01-01"),  # 2023-12-31 16:00 UTC is already 1 January in China
    ("２０２１－０１－２６", "2021-01-26"),
    ("二〇二一年一月七日", "2021-01-07"),
    ("二○二三年十二月三十一日", "2023-12-31"),
    ("2021-02-30 then 2021-03-01", "2021-03-01"),
])
def test_iso_date_reads_every_shape(raw, iso):
    assert iso_date(raw) == iso


@pytest.mark.parametrize("raw", [None, "", "无", "2021-13-01", "浏览次数：559", 0, True])
def test_iso_date_none_when_there_is_no_date(raw):
    assert iso_date(raw) is None


@pytest.mark.parametrize("title, kind", [
    ("市经信委2016年度政务信息公开工作报告", "annual"),
    ("张掖市发展和改革委员会关于2010年政务公开工作总结报告", "annual"),
    ("安陆市2017年政府信息公开工作年度报告", "annual"),
    ("安陆市2017年政府信息公开工作年度报告（图片版）", "annual"),
    ("XX县2022年度信息公开年报", "annual"),
    ("XX局2023年度报告", "annual"),
    ("XX县2021年1-12月政务公开工作总结", "annual"),
    ("2021年上半年政府信息公开工作总结", "half-year"),
    ("XX县2021年1-6月政务公开工作总结", "half-year"),
    ("XX市2022年半年政务公开工作情况报告", "half-year"),
    ("XX市2022年上半年政务公开工作情况的通报", "other"),
    ("XX市2022年下半年政务公开工作计划", "other"),
    ("XX县2021年1-9月政务公开工作总结", "other"),
    ("XX县2021年第一季度政务公开工作总结", "other"),
    ("XX县2021年3月份政务公开工作情况", "other"),
    ("XX市2024年政务公开工作要点", "other"),
    ("关于印发《2020年政府信息公开工作年度报告》的通知", "other"),
    ("关于报送2020年政府信息公开工作年度报告的通知", "other"),
    ("关于政府信息公开申请的复函", "other"),
    ("关于XX事项的函", "other"),
    ("XX市2022年国民经济和社会发展统计公报", "other"),
    ("XX局2022年工作总结", "other"),
    ("", "other"),
    (None, "other"),
])
def test_report_kind_tells_reports_from_look_alikes(title, kind):
    assert report_kind(title) == kind


@pytest.mark.parametrize("title, text, year", [
    ("市经信委2016年度政务信息公开工作报告", "", 2016),
    ("关于2010年政务公开工作总结报告", "发布时间：2021-01-07", 2010),
    ("宜丰县二〇一〇年政务公开工作报告", "", 2010),
    ("政府信息公开工作年度报告", "本报告所列数据统计期限为2024年1月1日至2024年12月31日。", 2024),
    ("政府信息公开工作年度报告", "发布时间：2025年01月20日\n现公布本机关2023年度政府信息公开工作年度报告。", 2023),
    ("政府信息公开工作年度报告", "2019年，我局认真贯彻落实《条例》。", 2019),
    ("政府信息公开工作年度报告", "二〇一二年，我局认真贯彻落实《条例》。", 2012),
    ("政府信息公开工作年度报告", "对照《2016年政府信息公开工作要点》要求，认真安排部署。", None),
    ("政府信息公开工作年度报告", "2017年3月21日，我局召开会议。", None),
    (None, "发布时间：2017-03-21 16:34 来源: 办公室", None),
])
def test_report_year_is_the_year_covered_never_the_publish_year(title, text, year):
    assert report_year(title, text) == year


def test_statistics_period_outranks_other_years_in_the_opening():
    text = "2023年，我局召开会议。\n本报告所列数据统计期限为2022年1月1日至2022年12月31日。"
    assert opening_year(text) == 2022


@pytest.mark.parametrize("raw, clean", [
    ("市经信委2016年度政务信息公开工作报告_蚌埠市人民政府", "市经信委2016年度政务信息公开工作报告"),
    ("宜春市2022年统计公报 _ 中国宜春", "宜春市2022年统计公报"),
    ("XX局2020年报告 - XX市人民政府门户网站", "XX局2020年报告"),
    ("XX局2020年报告|XX县政府", "XX局2020年报告"),
    ("国家统计局2022年年度报告__部门政府信息公开年报_中国政府网", "国家统计局2022年年度报告"),
    ("2019-2020年度报告", "2019-2020年度报告"),
    ("XX局2020年政府信息公开…", None),
    ("XX局2020年政府信息公开...", None),
    ("  ", None),
])
def test_clean_title(raw, clean):
    assert clean_title(raw) == clean


@pytest.mark.parametrize("title, agency", [
    ("市经信委2016年度政务信息公开工作报告", "市经信委"),
    ("张掖市发展和改革委员会关于2010年政务公开工作总结报告", "张掖市发展和改革委员会"),
    ("关于2010年政务公开工作总结报告", None),
    ("2021年上半年政府信息公开工作总结", None),
    ("《条例》2021年实施情况", None),
])
def test_title_agency_is_the_prefix_before_the_year(title, agency):
    assert title_agency(title) == agency


def test_title_in_text_skips_breadcrumbs_and_stops_at_the_first_paragraph():
    assert title_in_text("信息公开首页 > 年报\n\n市经信委2016年度政务信息公开工作报告\n正文。") == "市经信委2016年度政务信息公开工作报告"
    assert title_in_text("今年以来，我区紧密围绕国家、省、市关于政务公开工作的一系列文件要求，迅速部署，扎实有序落实各项工作任务。\n一、概述") is None


def test_inline_pairs_split_run_together_info_lines():
    assert inline_pairs("浏览次数:信息来源: 市政府办发布时间:2021-07-02 09:24") == [
        ("浏览次数", ""), ("信息来源", "市政府办"), ("发布时间", "2021-07-02 09:24")]


def test_a_two_character_label_inside_a_word_is_not_a_label():
    assert inline_pairs("资金来源：区级财政 来源：区财政局") == [("来源", "区财政局")]


def test_text_values_read_flattened_tables_and_skip_empty_cells():
    text = "标题\n索 引 号 | 620700036/2021-00008\n文号\n关键词\n发布机构\n市发展改革委\n生成日期\n2021-01-07 10:32:59"
    assert text_values(text) == {"索引号": "620700036/2021-00008", "发布机构": "市发展改革委", "生成日期": "2021-01-07 10:32:59"}


def test_html_values_read_cells_lists_and_inline_labels():
    root = lxml_html.fromstring(
        "<div><table><tr><td>文\u3000\u3000号</td><td></td><td>关键词</td><td>年报</td></tr>"
        "<tr><th>索<span></span>引<span></span>号:</th><td> 1/2022-1 </td></tr></table>"
        "<dl><dd><label><font>发布机构：</font></label><div>某局</div></dd></dl>"
        "<p><b>来源：</b>某办</p><p><span>发布日期：<b>2022-01-02</b></span></p><!-- cms -->浏览次数：12</div>")
    assert html_values(root) == {"关键词": "年报", "索引号": "1/2022-1", "发布机构": "某局", "来源": "某办", "发布日期": "2022-01-02",
                                 "浏览次数": "12"}
