"""Pinyin annotations go; numbering, asides and Latin words in brackets stay."""

import pytest

from pipelines.normalize import is_traditional
from pipelines.pinyin import is_syllable, strip_annotations


@pytest.mark.parametrize("annotated, clean", [
    ("我區(qū)緊密", "我區緊密"),
    ("關(guān)于", "關于"),
    ("政務（wù）公開", "政務公開"),
    ("綠(lǜ)化", "綠化"),
])
def test_tone_marked_annotations_are_removed(annotated, clean):
    assert strip_annotations(annotated) == (clean, 1)


@pytest.mark.parametrize("text", [
    "(1)积极推进信用信息", "（1）积极推进", "第(二)项", "（二）继续强化", "条例》(以下简称《条例》)规定",
    "附件(PDF)", "客户端(app)下载", "说明(e)项", "数量(2016年本)", "乡镇人民政府(开发区)", "示例(men)",
    "note (jìn) without a character",
])
def test_legitimate_brackets_survive(text):
    assert strip_annotations(text, is_traditional) == (text, 0)


def test_toneless_annotations_go_only_in_annotated_text_after_traditional_characters():
    annotated = "區(qū)關(guān)務(wù)我們(men)的(de)"
    assert strip_annotations(annotated, is_traditional) == ("區關務我們的(de)", 4)
    assert strip_annotations("我們(men)", is_traditional) == ("我們(men)", 0)


@pytest.mark.parametrize("syllable, valid", [("qū", True), ("zhuàng", True), ("lǜ", True), ("app", False), ("pdf", False), ("xyz", False)])
def test_syllable_shapes(syllable, valid):
    assert is_syllable(syllable) is valid
