"""Injected gambling spam: flagged, and cut where it stands in for a name."""

import pytest

from pipelines.spam import scrub


def test_spam_in_place_of_a_quoted_name_is_removed_and_recorded():
    text = "稳步推进“bet365是哪个国家的”“安陆新闻网”两网合一工作"
    assert scrub(text) == ("稳步推进“”“安陆新闻网”两网合一工作", [{"kind": "spam", "text": "bet365是哪个国家的"}], True)


def test_spam_line_of_its_own_is_removed():
    text, removed, found = scrub("正文第一段。\n澳门新葡京娱乐城官网\n正文第二段。")
    assert text == "正文第一段。\n\n正文第二段。" and found
    assert removed == [{"kind": "spam", "text": "澳门新葡京娱乐城官网"}]


@pytest.mark.parametrize("phrase", ["BET365官网", "博彩公司", "真人荷官在线", "澳门威尼斯人赌场", "澳门最大的赌场", "《皇冠体育投注》", "注册送彩金"])
def test_gambling_phrases_are_flagged(phrase):
    assert scrub(f"我们在{phrase}开展工作，取得成效。")[2]


def test_spam_inside_a_sentence_is_flagged_but_kept():
    text = "全市共有博彩网站广告被举报，已全部处理，并通报了相关单位和个人的违法行为情况。"
    assert scrub(text) == (text, [], True)


@pytest.mark.parametrize("text", [
    "依法打击赌博违法犯罪，查处六合彩、老虎机案件12起。",
    "推动经济大发展，设立博物馆，举办亚博会。",
    "“安陆新闻网”与“中国安陆网”两网合一",
])
def test_government_wording_is_not_spam(text):
    assert scrub(text) == (text, [], False)
