"""Hosts and sites of the field web.

A ``FieldHost`` is one HTTP server (one host:port). It holds one or more ``FieldSite``s: a
portal at ``/`` or department/district sites in folders (``/fgw/``, ``/jyj/``) of a shared
host. Pages are generated once the servers run (links between hosts need their ports) and are
served from memory; robots.txt is answered per host, unknown paths get 404.

Every site knows its truth as a ``Manifest``: root, column, family and every item of the column.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from html import escape

from crawler.demo.server import MockSite, Request, Response

from . import chrome
from .chrome import Look, Menu
from .content import Item, cut


@dataclass
class Manifest:
    """The truth about one site of the field web."""

    site_id: str
    name: str  # the body (机关) the site belongs to
    family: str  # hanweb / trs / lonsun / gkmlpt / ucap / static
    template: str  # the registry template a user who knows the column would give
    root: str  # site root URL (start_url of a template=auto row)
    column: str  # the annual-report column's first listing page
    items: list[Item]  # every item of the column, with absolute URLs
    news: list[Item]  # articles outside the column the site links (sidebars, news lists)
    charset: str
    shapes: list[str]
    province: str = ""
    city: str = ""
    county: str = ""
    level: str = "city"
    options: dict = field(default_factory=dict)  # registry options for the column row, if any
    column_aliases: list[str] = field(default_factory=list)  # other URLs serving the column's first page

    @property
    def annual(self) -> list[Item]:
        return [item for item in self.items if item.kind == "annual"]

    @property
    def reposts(self) -> list[Item]:
        return [item for item in self.items if item.repost]


class FieldHost(MockSite):
    """One server: static pages, query-keyed pages and callables, per path."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.sites: list[FieldSite] = []
        self.pages: dict[str, Response] = {}
        self.query_pages: dict[str, list[tuple[dict, Response]]] = {}
        self.routes: dict[str, object] = {}
        self.disallow: list[str] = ["/admin/", "/cms/", "/search/"]
        self.record = False
        self.gzip = False  # compress answers when the client accepts gzip, as nginx does
        self.redirects: dict[str, str] = {}  # path -> Location (302)

    def handle(self, request: Request) -> Response:
        response = self._answer(request)
        if self.gzip and response.status == 200 and len(response.body) > 1024 and "gzip" in request.headers.get("accept-encoding", ""):
            response = Response(response.status, gzip.compress(response.body, 6, mtime=0),
                                {**response.headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
        return response

    def _answer(self, request: Request) -> Response:
        if not self.record:
            self.requests.clear()
        if request.path in self.redirects:
            return Response(302, b"", {"Location": self.redirects[request.path], "Content-Type": "text/html"})
        if request.path == "/robots.txt":
            lines = ["User-agent: *"] + [f"Disallow: {p}" for p in self.disallow] + ["Allow: /", ""]
            return Response(200, "\n".join(lines).encode(), {"Content-Type": "text/plain"})
        matching = [(len(args), i, response) for i, (args, response) in enumerate(self.query_pages.get(request.path, ()))
                    if all(request.arg(k) == v for k, v in args.items())]
        if matching:
            return max(matching, key=lambda m: (m[0], -m[1]))[2]
        if request.path in self.routes:
            answer = self.routes[request.path](request)
            if answer is not None:
                return answer
        page = self.pages.get(request.path)
        if page is None and request.path.endswith("/"):
            page = next((self.pages[request.path + n] for n in ("index.html", "index.shtml", "index.htm") if request.path + n in self.pages), None)
        if page is None:
            return Response(404, "<html><head><title>404 页面不存在</title></head><body><h1>404</h1><p>您访问的页面不存在或已删除。</p></body></html>".encode(),
                            {"Content-Type": "text/html; charset=utf-8"})
        if request.method == "POST" and page.headers.get("X-Static"):
            return Response(405, b"Method Not Allowed", {"Content-Type": "text/html"})
        return page


CHANNELS = (
    # (folder, label) of ordinary channels every portal menu carries
    ("xwzx", "新闻中心"), ("xwzx/zwyw", "政务要闻"), ("xwzx/bmdt", "部门动态"), ("xwzx/tzgg", "通知公告"),
    ("zcwj", "政策文件"), ("zcjd", "政策解读"), ("zwfw", "政务服务"), ("zwfw/bszn", "办事指南"),
    ("hdjl", "互动交流"), ("hdjl/ldxx", "领导信箱"), ("hdjl/zxft", "在线访谈"), ("hdjl/zjdc", "征集调查"),
    ("zjxx", "走进{short}"), ("zjxx/lsyg", "历史沿革"), ("zjxx/xzqh", "行政区划"), ("rsxx", "人事信息"),
    ("czzj", "财政资金"), ("ghjh", "规划计划"), ("tjxx", "统计信息"), ("yjgl", "应急管理"), ("zdly", "重点领域信息公开"),
    ("jyta", "建议提案办理"),
)


class FieldSite:
    """A site of the field web. Subclasses give its family's URL shapes, listing and detail pages.

    ``hops`` are the portal pages between the root and the column, each (path, label); the last
    hop links the column with ``column_link`` (text / title / img) named ``column_label``.
    """

    family = "static"
    template = "generic"

    def __init__(self, site_id: str, look: Look, items: list[Item], news: list[Item], *, prefix: str = "",
                 charset: str = "utf-8", header_charset: str | None = "same", meta_charset: str | None = None,
                 root: str = "/", hops=(), column_label: str = "政府信息公开年报", column_link: str = "text",
                 column_name: str | None = None, trap: tuple[str, str] | None = None, province: str = "", city: str = "",
                 county: str = "", level: str = "city", shapes=(), row_style: str = "li-span", per_page: int = 10,
                 latest_on_portal: bool = False, date_style: str = "iso", dept_links=(), column_in_menu: bool = False,
                 short_titles: bool = False):
        self.site_id = site_id
        self.look = look
        self.items = items
        self.news = news
        self.prefix = prefix.rstrip("/")
        self.charset = charset
        self.header_charset = charset if header_charset == "same" else header_charset
        self.meta_charset = meta_charset or charset
        self.root_path = self.prefix + root
        self.hops = [(self.prefix + p, label) for p, label in hops]
        self.column_label = column_label
        self.column_link = column_link
        self.column_name = column_name or column_label
        self.trap = trap
        self.trap_first = False  # the other body's column is linked before this site's own
        self.province, self.city, self.county, self.level = province, city, county, level
        self.shapes = list(shapes)
        self.row_style = row_style
        self.per_page = per_page
        self.date_style = date_style
        self.splash = False  # the root is a 引导页 leading to root + index.html
        self.short_titles = short_titles  # lists show titles without the body's own name
        self.column_in_menu = column_in_menu  # the 政务公开 drop-down of every page's menu links the column
        self.dept_links = list(dept_links)  # 部门网站 box on the root: (href, label) of department sites on this host
        self.latest_on_portal = latest_on_portal  # portal pages list the column's latest items (titles naming a year)
        self.host: FieldHost | None = None
        self.web = None

    # -- to be given by subclasses ------------------------------------------------------------
    column_path = "/"

    def item_path(self, item: Item) -> str:
        raise NotImplementedError

    def news_path(self, item: Item) -> str:
        raise NotImplementedError

    def build_listing(self) -> None:
        raise NotImplementedError

    def detail_html(self, item: Item, column: str) -> str:
        return self.generic_detail(item, column)

    # -- helpers ----------------------------------------------------------------------------
    @property
    def base(self) -> str:
        return self.host.base_url

    @property
    def home(self) -> str:
        if self.splash:
            return self.root_path + "index.html"
        return self.root_path if not self.root_path.endswith("/") else self.prefix + "/"

    @property
    def column_url(self) -> str:
        return self.base + self.column_path

    def encode(self, html: str) -> bytes:
        return html.encode(self.charset, errors="xmlcharrefreplace")

    def content_type(self, kind: str = "text/html") -> str:
        return f"{kind}; charset={self.header_charset}" if self.header_charset else kind

    def response(self, html: str, kind: str = "text/html", static: bool = True) -> Response:
        headers = {"Content-Type": self.content_type(kind), "Server": "nginx"}
        if static:
            headers["X-Static"] = "1"
        return Response(200, self.encode(html), headers)

    def add_page(self, path: str, html: str) -> None:
        self.host.pages[path] = self.response(html)

    def add_any(self, url_path: str, html: str) -> None:
        """A page at a path that may carry a query (``ShowClass.asp?ClassID=3``)."""
        path, _, query = url_path.partition("?")
        if query:
            self.add_query_page(path, dict(pair.split("=", 1) for pair in query.split("&")), html)
        else:
            self.add_page(path, html)

    def add_query_page(self, path: str, args: dict, html: str) -> None:
        self.host.query_pages.setdefault(path, []).append((args, self.response(html, static=False)))

    def page(self, title: str, body: str, metas: str = "", head_extra: str = "") -> str:
        return chrome.page(self.look, title=title, metas=metas, body=body, charset=self.meta_charset, home=self.home,
                           menu=self.menu(), search=self.prefix + "/search/", head_extra=head_extra, base=self.prefix,
                           footer_links=[(self.p("wzdt"), "网站地图"), (self.p("lxwm"), "联系我们"), (self.p("smsm"), "使用帮助"), (self.p("yssm"), "隐私声明")])

    def p(self, folder: str) -> str:
        """The URL of an ordinary channel (news lists, guides) of this site."""
        return f"{self.prefix}/{folder}/"

    @staticmethod
    def page_path(url: str) -> str:
        return url + "index.html" if url.endswith("/") else url

    # -- menus, channels, portal pages ----------------------------------------------------------
    def menu(self) -> Menu:
        menu = Menu()
        menu.add(self.home, "首页")
        xxgk = self.hops[0] if self.hops else (self.p("zwgk"), "政务公开")
        groups = {"xwzx": [], "zwfw": [], "hdjl": [], "zjxx": []}
        for folder, label in CHANNELS:
            top = folder.split("/")[0]
            if "/" in folder and top in groups:
                groups[top].append((self.p(folder), label.format(short=self.look.short), {}))
        menu.add(self.p("xwzx"), "新闻中心", groups["xwzx"])
        subs = [(self.p("zcwj"), "政策文件", {}), (self.p("zcjd"), "政策解读", {}), (self.p("rsxx"), "人事信息", {}),
                (self.p("czzj"), "财政资金", {}), (self.p("ghjh"), "规划计划", {}), (self.p("tjxx"), "统计信息", {}),
                (self.p("zdly"), "重点领域信息公开", {})]
        if self.column_in_menu:
            subs.insert(3, (self.column_path, self.column_label, self.column_link_attrs()))
        menu.add(xxgk[0], xxgk[1], subs)
        menu.add(self.p("zwfw"), "政务服务", groups["zwfw"])
        menu.add(self.p("hdjl"), "互动交流", groups["hdjl"])
        menu.add(self.p("zjxx"), "走进" + self.look.short, groups["zjxx"])
        return menu

    def channel_folders(self):
        return [(self.p(folder), label.format(short=self.look.short)) for folder, label in CHANNELS] + [
            (self.p("zwgk"), "政务公开"), (self.p("zwgk/xxgkzn"), "政府信息公开指南"), (self.p("zwgk/xxgkzd"), "政府信息公开制度"),
            (self.p("zwgk/jgzn"), "机构职能"), (self.p("zwgk/ysqgk"), "依申请公开"), (self.p("zwgk/ghxx"), "规划信息"), (self.p("wzdt"), "网站地图"), (self.p("lxwm"), "联系我们"),
            (self.p("smsm"), "使用帮助"), (self.p("yssm"), "隐私声明")]

    column_href: str | None = None  # how portal pages link the column, when not by its path

    def column_link_attrs(self) -> dict:
        label = self.column_label
        return {"title": {"title": label, "text": cut(label, 6)}, "empty-title": {"title": label, "text": ""},
                "img": {"img": f"{self.prefix}/images/rk_nb.png"}}.get(self.column_link, {})

    def column_anchor(self) -> str:
        return chrome.anchor(self.column_href or self.column_path, self.column_label, **self.column_link_attrs())

    def trap_anchor(self) -> str:
        if not self.trap:
            return ""
        other = self.web.site(self.trap[0])
        return chrome.anchor(other.column_url if other.host is not self.host else other.column_path, self.trap[1], target="_blank")

    def news_box(self, title: str = "热点信息", count: int = 8) -> str:
        return chrome.news_list(title, self.news[:count], more=self.p("xwzx/zwyw"))

    def build_channels(self) -> None:
        for path, label in self.channel_folders():
            if any(p in self.host.pages for p in (path, path + "index.html", path + "index.shtml")) or any(path == hop for hop, _ in self.hops):
                continue
            if path == self.column_path:
                continue
            rows = "".join(f'<li><a href="{escape(n.path)}" title="{escape(n.title)}" target="_blank">{escape(n.title)}</a><span>{n.published}</span></li>'
                           for n in self.news)
            body = (chrome.breadcrumb([(self.home, "首页"), (path, label)]) +
                    f'<div class="wrap clearfix"><div class="main"><div class="column-title"><h2>{escape(label)}</h2></div>'
                    f'<ul class="list">{rows}</ul><div class="page">共1页</div></div>'
                    + chrome.sidebar([chrome.links_box("专题专栏", [(self.p("zdly"), "重点领域信息公开", None), (self.p("zcjd"), "政策解读", None)])]) + "</div>")
            self.add_any(self.page_path(path), self.page(f"{label}_{self.look.name}", body, chrome.meta_tags(self.look, label)))

    def build_root(self) -> None:
        news = chrome.news_list("最新动态", self.news[:7], more=self.p("xwzx/zwyw"), cls="tab-con")
        notices = chrome.news_list("通知公告", (self.items[:2] if self.latest_on_portal else []) + self.news[3:9], more=self.p("xwzx/tzgg"), cls="tab-con")
        quick = [(self.p("zcwj"), "政策文件", None), (self.p("zcjd"), "政策解读", None), (self.p("hdjl/ldxx"), "领导信箱", None),
                 (self.p("zwfw/bszn"), "办事指南", None), (self.p("tjxx"), "统计信息", None), (self.p("yjgl"), "应急管理", None)]
        if not self.hops:
            quick.insert(3, None)
        ql = "".join((f"<li>{self.column_anchor()}</li>" if q is None else f"<li>{chrome.anchor(q[0], q[1])}</li>") for q in quick)
        uppers = "".join(f"<li>{chrome.anchor(h, t, target='_blank')}</li>" for h, t in self.look.upper)
        trap = f"<li>{self.trap_anchor()}</li>" if self.trap and not self.hops else ""
        body = (f'<div class="banner wrap"><img src="{self.prefix}/images/banner.jpg" alt="{escape(self.look.name)}"></div>'
                f'<div class="wrap clearfix"><div class="main"><div class="tab"><ul class="tab-title"><li class="cur">最新动态</li><li>通知公告</li></ul>'
                f'{news}{notices}</div><div class="quick"><h3>政务公开</h3><ul>{ql}</ul></div></div>'
                + chrome.sidebar([f'<div class="side-box links"><h3>相关链接</h3><ul>{uppers}{trap}</ul></div>']
                                 + ([chrome.links_box("部门网站", [(h, l, {"target": "_blank"}) for h, l in self.dept_links])] if self.dept_links else [])
                                 + [
                                  chrome.news_list("图片新闻", self.news[:4], dated=False, cls="pic-news")]) + "</div>")
        self.add_page(self.root_path if not self.root_path.endswith("/") else self.root_path + "index.html",
                      self.page(self.look.name, body, chrome.meta_tags(self.look, "首页")))
        if self.splash:  # the bare root is a 引导页: a banner, 进入主站, and a meta refresh to the portal
            portal = self.root_path + "index.html"
            splash = (f'<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset={self.meta_charset}">'
                      f'<meta http-equiv="refresh" content="5;url={portal}"><title>{escape(self.look.name)}</title>'
                      '<style>body{margin:0;background:#a30d0d;text-align:center;}.enter{margin-top:40px;}</style></head><body>'
                      f'<div class="splash"><img src="{self.prefix}/images/ydy_banner.jpg" alt="{escape(self.look.name)}" width="1000"></div>'
                      f'<div class="enter"><a href="{portal}"><img src="{self.prefix}/images/jrzz.png" alt="进入主站"></a></div>'
                      f'<p style="color:#fff">{escape(self.look.icp)}&nbsp;&nbsp;网站标识码：{self.look.id_code}</p></body></html>')
            self.add_page(self.root_path, splash)

    def hop_links(self, index: int) -> list[str]:
        """Catalogue links of the ``index``-th portal page between root and column."""
        fixed = [(self.p("zwgk/xxgkzn"), "政府信息公开指南"), (self.p("zwgk/xxgkzd"), "政府信息公开制度"),
                 (self.p("zwgk/jgzn"), "机构职能"), (self.p("zwgk/ysqgk"), "依申请公开"), (self.p("zcwj"), "政策文件"),
                 (self.p("zwgk/ghxx"), "规划信息"), (self.p("czzj"), "财政预决算")]
        links = [chrome.anchor(h, l) for h, l in fixed]
        if index + 1 < len(self.hops):
            links.insert(2, chrome.anchor(*self.hops[index + 1]))
        else:
            links.insert(4, self.column_anchor())
        if self.trap:
            links.insert(0, self.trap_anchor()) if self.trap_first else links.append(self.trap_anchor())
        return links

    def build_hops(self) -> None:
        for index, (path, label) in enumerate(self.hops):
            cells = "".join(f"<li>{link}</li>" for link in self.hop_links(index))
            crumbs = [(self.home, "首页")] + [(p, l) for p, l in self.hops[: index + 1]]
            body = (chrome.breadcrumb(crumbs, prefix="您所在的位置：") +
                    f'<div class="wrap clearfix"><div class="xxgk-left"><div class="xxgk-title">{escape(label)}</div>'
                    f'<ul class="xxgk-menu">{cells}</ul></div><div class="main">'
                    + chrome.news_list("最新公开", self.news[:6], more=self.p("xwzx/zwyw"), cls="xxgk-new")
                    + (chrome.news_list("年报速递", self.items[:3], cls="xxgk-nb") if self.latest_on_portal else "") + "</div></div>")
            target = self.page_path(path)
            self.add_page(target, self.page(f"{label}_{self.look.name}", body, chrome.meta_tags(self.look, label)))

    # -- listing and detail helpers ---------------------------------------------------------------
    def row(self, item: Item, style: str | None = None) -> str:
        style = style or self.row_style
        shown = item.title
        if self.short_titles and shown.startswith(item.agency) and item.agency == self.look.name:
            shown = shown[len(item.agency):].lstrip("关于")  # lists drop the body's own name: 2023年政府信息公开工作年度报告
        href, title, short, date = escape(self.href(item)), escape(shown), escape(cut(shown)), self.list_date(item)
        if style == "li-span":
            return f'<li><a href="{href}" title="{title}" target="_blank">{short}</a><span>{date}</span></li>'
        if style == "li-div":
            return f'<li><div class="title"><a href="{href}" title="{title}" target="_blank">{title}</a></div><div class="date">{date}</div></li>'
        if style == "li-date-first":
            return f'<li><span class="date">[{date}]</span><a href="{href}" target="_blank">{title}</a></li>'
        if style == "tr-span":
            return f'<tr><td class="bt"><span><a href="{href}" title="{title}" target="_blank">{short}</a></span></td><td class="rq">{date}</td></tr>'
        if style == "tr-agency":
            unit = item.agency.replace(self.look.short, "") or item.agency
            return (f'<tr><td class="jg"><a href="{escape(self.p("zwgk/jgzn"))}" target="_blank">{escape(unit)}</a></td>'
                    f'<td class="bt"><a href="{href}" title="{title}" target="_blank">{short}</a></td><td class="rq">{date}</td></tr>')
        if style == "tr-index":
            return (f'<tr><td>{item.number}</td><td class="syh">{escape(self.index_no(item))}</td><td class="bt"><a href="{href}" title="{title}" '
                    f'target="_blank">{title}</a></td><td>{date}</td></tr>')
        if style == "dl":
            return f'<dl><dd class="t"><a href="{href}" title="{title}">{short}</a></dd><dd class="d">{date}</dd></dl>'
        if style == "div-row":
            return f'<div class="list-row"><div class="list-title"><a href="{href}" title="{title}" target="_blank">{title}</a></div><div class="list-date">{date}</div></div>'
        if style == "table-layout":
            return (f'<tr><td width="20" align="center"><img src="/images/dot.gif" width="5" height="5"></td><td height="26" class="title">'
                    f'<a href="{href}" target="_blank" class="a1">{short}</a></td><td width="90" class="date">{date}</td></tr>')
        raise ValueError(style)

    def href(self, item: Item) -> str:
        """How a list links an item (root-relative by default)."""
        return item.path

    def rows(self, items: list[Item], style: str | None = None) -> str:
        style = style or self.row_style
        inner = "".join(self.row(item, style) for item in items)
        if style in ("tr-span", "table-layout", "tr-agency"):
            return f'<table class="list-table" width="100%" border="0" cellspacing="0" cellpadding="0"><tbody>{inner}</tbody></table>'
        if style == "tr-index":
            return ('<table class="xxgk-list" width="100%"><thead><tr><th>序号</th><th>索引号</th><th>名称</th><th>发布日期</th></tr></thead>'
                    f"<tbody>{inner}</tbody></table>")
        if style in ("dl", "div-row"):
            return f'<div class="list-box">{inner}</div>'
        return f'<ul class="list">{inner}</ul>'

    def list_date(self, item: Item) -> str:
        """The date as this site's lists print it (``date_style``)."""
        y, m, d = item.ymd
        return {"iso": item.published, "slash": f"{y}/{m:02d}/{d:02d}", "cn": f"{y}年{m:02d}月{d:02d}日",
                "bracket": f"[{item.published}]", "dot": f"{y}.{m:02d}.{d:02d}"}[self.date_style]

    def index_no(self, item: Item) -> str:
        return f"{self.look.id_code[:9]}/{item.published[:4]}-{item.number:05d}"

    def listing_body(self, rows: str, pager: str, extra: str = "") -> str:
        crumbs = [(self.home, "首页")] + [(p, l) for p, l in self.hops] + [(self.column_path, self.column_name)]
        side = [chrome.links_box("信息公开目录", [(self.p("zwgk/xxgkzn"), "政府信息公开指南", None), (self.p("zwgk/xxgkzd"), "政府信息公开制度", None),
                                              (self.p("zwgk/jgzn"), "机构职能", None), (self.column_path, self.column_name, None),
                                              (self.p("zwgk/ysqgk"), "依申请公开", None)]),
                self.news_box()]
        return (chrome.breadcrumb(crumbs) + f'<div class="wrap clearfix"><div class="main"><div class="column-title"><h2>{escape(self.column_name)}</h2></div>'
                f'<div class="list-con" id="list">{rows}</div>{pager}{extra}</div>' + chrome.sidebar(side) + "</div>")

    def body_container(self, item: Item) -> str:
        return f'<div class="article-content" id="zoom">{item.report.body_html}</div>'

    def prev_next(self, item: Item) -> str:
        """上一篇 / 下一篇: the neighbours of the item in its own list (column items or news)."""
        group = self.news if item.kind == "news" else self.items
        if item not in group:
            return ""
        i = group.index(item)
        prev = f'<a href="{escape(group[i - 1].path)}">{escape(group[i - 1].title)}</a>' if i > 0 else "没有了"
        nxt = f'<a href="{escape(group[i + 1].path)}">{escape(group[i + 1].title)}</a>' if i + 1 < len(group) else "没有了"
        return f'<div class="prev-next"><p>上一篇：{prev}</p><p>下一篇：{nxt}</p></div>'

    def generic_detail(self, item: Item, column: str) -> str:
        crumbs = [(self.home, "首页")] + [(p, l) for p, l in self.hops] + [(self.column_path, column)]
        is_news = item.kind == "news" or item.repost  # reposts are plain pages: no 信息公开 metadata table
        meta_table = "" if is_news else chrome.metadata_table(self.index_no(item), item.agency, item.published, item.title)
        body = (chrome.breadcrumb(crumbs) + f'<div class="wrap clearfix"><div class="main article">{meta_table}'
                f'<h1 class="article-title">{escape(item.title)}</h1>{chrome.info_line(item.published, item.agency, style=item.number % 2)}'
                f"{self.body_container(item)}{self.prev_next(item)}{chrome.tail_tools()}</div>" + chrome.sidebar([self.news_box("相关信息", 6)]) + "</div>")
        metas = chrome.meta_tags(self.look, column, title=item.title, pubdate=item.published + " 09:30", source=item.agency)
        return self.page(f"{item.title}_{self.look.name}", body, metas)

    # -- building ------------------------------------------------------------------------------
    def build(self) -> None:
        for item in self.items:
            item.path = self.item_path(item)
        for item in self.news:
            item.path = self.news_path(item)
        self.build_root()
        self.build_hops()
        self.build_listing()
        for item in self.items:
            self.add_detail(item, self.column_name)
        for item in self.news:
            self.add_detail(item, "政务要闻")
        self.build_channels()

    def add_detail(self, item: Item, column: str) -> None:
        path, _, query = item.path.partition("?")
        html = self.detail_html(item, column)
        if query:
            self.add_query_page(path, dict(pair.split("=", 1) for pair in query.split("&")), html)
        else:
            self.add_page(path, html)

    def manifest(self) -> Manifest:
        for item in self.items + self.news:
            item.url = self.base + item.path
        shapes = list(self.shapes)
        if self.date_style != "iso":
            shapes.append(f"list dates like {self.list_date(self.items[0])}")
        if self.dept_links:
            shapes.append("root links department sites on the same host: " + ", ".join(h for h, _ in self.dept_links))
        if self.splash:
            shapes.append("the root is a 引导页 (image link 进入主站, meta refresh to /index.html)")
        if self.short_titles:
            shapes.append("lists show titles without the body's name (2023年政府信息公开工作年度报告)")
        if self.column_in_menu:
            shapes.append("column in the navigation menu's 政务公开 drop-down on every page")
        if self.latest_on_portal:
            shapes.append("root and portal pages list the column's latest items (titles naming a year)")
        return Manifest(self.site_id, self.look.name, self.family, self.template, self.base + self.root_path, self.column_url,
                        self.items, self.news, self.charset, shapes, self.province, self.city, self.county, self.level,
                        options=self.registry_options(), column_aliases=[self.base + a for a in self.column_aliases()])

    def registry_options(self) -> dict:
        """Registry ``options`` a user who knows the column would give (column rows only)."""
        return {}

    def column_aliases(self) -> list[str]:
        return []
