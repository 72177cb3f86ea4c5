"""The statistics tables as numbers (``pipelines.report_stats``), their checks and the sentence
figures of free-form reports: every number the mock reports' generator wrote comes back, from
HTML, from the corpus's table-as-rows text and from PDF-like text, in both formats."""

import random
import re

import pytest

from crawler.demo import stat_tables, trs
from crawler.demo.mirror import mirrored_report
from crawler.demo.reports import make_report
from pipelines import report_stats, sentence_stats, statistics, stats_checks, stats_vocab
from pipelines.chain import clean_record
from pipelines.tables import flatten_tables, row_line, table_lines
from tests.test_body import CONTAINERS, PAGE

VARIANT_SETS = [("merged",), (), *[("merged", variant) for variant in stat_tables.VARIANTS[1:]],
                *[(variant,) for variant in stat_tables.VARIANTS[1:]], ("merged", "split_p", "nbsp", "spans", "fullwidth", "units", "blanks", "labels")]


def assert_same(stats, tables):
    got = stats.values()
    wrong = {key: (got.get(key), tables.values.get(key)) for key in set(got) | set(tables.values) if got.get(key) != tables.values.get(key)}
    assert not wrong, f"{len(wrong)} number(s) differ (parsed, written), e.g. {list(wrong.items())[:3]}"
    assert stats.format == tables.format and not stats.uncertain


@pytest.mark.parametrize("fmt", stats_vocab.FORMATS)
@pytest.mark.parametrize("variants", VARIANT_SETS, ids="+".join)
def test_every_number_comes_back_from_html_rows_and_pdf_text(fmt, variants):
    for seed in range(4):
        report = make_report("临江市财政局", 2021 if fmt == "2021" else 2019, seed=f"{fmt}/{variants}/{seed}", variants=variants)
        tables = report.stats
        assert_same(report_stats.from_html(report.body_html), tables)
        assert_same(report_stats.from_text(report.gold_text), tables)
        if "blanks" not in variants:  # a PDF loses blank cells: their places cannot be known
            assert_same(report_stats.from_text(report.pdf_text), tables)
        checks = stats_checks.check(report_stats.from_text(report.gold_text))
        assert checks["consistent"] and checks["failed"] == []
        assert checks["complete"] == (None not in tables.values.values())


@pytest.mark.parametrize("rule", stat_tables.BREAKS)
@pytest.mark.parametrize("fmt", stats_vocab.FORMATS)
def test_inconsistent_tables_keep_their_numbers_and_name_the_rule(rule, fmt):
    for seed in range(3):
        report = make_report("临江市财政局", 2022, seed=seed, fmt=fmt, variants=("merged", "split_br"), broken=rule)
        readings = [report_stats.from_html(report.body_html)]
        if seed == 0:
            from crawler.demo import documents
            from pipelines import files

            readings.append(report_stats.from_text(files.extract(documents.pdf_bytes(report), "report.pdf").text))
        for stats in readings:
            assert_same(stats, report.stats)  # never corrected
            checks = stats_checks.check(stats)
            assert not checks["consistent"] and rule in {failure["rule"] for failure in checks["failed"]}


def test_demo_reports_are_flagged_exactly_when_their_tables_were_broken():
    reports = [make_report(f"临江市第{n}局", 2019 + n % 6) for n in range(150)]
    broken = [report for report in reports if report.stats.broken]
    assert 3 <= len(broken) < 30
    for report in reports:
        record = statistics.process({"html": PAGE.format(f"<div class='TRS_Editor'>{report.body_html}</div>"), "text": "", "flags": []})
        assert (statistics.INCONSISTENT_FLAG in record["flags"]) == bool(report.stats.broken)
        assert record["stats"]["source"] == "table" and record["stats"]["format"] == report.stats.format


def test_blank_is_not_zero_in_html_and_in_the_text_format():
    html = ("<table border='1'><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
            "<tr><td>规章</td><td>&nbsp;</td><td>0</td><td>１２</td></tr>"
            "<tr><td>行政规范性文件</td><td>3</td><td></td><td></td></tr></table>")
    for stats in (report_stats.from_html(html), report_stats.from_text(text_of(html))):
        values = {(row, column): value for (_, row, column), value in stats.values().items()}
        assert values[("规章", "本年制发件数")] is None and values[("规章", "本年废止件数")] == 0 and values[("规章", "现行有效件数")] == 12
        assert values[("行政规范性文件", "本年制发件数")] == 3
        assert values[("行政规范性文件", "本年废止件数")] is None and values[("行政规范性文件", "现行有效件数")] is None


def text_of(html: str) -> str:
    from lxml import html as lxml_html

    root = lxml_html.fromstring(f"<div>{html}</div>")
    return "\n".join(line for table in root.iter("table") for line in table_lines(table))


def test_merged_label_cells_and_split_headers():
    values = " ".join(f"<td>{n}</td>" for n in (1, 0, 0, 0, 0, 1, 2))
    html = ("<table><tr><td colspan='3' rowspan='2'>&nbsp;</td><td>自然<br>人</td><td><p>商业</p><p>企业</p></td><td>科研机构</td>"
            "<td>社会公益组织</td><td>法律服务机构</td><td>其他</td><td>总计</td></tr><tr></tr>"
            f"<tr><td rowspan='3'>三、本年度办理结果</td><td rowspan='2'>（三）不予公开</td><td>1.属于国家秘密</td>{values}</tr>"
            f"<tr><td>3、危及‘三安全一稳定’</td>{values}</tr>"
            f"<tr><td colspan='2'>（七）总计</td>{values}</tr></table>")
    for stats in (report_stats.from_html(html), report_stats.from_text(text_of(html))):
        rows = {row for _, row, _ in stats.values()}
        assert rows == {stats_vocab.result_key("（三）不予公开", "1.属于国家秘密"), stats_vocab.result_key("（三）不予公开", "3.危及“三安全一稳定”"),
                        stats_vocab.result_key("（七）总计")}
        assert stats.values()[("requests", stats_vocab.result_key("（七）总计"), "总计")] == 2


def test_numbers_split_across_spans_and_amounts_with_units():
    html = ("<table><tr><td>信息内容</td><td>本年收费金额（单位：万元）</td></tr>"
            "<tr><td>行政事业性收费</td><td><span>1</span><span>2.5</span>万元</td></tr></table>"
            "<table><tr><td>信息内容</td><td>本年处理决定数量</td></tr><tr><td>行政许可</td><td><span>2</span> <span>3</span></td></tr></table>")
    values = report_stats.from_html(html).values()
    assert values[("active", "行政事业性收费", "本年收费金额（单位：万元）")] == 12.5
    assert values[("active", "行政许可", "本年处理决定数量")] == 23


def test_whole_chain_reads_the_page_and_a_traditional_mirror(tmp_path):
    for year in (2020, 2023):
        report = make_report("临江市教育局", year)
        page = PAGE.format(f"<div class='TRS_Editor'>{report.body_html}</div>")
        record = clean_record({"url": "http://x.gov.cn/a.html", "html": page, "flags": [], "containers": CONTAINERS})
        assert record["stats"]["format"] == report.stats.format
        cells = statistics.cells_of(record["stats"])
        assert {(c.table, c.row, c.column): c.value for c in cells} == report.stats.values
        mirror = mirrored_report(report, random.Random(year))
        page = PAGE.format(f"<div class='TRS_Editor'>{mirror.body_html}</div>")
        record = clean_record({"url": "http://x.gov.cn/b.html", "html": page, "flags": [], "containers": CONTAINERS})
        assert {(c.table, c.row, c.column): c.value for c in statistics.cells_of(record["stats"])} == report.stats.values


def test_the_body_text_keeps_blank_cells_in_place():
    report = make_report("临江市教育局", 2022, variants=("merged", "blanks", "nbsp"))
    assert None in report.stats.values.values()
    record = clean_record({"url": "http://x.gov.cn/a.html", "text": None, "flags": [], "containers": CONTAINERS,
                           "html": PAGE.format(f"<div class='TRS_Editor'>{report.body_html}</div>")})
    assert_same(report_stats.from_text(record["text"]), report.stats)


def test_a_table_split_over_two_docx_tables_reads_as_one():
    report = make_report("临江市教育局", 2023, variants=("merged",))
    lines = report.gold_text.splitlines()
    middle = lines.index(next(line for line in lines if line.startswith("（四）无法提供")))
    text = "\n".join(lines[:middle] + ["第 3 页", "", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况"] + lines[middle:])
    assert_same(report_stats.from_text(text), report.stats)


def labels_wrapped_over_a_page(text: str, blank_cells: bool) -> str:
    """Every table row broken by a page inside its label: two characters of the label (after its
    numbering) and the numbers, the page number, then the label's rest (with the row's cells blank or none)."""
    out = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        labels = [index for index, cell in enumerate(cells) if not report_stats.is_value(cell)]
        if not labels or labels[-1] == len(cells) - 1 or not any(cells[labels[-1] + 1:]):
            out.append(line)
            continue
        index = labels[-1]
        numbering = stats_vocab.NUMBERING_RE.match(cells[index])
        cut = (numbering.end() if numbering else 0) + 2
        rest = len(cells) - index - 1
        out += [row_line(cells[:index] + [cells[index][:cut]] + cells[index + 1:]), "- 3 -",
                row_line([cells[index][cut:]] + ([""] * rest if blank_cells else []))]
    return "\n".join(out)


@pytest.mark.parametrize("blank_cells", [True, False], ids=["blank-cells", "no-cells"])
@pytest.mark.parametrize("fmt", stats_vocab.FORMATS)
def test_rows_broken_by_a_page_inside_their_label(fmt, blank_cells):
    for variants in (("merged",), (), ("merged", "labels", "split_p")):
        report = make_report("临江市财政局", 2021, seed=f"wrap/{variants}", fmt=fmt, variants=variants)
        text = labels_wrapped_over_a_page(report.gold_text, blank_cells)
        assert text.count("- 3 -") > 20
        assert_same(report_stats.from_text(text), report.stats)


SENTENCES = [
    ("2016年共受理政府信息公开申请58件，均按时答复。", ("依申请公开", "申请数量"), 58),
    ("全年收到群众政府信息公开申请１２件。", ("依申请公开", "申请数量"), 12),
    ("本年度政府信息公开申请共计7件。", ("依申请公开", "申请数量"), 7),
    ("全年主动公开政府信息3,456条。", ("主动公开", "信息条数"), 3456),
    ("因政府信息公开引发行政复议2件，行政诉讼1起。", ("行政复议", "件数"), 2),
    ("因政府信息公开引发行政复议2件，行政诉讼1起。", ("行政诉讼", "件数"), 1),
    ("全年共收取信息检索费用120元。", ("收费", "金额（元）"), 120),
]


@pytest.mark.parametrize("sentence, key, value", SENTENCES)
def test_figures_stated_in_sentences(sentence, key, value):
    text = f"一、概述\n我局认真贯彻《条例》。\n二、依申请公开情况\n{sentence}\n三、存在的问题"
    record = statistics.process({"text": text, "flags": []})
    assert record["stats"]["source"] == "text" and record["stats"]["checks"] is None
    assert record["stats"][sentence_stats.FIGURES_TABLE][key[0]][key[1]] == value


def test_figures_of_generated_free_form_reports_through_the_chain():
    from crawler.demo.free_form import make_free_form_report

    for seed in range(60):
        free = make_free_form_report("临江县统计局", 2010 + seed % 9, seed=seed)
        record = clean_record({"url": "http://x.gov.cn/a.html", "flags": [], "containers": CONTAINERS,
                               "html": PAGE.format(f"<div class='TRS_Editor'>{free.report.body_html}</div>")})
        stats = record["stats"]
        assert stats["source"] == "text" and stats["format"] is None and statistics.INCONSISTENT_FLAG not in record["flags"]
        got = {(row, column): value for row, columns in stats[sentence_stats.FIGURES_TABLE].items() for column, value in columns.items()}
        assert got == free.figures, [block for block in free.report.blocks if block[0] == "p"]


def test_reports_with_tables_get_no_sentence_figures_and_others_none_at_all():
    report = make_report("临江市教育局", 2023)
    text = "全年共受理政府信息公开申请58件。\n" + report.gold_text
    assert statistics.process({"text": text, "flags": []})["stats"]["source"] == "table"
    assert statistics.process({"text": "本年度无其他需要报告的事项。", "flags": []})["stats"] is None


def test_trs_demo_pages_of_both_formats_through_the_chain():
    from crawler.demo import chrome

    portal = chrome.Portal(name="临江市人民政府", domain="www.linjiang.gov.cn", id_code="3415000001", province_short="皖",
                           icp="皖ICP备05000001号-1", police="皖公网安备 34150002000001号", address="临江市人民路1号", phone="0550-1234567")
    site, published = trs.build_site(portal, ["临江市审计局"], [2019, 2020, 2021], notices=0, per_page=10)
    for entry in published:
        html = site.pages[entry.path][0].decode("utf-8")
        record = clean_record({"url": "http://www.linjiang.gov.cn" + entry.path, "html": html, "flags": [], "containers": CONTAINERS})
        assert {(c.table, c.row, c.column): c.value for c in statistics.cells_of(record["stats"])} == entry.report.stats.values


def test_flatten_keeps_blank_positions_only_after_the_first_text():
    from lxml import html as lxml_html

    root = lxml_html.fromstring("<div><table><tr><td></td><td>a</td><td></td><td>b</td><td></td></tr><tr><td>c</td><td>d</td></tr></table></div>")
    flatten_tables(root)
    assert [p.text for p in root.iter("p")] == ["a | | b |", "c | d"]


def test_items_that_are_not_reports_get_no_statistics():
    record = {"text": "现将有关事项通知如下：全年共受理政府信息公开申请58件。", "flags": [], "kind": "other"}
    assert statistics.process(record)["stats"] is None
    assert statistics.process({**record, "kind": "annual"})["stats"]["source"] == "text"


FILE_VARIANTS = [("merged",), (), ("merged", "blanks", "split_br"), ("blanks", "labels", "fullwidth"), ("merged", "units", "spans", "nbsp", "split_p")]


@pytest.mark.parametrize("fmt", stats_vocab.FORMATS)
@pytest.mark.parametrize("variants", FILE_VARIANTS, ids="+".join)
def test_every_number_of_docx_files_with_merged_cells(fmt, variants):
    from crawler.demo import documents
    from pipelines import files

    for seed in range(2):
        report = make_report("临江市财政局", 2021, seed=f"docx/{seed}", fmt=fmt, variants=variants)
        assert_same(report_stats.from_text(files.extract(documents.docx_bytes(report), "report.docx").text), report.stats)


def page_texts(pdf: bytes) -> list[str]:
    import pypdfium2 as pdfium

    from pipelines.files.pdf import PDFIUM_LOCK

    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(pdf)
        texts = [document[number].get_textpage().get_text_range() for number in range(len(document))]
        document.close()
    return texts


def page_of(texts: list[str], words: str) -> int:
    return next(number for number, text in enumerate(texts) if words in re.sub(r"\s+", "", text))


@pytest.mark.parametrize("fmt", stats_vocab.FORMATS)
@pytest.mark.parametrize("variants", FILE_VARIANTS, ids="+".join)
def test_every_number_of_pdf_files_with_merged_cells_page_breaks_and_text_in_column_order(fmt, variants):
    from crawler.demo import documents
    from pipelines import files

    splits = 0
    for column_order in (False, True):
        for repeat_header in (False, True):
            report = make_report("临江市财政局", 2021, seed=f"pdf/{column_order}/{repeat_header}", fmt=fmt, variants=variants)
            pdf = documents.pdf_bytes(report, column_order=column_order, repeat_header=repeat_header)
            texts = page_texts(pdf)
            splits += page_of(texts, "本年新收政府信息") != page_of(texts, "结转下年度继续办理")
            if column_order:  # in the stream a label follows the label above it, not the numbers of the row above
                last_page = re.sub(r"\s+", "", texts[page_of(texts, "结转下年度继续办理")])
                assert not re.search(r"\d四、结转下年度继续办理", last_page)
            assert_same(report_stats.from_text(files.extract(pdf, "report.pdf").text), report.stats)
    assert splits >= 2, "section 三's table should be cut by a page break in most of these reports"


def test_every_number_of_pdfs_printed_by_libreoffice_from_the_docx():
    from crawler.demo import documents
    from pipelines import files

    reports = [make_report("临江市财政局", 2021, seed="office", fmt="2021", variants=("merged", "blanks", "split_br")),
               make_report("临江市财政局", 2019, seed="office", fmt="2019", variants=("merged", "units", "labels"))]
    for report, pdf in zip(reports, documents.office_pdfs(reports)):
        texts = page_texts(pdf)
        assert page_of(texts, "本年新收政府信息") != page_of(texts, "结转下年度继续办理")
        assert_same(report_stats.from_text(files.extract(pdf, "report.pdf").text), report.stats)
