"""Search as researchers type it: phrases, OR, NOT, the total, places without their suffix."""

from __future__ import annotations

import itertools
import random

import pytest
from click.testing import CliRunner

from crawler.cli import cli
from store.read import CorpusError, Filters, connect, parse_query, search
from store.write import Corpus
from tests.test_store import copy_record

WORDS = ["依申请公开", "行政复议", "行政诉讼", "主动公开", "复议", "信息处理费", "政府网站", "政务新媒体"]
PLACES = [("安徽省", "临江市"), ("安徽省", "青川市"), ("四川省", "临江县"), ("广西壮族自治区", "南宁市")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """60 reports, each holding a random subset of WORDS, in random places."""
    rng = random.Random(17)
    db = tmp_path_factory.mktemp("search") / "corpus.db"
    store = Corpus(db)
    texts = {}
    for k in range(60):
        words = rng.sample(WORDS, rng.randint(1, 4))
        province, city = rng.choice(PLACES)
        text = f"第{k}号单位报告。" + "。".join(f"本年度{word}工作稳步推进" for word in words) + "。" + "其他事项说明。" * 5
        record = copy_record(f"http://s{k}.gov.cn/{k}.html", {"site_id": f"s{k}", "name": f"单位{k}", "level": "county"}, text=text,
                             title=f"第{k}号单位2023年政府信息公开工作年度报告", agency=f"第{k}号单位", province=province, city=city)
        store.store(record)
        texts[record["url"]] = (text, province, city)
    store.close()
    return db, texts


def urls(db, query, filters=Filters(), excluded=()):
    results = search(connect(db), query, filters, limit=1000, excluded=excluded)
    assert results.total == len(results.hits)
    return {hit.url for hit in results.hits}


def expected(texts, keep):
    return {url for url, (text, province, city) in texts.items() if keep(text, province, city)}


@pytest.mark.parametrize("a, b", list(itertools.combinations(WORDS, 2)))
def test_and_or_not_over_every_pair_of_terms(corpus, a, b):
    db, texts = corpus
    assert urls(db, f"{a} {b}") == expected(texts, lambda t, *_: a in t and b in t)
    assert urls(db, f"{a} OR {b}") == expected(texts, lambda t, *_: a in t or b in t)
    assert urls(db, f"{a} NOT {b}") == expected(texts, lambda t, *_: a in t and b not in t)
    assert urls(db, f"{a} -{b}") == urls(db, a, excluded=(b,)) == urls(db, f"{a} NOT {b}")


def test_quoted_phrases_are_one_term(corpus):
    db, texts = corpus
    for word in WORDS:
        phrase = f"本年度{word}工作"
        for quoted in (f'"{phrase}"', f"“{phrase}”"):
            assert urls(db, quoted) == expected(texts, lambda t, *_: phrase in t), quoted
    assert urls(db, '"本年度 依申请公开"') == set()  # the space is part of the phrase


def test_the_total_is_counted_beyond_the_limit(corpus):
    db, texts = corpus
    results = search(connect(db), "其他事项说明", Filters(), limit=5)
    assert len(results.hits) == 5 and results.total == len(texts)
    result = CliRunner().invoke(cli, ["search", "其他事项说明", "--limit", "5", "--db", str(db)])
    assert f"{len(texts)} report(s) match (showing the best 5" in result.output


@pytest.mark.parametrize("province, city", [("安徽", None), ("安徽省", None), ("广西", None), (None, "临江"), ("安徽", "临江市"), ("四川", "临江")])
def test_places_without_their_suffix(corpus, province, city):
    db, texts = corpus
    filters = Filters(provinces=(province,) if province else (), cities=(city,) if city else ())
    want = expected(texts, lambda t, p, c: (not province or p.startswith(province)) and (not city or c.startswith(city)))
    assert want and urls(db, "其他事项说明", filters) == want


@pytest.mark.parametrize("query, words", [("", "empty"), ("NOT 复议", "empty"), ("OR", "empty"), (" ".join("字" * 1000), "too many")])
def test_queries_that_cannot_run_are_one_line(corpus, query, words):
    db, _ = corpus
    with pytest.raises(CorpusError, match=words):
        search(connect(db), query, Filters())
    result = CliRunner().invoke(cli, ["search", "--db", str(db), "--", *query.split()] if query.split() else ["search", "--db", str(db), '""'])
    assert result.exit_code in (1, 2) and "Traceback" not in result.output


def test_parse_query_groups():
    parsed = parse_query('财政局 "依申请 公开" 复议 OR 诉讼 | 赔偿 NOT 撤销 -驳回')
    assert parsed.groups == [["财政局"], ["依申请 公开"], ["复议", "诉讼", "赔偿"]]
    assert parsed.excluded == ["撤销", "驳回"]


@pytest.mark.parametrize("args", [["复议", "-诉讼"], ["-诉讼", "复议"], ["复议", "--limit", "1000", "-诉讼"], ["复议", "-诉讼", "--province", "安徽"]])
def test_a_dashed_word_on_the_command_line_is_an_exclusion(corpus, args):
    db, texts = corpus
    result = CliRunner().invoke(cli, ["search", *args, "--limit", "1000", "--db", str(db)])
    assert result.exit_code == 0, result.output
    province = "安徽" if "--province" in args else ""
    want = expected(texts, lambda t, p, c: "复议" in t and "诉讼" not in t and p.startswith(province))
    assert want and f"{len(want)} report(s) match" in result.output


def test_an_option_value_that_starts_with_a_dash_stays_a_value(corpus):
    db, _ = corpus
    result = CliRunner().invoke(cli, ["search", "复议", "--limit", "-3", "--db", str(db)])
    assert result.exit_code == 2 and "-3" in result.output  # --limit's own message, not a search for 3
    result = CliRunner().invoke(cli, ["search", "复议", "--lmit", "3", "--db", str(db)])
    assert result.exit_code == 2 and "No such option" in result.output
