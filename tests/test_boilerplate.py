"""Line stage: every boilerplate rule, with lines from the seeds and mock pages that must go and
body lines that must stay."""

from pathlib import Path

import pytest

from pipelines import boilerplate, normalize
from crawler.families import body_selectors  # noqa: E402
from pipelines.chain import clean_record

TESTS = Path(__file__).parent
QUALITY = TESTS / "fixtures" / "quality"
SEEDS = TESTS / "data" / "seeds"

BOILERPLATE_LINES = [
    "信息公开首页 > 市经济和信息化局信息公开年报",  # seed 000
    "当前位置：首页 > 政府信息公开 > 信息公开年报",
    "您现在的位置：首页 >> 信息公开 >> 信息公开年报",
    "當前位置：首頁 > 政府信息公開 > 政府信息公開年報",
    "发布时间:2017-03-21 16:34 来源: 办公室 浏览量: 【字体:   打印",  # seed 000
    "信息来源:市政府办公室 发表时间:2018-01-17 11:21:45",  # seed 003
    "浏览次数:559 次 分享到:",
    "字数:3031字体:[ ]视力保护色:",
    "浏览次数:信息来源: 市政府办发布时间:2021-07-02 09:24",  # seed 004
    "字号: 下载 我要纠错 打印 收藏",
    "发布时间：2025-01-20 10:12",
    "扫一扫在手机打开当前页",
    "扫一扫在手机上查看当前页面",
    "掃一掃在手機打開當前頁面",  # seed 002
    "手机扫一扫打开此页",
    "【打印本页】【关闭窗口】",
    "【打印本頁】【關閉窗口】",
    "打印 关闭",
    "文件下载",
    "政策咨询",
    "如果您对该政策文件有疑问,可以点击“我要问”在线咨询,也可以拨打上方的电话咨询相关部门,或者拨打市长热线:0564-12345。",
    "主办单位:蚌埠市人民政府办公室承办单位:蚌埠市政务公开办公室  蚌埠市数据资源管理局",
    "地址:安徽省蚌埠市东海大道市政府院内网站运维电话:0552-3125236 传真:0552-3125236",
    "皖ICP备05002940号-4 皖公网安备 34030002000001号网站标识码:3403000006网站支持IPV6",
    "主办：万载县人民政府 承办：万载县人民政府办公室",
    "网站标识码bm01000001",
    "版权所有：青山县人民政府  主办：青山县人民政府办公室",
    "Normal 0 7.8 磅 0 2 false false false EN-US ZH-CN X-NONE",
    "?",
]

BODY_LINES = [
    "1.充分发挥网站作为政府信息公开第一平台作用。紧紧围绕服务型政府建设,真正把网站建设成为网上的信息“发布厅”。",
    "门户网站审计专栏全年浏览4.2万人次，同比增长18%。",
    "如对本报告有疑问，请与临江市审计局办公室联系（地址：临江市滨江大道1号，电话：0550-1234567）。",
    "本年度未收取信息处理费。咨询电话：0564-3370123。",
    "联系电话：0550-1234567",
    "审计结果公开的时效性有待提高。下一步，将通过网站、电话和现场咨询等渠道加强解读。",
    "全年门户网站访问量：86万人次，浏览量：120万次，下载政策文件3000余次。",
    "（三）平台建设。完成区政府网站集约化迁移，开通12345热线与网站留言联动办理，热线电话全年受理咨询1.2万件。",
    "二、收到和处理政府信息公开申请情况",
    "规章 | 0 | 0 | 0",
    "〇一〇年十二月十八日",
    "2.主动公开途径",
    "扫码缴费、网上办理等便民措施全面推开，群众满意度明显提升。",
    "青山县农业农村局",
]


def normalized(gold: str) -> str:
    """A gold text as the normalize stage writes it (script, widths)."""
    return normalize.process({"text": gold, "flags": []})["text"]


@pytest.mark.parametrize("line", BOILERPLATE_LINES)
def test_boilerplate_line_is_dropped(line):
    assert boilerplate.clean_lines(f"正文第一段，讲工作情况。\n{line}\n正文第二段，讲存在问题。") == "正文第一段，讲工作情况。\n正文第二段，讲存在问题。"


@pytest.mark.parametrize("line", BODY_LINES)
def test_body_line_stays(line):
    text = f"正文第一段，讲工作情况。\n{line}\n正文第二段，讲存在问题。"
    assert boilerplate.clean_lines(text) == text


def test_bracketed_buttons_sharing_a_line_with_body_text_go_alone():
    assert boilerplate.clean_lines("全年公开信息120条。【打印本页】【关闭窗口】") == "全年公开信息120条。"


def test_title_block_above_the_info_line_and_the_repeated_title_go():
    text = "信息公开首页 > 年报\n\n市经信委2016年度政务信息公开工作报告\n\n发布时间:2017-03-21 16:34 来源: 办公室\n\n市经信委2016年度政务信息公开工作报告\n\n正文第一段，讲工作情况。"
    assert boilerplate.clean_lines(text) == "正文第一段，讲工作情况。"


def test_repeated_title_goes_only_when_it_is_a_heading():
    assert boilerplate.clean_lines("某局2023年政府信息公开工作年度报告\n正文，讲情况。", "某局2023年政府信息公开工作年度报告") == "正文，讲情况。"
    sentence = "今年以来，我区紧密围绕上级部署，推进政务公开。"
    assert boilerplate.clean_lines(f"{sentence}\n一、概述", sentence) == f"{sentence}\n一、概述"


def test_metadata_block_of_a_pasted_table_goes_with_its_values():
    lines = (SEEDS / "002_a0033233149e65a0.txt").read_text(encoding="utf-8").splitlines()[:18]
    cleaned = boilerplate.clean_lines("\n".join(lines))
    assert cleaned.startswith("2010年,市發改委認真貫徹落實") and "索引號" not in cleaned and "2021-01-07" not in cleaned


def test_metadata_labels_need_a_block():
    text = "（二）依申请公开。全年办理申请27件。\n文号\n正文继续。"
    assert boilerplate.clean_lines(text) == text


def test_contact_line_goes_only_beside_a_footer():
    footer = "主办单位:某市人民政府办公室\n地址:某市人民路1号 传真:0552-1\n皖ICP备05002940号-4"
    assert boilerplate.clean_lines("正文。\n" + footer) == "正文。"
    assert boilerplate.clean_lines("正文。\n地址：某市人民路1号\n正文继续。") == "正文。\n地址：某市人民路1号\n正文继续。"


def test_traditional_text_original_is_cleaned_by_the_same_rules():
    html = (QUALITY / "ucapcontent_traditional.html").read_text(encoding="utf-8")
    record = clean_record({"url": "http://x.invalid/a.html", "html": html, "flags": [], "containers": body_selectors()})
    assert record["original_script"] == "traditional"
    assert record["text_original"] == (QUALITY / "ucapcontent_traditional.gold.txt").read_text(encoding="utf-8").strip()
    assert record["text"] == normalized(record["text_original"])


@pytest.mark.parametrize("page", sorted(p.stem for p in QUALITY.glob("*.html")))
def test_mock_page_cleans_to_its_gold(page):
    html = (QUALITY / f"{page}.html").read_text(encoding="utf-8")
    gold = (QUALITY / f"{page}.gold.txt").read_text(encoding="utf-8").strip()
    assert clean_record({"url": "http://x.invalid/a.html", "html": html, "flags": [], "containers": body_selectors()})["text"] == normalized(gold)


def squeezed(text):
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


@pytest.mark.parametrize("seed", sorted(p.name.removesuffix(".gold.txt") for p in (QUALITY / "seeds").glob("*.gold.txt")))
def test_seed_text_dump_cleans_to_its_gold(seed):
    text = (SEEDS / f"{seed}.txt").read_text(encoding="utf-8")
    gold = (QUALITY / "seeds" / f"{seed}.gold.txt").read_text(encoding="utf-8")
    record = clean_record({"url": "http://x.invalid/a.html", "text": text, "flags": []})
    assert squeezed(record["text_original"] or record["text"]) == squeezed(gold)
