"""``nianbao search``: ranked Chinese full-text search with filters and snippets."""

import re

from tests.conftest import run_nianbao


def unique_phrase(corpus, url: str, length: int = 12) -> str:
    """A passage of the report at ``url`` that no other report of the corpus contains."""
    others = [e.report.gold_text for u, e in corpus.entries.items() if u != url]
    for kind, block in corpus.entries[url].report.blocks:
        if kind != "p":
            continue
        for start in range(0, len(block) - length):
            phrase = block[start:start + length]
            if not any(phrase in text for text in others):
                return phrase
    raise AssertionError(f"no unique phrase in {url}")


def hit_urls(output: str) -> list[str]:
    return re.findall(r"^\s+(http://\S+)$", output, flags=re.M)


def search(corpus, *args):
    result = run_nianbao("search", *args, "--db", str(corpus.db))
    assert result.returncode == 0, result.stderr
    return result


def test_unique_passage_finds_its_report_with_a_marked_snippet(crawled_corpus):
    url = next(u for u, e in crawled_corpus.entries.items() if e.kind == "annual" and "卫生健康" in e.agency)
    phrase = unique_phrase(crawled_corpus, url)
    result = search(crawled_corpus, phrase)
    assert hit_urls(result.stdout) == [url]
    assert crawled_corpus.entries[url].title in result.stdout
    assert f"【{phrase}】" in result.stdout


def test_title_hits_rank_first(crawled_corpus):
    target = next(e for e in crawled_corpus.entries.values() if e.agency == "临江市财政局" and e.report.year == 2022 and e.kind == "annual")
    urls = hit_urls(search(crawled_corpus, "财政局2022年").stdout)
    assert crawled_corpus.entries[urls[0]] is target


def test_filters_and_short_terms(crawled_corpus):
    urls = hit_urls(search(crawled_corpus, "复议", "--province", "四川省", "--kind", "annual", "--limit", "100").stdout)
    expected = {u for u, e in crawled_corpus.entries.items()
                if crawled_corpus.provinces[u] == "四川省" and e.kind == "annual" and "复议" in e.report.gold_text}
    assert expected and set(urls) == expected


def test_terms_must_all_occur(crawled_corpus):
    urls = hit_urls(search(crawled_corpus, "青川市教育局", "2023", "--limit", "100").stdout)
    expected = {u for u, e in crawled_corpus.entries.items()
                if "青川市教育局" in e.report.gold_text + e.title and "2023" in e.report.gold_text + e.title}
    assert expected and set(urls) == expected


def test_missing_corpus_is_a_clear_error(tmp_path):
    result = run_nianbao("search", "年度报告", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 1
    assert "no corpus at" in result.stderr and "Traceback" not in result.stderr
