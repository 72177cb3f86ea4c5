"""``nianbao stats``: coverage tables and the coverage heatmap."""

import os
import subprocess
import sys
import warnings
from collections import Counter

import matplotlib.image
import pytest

from crawler.cli.stats import cjk_font, plot_coverage
from store.read import Filters, connect, coverage
from tests.conftest import run_nianbao


def expected_counts(corpus) -> Counter:
    return Counter((corpus.provinces[url], entry.report.year) for url, entry in corpus.entries.items())


def test_coverage_table_counts_reports_per_province_and_year(crawled_corpus):
    result = run_nianbao("stats", "--db", str(crawled_corpus.db))
    assert result.returncode == 0, result.stderr
    counts = expected_counts(crawled_corpus)
    years = sorted({year for _, year in counts})
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("province"))
    assert header.split()[1:] == [str(y) for y in years] + ["total"]
    for province in {p for p, _ in counts}:
        cells = next(line for line in lines if line.startswith(province)).split()[1:]
        assert cells == [str(counts[(province, y)] or "·") for y in years] + [str(sum(counts[(province, y)] for y in years))]


def test_site_table_shows_reports_and_last_success(crawled_corpus):
    result = run_nianbao("stats", "--db", str(crawled_corpus.db))
    per_site = Counter(url.split("/xxgk/")[0] for url in crawled_corpus.entries)
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line.endswith("+00:00")}
    assert set(rows) == {"linjiang-demo", "qingchuan-demo"}
    assert sorted(int(row[2]) for row in rows.values()) == sorted(per_site.values())
    assert all(row[5] == "ok" for row in rows.values())


def test_plot_is_a_png_with_a_cell_per_year(crawled_corpus, tmp_path):
    out = tmp_path / "coverage.png"
    result = run_nianbao("stats", "--db", str(crawled_corpus.db), "--plot", str(out), "--kind", "annual")
    assert result.returncode == 0, result.stderr
    assert "Glyph" not in result.stderr, "labels rendered without their glyphs"
    image = matplotlib.image.imread(out)
    assert image.shape[0] > 300 and image.shape[1] > 600


def require_cjk_font():
    if cjk_font() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no CJK font installed in CI (.ci/run installs fonts-wqy-microhei)")
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-microhei)")


def render_warnings(cov, path) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        font = plot_coverage(cov, path)
    return font, [str(w.message) for w in caught]


def test_province_labels_render_in_a_cjk_font(crawled_corpus, tmp_path):
    require_cjk_font()
    font, messages = render_warnings(coverage(connect(crawled_corpus.db), Filters()), tmp_path / "cjk.png")
    assert font is not None
    assert not [m for m in messages if "missing from font" in m]


def test_without_a_cjk_font_provinces_are_labelled_in_english(crawled_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr("crawler.cli.stats.cjk_font", lambda: None)
    font, messages = render_warnings(coverage(connect(crawled_corpus.db), Filters()), tmp_path / "plain.png")
    assert font is None
    assert not [m for m in messages if "missing from font" in m]
    assert (tmp_path / "plain.png").stat().st_size > 10_000


def test_nothing_to_plot_is_a_clear_error(crawled_corpus, tmp_path):
    result = run_nianbao("stats", "--db", str(crawled_corpus.db), "--year", "1999", "--plot", str(tmp_path / "x.png"))
    assert result.returncode == 1 and "nothing to plot" in result.stderr


def test_a_cjk_font_installed_after_matplotlib_cached_its_font_list_is_found(tmp_path):
    require_cjk_font()
    stale = ("import json, matplotlib\n"
             "from matplotlib import font_manager\n"
             "manager = font_manager.FontManager()\n"
             "manager.ttflist = [f for f in manager.ttflist if 'WenQuanYi' not in f.name and 'Noto' not in f.name]\n"
             "font_manager.json_dump(manager, f'{matplotlib.get_cachedir()}/fontlist-v{manager.__version__}.json')\n")
    check = "from crawler.cli.stats import cjk_font; print(cjk_font())"
    env = {**os.environ, "MPLCONFIGDIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", stale], check=True, env=env)
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, env=env)
    assert result.stdout.strip() == cjk_font(), result.stderr[-2000:]
