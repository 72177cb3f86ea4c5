"""Static pagers on generated first pages: script argument orders, counting from 0 or from 1,
page totals, next links and numbers in the query."""

import pytest

from crawler.parsers.pagers import static_pages

FOLDER = "http://www.example.gov.cn/zwgk/nb/"


def script(call: str) -> str:
    return f"<html><body><ul><li><a href='t1.html'>x</a></li></ul><div id='page_div'></div><script>{call}</script></body></html>"


@pytest.mark.parametrize("call,name,ext", [
    ('createPageHTML(5, 0, "index", "html");', "index", "html"),
    ("createPageHTML('page_div', 5, 0, 'index', 'shtml', 73);", "index", "shtml"),
    ("createPageHTML('div', 5, 0, 'home', 'htm', 73, 15);", "home", "htm"),
    ('createPage(5, 0, "list", "shtml")', "list", "shtml"),
])
def test_counting_from_zero(call, name, ext):
    assert static_pages(script(call), f"{FOLDER}{name}.{ext}") == [f"{FOLDER}{name}_{k}.{ext}" for k in range(1, 5)]


@pytest.mark.parametrize("call", ['createPageHTML(5, 1, "list", "shtml");', "createPageHTML('page_div', 5, 1, 'list', 'shtml', 73);"])
def test_counting_from_one_where_list_2_is_the_second_page(call):
    assert static_pages(script(call), f"{FOLDER}list.shtml") == [f"{FOLDER}list_{k}.shtml" for k in range(2, 6)]


def test_the_next_link_says_where_counting_starts():
    page = "<div>共 4 页 <a href='list_2.shtml'>下一页</a> <a href='list_4.shtml'>尾页</a></div>"
    assert static_pages(page, f"{FOLDER}list.shtml") == [f"{FOLDER}list_{k}.shtml" for k in (2, 3, 4)]
    page = "<div>共 4 页 <a href='index_1.html'>下一页</a></div>"
    assert static_pages(page, f"{FOLDER}index.html") == [f"{FOLDER}index_{k}.html" for k in (1, 2, 3)]


def test_countpage_variables():
    page = "<script>var countPage = 3; var currentPage = 0;</script>"
    assert static_pages(page, f"{FOLDER}index.htm") == [f"{FOLDER}index_1.htm", f"{FOLDER}index_2.htm"]


def test_a_later_page_names_only_the_pages_after_it():
    assert static_pages(script('createPageHTML(5, 2, "index", "html");'), f"{FOLDER}index_2.html") == \
        [f"{FOLDER}index_3.html", f"{FOLDER}index_4.html"]


def test_numbers_in_the_query_and_menus_left_out():
    page = ("<ul class='nav'><a href='/index.html'>首页</a><a href='/zwgk/index.html'>政务公开</a></ul>"
            "<div class='pg'><a href='list.jsp?cid=7&page=2'>2</a><a href='list.jsp?cid=7&page=3'>3</a>"
            "<a href='list.jsp?cid=8&page=1'>其他栏目</a></div>")
    assert static_pages(page, f"{FOLDER}list.jsp?cid=7&page=1") == [f"{FOLDER}list.jsp?cid=7&page=2", f"{FOLDER}list.jsp?cid=7&page=3"]


def test_a_page_without_a_pager_has_no_other_pages():
    assert static_pages("<html><body><ul><li><a href='a.html'>x</a></li></ul></body></html>", f"{FOLDER}index.html") == []


@pytest.mark.parametrize("cur,files", [(1, range(2, 4)), (0, range(2, 4))])
def test_a_numbered_first_page_counts_from_its_own_number(cur, files):
    page = script(f"createPageHTML('page_div', 3, {cur}, 'list', 'shtml', 40);")
    assert static_pages(page, f"{FOLDER}list_1.shtml", first=True) == [f"{FOLDER}list_{k}.shtml" for k in files]


def test_a_list_served_at_its_folder_pages_as_its_index_file():
    page = "<script>var countPage = 3;</script><a href='index.shtml'>首页</a>"
    assert static_pages(page, FOLDER) == [f"{FOLDER}index_1.shtml", f"{FOLDER}index_2.shtml"]
    assert static_pages("<script>var countPage = 2;</script>", FOLDER) == [f"{FOLDER}index_1.html"]
