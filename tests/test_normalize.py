"""The normalize stage end to end: the seeds, the record contract, widths, spaces, punctuation."""

import re

import pytest

from crawler.demo.reports import make_report
from pipelines import normalize
from pipelines.normalize import fold_spaces, fold_widths, process, to_simplified

from .conftest import SEEDS

PINYIN_LEFT_RE = re.compile(r"[\u4e00-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,6}[)）]")


def seed(prefix: str) -> str:
    [path] = SEEDS.glob(prefix + "_*.txt")
    return path.read_text(encoding="utf-8")


def normalized(text: str, **fields) -> dict:
    return process({"text": text, "flags": [], **fields})


def test_traditional_mirror_with_pinyin_and_mojibake_comes_out_simplified():
    record = normalized(seed("001"))
    text = record["text"]
    assert record["original_script"] == "traditional"
    assert record["flags"] == ["mojibake", "pinyin"]
    assert text.startswith("今年以来，我区紧密围绕国家、省、市关于政务公开工作的一系列文件要求，")
    assert not PINYIN_LEFT_RE.search(text)
    assert "\n积极推进信用信息“双公示”。" in text
    # ``?。ǘ┻M(jìn)`` is the junk of （二） and the split 進: the junk goes, 进 comes back.
    assert "\n进一步提升政府网站服务水平。" in text
    assert "（4）严密把控食品领域安全。" in text
    assert "（国办发〔2015〕22号）" in text
    assert {"kind": "mojibake", "text": "?。?)"} in record["removed"]
    assert {"kind": "mojibake", "text": "?。ǘ┻"} in record["removed"]
    assert to_simplified(text) == text


def test_traditional_report_comes_out_simplified_without_its_lost_characters():
    record = normalized(seed("002"))
    lines = record["text"].splitlines()
    assert record["original_script"] == "traditional"
    assert record["flags"] == ["mojibake"]
    assert lines[0] == "张掖市发展和改革委员会关于2010年政务公开工作总结报告"
    assert "索引号" in lines and "620700036/2021-00008" in lines
    assert "?" not in lines
    assert "现将市发改委政务公开情况总结报告如下。" in record["text"]
    assert record["removed"] == [{"kind": "mojibake", "text": "?"}] * 2


def test_spam_standing_in_for_a_site_name_is_removed_and_recorded():
    record = normalized(seed("003"))
    assert record["original_script"] == "simplified"
    assert record["flags"] == ["spam"]
    assert "bet365" not in record["text"]
    assert "稳步推进“”“安陆新闻网”两网合一工作" in record["text"]
    assert record["removed"] == [{"kind": "spam", "text": "bet365是哪个国家的"}]
    assert "（以下简称《条例》）" in record["text"]


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_clean_simplified_seeds_gain_no_flags(prefix):
    record = normalized(seed(prefix))
    assert record["original_script"] == "simplified"
    assert record["flags"] == [] and record["removed"] == []


def test_synthetic_report_passes_through_unchanged():
    gold = make_report("临江市教育局", 2023).gold_text
    record = normalized(gold)
    assert record["text"] == gold.strip()
    assert (record["original_script"], record["flags"], record["removed"]) == ("simplified", [], [])


def test_record_keeps_earlier_flags_removals_and_the_original_text():
    record = normalized("“bet365是哪个国家的”网站\n正文", flags=["thin"], text_original="原文", removed=[{"kind": "x", "text": "y"}])
    assert record["flags"] == ["thin", "spam"]
    assert record["removed"] == [{"kind": "x", "text": "y"}, {"kind": "spam", "text": "bet365是哪个国家的"}]
    assert record["text_original"] == "原文"


def test_dedupe_style_call_needs_only_text_and_flags():
    assert process({"text": "政務公開", "flags": []})["text"] == "政务公开"


def test_t2s_converts_characters_without_taiwan_phrases():
    assert to_simplified("軟體與計程車") == "软体与计程车"


@pytest.mark.parametrize("raw, folded", [
    ("２０２１年ＡＢＣｄｅ", "2021年ABCde"),
    ("占比８８．６％", "占比88.6%"),
    ("上线,信用", "上线，信用"),
    ("APP, 微信", "APP，微信"),
    ("说明: 内容; 结束!", "说明：内容；结束！"),
    ("1，000件", "1,000件"),
    ("时间 12:30", "时间 12:30"),
    ("网址:http://www.gov.cn", "网址：http://www.gov.cn"),
    ("(1)积极推进", "（1）积极推进"),
    ("(二)健全机制", "（二）健全机制"),
    ("条例》(以下简称《条例》)规定", "条例》（以下简称《条例》）规定"),
    ("附件(PDF)下载", "附件（PDF）下载"),
    ("see (PDF) here", "see (PDF) here"),
    ("Figure （1） shows", "Figure (1) shows"),
    ("吗?是的？", "吗?是的？"),
    ("标\u3000\u3000题\xa0内容\u200b", "标  题 内容"),
])
def test_width_and_punctuation_policy(raw, folded):
    assert fold_widths(raw) == folded


def test_spaces_are_folded_and_paragraph_breaks_kept():
    raw = "\u3000\u3000第一段  内容\u00a0 \r\n\r\n\r\n\n  第二段\t内容\n第三段\ufeff"
    assert fold_spaces(fold_widths(raw)) == "第一段 内容\n\n第二段 内容\n第三段"


def test_script_of_tolerates_a_stray_traditional_character():
    text = "政府信息公开工作年度报告" * 10 + "於"
    assert normalize.script_of(text, to_simplified(text)) == "simplified"
