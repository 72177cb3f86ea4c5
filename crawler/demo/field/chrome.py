"""Full-size page chrome for the field web: top bars, navigation menus with 20+ links, sidebars
(热点 / 最新动态 lists whose links look like report links), breadcrumbs, footers with ICP /
公网安备 / 网站标识码, inline scripts. Two layouts: div (modern portals) and table (old sites).

Written after the structure of real portal pages (field guide §4); all names are fictional.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from .content import Item, cut


@dataclass
class Look:
    name: str  # 清河市人民政府
    short: str  # 清河市
    domain: str  # www.qinghe.gov.cn
    id_code: str  # 网站标识码
    icp: str
    police: str
    address: str
    phone: str
    layout: str = "div"  # div / table
    theme: str = "red"
    upper: tuple[tuple[str, str], ...] = ()  # links to the parent governments (absolute or external)


@dataclass
class Menu:
    """A navigation menu: top entries, each with optional sub-entries. Entries are (href, label, attrs)."""

    entries: list = field(default_factory=list)

    def add(self, href: str, label: str, subs=(), **attrs) -> "Menu":
        self.entries.append((href, label, attrs, list(subs)))
        return self

    def links(self) -> list[tuple[str, str]]:
        out = []
        for href, label, _, subs in self.entries:
            out.append((href, label))
            out += [(s[0], s[1]) for s in subs]
        return out


def _attrs(attrs: dict) -> str:
    return "".join(f' {k.rstrip("_")}="{escape(str(v))}"' for k, v in attrs.items() if v is not None)


def anchor(href: str, label: str, **attrs) -> str:
    """A link; ``img=`` makes it an image link (label in ``alt``), ``text=`` overrides the anchor text."""
    img = attrs.pop("img", None)
    text = attrs.pop("text", None)
    if img:
        inner = f'<img src="{escape(img)}" alt="{escape(label)}" border="0">'
    else:
        inner = escape(text if text is not None else label)
    return f'<a href="{escape(href)}"{_attrs(attrs)}>{inner}</a>'


def topbar(look: Look) -> str:
    uppers = "".join(f'<a href="{escape(h)}" target="_blank">{escape(t)}</a><span>|</span>' for h, t in look.upper)
    return (f'<div class="topbar"><div class="wrap"><div class="fl">{uppers}<a href="javascript:void(0)" id="weather">今天是 <span id="today"></span></a></div>'
            '<div class="fr"><a href="javascript:void(0)" onclick="toggleToolBar();">无障碍浏览</a><span>|</span>'
            '<a href="javascript:void(0)" class="elder">长者模式</a><span>|</span><a href="javascript:zh_tran(\'s\');">简体</a>'
            '<a href="javascript:zh_tran(\'t\');">繁體</a><span>|</span><a href="javascript:void(0)" class="wap">手机版</a>'
            '<span>|</span><a href="javascript:void(0)" class="login">登录</a><span>|</span><a href="javascript:void(0)" class="reg">注册</a></div></div></div>')


def masthead(look: Look, home: str, search: str, base: str = "") -> str:
    return (f'<div class="header"><div class="wrap"><div class="logo"><a href="{escape(home)}"><img src="{escape(base)}/images/logo.png" alt="{escape(look.name)}"></a></div>'
            f'<div class="search"><form action="{escape(search)}" method="get" target="_blank" name="searchform">'
            '<input type="hidden" name="siteCode" value="' + look.id_code + '"><input type="text" name="searchWord" class="text" '
            'value="请输入关键字" onfocus="if(this.value==\'请输入关键字\'){this.value=\'\';}" onblur="if(this.value==\'\'){this.value=\'请输入关键字\';}">'
            '<input type="submit" class="btn" value="搜索"></form><div class="hot">热词：<a href="javascript:void(0)">政府工作报告</a>'
            '<a href="javascript:void(0)">营商环境</a><a href="javascript:void(0)">乡村振兴</a></div></div></div></div>')


def nav(menu: Menu) -> str:
    items = []
    for href, label, attrs, subs in menu.entries:
        sub = ""
        if subs:
            sub = '<div class="subnav"><dl>' + "".join(f"<dd>{anchor(h, l, **dict(a))}</dd>" for h, l, a in ((s[0], s[1], s[2] if len(s) > 2 else {}) for s in subs)) + "</dl></div>"
        items.append(f'<li class="nav-item">{anchor(href, label, **attrs)}{sub}</li>')
    return f'<div class="nav"><div class="wrap"><ul class="clearfix">{"".join(items)}</ul></div></div>'


def breadcrumb(crumbs, prefix: str = "当前位置：", sep: str = " &gt; ") -> str:
    return f'<div class="position wrap"><span>{prefix}</span>' + sep.join(anchor(h, l) for h, l in crumbs) + "</div>"


def news_list(title: str, items: list[Item], more: str | None = None, cls: str = "hot-list", dated: bool = True) -> str:
    rows = "".join(f'<li><a href="{escape(i.path)}" title="{escape(i.title)}" target="_blank">{escape(cut(i.title, 16))}</a>'
                   + (f'<span class="time">{i.published[5:]}</span>' if dated else "") + "</li>" for i in items)
    more_link = f'<a class="more" href="{escape(more)}">更多&gt;&gt;</a>' if more else ""
    return f'<div class="side-box {cls}"><div class="side-title"><h3>{escape(title)}</h3>{more_link}</div><ul>{rows}</ul></div>'


def sidebar(blocks: list[str]) -> str:
    return '<div class="sidebar">' + "".join(blocks) + "</div>"


def links_box(title: str, links) -> str:
    return (f'<div class="side-box links"><div class="side-title"><h3>{escape(title)}</h3></div><ul>'
            + "".join(f"<li>{anchor(h, l, **(a or {}))}</li>" for h, l, a in links) + "</ul></div>")


FRIENDS = (("http://www.gov.cn/", "中国政府网"), ("http://www.npc.gov.cn/", "全国人大"), ("http://www.cppcc.gov.cn/", "全国政协"),
           ("https://www.ndrc.gov.cn/", "国家发展改革委"), ("http://www.mof.gov.cn/", "财政部"), ("https://www.stats.gov.cn/", "国家统计局"))


def friend_links(look: Look) -> str:
    """友情链接: national sites as a row, the upper governments in a drop-down (all on other hosts)."""
    row = "".join(f'<li><a href="{h}" target="_blank">{t}</a></li>' for h, t in FRIENDS)
    options = "".join(f'<option value="{escape(h)}">{escape(t)}</option>' for h, t in look.upper + FRIENDS[:3])
    return ('<div class="friend-links wrap"><div class="fl-title">友情链接</div><ul class="fl-row">' + row + '</ul>'
            '<div class="fl-select"><select onchange="if(this.value){window.open(this.value);}"><option value="">—— 上级政府网站 ——</option>'
            f'{options}</select><select onchange="if(this.value){{window.open(this.value);}}"><option value="">—— 县（市、区）政府网站 ——</option>'
            '<option value="http://www.example-county1.gov.cn/">东城区</option><option value="http://www.example-county2.gov.cn/">西城区</option>'
            '</select></div></div>')


def footer(look: Look, base: str, links=None) -> str:
    links = links or [(f"{base}/wzdt/", "网站地图"), (f"{base}/lxwm/", "联系我们"), (f"{base}/smsm/", "使用帮助"), (f"{base}/yssm/", "隐私声明")]
    return (friend_links(look) + f'<div class="footer"><div class="wrap"><div class="foot-links">' + "|".join(anchor(h, l) for h, l in links) + '</div>'
            f'<div class="foot-badge"><a href="http://bszs.conac.cn/sitename?method=show&amp;id={look.id_code}" target="_blank"><img src="{base}/images/dzjg.png" alt="党政机关"></a>'
            f'<script id="_jiucuo_" sitecode="{look.id_code}" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script></div>'
            f'<div class="foot-info"><p>主办单位：{escape(look.name)}办公室&nbsp;&nbsp;承办单位：{escape(look.short)}大数据中心</p>'
            f'<p>地址：{escape(look.address)}&nbsp;&nbsp;邮编：{look.id_code[:6]}&nbsp;&nbsp;网站运维电话：{look.phone}&nbsp;&nbsp;传真：{look.phone[:-1]}8</p>'
            f'<p><a href="https://beian.miit.gov.cn/" target="_blank">{escape(look.icp)}</a>&nbsp;&nbsp;'
            f'<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={look.id_code}" target="_blank"><img src="{base}/images/ga.png">{escape(look.police)}</a>'
            f'&nbsp;&nbsp;网站标识码：{look.id_code}&nbsp;&nbsp;网站支持IPV6</p>'
            '<p>建议使用1366×768分辨率 IE10.0以上版本浏览器</p></div></div></div>')


def scripts(look: Look) -> str:
    return ("<script type=\"text/javascript\">\nvar _hmt = _hmt || [];\n(function() {\n  var hm = document.createElement(\"script\");\n"
            f"  hm.src = \"https://hm.baidu.com/hm.js?{look.id_code}a7f3c1e2d9b84f06\";\n  var s = document.getElementsByTagName(\"script\")[0];\n"
            "  s.parentNode.insertBefore(hm, s);\n})();\n"
            "function doZoom(size){var el=document.getElementById('zoom');if(el){el.style.fontSize=size+'px';}}\n"
            "(function(){var d=new Date();var w=['日','一','二','三','四','五','六'];var t=document.getElementById('today');"
            "if(t){t.innerHTML=d.getFullYear()+'年'+(d.getMonth()+1)+'月'+d.getDate()+'日 星期'+w[d.getDay()];}})();\n"
            "$(function(){$('.nav-item').hover(function(){$(this).addClass('on').find('.subnav').show();},function(){$(this).removeClass('on').find('.subnav').hide();});"
            "$('.tab-title li').mouseover(function(){var i=$(this).index();$(this).addClass('cur').siblings().removeClass('cur');"
            "$(this).parents('.tab').find('.tab-con').eq(i).show().siblings('.tab-con').hide();});});\n</script>\n"
            f'<script src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js" id="_jiucuo_" sitecode="{look.id_code}"></script>\n')


STYLE = {
    "red": "#b7090a", "blue": "#0b4ea2", "green": "#1d7a46", "navy": "#12346b",
}


def head_style(look: Look) -> str:
    color = STYLE.get(look.theme, "#b7090a")
    return ("<style type=\"text/css\">\n*{margin:0;padding:0;}body{font:14px/1.8 \"Microsoft YaHei\",SimSun;color:#333;}"
            f".wrap{{width:1200px;margin:0 auto;}}.nav{{background:{color};}}.nav li{{float:left;position:relative;}}"
            ".nav li a{display:block;padding:0 18px;line-height:48px;color:#fff;font-size:17px;}"
            ".subnav{display:none;position:absolute;top:48px;left:0;background:#fff;border:1px solid #ddd;z-index:99;}"
            f".side-title{{border-bottom:2px solid {color};}}.sidebar{{float:right;width:300px;}}.main{{float:left;width:870px;}}"
            ".footer{background:#eee;padding:20px 0;text-align:center;color:#666;}.position{line-height:40px;}"
            ".list li{line-height:36px;border-bottom:1px dashed #ddd;}.list li span{float:right;color:#999;}"
            ".clearfix:after{content:'';display:block;clear:both;}\n</style>\n")


def page(look: Look, *, title: str, metas: str = "", body: str, charset: str = "utf-8", home: str = "/",
         menu: Menu | None = None, search: str = "/search/", head_extra: str = "", base: str = "", footer_links=None) -> str:
    """A whole page: head (charset meta, title, meta tags, styles, scripts), chrome and ``body``.
    ``base`` is the site's folder ("" at a host's root), for assets and footer links."""
    top = topbar(look) + masthead(look, home, search, base) + (nav(menu) if menu else "")
    if look.layout == "table":
        inner = (f'<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td>{top}</td></tr>'
                 f'<tr><td valign="top">{body}</td></tr><tr><td>{footer(look, base, footer_links)}</td></tr></table>')
    else:
        inner = f'{top}\n<div class="container">\n{body}\n</div>\n{footer(look, base, footer_links)}'
    return (f'<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
            '<meta http-equiv="X-UA-Compatible" content="IE=edge">\n<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
            f"<title>{escape(title)}</title>\n{metas}\n"
            f'<link rel="stylesheet" type="text/css" href="{escape(base)}/images/common.css">\n{head_style(look)}'
            f'<script type="text/javascript" src="{escape(base)}/js/jquery.min.js"></script>\n{head_extra}</head>\n'
            f'<body>\n{inner}\n{scripts(look)}</body>\n</html>\n')


def meta_tags(look: Look, column: str, **article) -> str:
    tags = [("SiteName", look.name), ("SiteDomain", look.domain), ("SiteIDCode", look.id_code), ("ColumnName", column),
            ("ColumnDescription", f"{look.name}{column}"), ("ColumnKeywords", column), ("ColumnType", column)]
    names = {"title": "ArticleTitle", "pubdate": "PubDate", "source": "ContentSource", "keywords": "Keywords", "description": "Description", "url": "Url"}
    tags += [(names[k], v) for k, v in article.items() if v is not None]
    return "\n".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in tags)


def info_line(published: str, source: str, style: int = 0) -> str:
    if style == 1:
        return (f'<div class="article-info"><span>发表时间：{published}</span><span>信息来源：{escape(source)}</span>'
                '<span>阅读次数：<script>document.write(Math.floor(Math.random()*900+100))</script></span>'
                '<span class="fontsize">字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span>'
                '<span><a href="javascript:void(0)" onclick="changeColor()">视力保护色</a></span></div>')
    return (f'<div class="info"><span>发布时间：{published}</span>&nbsp;&nbsp;<span>来源：{escape(source)}</span>&nbsp;&nbsp;'
            '<span>浏览次数：<span id="hits">0</span></span>&nbsp;&nbsp;<span>字体：[<a href="javascript:doZoom(18)">大</a> '
            '<a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>]</span>&nbsp;&nbsp;<a href="javascript:window.print()">打印</a></div>')


def metadata_table(index_no: str, agency: str, created: str, title: str, doc_no: str = "", cls: str = "xxgk_table") -> str:
    cells = (("索\u00a0引\u00a0号：", index_no), ("发布机构：", agency), ("生成日期：", created), ("主题分类：", "政务公开"),
             ("标\u3000\u3000题：", title), ("文\u3000\u3000号：", doc_no))
    rows = "".join(f"<tr><td class='label'>{label}</td><td>{escape(value)}</td></tr>" for label, value in cells)
    return f'<table class="{cls}" width="100%">{rows}</table>'


def tail_tools() -> str:
    return ('<div class="article-tools"><div class="share">分享到：<a href="javascript:void(0)" class="wx">微信</a>'
            '<a href="javascript:void(0)" class="wb">微博</a></div><div class="qr">扫一扫在手机打开当前页<img src="/images/qr.png"></div>'
            '<div class="close"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div></div>')
