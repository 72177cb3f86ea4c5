"""Body stage: container choice, tables as rows, Word-paste residue, fallbacks."""

from pathlib import Path

import pytest

from crawler.demo import reports
from crawler.families import body_selectors
from pipelines import body
from pipelines.tables import row_line

QUALITY = Path(__file__).parent / "fixtures" / "quality"
PAGE = "<html><body><div class='nav'>首页 政务公开 互动交流</div>{}<div class='foot'>主办单位：某市人民政府办公室</div></body></html>"

CONTAINERS = body_selectors()


def test_registry_selector_wins_over_family_containers():
    html = PAGE.format("<div class='TRS_Editor'><p>模板里的说明文字，不是正文。</p></div><div class='mybody'><p>这才是正文内容。</p></div>")
    assert body.extract_text(html, "div.mybody", CONTAINERS) == "这才是正文内容。"
    assert body.extract_text(html, containers=CONTAINERS) == "模板里的说明文字，不是正文。"


def test_hanweb_markers_cut_share_buttons_inside_zoom():
    html = PAGE.format("<div id='zoom'><div>分享到：微信 微博</div><meta name='ContentStart'><p>正文第一段，讲工作情况。</p>"
                       "<meta name='ContentEnd'><div>【字体：大 中 小】</div></div>")
    assert body.extract_text(html, containers=CONTAINERS) == "正文第一段，讲工作情况。"


@pytest.mark.parametrize("css", ["div.TRS_Editor", "div.TRS_UEDITOR", "#UCAP-CONTENT", "ucapcontent", "div#zoom", "div.wzcon", "div.j-fontContent", "div.article-content"])
def test_family_containers(css):
    tag, _, rest = css.partition("#") if "#" in css else css.partition(".")
    attribute = f"id='{rest}'" if "#" in css else f"class='{rest}'" if rest else ""
    tag = tag or "div"
    html = PAGE.format(f"<p>相关链接，页面的其他文字，不属于正文内容。</p><{tag} {attribute}><p>年报正文，共有三段内容。</p></{tag}>")
    assert body.extract_text(html, containers=CONTAINERS) == "年报正文，共有三段内容。"


def test_density_guess_finds_the_body_cell_of_a_layout_table():
    html = (QUALITY / "layout_table.html").read_text(encoding="utf-8")
    element = body.body_element(html, containers=CONTAINERS)
    assert element.tag == "td" and element.get("class") == "zw"
    text = body.extract_text(html, containers=CONTAINERS)
    assert "信息公开目录" not in text and "ICP备" not in text
    assert text.splitlines()[0].startswith("根据《中华人民共和国政府信息公开条例》规定")


def test_text_after_a_stray_closing_html_tag_is_kept():
    html = "<html><body><div>页头</div></body></html><div class='x'><div id='UCAP-CONTENT'><p>被包含文件截断后的正文，依然保留。</p></div></div>"
    assert body.extract_text(html, containers=CONTAINERS) == "被包含文件截断后的正文，依然保留。"


def test_word_paste_residue_never_reaches_the_text():
    html = PAGE.format("<div class='TRS_Editor'><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml>"
                       "<p class='MsoNormal'><?xml:namespace prefix = o ns = \"urn:schemas-microsoft-com:office:office\" />"
                       "<span>全年公开信息</span><span lang='EN-US'>120</span><span>条。<o:p></o:p></span></p></div>")
    assert body.extract_text(html, containers=CONTAINERS) == "全年公开信息120条。"


def test_whole_page_extraction_is_the_last_resort():
    html = "<html><body><article><p>没有任何已知容器的页面，正文只能整页抽取。这一段足够长，可以被识别为正文内容。</p></article></body></html>"
    assert "整页抽取" in body.extract_text(html, containers=CONTAINERS)


def test_tables_rows_in_order_with_spans_and_split_header_cells():
    html = (QUALITY / "gkmlpt_table_spans.html").read_text(encoding="utf-8")
    lines = body.extract_text(html, containers=CONTAINERS).splitlines()
    assert "（本列数据的勾稽关系为：第一项加第二项之和， 等于第三项加第四项之和） | 申请人情况" in lines
    assert "商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他" in lines
    assert lines.index("自然人 | 法人或其他组织 | 总计") < lines.index("一、本年新收政府信息公开申请数量 | 9 | 1 | 0 | 0 | 0 | 0 | 10")
    assert lines.count("结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计") == 1
    assert "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0" in lines


def test_identical_rows_of_two_tables_both_survive():
    table = "<table border='1'><tr><td>信息内容</td><td>本年处理决定数量</td></tr><tr><td>{}</td><td>{}</td></tr></table>"
    html = PAGE.format("<div class='TRS_Editor'><p>第二十条第（五）项：</p>" + table.format("行政许可", "12")
                       + "<p>第二十条第（六）项：</p>" + table.format("行政处罚", "3") + "</div>")
    assert body.extract_text(html, containers=CONTAINERS).splitlines().count("信息内容 | 本年处理决定数量") == 2


def test_layout_table_inside_the_container_reads_as_paragraphs():
    html = PAGE.format("<div class='TRS_Editor'><table><tr><td><p>第一段正文，说明情况。</p><p>第二段正文，说明问题。</p></td></tr></table></div>")
    assert body.extract_text(html, containers=CONTAINERS).splitlines() == ["第一段正文，说明情况。", "第二段正文，说明问题。"]


def test_demo_gold_renderer_uses_the_corpus_table_format():
    rows = [["", "自然人", "总计"], ["", ""], ["一、本年新收", "3", "3"]]
    assert reports.render_text([("table", rows)]) == "自然人 | 总计\n一、本年新收 | 3 | 3"
    assert row_line(["一、本年新收", "", "3"]) == "一、本年新收 | | 3"
    assert row_line(["", "规章", "3", ""]) == "规章 | 3 |"


def test_process_fills_text_and_text_original_and_skips_txt_records():
    record = body.process({"html": PAGE.format("<div class='TRS_Editor'><p>正文内容，一段。</p></div>")})
    assert record["text"] == record["text_original"] == "正文内容，一段。"
    assert body.process({"text": "文本转储，原样进入下一阶段。"})["text"] == "文本转储，原样进入下一阶段。"
