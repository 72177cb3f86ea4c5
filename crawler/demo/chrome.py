"""Page chrome of government portals: headers, breadcrumbs, info lines, QR lines, footers.

Modelled on real pages (field guide §4): the boilerplate a cleaner must remove.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass
class Portal:
    name: str  # 临江市人民政府
    domain: str  # www.linjiang.gov.cn
    id_code: str  # 网站标识码
    province_short: str  # 皖
    icp: str  # 皖ICP备05002940号-4
    police: str  # 皖公网安备 34030002000001号
    address: str
    phone: str


def meta_tags(portal: Portal, column: str, title: str | None = None, pubdate: str | None = None, source: str | None = None) -> str:
    tags = [("SiteName", portal.name), ("SiteDomain", portal.domain), ("SiteIDCode", portal.id_code), ("ColumnName", column), ("ColumnType", column)]
    if title:
        tags += [("ArticleTitle", title), ("PubDate", pubdate or ""), ("ContentSource", source or "")]
    return "\n".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in tags)


def header(portal: Portal) -> str:
    nav = "".join(f'<li><a href="{href}">{label}</a></li>' for href, label in (
        ("/", "首页"), ("/zwgk/", "政务公开"), ("/zwfw/", "政务服务"), ("/hdjl/", "互动交流"), ("/zjlj/", "走进" + portal.name[:3])))
    return (f'<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="{escape(portal.name)}"></a></div>'
            f'<div class="search"><form action="/search/" method="get"><input name="searchword" value="请输入关键字"><input type="submit" value="搜索"></form></div>'
            f'<ul class="nav">{nav}</ul></div>')


def breadcrumb(*crumbs: tuple[str, str]) -> str:
    links = " &gt; ".join(f'<a href="{href}">{escape(label)}</a>' for href, label in crumbs)
    return f'<div class="position">当前位置：{links}</div>'


def info_line(published: str, source: str) -> str:
    return (f'<div class="info"><span>发布时间：{published}</span>&nbsp;&nbsp;<span>来源：{escape(source)}</span>&nbsp;&nbsp;'
            f'<span>浏览次数：<span id="hits"></span></span>&nbsp;&nbsp;<span>字体：[<a href="javascript:doZoom(18)">大</a> '
            f'<a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>]</span>&nbsp;&nbsp;<a href="javascript:window.print()">打印</a></div>')


def metadata_table(index_no: str, agency: str, created: str, doc_no: str = "") -> str:
    cells = (("索\u00a0引\u00a0号：", index_no), ("发布机构：", agency), ("生成日期：", created), ("文\u3000\u3000号：", doc_no))
    rows = "".join(f"<tr><td class='label'>{label}</td><td>{escape(value)}</td></tr>" for label, value in cells)
    return f'<table class="xxgk_table">{rows}</table>'


def footer(portal: Portal) -> str:
    return (f'<div class="footer"><p>主办单位：{escape(portal.name)}办公室&nbsp;&nbsp;承办单位：{escape(portal.name[:3])}数据资源管理局</p>'
            f'<p>地址：{escape(portal.address)}&nbsp;&nbsp;网站运维电话：{portal.phone}&nbsp;&nbsp;传真：{portal.phone}</p>'
            f'<p><a href="https://beian.miit.gov.cn/">{portal.icp}</a>&nbsp;&nbsp;<img src="/images/ga.png">{portal.police}&nbsp;&nbsp;网站标识码：{portal.id_code}&nbsp;&nbsp;网站支持IPV6</p>'
            f'<script src="/js/stat.js"></script></div>')


def page(portal: Portal, title: str, meta: str, body: str, charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
            f"<title>{escape(title)}_{escape(portal.name)}</title>\n{meta}\n"
            f'<link rel="stylesheet" href="/images/common.css">\n</head>\n<body>\n{header(portal)}\n{body}\n{footer(portal)}\n</body>\n</html>\n')
