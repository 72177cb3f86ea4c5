"""``nianbao stats``: coverage per province and year, per site, and a heatmap for papers."""

from __future__ import annotations

import os
from pathlib import Path

import click

from store.read import Coverage, connect, coverage, requests_per_province, site_summary

from .options import db_option, filter_options

# Fonts that carry the CJK glyphs of province names, in order of preference.
CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Serif CJK SC",
             "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "AR PL UMing CN")
# Labels for a plot made where no CJK font is installed.
PROVINCES_EN = {
    "北京市": "Beijing", "天津市": "Tianjin", "河北省": "Hebei", "山西省": "Shanxi", "内蒙古自治区": "Inner Mongolia",
    "辽宁省": "Liaoning", "吉林省": "Jilin", "黑龙江省": "Heilongjiang", "上海市": "Shanghai", "江苏省": "Jiangsu",
    "浙江省": "Zhejiang", "安徽省": "Anhui", "福建省": "Fujian", "江西省": "Jiangxi", "山东省": "Shandong", "河南省": "Henan",
    "湖北省": "Hubei", "湖南省": "Hunan", "广东省": "Guangdong", "广西壮族自治区": "Guangxi", "海南省": "Hainan",
    "重庆市": "Chongqing", "四川省": "Sichuan", "贵州省": "Guizhou", "云南省": "Yunnan", "西藏自治区": "Tibet",
    "陕西省": "Shaanxi", "甘肃省": "Gansu", "青海省": "Qinghai", "宁夏回族自治区": "Ningxia", "新疆维吾尔自治区": "Xinjiang",
    "香港特别行政区": "Hong Kong", "澳门特别行政区": "Macao", "台湾省": "Taiwan",
}


def coverage_table(cov: Coverage) -> str:
    width = max(display_width(label) for label in ["province", *cov.provinces]) + 2
    lines = [ljust("province", width) + "".join(f"{year:>6}" for year in cov.years) + f"{'total':>7}"]
    for province in cov.provinces:
        counts = [cov.counts.get((province, year), 0) for year in cov.years]
        lines.append(ljust(province, width) + "".join(f"{n or '·':>6}" for n in counts) + f"{sum(counts):>7}")
    totals = [sum(cov.counts.get((p, year), 0) for p in cov.provinces) for year in cov.years]
    lines.append(ljust("total", width) + "".join(f"{n:>6}" for n in totals) + f"{sum(totals):>7}")
    return "\n".join(lines)


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def ljust(text: str, width: int) -> str:
    return text + " " * max(1, width - display_width(text))


def sites_table(rows: list[dict]) -> str:
    header = f"{'site':<24} {'province':<10} {'reports':>7} {'years':<9}  {'last run':<25} {'status':<8} last success"
    lines = [header, "-" * len(header)]
    for row in rows:
        years = f"{row['first_year']}-{row['last_year']}" if row["first_year"] else "-"
        lines.append(f"{row['site_id']:<24} {ljust(row['province'] or '-', 11)}{row['reports']:>7} {years:<9}  "
                     f"{row['last_run'] or 'never':<25} {row['last_status'] or '-':<8} {row['last_success'] or 'never'}")
    return "\n".join(lines)


def cjk_font() -> str | None:
    """A CJK font matplotlib can use. Its font list is cached from the first run; a font installed
    after that is found by rebuilding the list (once, and only when no CJK font is listed)."""
    from matplotlib import font_manager

    def listed():
        installed = {font.name for font in font_manager.fontManager.ttflist}
        return next((name for name in CJK_FONTS if name in installed), None)

    found = listed()
    if found is None:
        font_manager.fontManager = font_manager._load_fontmanager(try_read_cache=False)
        found = listed()
    return found


def plot_coverage(cov: Coverage, path: Path) -> str | None:
    """Heatmap of reports per province and year; returns the CJK font used, or None for English labels."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    font = cjk_font()
    labels = cov.provinces if font else [PROVINCES_EN.get(p, p if p.isascii() else "?") for p in cov.provinces]
    grid = np.array([[cov.counts.get((p, y), 0) for y in cov.years] for p in cov.provinces])
    size = (max(4.0, 1.0 + 0.6 * len(cov.years)), max(2.5, 1.2 + 0.35 * len(cov.provinces)))
    with plt.rc_context({"font.family": "sans-serif", "font.sans-serif": [font, "DejaVu Sans"] if font else ["DejaVu Sans"],
                         "axes.unicode_minus": False}):
        fig, ax = plt.subplots(figsize=size, dpi=200, layout="constrained")
        image = ax.imshow(np.ma.masked_equal(grid, 0), cmap="YlGnBu", aspect="auto", vmin=0)
        ax.set_xticks(range(len(cov.years)), [str(y) for y in cov.years])
        ax.set_yticks(range(len(labels)), labels)
        ax.set_xlabel("report year" + (" 年度" if font else ""))
        ax.set_ylabel("province" + (" 省份" if font else ""))
        ax.set_title("Reports per province and year" + ("\n政府信息公开工作年度报告" if font else ""), fontsize=10)
        limit = grid.max() or 1
        for (row, column), value in np.ndenumerate(grid):
            ax.text(column, row, str(value) if value else "·", ha="center", va="center", fontsize=7,
                    color="white" if value > 0.6 * limit else "black")
        fig.colorbar(image, ax=ax, label="reports", shrink=0.8)
        fig.savefig(path)
        plt.close(fig)
    return font


def requests_table(rows: list[dict]) -> str:
    width = max(display_width(label) for label in ["province", *(row["province"] for row in rows)]) + 2
    lines = [ljust("province", width) + f"{'year':>6}{'reports':>9}{'received':>10}{'answered':>10}"]
    for row in rows:
        lines.append(ljust(row["province"], width) + f"{row['year'] or '-':>6}{row['reports']:>9}"
                     + "".join(f"{'-' if row[name] is None else format(row[name], 'g'):>10}" for name in ("received", "answered")))
    return "\n".join(lines)


@click.command()
@filter_options
@click.option("--plot", "plot_path", type=click.Path(dir_okay=False, path_type=Path), help="Also draw the coverage heatmap to this PNG.")
@click.option("--requests", "requests", is_flag=True, help="Disclosure requests received and answered per province × year (section 三 of the reports).")
@click.option("--rebuild-tables", is_flag=True, help="Parse every stored report's statistics tables again from its text, then report.")
@db_option
def stats(filters, plot_path, requests, rebuild_tables, db_path):
    """Coverage of the corpus: reports per province × year, and per site with its last crawl."""
    if rebuild_tables:
        from store.write import Corpus  # the dedupe index and the statistics parser: only to rebuild

        connect(db_path).close()  # an existing corpus, or the usual one-line message
        corpus = Corpus(db_path)
        try:
            counts = corpus.rebuild_stats()
        finally:
            corpus.close()
        click.echo(f"statistics rebuilt for {counts['reports']} report(s): {counts['table']} with tables "
                   f"({counts['inconsistent']} inconsistent), {counts['text']} with figures from sentences")
        return
    con = connect(db_path)
    if requests:
        rows = requests_per_province(con, filters)
        click.echo("requests received (一、本年新收, 总计) and answered (三（七）总计) per province and year")
        click.echo(requests_table(rows) if rows else "(no report with a section 三 table matches)")
        return
    cov = coverage(con, filters)
    click.echo(f"reports per province and year ({'all copies' if filters.include_duplicates else 'canonical reports'})")
    click.echo(coverage_table(cov) if cov.counts else "(no reports match)")
    click.echo("")
    click.echo(sites_table(site_summary(con, filters)))
    if plot_path:
        if not cov.counts:
            raise click.ClickException("nothing to plot: no reports match")
        plot_path.parent.mkdir(parents=True, exist_ok=True)
        font = plot_coverage(cov, plot_path)
        if font is None:
            click.echo("no CJK font found (install fonts-noto-cjk or fonts-wqy-microhei); provinces labelled in English", err=True)
        click.echo(f"coverage heatmap written to {plot_path}")
