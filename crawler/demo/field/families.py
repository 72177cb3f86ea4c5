"""The CMS families of the field web: URL shapes, listing pages and pagers, detail pages.

Each class is one family with its variants as constructor arguments (field guide §2).
"""

from __future__ import annotations

import hashlib
import json
import math
from html import escape

from crawler.demo.api_lists import truecms_answer
from crawler.demo.reports import render_html
from crawler.demo.server import Request, Response

from . import chrome
from .content import Item, cut
from .host import FieldSite


def pages_of(items: list[Item], per_page: int) -> list[list[Item]]:
    return [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]


def hex_id(*parts) -> str:
    return hashlib.md5("/".join(map(str, parts)).encode()).hexdigest()


def numbered_pager(hrefs: list[str], current: int, total: int | None = None, next_text: str = "下一页", style: str = "full",
                   last_links_itself: bool = False) -> str:
    """A pager of links: 首页 上一页 1 2 3 下一页 尾页 (``current`` 0-based). ``last_links_itself``:
    the last page's 下一页 and 尾页 still link (to the last page itself), as some CMSs do."""
    n = len(hrefs)
    parts = []
    if style in ("full", "next-only"):
        if current > 0:
            parts.append(f'<a href="{hrefs[0]}">首页</a><a href="{hrefs[current - 1]}">上一页</a>')
        else:
            parts.append('<span class="disabled">首页</span><span class="disabled">上一页</span>')
    if style in ("full", "numbers"):
        for i, href in enumerate(hrefs):
            parts.append(f'<span class="current">{i + 1}</span>' if i == current else f'<a href="{href}">{i + 1}</a>')
    if style in ("full", "next-only"):
        if current < n - 1:
            parts.append(f'<a href="{hrefs[current + 1]}" class="next">{next_text}</a><a href="{hrefs[-1]}">尾页</a>')
        elif last_links_itself:
            parts.append(f'<a href="{hrefs[-1]}" class="next">{next_text}</a><a href="{hrefs[-1]}">尾页</a>')
        else:
            parts.append(f'<span class="disabled">{next_text}</span><span class="disabled">尾页</span>')
    count = f'<span class="count">共{n}页' + (f" {total}条" if total is not None else "") + "</span>"
    return f'<div class="page">{"".join(parts)}{count}</div>'


# ----------------------------------------------------------------------------------------------
class TrsSite(FieldSite):
    """TRS WCM: static ``index.html``, ``index_1.html`` … in the column folder; details
    ``./YYYYMM/tYYYYMMDD_<id>.html``. ``pager``: ``classic`` (``createPageHTML(N, cur, "index",
    "html")``), ``page_div`` (``createPageHTML('page_div', N, cur, 'index', 'shtml', total)``),
    ``countPage`` (``var countPage = N``) — all computed by JavaScript only."""

    family = template = "trs"

    def __init__(self, *args, folder: str = "/xxgk/xxgknb/", ext: str = "html", pager: str = "classic",
                 news_folder: str = "/xwzx/zwyw/", quoted=None, split_details: bool = False, **kw):
        super().__init__(*args, **kw)
        self.split_details = split_details  # 2019+ reports split over two pages (t…_1.html), as long TRS articles are
        # items quoted (引用) into the column from another column keep their home folder's URL:
        # a function item -> folder (or None) of the column the document lives in
        self.quoted = quoted or (lambda item: None)
        self.folder = self.prefix + folder
        self.ext = ext
        self.pager = pager
        self.news_folder = self.prefix + news_folder

    @property
    def column_path(self) -> str:
        return f"{self.folder}index.{self.ext}"

    def column_aliases(self):
        return [self.folder]

    def _detail(self, folder: str, item: Item, base: int) -> str:
        y, m, d = item.ymd
        return f"{folder}{y}{m:02d}/t{y}{m:02d}{d:02d}_{base + item.number * 37}.{self.ext}"

    def item_path(self, item):
        home = self.quoted(item)
        return self._detail(self.prefix + home if home else self.folder, item, 4410000)

    def news_path(self, item):
        return self._detail(self.news_folder, item, 5520000)

    def href(self, item):
        if item.path.startswith(self.folder):
            return "./" + item.path[len(self.folder):]
        common = [a for a, b in zip(self.folder.split("/"), item.path.split("/")) if a == b]
        depth = len(self.folder.rstrip("/").split("/")) - len(common)
        return "../" * depth + "/".join(item.path.split("/")[len(common):])

    def pager_script(self, n: int, cur: int, total: int) -> str:
        if self.pager == "page_div":
            return (f'<div class="page" id="page_div"></div><script type="text/javascript">createPageHTML(\'page_div\', {n}, {cur}, '
                    f"'index', '{self.ext}', {total});</script>")
        if self.pager == "countPage":
            return (f'<div class="page"><script language="JavaScript">\nvar currentPage = {cur};//所在页从0开始\nvar countPage = {n}//共多少页\n'
                    f'document.write("共"+countPage+"页&nbsp;&nbsp;");\ncreatePageHTML(countPage, currentPage, "index", "{self.ext}");\n</script></div>')
        return (f'<div class="page"><script type="text/javascript">\n//<![CDATA[\ncreatePageHTML({n}, {cur}, "index", "{self.ext}");\n//]]>\n</script></div>')

    def pager_library(self) -> str:
        return ("<script type=\"text/javascript\">\nfunction createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){\n"
                "  if(typeof _nPageCount == 'string'){ var id=_nPageCount; _nPageCount=arguments[1]; _nCurrIndex=arguments[2]; _sPageName=arguments[3]; _sPageExt=arguments[4]; }\n"
                "  if(_nPageCount == null || _nPageCount<=1){ return; }\n  var nCurrIndex = _nCurrIndex || 0;\n"
                "  if(nCurrIndex == 0) document.write(\"<span>首页</span>&nbsp;<span>上一页</span>&nbsp;\");\n"
                "  else { document.write(\"<a href=\\\"\"+_sPageName+\".\"+_sPageExt+\"\\\">首页</a>&nbsp;\");\n"
                "    if(nCurrIndex == 1) document.write(\"<a href=\\\"\"+_sPageName+\".\"+_sPageExt+\"\\\">上一页</a>&nbsp;\");\n"
                "    else document.write(\"<a href=\\\"\"+_sPageName+\"_\" + (nCurrIndex-1) + \".\"+_sPageExt+\"\\\">上一页</a>&nbsp;\"); }\n"
                "  if(nCurrIndex == (_nPageCount-1)) document.write(\"<span>下一页</span>&nbsp;<span>尾页</span>\");\n"
                "  else { document.write(\"<a href=\\\"\"+_sPageName+\"_\" + (nCurrIndex+1) + \".\"+_sPageExt+\"\\\">下一页</a>&nbsp;\");\n"
                "    document.write(\"<a href=\\\"\"+_sPageName+\"_\" + (_nPageCount-1) + \".\"+_sPageExt+\"\\\">尾页</a>\"); }\n}\n</script>\n")

    def build_listing(self):
        groups = pages_of(self.items, self.per_page)
        for k, group in enumerate(groups):
            name = f"index.{self.ext}" if k == 0 else f"index_{k}.{self.ext}"
            body = self.listing_body(self.rows(group), self.pager_script(len(groups), k, len(self.items)))
            self.add_page(self.folder + name, self.page(f"{self.column_name}_{self.look.name}", body,
                                                        chrome.meta_tags(self.look, self.column_name), head_extra=self.pager_library()))

    def body_container(self, item, part: int | None = None):
        html = item.report.body_html
        pager = ""
        if part is not None:  # an article split over two pages, paged by TRS's own createPageHTML
            blocks = item.report.blocks
            half = next(i for i, (kind, text) in enumerate(blocks) if kind == "h" and text.startswith("三、"))
            html = render_html(blocks[:half] if part == 0 else blocks[half:])
            stem = item.path.rsplit("/", 1)[1].rsplit(".", 1)[0]
            pager = (f'<div class="page"><script type="text/javascript">createPageHTML(2, {part}, "{stem}", "{self.ext}");</script></div>')
        return (f'<div class="view TRS_UEDITOR trs_paper_default trs_word"><div class="TRS_Editor">'
                f"<style>.TRS_Editor P{{line-height:2;font-family:宋体;font-size:12pt;}}</style>{html}</div></div>{pager}")

    def split(self, item: Item) -> bool:
        return self.split_details and item.kind == "annual" and (item.year or 0) >= 2019

    def add_detail(self, item, column):
        if not self.split(item):
            return super().add_detail(item, column)
        first = self.generic_detail(item, column).replace(self.body_container(item), self.body_container(item, 0), 1)
        self.add_page(item.path, first)
        second = self.generic_detail(item, column).replace(self.body_container(item), self.body_container(item, 1), 1)
        self.add_page(item.path.replace(f".{self.ext}", f"_1.{self.ext}"), second)


# ----------------------------------------------------------------------------------------------
class HanwebSite(FieldSite):
    """Hanweb 大汉 JCMS: ``/col/col{C}/index.html`` with jpage units; details
    ``/art/Y/M/D/art_{C}_{id}.html``. ``proxy``: ``post`` (POST ``dataproxy.jsp?startrecord=…``
    answered with ``<datastore>`` XML), ``get`` (POST refused; ``GET …?page=K``), ``old``
    (``/module/jslib/jquery/jpage/dataproxy.jsp`` answering JavaScript). ``units``: several
    sub-columns listed on one page, each its own jpage unit: [(column id, title, items)]."""

    family = template = "hanweb"

    def __init__(self, *args, col: int = 1229137, webid: int = 3185, proxy: str = "post", units=None,
                 news_col: int = 1229001, perpage: int = 5, **kw):
        super().__init__(*args, **kw)
        self.col = col
        self.webid = webid
        self.proxy = proxy
        self.news_col = news_col
        self.jperpage = perpage
        self.units = units or [(col, None, None)]

    @property
    def column_path(self):
        return f"/col/col{self.col}/index.html"

    def p(self, folder: str) -> str:
        """Hanweb channels are columns too: ``/col/col{N}/index.html``."""
        return f"/col/col{self.col // 100 * 100 - 400 + sum(map(ord, folder)) % 97}/index.html"

    def _col_of(self, item: Item) -> int:
        for col, _, items in self.units:
            if items is not None and item in items:
                return col
        return self.col

    def item_path(self, item):
        y, m, d = item.ymd
        return f"/art/{y}/{m}/{d}/art_{self._col_of(item)}_{58991000 + item.number * 13}.html"

    def news_path(self, item):
        y, m, d = item.ymd
        return f"/art/{y}/{m}/{d}/art_{self.news_col}_{59990000 + item.number * 11}.html"

    @property
    def proxy_path(self):
        return "/module/jslib/jquery/jpage/dataproxy.jsp" if self.proxy == "old" else "/module/web/jpage/dataproxy.jsp"

    def unit_items(self, col: int) -> list[Item]:
        for c, _, items in self.units:
            if c == col:
                return items if items is not None else self.items
        return []

    def record(self, item: Item) -> str:
        row = self.row(item)
        if self.row_style in ("tr-span", "table-layout"):
            row = row.replace('<tr>', '<table width="100%" class="tb_list"><tr>', 1) + "</table>"
        return row

    def datastore(self, records: list[str], next_href: str, total: int | None = None, pages: int | None = None) -> str:
        recs = "".join(f"<record><![CDATA[\n{r}\n]]></record>\n" for r in records)
        tail = f"<totalrecord>{total}</totalrecord><totalpage>{pages}</totalpage>" if total is not None else ""
        return f"<datastore>\n<nextgroup><![CDATA[{next_href}]]></nextgroup>\n<recordset>\n{recs}</recordset>\n{tail}</datastore>"

    def ajax_param(self, col: int, unit: int) -> dict:
        return {"col": 1, "appid": 1, "webid": self.webid, "path": "/", "columnid": col, "unitid": unit,
                "webname": self.look.name, "permissiontype": 0}

    def unit_html(self, col: int, unit: int, title: str | None) -> str:
        items = self.unit_items(col)
        first = items[: 3 * self.jperpage]
        param = self.ajax_param(col, unit)
        nxt = f'<a href="{self.proxy_path}?page=4&webid={self.webid}&path=/&columnid={col}&unitid={unit}&permissiontype=0"></a>'
        store = self.datastore([self.record(i) for i in first], nxt)
        ajax = ",".join(f"{k}:{json.dumps(v, ensure_ascii=False) if isinstance(v, str) else v}" for k, v in param.items())
        ajax = ajax.replace('"', "'")
        head = f'<div class="unit-title"><h3>{escape(title)}</h3></div>' if title else ""
        return (f'{head}<div id="{unit}"><script type="text/xml">{store}</script>\n'
                f"<script language=\"javascript\">\n$(document).ready(function(){{\n  $('#{unit}').jpage({{\n    dataStore: [],\n"
                f"    totalRecord:{len(items)},\n    perPage:{self.jperpage},\n    groupSize:3,\n    barPosition:'bottom',\n"
                f"    proxyUrl:'{self.proxy_path}',\n    ajaxParam:{{{ajax}}}\n  }});\n}});\n</script></div>")

    def build_listing(self):
        units = "".join(self.unit_html(col, 400000 + i * 17 + self.webid, title) for i, (col, title, _) in enumerate(self.units))
        lib = f'<script language="javascript" src="/module/jslib/jquery/jpage/jquery.page.min.js"></script>\n'
        body = self.listing_body(units, "")
        self.add_page(self.column_path, self.page(f"{self.column_name}_{self.look.name}", body, chrome.meta_tags(self.look, self.column_name), head_extra=lib))
        for col, _, items in self.units[1:]:
            single = self.unit_html(col, 500000 + col % 1000, None)
            self.add_page(f"/col/col{col}/index.html", self.page(f"{self.column_name}_{self.look.name}", self.listing_body(single, ""),
                                                                  chrome.meta_tags(self.look, self.column_name), head_extra=lib))
        previous = self.host.routes.get(self.proxy_path)
        if previous is None:
            self.host.routes[self.proxy_path] = self.proxy_answer
        else:  # several Hanweb sites on one host share the proxy: the column id picks the site
            def shared(request, first=previous, second=self.proxy_answer, mine=self):
                try:
                    col = int(request.arg("columnid") or 0)
                except ValueError:
                    col = 0
                return second(request) if mine.unit_items(col) else first(request)
            self.host.routes[self.proxy_path] = shared

    def proxy_answer(self, request: Request) -> Response:
        if self.proxy == "get" and request.method == "POST":
            return Response(405, b"<html><body><h1>405 Method Not Allowed</h1></body></html>", {"Content-Type": "text/html"})
        try:
            col = int(request.arg("columnid") or 0)
        except ValueError:
            col = 0
        items = self.unit_items(col)
        if not items:
            return Response(200, self.encode(self.datastore([], "", 0, 0)), {"Content-Type": self.content_type("text/xml")})
        perpage = int(request.arg("perpage") or self.jperpage)
        if request.arg("startrecord"):
            start, end = int(request.arg("startrecord")), int(request.arg("endrecord") or 0)
        else:
            page = int(request.arg("page") or 1)
            start, end = (page - 1) * perpage + 1, page * perpage
        end = min(end, len(items), start + 299)
        chosen = items[start - 1:end]
        pages = math.ceil(len(items) / perpage)
        if self.proxy == "old":
            recs = ",".join("'" + self.record(i).replace("'", "\\'") + "'" for i in chosen)
            js = f"totalRecord={float(len(items))};totalPage = {pages};dataStore = [{recs}];"
            return Response(200, self.encode(js), {"Content-Type": self.content_type("application/javascript")})
        xml = '<?xml version="1.0" encoding="' + self.charset + '"?>' + self.datastore([self.record(i) for i in chosen], "", len(items), pages)
        return Response(200, self.encode(xml), {"Content-Type": self.content_type("text/xml")})

    def body_container(self, item):
        return ('<meta name="ContentStart">' + f'<div id="zoom"><!--ZJEG_RSS.content.begin-->{item.report.body_html}<!--ZJEG_RSS.content.end--></div>'
                + '<meta name="ContentEnd">')


# ----------------------------------------------------------------------------------------------
class LonsunSite(FieldSite):
    """Lonsun 集约化: ``/public/column/{org}?type=4&catId={cat}&action=list&pageIndex=N`` with an
    inline ``pageCount:K,``; details ``/public/{org}/{id}.html``. Other catalogue nodes (catIds)
    list news in the same shape."""

    family = template = "lonsun"

    def __init__(self, *args, org: int = 6596611, cat: int = 7190991, other_cats=(7190981, 7190985), **kw):
        super().__init__(*args, **kw)
        self.org, self.cat, self.other_cats = org, cat, other_cats

    @property
    def column_path(self):
        return f"/public/column/{self.org}?type=4&catId={self.cat}&action=list"

    def item_path(self, item):
        return f"/public/{self.org}/{1102000 + item.number * 29}.html"

    def news_path(self, item):
        return f"/public/{self.org}/{1203000 + item.number * 31}.html"

    def listing_html(self, cat: int, items: list[Item], index: int, name: str) -> str:
        groups = pages_of(items, self.per_page)
        group = groups[min(index, len(groups)) - 1]
        rows = self.rows(group)
        script = (f'<div id="page_list" class="pagination"></div>\n<script type="text/javascript">\n$(document).ready(function(){{\n'
                  f"  Ls.pagination(\"#page_list\", function (pageIndex) {{\n    window.location.href = '/public/column/{self.org}?type=4&catId={cat}&action=list&pageIndex=' + pageIndex;\n"
                  f"  }}, {{\n    currPage:{index},\n    pageCount:{len(groups)},\n    pageSize:{self.per_page},\n    total:{len(items)},\n"
                  "    showGo:true\n  });\n});\n</script>")
        body = self.listing_body(rows, script)
        return self.page(f"{name}_{self.look.name}", body, chrome.meta_tags(self.look, name))

    def build_listing(self):
        self.host.routes[f"/public/column/{self.org}"] = self.answer

    def answer(self, request: Request) -> Response | None:
        try:
            cat = int(request.arg("catId") or 0)
            index = max(1, int(request.arg("pageIndex") or 1))
        except ValueError:
            return None
        if cat == self.cat:
            return self.response(self.listing_html(cat, self.items, index, self.column_name), static=False)
        if cat in self.other_cats:
            return self.response(self.listing_html(cat, self.news, index, "工作动态"), static=False)
        return None

    def body_container(self, item):
        return (f'<div class="wzcon j-fontContent" id="zoom">{item.report.body_html}</div>')

    def detail_html(self, item, column):
        crumbs = [(self.home, "首页")] + [(p, l) for p, l in self.hops] + [(self.column_path, column)]
        table = ('<table class="table_suoyin" width="100%" cellspacing="0" cellpadding="0"><tbody>'
                 f'<tr><th>索\u00a0\u00a0引\u00a0\u00a0号：</th><td>{escape(self.index_no(item))}</td><th>组配分类：</th><td>{escape(column)}</td></tr>'
                 f'<tr><th>发布机构：</th><td>{escape(item.agency)}</td><th>主题分类：</th><td>综合政务</td></tr>'
                 f'<tr><th>名\u3000\u3000称：</th><td colspan="3">{escape(item.title)}</td></tr>'
                 f'<tr><th>文\u3000\u3000号：</th><td></td><th>成文日期：</th><td>{item.published}</td></tr>'
                 f'<tr><th>生成日期：</th><td>{item.published}</td><th>有\u00a0\u00a0效\u00a0\u00a0性：</th><td>有效</td></tr></tbody></table>')
        if item.kind == "news" or item.repost:
            table = ""
        body = (chrome.breadcrumb(crumbs, prefix="当前位置：") + f'<div class="wrap clearfix"><div class="main">{table}'
                f'<div class="newsdetail"><h1 class="newstitle">{escape(item.title)}</h1>{chrome.info_line(item.published, item.agency, 1)}'
                f"{self.body_container(item)}</div>{self.prev_next(item)}{chrome.tail_tools()}</div>" + chrome.sidebar([self.news_box("相关信息", 5)]) + "</div>")
        metas = chrome.meta_tags(self.look, column, title=item.title, pubdate=item.published, source=item.agency)
        return self.page(f"{item.title}-{self.look.name}", body, metas)


# ----------------------------------------------------------------------------------------------
class GkmlptSite(FieldSite):
    """Guangdong gkmlpt: UI page (``{root}/annualreport`` or ``{root}/index``, column URL with
    ``#catId``), JSON API ``GET {root}/api/all/{catId}?page=N&sid=S``, 100 per page; details
    ``{root}/content/{a}/{b}/post_{id}.html``. The UI page names SID and root in a config script."""

    family = template = "gkmlpt"

    def __init__(self, *args, cat: int = 2817, sid: str = "755", ui: str = "annualreport", per_api_page: int = 100, **kw):
        super().__init__(*args, **kw)
        self.cat, self.sid, self.ui, self.per_api_page = cat, sid, ui, per_api_page
        self.gk = self.prefix + "/gkmlpt"

    @property
    def column_path(self):
        return f"{self.gk}/{self.ui}#{self.cat}"

    def _post(self, post_id: int) -> str:
        return f"{self.gk}/content/{post_id // 1000000}/{post_id // 1000}/post_{post_id}.html"

    def post_id(self, item: Item) -> int:
        return 3120000 + item.number * 7 + int(self.sid)

    def item_path(self, item):
        return self._post(self.post_id(item))

    def news_path(self, item):
        return self._post(4230000 + item.number * 3 + int(self.sid))  # other gkmlpt categories: the same URL shape

    def build_listing(self):
        config = (f'<script type="text/javascript">\nwindow._CONFIG = {{\n  SID: "{self.sid}",\n  ROOT: "{self.gk}",\n  SITE_NAME: "{self.look.name}",\n'
                  f'  API: "{self.gk}/api/",\n  TEMPLATE: "{self.ui}"\n}};\n</script>\n'
                  f'<script type="text/javascript" src="{self.gk}/static/js/app.6c1f0e.js"></script>')
        app = ('<div id="app" class="gkmlpt"><div class="gkmlpt-left"><ul class="tree"><li><a href="javascript:void(0)">机构职能</a></li>'
               '<li><a href="javascript:void(0)">政策文件</a></li><li><a href="javascript:void(0)">规划计划</a></li>'
               f'<li class="on"><a href="javascript:void(0)">{escape(self.column_name)}</a></li></ul></div>'
               '<div class="gkmlpt-right"><div class="loading">正在加载…</div><table class="gkmlpt-table"><thead><tr><th>索引号</th>'
               '<th>标题</th><th>发布机构</th><th>发布日期</th></tr></thead><tbody></tbody></table><div class="page"></div></div></div>')
        body = chrome.breadcrumb([(self.home, "首页"), (self.gk + "/index", "政府信息公开"), (self.column_path, self.column_name)]) + app
        html = self.page(f"{self.column_name}_{self.look.name}", body, chrome.meta_tags(self.look, self.column_name), head_extra=config)
        self.add_page(f"{self.gk}/{self.ui}", html)
        if self.ui != "index":
            self.add_page(f"{self.gk}/index", html.replace(f'TEMPLATE: "{self.ui}"', 'TEMPLATE: "index"'))
        self.host.routes[f"{self.gk}/api/all/{self.cat}"] = self.api

    def api(self, request: Request) -> Response:
        headers = {"Content-Type": "application/json;charset=UTF-8"}
        if request.arg("sid") != self.sid:
            return Response(200, b'{"articles":[],"total":0,"msg":"sid error"}', headers)
        page = max(1, int(request.arg("page") or 1))
        chosen = self.items[(page - 1) * self.per_api_page: page * self.per_api_page]
        articles = []
        for item in chosen:
            y, m, d = item.ymd
            import datetime as _dt
            stamp = int(_dt.datetime(y, m, d, 10, 0, tzinfo=_dt.timezone(_dt.timedelta(hours=8))).timestamp())
            url = self.base + item.path
            articles.append({"id": self.post_id(item), "identifier": self.index_no(item), "title": item.title,
                             "publisher": item.agency, "display_publish_time": stamp, "first_publish_time": stamp,
                             "url": url + f"#{self.cat}", "post_url": url, "document_number": "", "attachment": []})
        data = {"articles": articles, "total": len(self.items), "page": page, "per_page": self.per_api_page, "cat_id": self.cat}
        return Response(200, json.dumps(data, ensure_ascii=False).encode("utf-8"), headers)

    def index_no(self, item):
        return f"00729{self.sid}/{item.published[:4]}-{item.number:05d}"

    def body_container(self, item):
        return f'<div class="content"><div class="article-content">{item.report.body_html}</div></div>'

    def detail_html(self, item, column):
        if item.kind == "news":
            return self.generic_detail(item, column)
        table = ('<div class="introduce"><table class="classify"><tbody>'
                 f'<tr><td class="td-title">索引号：</td><td class="td-value">{self.index_no(item)}</td><td class="td-title">分类：</td><td>{escape(column)}</td></tr>'
                 f'<tr><td class="td-title">发布机构：</td><td class="td-value"><span>{escape(item.agency)}</span></td><td class="td-title">成文日期：</td><td>{item.published}</td></tr>'
                 f'<tr><td class="td-title">名称：</td><td colspan="3">{escape(item.title)}</td></tr>'
                 f'<tr><td class="td-title">文号：</td><td></td><td class="td-title">发布日期：</td><td>{item.published}</td></tr></tbody></table></div>')
        body = (chrome.breadcrumb([(self.home, "首页"), (self.gk + "/index", "政府信息公开"), (self.column_path, column)]) +
                f'<div class="wrap clearfix"><div class="main">{table}<div class="article"><h1 class="title">{escape(item.title)}</h1>'
                f"{self.body_container(item)}</div>{self.prev_next(item)}{chrome.tail_tools()}</div></div>")
        metas = chrome.meta_tags(self.look, column, title=item.title, pubdate=item.published, source=item.agency)
        return self.page(f"{item.title}", body, metas)


# ----------------------------------------------------------------------------------------------
class UcapSite(FieldSite):
    """Ucap 开普云 / gov.cn: static ``home.htm``, ``home_1.htm`` …, ``共N页`` in the pager with
    its ``home_N`` links. ``style``: ``ucap`` (details ``…/YYYYMM/<32 hex>.shtml``, body
    ``<ucapcontent>``) or ``govcn`` (details ``/zhengce/YYYY-MM/DD/content_{id}.htm``, no
    standard meta tags, ``firstpublishedtime``, body ``#UCAP-CONTENT``)."""

    family = template = "ucap"

    def __init__(self, *args, folder: str = "/xxgk/ndbg/", style: str = "ucap", **kw):
        super().__init__(*args, **kw)
        self.folder = self.prefix + folder
        self.style = style

    @property
    def column_path(self):
        return self.folder + "home.htm"

    def item_path(self, item):
        y, m, d = item.ymd
        if self.style == "govcn":
            return f"{self.prefix}/zhengce/{y}-{m:02d}/{d:02d}/content_{5737000 + item.number * 19}.htm"
        return f"{self.folder}{y}{m:02d}/{hex_id(self.site_id, item.number)}.shtml"

    def news_path(self, item):
        y, m, d = item.ymd
        if self.style == "govcn":
            return f"{self.prefix}/yaowen/{y}-{m:02d}/{d:02d}/content_{6811000 + item.number * 23}.htm"
        return f"{self.prefix}/xwzx/zwyw/{y}{m:02d}/{hex_id(self.site_id, 'news', item.number)}.shtml"

    def build_listing(self):
        groups = pages_of(self.items, self.per_page)
        hrefs = ["home.htm"] + [f"home_{k}.htm" for k in range(1, len(groups))]
        for k, group in enumerate(groups):
            pager = numbered_pager(hrefs, k, len(self.items), style="full")
            body = self.listing_body(self.rows(group), pager)
            metas = "" if self.style == "govcn" else chrome.meta_tags(self.look, self.column_name)
            self.add_page(self.folder + hrefs[k], self.page(f"{self.column_name}_{self.look.name}", body, metas))

    def body_container(self, item):
        if self.style == "govcn":
            return f'<div class="pages_content" id="UCAP-CONTENT">{item.report.body_html}</div>'
        return f'<div class="article-con"><ucapcontent>{item.report.body_html}</ucapcontent></div>'

    def detail_html(self, item, column):
        if self.style != "govcn":
            return self.generic_detail(item, column)
        metas = (f'<meta name="firstpublishedtime" content="{item.published}-10:00:00">\n<meta name="lastmodifiedtime" content="{item.published}-10:00:00">\n'
                 f'<meta name="keywords" content="{escape(item.title)}">')
        table = ("" if item.kind == "news" else
                 '<table class="bd1" cellpadding="0" cellspacing="0" width="100%"><tbody>'
                 f'<tr><td><b>索\u00a0\u00a0引\u00a0\u00a0号：</b></td><td>{self.index_no(item)}</td><td><b>主题分类：</b></td><td>综合政务</td></tr>'
                 f'<tr><td><b>发文机关：</b></td><td>{escape(item.agency)}</td><td><b>成文日期：</b></td><td>{item.published}</td></tr>'
                 f'<tr><td><b>标\u3000\u3000题：</b></td><td colspan="3">{escape(item.title)}</td></tr></tbody></table>')
        body = (chrome.breadcrumb([(self.home, "首页"), (self.column_path, column)], prefix="", sep=" &gt; ") +
                f'<div class="wrap clearfix"><div class="main">{table}<div class="article oneColumn pub_border"><h1>{escape(item.title)}</h1>'
                f'<div class="pages-date">{item.published} 10:00<span class="font">来源： {escape(item.agency)}</span></div>'
                f"{self.body_container(item)}</div>{self.prev_next(item)}{chrome.tail_tools()}</div></div>")
        return self.page(f"{item.title}_{column}_{self.look.name}", body, metas)


# ----------------------------------------------------------------------------------------------
class StaticSite(FieldSite):
    """Plain sites with no family shape: ``list`` gives the listing URL of page k (0-based) and
    ``detail`` the URL of item number n; ``pager`` is ``next`` (下一页 links), ``numbers``
    (numbered links), ``full`` or ``js`` (createPageHTML('page_div', N, cur, 'list', 'shtml',
    total) with 1-based pages, computed by JavaScript only)."""

    family = "static"
    template = "generic"

    def __init__(self, *args, list_url=None, detail=None, news_detail=None, pager: str = "next", body_class: str = "article-content",
                 relative: bool = False, last_links_itself: bool = False, pinned: bool = False, channel_url=None,
                 first_aliases=(), **kw):
        super().__init__(*args, **kw)
        self.first_aliases = list(first_aliases)  # other URLs serving the first list page (list_7_1.html)
        self.channel_url = channel_url  # folder -> URL of an ordinary channel, for sites without folders (ShowClass.asp?ClassID=N)
        self.pinned = pinned  # the newest report is pinned (置顶) at the top of every list page
        self.last_links_itself = last_links_itself
        self.relative = relative  # lists link details relative to the list page (ShowArticle.asp?…)
        self.list_url = list_url
        self.detail = detail
        self.news_detail = news_detail
        self.pager = pager
        self.body_class = body_class

    @property
    def column_path(self):
        return self.list_url(0)

    def item_path(self, item):
        return self.detail(item)

    def p(self, folder: str) -> str:
        return self.channel_url(folder) if self.channel_url else super().p(folder)

    def column_aliases(self):
        return list(self.first_aliases)

    def href(self, item):
        if not self.relative:
            return item.path
        folder = self.list_url(0).split("?")[0].rsplit("/", 1)[0] + "/"
        return item.path[len(folder):] if item.path.startswith(folder) else item.path

    def news_path(self, item):
        return self.news_detail(item)

    def build_listing(self):
        groups = pages_of(self.items, self.per_page)
        hrefs = [self.list_url(k) for k in range(len(groups))]
        if self.first_aliases:
            hrefs[0] = self.first_aliases[0]  # the pager links the first page by its alias
        for k, group in enumerate(groups):
            if self.pager == "js":
                pager = (f'<div class="page" id="page_div"></div><script type="text/javascript">createPageHTML(\'page_div\',{len(groups)},{k + 1},'
                         f"'list','shtml',{len(self.items)});</script>")
            else:
                shown = [h.rsplit("/", 1)[1] for h in hrefs] if self.relative else hrefs
                pager = numbered_pager(shown, k, len(self.items), style={"next": "next-only"}.get(self.pager, self.pager),
                                       last_links_itself=self.last_links_itself)
            path, _, query = hrefs[k].partition("?")
            rows = self.rows(group)
            if self.pinned and k > 0:
                top = self.row(self.items[0]).replace(escape(cut(self.items[0].title)), "[置顶] " + escape(cut(self.items[0].title)), 1)
                rows = rows.replace(">", ">" + top, 1)
            html = self.list_page_html(rows, pager)
            if k == 0:
                for alias in self.first_aliases:
                    self.add_any(alias, html)
                path, _, query = self.list_url(0).partition("?")
            if query:
                self.add_query_page(path, dict(pair.split("=", 1) for pair in query.split("&")), html)
            else:
                self.add_page(path, html)

    def list_page_html(self, rows: str, pager: str) -> str:
        body = self.listing_body(rows, pager)
        return self.page(f"{self.column_name}-{self.look.name}", body, chrome.meta_tags(self.look, self.column_name))

    def body_container(self, item):
        if self.look.layout == "table":
            return (f'<table width="100%" border="0" cellspacing="0" cellpadding="0"><tr><td class="{self.body_class}" id="zoom">'
                    f"{item.report.body_html}</td></tr></table>")
        return f'<div class="{self.body_class}" id="zoom">{item.report.body_html}</div>'


# ----------------------------------------------------------------------------------------------
class TrsSearchSite(TrsSite):
    """TRS whose list pages after the first come from the search API
    (``/igs/front/search/list.html?…&pageNumber=N``, JSON ``page.content[]`` with BT /
    DOCPUBURL / FBRQ / IDXID): page 2 is not in any HTML."""

    def __init__(self, *args, channel: int = 60512, **kw):
        super().__init__(*args, **kw)
        self.channel = channel

    def registry_options(self):
        return {"search_api": self.base + self.api_template, "search_first_page": 2}

    @property
    def api_template(self) -> str:
        return (f"{self.prefix}/igs/front/search/list.html?index=xxgk-index&type=xxgknb&filter%5BCHANNELID%5D={self.channel}"
                f"&pageSize={self.per_page}&orderProperty=PUBDATE&orderDirection=desc&pageNumber={{page}}")

    def build_listing(self):
        groups = pages_of(self.items, self.per_page)
        script = ('<div class="page" id="pagination"></div>\n<script type="text/javascript">\n'
                  f"var pageSize = {self.per_page}, total = {len(self.items)}, pageCount = {len(groups)};\n"
                  f"var api = '{self.api_template.replace('{page}', '')}';\n"
                  "function loadPage(n){ $.getJSON(api + n, function(res){ var html = '';\n"
                  "  $.each(res.page.content, function(i, d){ html += '<li><a href=\"' + d.DOCPUBURL + '\" title=\"' + d.BT + '\" target=\"_blank\">' + d.BT + '</a><span>' + d.FBRQ.substring(0,10) + '</span></li>'; });\n"
                  "  $('#list ul').html(html); renderPager(n); }); }\n"
                  "function renderPager(n){ var s=''; for(var i=1;i<=pageCount;i++){ s += (i==n ? '<span>'+i+'</span>' : '<a href=\"javascript:loadPage('+i+')\">'+i+'</a>'); } $('#pagination').html(s + '<span>共'+pageCount+'页</span>'); }\n"
                  "renderPager(1);\n</script>")
        body = self.listing_body(self.rows(groups[0]), script)
        self.add_page(self.column_path, self.page(f"{self.column_name}_{self.look.name}", body, chrome.meta_tags(self.look, self.column_name)))
        self.host.routes[self.prefix + "/igs/front/search/list.html"] = self.api

    def api(self, request: Request) -> Response:
        if request.arg("filter[CHANNELID]") != str(self.channel):
            return Response(200, b'{"page":{"content":[],"totalElements":0,"totalPages":0}}', {"Content-Type": "application/json;charset=UTF-8"})
        size = int(request.arg("pageSize") or self.per_page)
        number = max(1, int(request.arg("pageNumber") or 1))
        chosen = self.items[(number - 1) * size: number * size]
        content = [{"BT": i.title, "DOCPUBURL": self.base + i.path, "FBRQ": i.published + " 10:00:00", "IDXID": self.index_no(i),
                    "FBJG": i.agency, "CHANNELID": self.channel, "DOCID": 4410000 + i.number * 37} for i in chosen]
        data = {"page": {"content": content, "totalElements": len(self.items), "totalPages": math.ceil(len(self.items) / size),
                         "number": number - 1, "size": size}, "success": True}
        return Response(200, json.dumps(data, ensure_ascii=False).encode("utf-8"), {"Content-Type": "application/json;charset=UTF-8"})


class IframeSite(StaticSite):
    """A static site whose column page holds its list in a same-host ``<iframe>``
    (``column-index-N.shtml`` pages with 下一页 and numbered links)."""

    def __init__(self, *args, outer: str = "/zwgk/xxgknb/index.html", **kw):
        super().__init__(*args, **kw)
        self.outer = self.prefix + outer

    @property
    def column_path(self):
        return self.outer

    def column_aliases(self):
        return [self.list_url(0)]

    def build_listing(self):
        super().build_listing()
        frame = (f'<iframe id="listFrame" name="listFrame" src="{escape(self.list_url(0))}" width="100%" height="900" frameborder="0" '
                 'scrolling="no" onload="this.height=this.contentWindow.document.body.scrollHeight"></iframe>')
        body = self.listing_body(frame, "")
        self.add_page(self.outer, self.page(f"{self.column_name}-{self.look.name}", body, chrome.meta_tags(self.look, self.column_name)))

    def list_page_html(self, rows, pager):
        """The framed list: a bare page, its own charset meta, no chrome."""
        return (f'<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset={self.meta_charset}">'
                f'<title>{escape(self.column_name)}</title><link rel="stylesheet" href="{self.prefix}/images/list.css"><base target="_blank"></head>'
                f'<body><div class="list-con">{rows}</div>{pager}</body></html>')


class TrsSubcolumnSite(TrsSite):
    """TRS whose 年报 column is a directory of sub-columns (市政府年报 / 部门年报 / 乡镇（街道）年报):
    the column page shows each sub-column's latest items and a 更多 link to the sub-column,
    which pages on its own (``index.html``, ``index_1.html`` …)."""

    def __init__(self, *args, subcolumns=(), **kw):
        super().__init__(*args, **kw)
        self.subcolumns = [(self.folder + sub, title, items) for sub, title, items in subcolumns]

    def _folder_of(self, item: Item) -> str:
        return next(folder for folder, _, items in self.subcolumns if item in items)

    def item_path(self, item):
        return self._detail(self._folder_of(item), item, 4410000)

    def href(self, item):
        return item.path

    def build_listing(self):
        boxes = []
        for folder, title, items in self.subcolumns:
            rows = self.rows(items[:5])
            boxes.append(f'<div class="sub-column"><div class="sub-title"><h3>{escape(title)}</h3><a class="more" href="{escape(folder)}">更多&gt;&gt;</a></div>{rows}</div>')
            groups = pages_of(items, self.per_page)
            for k, group in enumerate(groups):
                name = f"index.{self.ext}" if k == 0 else f"index_{k}.{self.ext}"
                body = self.listing_body(self.rows(group), self.pager_script(len(groups), k, len(items)))
                self.add_page(folder + name, self.page(f"{title}_{self.look.name}", body, chrome.meta_tags(self.look, title),
                                                       head_extra=self.pager_library()))
        body = self.listing_body("".join(boxes), "")
        self.add_page(self.column_path, self.page(f"{self.column_name}_{self.look.name}", body, chrome.meta_tags(self.look, self.column_name)))


class HanwebJpaasSite(HanwebSite):
    """Newer Hanweb (JPaaS): the column page is built statically with its first page of rows; later
    pages come from ``/jpaas-publish-server/front/page/build/unit?…&paramJson={"pageNo":N,"pageSize":"15"}``
    answering JSON ``{"data": {"html": …}}``."""

    UNIT = "/jpaas-publish-server/front/page/build/unit"

    def __init__(self, *args, page_id: int = 9182736, **kw):
        super().__init__(*args, **kw)
        self.page_id = page_id

    def unit_query(self) -> dict:
        return {"webId": str(self.webid), "pageId": str(self.page_id), "parseType": "bulidstatic", "pageType": "column",
                "tagId": "当前栏目list", "tplSetId": "52c9a3f5b8d04c1c9a2c1f4e0a7e6b21"}

    def build_listing(self):
        groups = pages_of(self.items, self.per_page)
        params = json.dumps(self.unit_query(), ensure_ascii=False)
        script = ('<div class="pagination" id="jpaas-page"></div>\n<script type="text/javascript">\n'
                  f"var unitParam = {params};\nvar pageCount = {len(groups)}, pageSize = '{self.per_page}', total = {len(self.items)};\n"
                  "function loadPage(pageNo){\n  var data = $.extend({}, unitParam, {paramJson: JSON.stringify({pageNo: pageNo, pageSize: pageSize})});\n"
                  f"  $.ajax({{url: '{self.UNIT}', type: 'GET', data: data, dataType: 'json', success: function(res){{\n"
                  "    $('#jpaas-list').html(res.data.html); renderPage(pageNo); }});\n}\n"
                  "function renderPage(n){ var s='共'+pageCount+'页 '; for(var i=1;i<=pageCount;i++){ s += i==n ? '<b>'+i+'</b>' : '<a href=\"javascript:loadPage('+i+')\">'+i+'</a>'; } $('#jpaas-page').html(s); }\n"
                  "renderPage(1);\n</script>")
        rows = f'<div id="jpaas-list" class="jpaas-unit">{self.rows(groups[0])}</div>'
        body = self.listing_body(rows, script)
        self.add_page(self.column_path, self.page(f"{self.column_name}_{self.look.name}", body, chrome.meta_tags(self.look, self.column_name)))
        self.host.routes[self.UNIT] = self.unit

    def unit(self, request: Request) -> Response:
        headers = {"Content-Type": "application/json;charset=UTF-8"}
        try:
            param = json.loads(request.arg("paramJson") or "{}")
            number, size = max(1, int(param.get("pageNo", 1))), int(param.get("pageSize", self.per_page))
        except (ValueError, TypeError):
            return Response(200, b'{"success":false,"data":null,"message":"paramJson error"}', headers)
        if request.arg("pageId") != str(self.page_id):
            return Response(200, b'{"success":false,"data":null,"message":"page not found"}', headers)
        chosen = self.items[(number - 1) * size: number * size]
        data = {"success": True, "code": 200, "data": {"html": self.rows(chosen), "total": len(self.items), "pageNo": number}}
        return Response(200, json.dumps(data, ensure_ascii=False).encode("utf-8"), headers)


class TruecmsSite(StaticSite):
    """A truecms site: the column page is an empty shell whose list comes from JSONP
    ``/messageController/getMessage.do?callback=…&columnId=C&pageNo=N&pageSize=P`` (it answers
    403 without a Referer from the site); details ``/{column}/{YYYYMMDD}/{id}.html``."""

    family = template = "truecms"

    API = "/messageController/getMessage.do"

    def __init__(self, *args, column_id: int = 3357, outer: str = "/zwgk/zfxxgknb/index.html", **kw):
        super().__init__(*args, list_url=lambda k: outer, **kw)
        self.column_id = column_id
        self.outer = self.prefix + outer

    @property
    def column_path(self):
        return self.outer

    def build_listing(self):
        script = ('<div class="page" id="pageBar"></div>\n<script type="text/javascript">\n'
                  f"var columnId = '{self.column_id}', pageSize = {self.per_page};\n"
                  "function getList(pageNo){\n  $.ajax({\n"
                  f"    url: '{self.prefix}{self.API}',\n    dataType: 'jsonp',\n    jsonp: 'callback',\n"
                  "    data: {columnId: columnId, pageNo: pageNo, pageSize: pageSize, orderBy: 'publishTime'},\n"
                  "    success: function(res){ var h = '';\n"
                  "      $.each(res.data.list, function(i, d){ h += '<li><a href=\"' + d.url + '\" title=\"' + d.title + '\">' + d.title + '</a><span>' + d.publishTime + '</span></li>'; });\n"
                  "      $('#msgList').html(h); $('#pageBar').html('共' + res.data.pages + '页'); }\n  });\n}\n"
                  "getList(1);\n</script>")
        body = self.listing_body('<ul class="list" id="msgList"><li class="loading">数据加载中…</li></ul>', script)
        self.add_page(self.outer, self.page(f"{self.column_name}-{self.look.name}", body, chrome.meta_tags(self.look, self.column_name)))
        self.host.routes[self.prefix + self.API] = self.api

    def api(self, request: Request) -> Response:
        if not request.headers.get("referer", "").startswith(self.base):
            return Response(403, "<html><body><h1>403 Forbidden</h1><p>非法请求</p></body></html>".encode(), {"Content-Type": "text/html; charset=utf-8"})
        rows = [{"id": 8800 + i.number, "title": i.title, "url": i.path, "publishTime": i.published, "source": i.agency} for i in self.items]
        return truecms_answer(request, self.column_id, rows, self.per_page)


class EpointSite(StaticSite):
    """Epoint (EWB-FRONT): the column page is a shell; its list comes from a JSON POST
    ``/EWB-FRONT/rest/frontAppCustomAction/getPageInfoListNew`` with ``{"params": {"siteGuid": …,
    "categoryNum": …, "pageIndex": N (0-based), "pageSize": P}}`` (GET answers 405); details
    ``/{folder}/{categoryNum}/{YYYYMMDD}/{guid}.html``."""

    family = template = "epoint"

    API = "/EWB-FRONT/rest/frontAppCustomAction/getPageInfoListNew"

    def __init__(self, *args, site_guid: str = "7eb5f7f1-9041-43ad-8e13-8fcb82ea831a", category: str = "004002",
                 outer: str = "/zwgk/xxgknb/xxgknb.html", **kw):
        super().__init__(*args, list_url=lambda k: outer, **kw)
        self.site_guid, self.category, self.outer = site_guid, category, self.prefix + outer

    @property
    def column_path(self):
        return self.outer

    def build_listing(self):
        params = {"siteGuid": self.site_guid, "categoryNum": self.category, "kw": "", "startDate": "", "endDate": "",
                  "pageIndex": 0, "pageSize": self.per_page}
        script = (f'<script type="text/javascript" src="{self.prefix}/EWB-FRONT/frame/fui/js/jquery.min.js"></script>\n'
                  '<div class="m-pagination" id="pager"></div>\n<script type="text/javascript">\n'
                  f"var queryParams = {json.dumps(params)};\n"
                  "function loadList(pageIndex){\n  queryParams.pageIndex = pageIndex;\n"
                  f"  $.ajax({{type: 'POST', url: '{self.API}', contentType: 'application/json;charset=UTF-8',\n"
                  "    data: JSON.stringify({params: queryParams}), dataType: 'json', success: function(res){\n"
                  "      var html = ''; $.each(res.custom.infodata, function(i, d){ html += '<li><a href=\"' + d.infourl + '\" title=\"' + d.title + '\">' + d.title + '</a><span>' + d.infodate + '</span></li>'; });\n"
                  "      $('#infolist').html(html); $('#pager').pagination({total: res.custom.count, pageSize: queryParams.pageSize, pageIndex: pageIndex});\n"
                  "  }});\n}\nloadList(0);\n</script>")
        body = self.listing_body('<ul class="wb-data-item" id="infolist"></ul>', script)
        self.add_page(self.outer, self.page(f"{self.column_name}-{self.look.name}", body, chrome.meta_tags(self.look, self.column_name)))
        self.host.routes[self.prefix + self.API] = self.api

    def api(self, request: Request) -> Response:
        headers = {"Content-Type": "application/json;charset=UTF-8"}
        if request.method != "POST":
            return Response(405, b'{"status":{"code":405,"text":"Request method not supported"}}', headers)
        try:
            text = request.body.decode("utf-8")
            payload = json.loads(text) if text.lstrip().startswith("{") else json.loads(request.form().get("params", ["{}"])[0])
            params = payload.get("params", payload)
            index, size = int(params.get("pageIndex", 0)), int(params.get("pageSize", self.per_page))
        except (ValueError, TypeError, AttributeError):
            return Response(200, b'{"custom":{"infodata":[],"count":0},"status":{"code":500,"text":"params error"}}', headers)
        if params.get("categoryNum") != self.category or params.get("siteGuid") != self.site_guid:
            return Response(200, b'{"custom":{"infodata":[],"count":0},"status":{"code":200,"text":""}}', headers)
        chosen = self.items[index * size:(index + 1) * size]
        infodata = [{"infoid": hex_id(self.site_id, i.number), "title": i.title, "infourl": i.path, "infodate": i.published,
                     "categorynum": self.category} for i in chosen]
        data = {"custom": {"infodata": infodata, "count": len(self.items)}, "status": {"code": 200, "text": ""}}
        return Response(200, json.dumps(data, ensure_ascii=False).encode("utf-8"), headers)
