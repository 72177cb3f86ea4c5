"""Mojibake: repaired when the bytes are all there, cut and reported where they are not."""

import pytest

from pipelines.mojibake import repair


def test_utf8_read_as_gbk_is_repaired_without_a_flag():
    garbled = "发布时间".encode("utf-8").decode("gbk")
    assert repair(f"{garbled} 2020\n正常的文字") == ("发布时间 2020\n正常的文字", [], False)


def test_utf8_read_as_gbk_with_lost_bytes_is_repaired_and_flagged():
    text, removed, lost = repair("鍙戝竷鏃堕棿锛?020")
    assert text.startswith("发布时间") and lost
    assert removed == [{"kind": "mojibake", "text": "\ufffd"}]


@pytest.mark.parametrize("written, read", [("gbk", "latin-1"), ("utf-8", "latin-1"), ("utf-8", "cp1252")])
def test_text_read_as_latin1_is_repaired(written, read):
    garbled = "政务公开".encode(written).decode(read)
    assert repair(f"标题 {garbled} end") == ("标题 政务公开 end", [], False)


def test_shifted_gbk_junk_at_a_paragraph_start_is_removed():
    text, removed, lost = repair("一、概述\n?。?)积极推进信用信息\n?。?)全力打造")
    assert text == "一、概述\n积极推进信用信息\n全力打造"
    assert removed == [{"kind": "mojibake", "text": "?。?)"}] * 2 and lost


def test_character_split_across_the_junk_and_an_ascii_letter_is_rejoined():
    assert repair("?。ǘ┻M(jìn)一步提升")[0] == "進(jìn)一步提升"
    assert repair("建設領域?qū)徟鷷r(shí)限")[0] == "建設領域?qū)徟鷷時(shí)限"


def test_garbled_text_inside_a_paragraph_is_kept_and_flagged():
    text = "我區有序?qū)嵤┴?cái)政資金公開"
    assert repair(text) == (text, [], True)


def test_question_mark_paragraphs_and_replacement_characters_are_removed():
    text, removed, lost = repair("是否有效\n\n ? \n\n正文锟斤拷锟斤拷完\ufffd")
    assert text == "是否有效\n\n\n\n正文完"
    assert [piece["text"] for piece in removed] == ["?", "锟斤拷锟斤拷", "\ufffd"] and lost


@pytest.mark.parametrize("text", [
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定。",
    "政務公開工作取得明顯成效。",
    "是哪个国家的?安陆",
    "“十三五”规划\n“双公示”专栏",
    "温度 25°C，面积 3×4 米，pinyin (jìn) là",
    "表头 | 自然人 | 总计\n一、本年新收 | 3 | 3",
    "等等……——“”结束",
])
def test_real_text_is_left_alone(text):
    assert repair(text) == (text, [], False)
