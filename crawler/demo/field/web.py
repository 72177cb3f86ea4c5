"""The field web: 26 fictional government sites on 21 servers, each with its truth.

``with serve_web() as web:`` serves them all on 127.0.0.1 and yields a ``FieldWeb`` whose
``manifests`` list every site's root, column, family and column items.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import threading
from http.server import ThreadingHTTPServer

from crawler.demo.server import _handler_for

from .chrome import Look
from .content import column_items, news_items
from .families import hex_id
from .families import GkmlptSite, HanwebJpaasSite, HanwebSite, IframeSite, LonsunSite, StaticSite, TrsSearchSite, TrsSite, TrsSubcolumnSite, TruecmsSite, UcapSite, EpointSite
from .host import FieldHost, FieldSite, Manifest


def look(name, short, domain, code, prov, *, layout="div", theme="red", upper=()) -> Look:
    serial = sum(map(ord, domain)) % 9000 + 1000
    digits = code[2:] if code.startswith("bm") else code
    return Look(name=name, short=short, domain=domain, id_code=code, icp=f"{prov}ICP备0{serial * 1931 % 9000000 + 1000000}号-{serial % 5 + 1}",
                police=f"{prov}公网安备 {digits[:4]}{serial:04d}{digits[-6:]}号", address=f"{short}人民路{serial % 300 + 1}号",
                phone=f"0{digits[1:4]}-{serial % 9 + 1}{serial:04d}{digits[-2:]}", layout=layout, theme=theme, upper=tuple(upper))


PROVINCE = "东越省人民政府"


def build_sites() -> tuple[list[FieldHost], list[FieldSite]]:
    """Every host and site of the field web (pages are generated later, once ports are known)."""
    hosts: dict[str, FieldHost] = {}
    sites: list[FieldSite] = []

    def host(name: str) -> FieldHost:
        return hosts.setdefault(name, FieldHost(name))

    def add(host_name: str, site: FieldSite) -> FieldSite:
        site.host = host(host_name)
        site.host.sites.append(site)
        sites.append(site)
        return site

    # 1. A province on Hanweb: jpage POST groups, 政府信息公开年报 one hop down.
    name = PROVINCE
    add("dongyue", HanwebSite(
        "dongyue-prov", look(name, "东越省", "www.dongyue.gov.cn", "3300000001", "越", theme="blue"),
        column_items("dongyue-prov", name, range(2014, 2025), notices=2, half_years=1),
        news_items("dongyue-prov", "省政府"), col=1229137, webid=3185, proxy="post", perpage=3,
        hops=[("/col/col1229000/index.html", "信息公开")], column_label="政府信息公开年报", column_in_menu=True,
        province="东越省", level="province",
        shapes=["hanweb jpage POST dataproxy", "inline datastore first group", "li-span records, title cut with …",
                "column one hop below root (信息公开)"]))

    # 2-4. A city portal on TRS (.shtml, createPageHTML('page_div', …)) sharing its host with
    # two department sites in folders.
    city = "清河市人民政府"
    add("qinghe", TrsSite(
        "qinghe-gov", look(city, "清河市", "www.qinghe.gov.cn", "3301000002", "越", upper=[("http://www.dongyue.gov.cn/", "东越省人民政府")]),
        column_items("qinghe-gov", city, range(2016, 2025), parent=PROVINCE, repost_years=(2022, 2023), notices=3, half_years=2,
                     departments=("清河市财政局",), dept_years=(2022, 2023)),
        news_items("qinghe-gov", "清河市"), root="/index.shtml", folder="/zwgk/zfxxgkndbg/", ext="shtml", pager="page_div", split_details=True, row_style="tr-agency",
        news_folder="/xwzx/zwyw/", hops=[("/zwgk/index.shtml", "政务公开"), ("/zwgk/fdzdgknr/index.shtml", "法定主动公开内容")],
        column_label="政府信息公开工作年度报告", column_name="政府信息公开年报", province="东越省", city="清河市", per_page=12, dept_links=[("/fgw/", "市发展和改革委员会"), ("/jyj/", "市教育局")],
        latest_on_portal=True,
        shapes=["trs .shtml index_N", "createPageHTML('page_div', N, cur, 'index', 'shtml', total)", "root /index.shtml",
                "column two hops deep (政务公开 → 法定主动公开内容)", "reposts of the province's report", "工作要点/通知/上半年 items",
                "table rows whose first cell links the publishing unit (机构职能)",
                "2019+ reports split over two pages (t…_1.shtml, createPageHTML(2, 0, \"t…\", \"shtml\") on the detail page)",
                "shared host with /fgw/ and /jyj/"]))
    fgw = "清河市发展和改革委员会"
    fgw_site = add("qinghe", TrsSite(
        "qinghe-fgw", look(fgw, "清河市发改委", "www.qinghe.gov.cn/fgw", "3301000102", "越", theme="navy"),
        column_items("qinghe-fgw", fgw, range(2016, 2025), parent=city, repost_years=(2023,), notices=1, half_years=1, government=False),
        news_items("qinghe-fgw", "市发改委"), prefix="/fgw", root="/", folder="/zfxxgk/ndbg/", ext="html", pager="classic",
        news_folder="/gzdt/", hops=[("/zfxxgk/", "政府信息公开")], column_label="年度报告", column_link="title",
        trap=("qinghe-gov", "市政府信息公开年报"), province="东越省", city="清河市", level="department", row_style="tr-span", per_page=8,
        shapes=["department site under /fgw/", "trs createPageHTML(N, cur, \"index\", \"html\")", "<tr><td><span><a> rows",
                "column link named in title attribute (text cut)", "links the city's 年报 column too (other body)",
                "repost of the city's report", "the city's column is linked before its own"]))
    fgw_site.trap_first = True
    jyj = "清河市教育局"
    add("qinghe", StaticSite(
        "qinghe-jyj", look(jyj, "清河市教育局", "www.qinghe.gov.cn/jyj", "3301000103", "越", theme="green"),
        column_items("qinghe-jyj", jyj, range(2015, 2025), parent=city, repost_years=(2022, 2023), notices=2, half_years=1, government=False),
        news_items("qinghe-jyj", "市教育局"), prefix="/jyj", root="/",
        list_url=lambda k: "/jyj/zfxxgk/xxgknb/list.shtml" if k == 0 else f"/jyj/zfxxgk/xxgknb/list_{k + 1}.shtml",
        detail=lambda item: f"/jyj/c{5109100 + item.number * 3}/content.shtml",
        news_detail=lambda item: f"/jyj/c{5208000 + item.number * 5}/content.shtml",
        pager="full", column_label="信息公开年报", column_link="img", trap=("qinghe-gov", "清河市政府信息公开年报"),
        province="东越省", city="清河市", level="department", row_style="li-div", per_page=7,
        shapes=["department site under /jyj/", "list.shtml then list_2.shtml (numbered from 1)", "c{id}/content.shtml details",
                "<li><div class=title><a></div><div class=date>", "column reached by an image link (alt)", "links the city's column too",
                "reposts of the city's report"]))

    # 5. A city on Hanweb whose proxy honours GET ?page=K only; two jpage units (sub-columns).
    yl = "云岭市人民政府"
    yl_items = column_items("yunling", yl, range(2017, 2025), departments=("云岭市卫生健康委员会", "云岭市自然资源和规划局"),
                            dept_years=range(2020, 2025), notices=2, half_years=1)
    own = [i for i in yl_items if i.agency == yl]
    depts = [i for i in yl_items if i.agency != yl]
    add("yunling", HanwebSite(
        "yunling", look(yl, "云岭市", "www.yunling.gov.cn", "3302000003", "越", theme="blue", upper=[("http://www.dongyue.gov.cn/", "东越省人民政府")]),
        yl_items, news_items("yunling", "云岭市"), col=1300201, webid=41, proxy="get", perpage=2,
        units=[(1300201, "市政府年报", own), (1300202, "部门年报", depts)], news_col=1300150,
        hops=[("/col/col1300100/index.html", "政务公开")], column_label="年报", column_link="title",
        trap=("dongyue-prov", "省政府信息公开年报"), province="东越省", city="云岭市", row_style="li-div", dept_links=[("/col/col1300300/index.html", "市司法局")],
        shapes=["hanweb GET-only proxy (?page=K, POST 405)", "two jpage units on the column page", "column named 年报 (title attr)",
                "li-div records", "links the province's column (other body)"]))

    # 5b. A department of that city on the same Hanweb host: its root is its home column.
    ylsfj = "云岭市司法局"
    add("yunling", HanwebSite(
        "yunling-sfj", look(ylsfj, "云岭市司法局", "www.yunling.gov.cn/col/col1300300", "3302000103", "越", theme="navy"),
        column_items("yunling-sfj", ylsfj, range(2016, 2025), parent=yl, repost_years=(2024,), notices=1, half_years=1, government=False),
        news_items("yunling-sfj", "市司法局"), root="/col/col1300300/index.html", col=1300321, webid=41, proxy="get", perpage=2,
        news_col=1300310, column_label="政府信息公开年度报告", trap=("yunling", "市政府信息公开年报"),
        province="东越省", city="云岭市", level="department", row_style="li-span",
        shapes=["hanweb department on the city's host: root is its home column /col/col1300300/index.html",
                "shares the city's GET-only proxy (the column id tells the units apart)", "links the city's column too",
                "repost of the city's report"]))

    # 6. An old Hanweb county site: the JS proxy, GBK, column two hops deep behind an image link.
    jk = "江口县人民政府"
    add("jiangkou", HanwebSite(
        "jiangkou", look(jk, "江口县", "www.jiangkou.gov.cn", "3303000004", "越", layout="table"),
        column_items("jiangkou", jk, range(2013, 2025), notices=1, half_years=1), news_items("jiangkou", "江口县"),
        col=7310, webid=12, proxy="old", perpage=3, news_col=7301, charset="gbk",
        hops=[("/col/col7300/index.html", "信息公开"), ("/col/col7305/index.html", "法定主动公开内容")],
        column_label="政府信息公开年报", column_link="img", province="东越省", city="云岭市", county="江口县", level="county", date_style="bracket",
        row_style="table-layout", short_titles=True,
        shapes=["hanweb old /module/jslib/jquery/jpage/dataproxy.jsp answering JavaScript", "GBK (header and meta)",
                "table layout", "column two hops deep, image link (alt)"]))

    # 7-8. Lonsun cities/counties.
    lc = "临川市人民政府"
    linchuan = add("linchuan", LonsunSite(
        "linchuan", look(lc, "临川市", "www.linchuan.gov.cn", "3401000005", "皖", upper=[("http://www.ah.gov.cn/", "安徽省人民政府")]),
        column_items("linchuan", lc, range(2015, 2025), parent="江淮省人民政府", repost_years=(2021, 2023), notices=2, half_years=1,
                     departments=("临川市司法局",), dept_years=(2023,)),
        news_items("linchuan", "临川市"), org=6596611, cat=7190991, other_cats=(7190981, 7190985),
        hops=[("/xxgk/index.html", "信息公开")], column_label="政府信息公开年报", trap=("dongyue-prov", "政府信息公开年报"),
        province="江淮省", city="临川市", row_style="li-span", per_page=8,
        shapes=["lonsun /public/column/{org}?…&pageIndex=N, pageCount:K", "other catIds list news in the same shape",
                "reposts of the province's report",
                "portal page links another province's column with the SAME label 政府信息公开年报, before its own"]))
    linchuan.trap_first = True
    na = "宁安县人民政府"
    add("ningan", LonsunSite(
        "ningan", look(na, "宁安县", "www.ningan.gov.cn", "3402000006", "皖", theme="green"),
        column_items("ningan", na, range(2015, 2025), notices=2, half_years=2), news_items("ningan", "宁安县"),
        org=4497012, cat=4497113, other_cats=(4497100,), charset="gbk",
        hops=[("/zwgk/index.html", "政务公开"), ("/zwgk/fdzdgk/index.html", "法定主动公开内容")],
        column_label="信息公开年报", province="江淮省", city="临川市", county="宁安县", level="county", row_style="tr-index", per_page=10, short_titles=True, date_style="dot",
        latest_on_portal=True,
        shapes=["lonsun, GBK", "xxgk table rows (序号/索引号/名称/日期)", "column two hops deep"]))

    # 9-10. Guangdong gkmlpt: a city with 100+ items (API pages) and a department under /sfj/.
    nl = "南岭市人民政府"
    nl_depts = ("南岭市发展和改革局", "南岭市教育局", "南岭市公安局", "南岭市民政局", "南岭市财政局", "南岭市人力资源和社会保障局",
                "南岭市自然资源局", "南岭市生态环境局", "南岭市住房和城乡建设局", "南岭市交通运输局", "南岭市水务局", "南岭市农业农村局",
                "南岭市商务局", "南岭市卫生健康局", "南岭市市场监督管理局",
                "南岭市医疗保障局")
    add("nanling", GkmlptSite(
        "nanling", look(nl, "南岭市", "www.nanling.gov.cn", "4401000007", "粤"),
        column_items("nanling", nl, range(2017, 2025), departments=nl_depts, dept_years=range(2019, 2025), notices=2, half_years=1),
        news_items("nanling", "南岭市"), cat=2817, sid="755", ui="annualreport",
        hops=[("/zwgk/index.html", "政府信息公开")], column_label="政府信息公开年报", province="南粤省", city="南岭市", dept_links=[("/sfj/", "市司法局")],
        shapes=["gkmlpt /gkmlpt/annualreport#2817, JSON API 100 per page (2+ pages)", "17 agencies (publisher)",
                "SID in a config script"]))
    sfj = "南岭市司法局"
    add("nanling", GkmlptSite(
        "nanling-sfj", look(sfj, "南岭市司法局", "www.nanling.gov.cn/sfj", "4401000107", "粤", theme="navy"),
        column_items("nanling-sfj", sfj, range(2016, 2025), parent=nl, repost_years=(2023,), notices=1, half_years=1, government=False),
        news_items("nanling-sfj", "市司法局"), prefix="/sfj", root="/", cat=5021, sid="759", ui="index",
        column_label="年度报告", column_link="title", trap=("nanling", "市政府信息公开年报"), province="南粤省", city="南岭市",
        level="department",
        shapes=["gkmlpt at a path prefix: /sfj/gkmlpt/index#5021, API /sfj/gkmlpt/api/all/5021", "config script with SID and ROOT",
                "links the city's column too", "repost of the city's report"]))

    # 11-12. Ucap and gov.cn.
    ws = "万山县人民政府"
    add("wanshan", UcapSite(
        "wanshan", look(ws, "万山县", "www.wanshan.gov.cn", "3609000008", "赣"),
        column_items("wanshan", ws, range(2016, 2025), notices=2, half_years=1), news_items("wanshan", "万山县"),
        root="/portal/index.html", folder="/wsxrmzf/zfxxgknb/", hops=[("/wsxrmzf/zfxxgk/index.html", "政府信息公开")],
        column_label="政府信息公开年报", province="江右省", city="宜阳市", county="万山县", level="county", row_style="li-span", per_page=10,
        shapes=["ucap home.htm/home_N.htm, 共N页 pager", "<32 hex>.shtml details, <ucapcontent>",
                "root /portal/index.html (/ answers 302 to it)"]))
    hosts["wanshan"].redirects["/"] = "/portal/index.html"
    jt = "万山县教育体育局"
    add("wanshan", UcapSite(
        "wanshan-jtj", look(jt, "万山县教体局", "www.wanshan.gov.cn/wsxjtj", "3609000108", "赣", theme="blue"),
        column_items("wanshan-jtj", jt, range(2018, 2025), parent=ws, repost_years=(2023, 2024), notices=1, half_years=1, government=False),
        news_items("wanshan-jtj", "县教体局"), prefix="/wsxjtj", root="/index.shtml", folder="/zfxxgk/xxgknb/",
        hops=[("/zfxxgk/index.html", "政府信息公开")], column_label="年度报告", column_link="img", trap=("wanshan", "县政府信息公开年报"),
        province="江右省", city="宜阳市", county="万山县", level="department", row_style="tr-span", per_page=5, date_style="cn",
        shapes=["ucap department under /wsxjtj/ on the county's host (Jiangxi platform layout)", "root /wsxjtj/index.shtml",
                "column behind an image link named 年度报告", "links the county's column too", "reposts of the county's report"]))
    gj = "国家测绘地理信息局"
    add("guojia", UcapSite(
        "guojia", look(gj, "国家测绘地理信息局", "www.gjchdl.gov.cn", "bm16000009", "京", theme="red"),
        column_items("guojia", gj, range(2012, 2025), notices=1, half_years=0), news_items("guojia", "测绘地理信息局"),
        folder="/zhengce/xxgkndbg/", style="govcn", hops=[("/zhengce/xxgk/index.htm", "政府信息公开")], column_in_menu=True,
        column_label="政府信息公开工作年度报告", province="", level="ministry", row_style="li-date-first", per_page=10,
        shapes=["gov.cn: home.htm pager, content_{id}.htm details, no standard meta, firstpublishedtime", "#UCAP-CONTENT",
                "dates before titles"]))

    # 13-16. Plain sites.
    ty = "桃源县人民政府"
    add("taoyuan", StaticSite(
        "taoyuan", look(ty, "桃源县", "www.taoyuan.gov.cn", "4307000010", "湘", layout="table"),
        column_items("taoyuan", ty, range(2012, 2025), notices=2, half_years=1), news_items("taoyuan", "桃源县"),
        list_url=lambda k: "/ShowClass.asp?ClassID=12" if k == 0 else f"/ShowClass.asp?ClassID=12&page={k + 1}",
        detail=lambda item: f"/ShowArticle.asp?ArticleID={3300 + item.number * 7}",
        news_detail=lambda item: f"/ShowArticle.asp?ArticleID={2100 + item.number * 3}",
        pager="next", charset="gbk", header_charset="gb2312", meta_charset="gb2312", relative=True, last_links_itself=True,
        channel_url=lambda folder: f"/ShowClass.asp?ClassID={20 + sum(map(ord, folder)) % 79}", column_label="政府信息公开年报",
        column_link="img", province="湘楚省", city="常安市", county="桃源县", level="county", row_style="table-layout", per_page=10, date_style="bracket",
        shapes=["ShowArticle.asp?ArticleID=N details", "ShowClass.asp?ClassID=12&page=N with 下一页 only (the last page's 下一页 links itself)", "GB2312", "table layout",
                "image link (alt) on the root"]))
    qs = "青山区人民政府"
    add("qingshan", StaticSite(
        "qingshan", look(qs, "青山区", "www.qingshan.gov.cn", "4201000011", "鄂", theme="blue"),
        column_items("qingshan", qs, range(2016, 2025), parent="江汉市人民政府", repost_years=(2023,), notices=2, half_years=1),
        news_items("qingshan", "青山区"),
        list_url=lambda k: "/list.jsp?cid=45" if k == 0 else f"/list.jsp?cid=45&pageNo={k + 1}",
        detail=lambda item: f"/content.jsp?id={88100 + item.number * 9}",
        news_detail=lambda item: f"/content.jsp?id={77100 + item.number * 9}",
        pager="numbers", charset="gbk", header_charset="GBK", meta_charset="utf-8", relative=True,
        channel_url=lambda folder: f"/list.jsp?cid={50 + sum(map(ord, folder)) % 89}",
        hops=[("/xxgk/index.jsp", "政务公开")], column_label="年度报告", province="荆楚省", city="江汉市", county="青山区",
        level="district", row_style="dl", per_page=6, date_style="slash",
        shapes=["content.jsp?id=N details", "list.jsp?cid=45&pageNo=N numbered pager", "<dl><dd> rows",
                "GBK bytes, header GBK, meta says UTF-8", "repost of the city's report"]))
    lx = "柳溪县人民政府"
    liuxi = add("liuxi", TrsSite(
        "liuxi", look(lx, "柳溪县", "www.liuxi.gov.cn", "4503000012", "桂", theme="green"),
        column_items("liuxi", lx, range(2015, 2025), notices=2, half_years=1, departments=("柳溪县人民政府办公室",), dept_years=(2024,)),
        news_items("liuxi", "柳溪县"), folder="/zwgk/fdzdgknr/xxgknb/", ext="html", pager="countPage", news_folder="/xwzx/jrlx/",
        quoted=lambda item: "/zwgk/bmxxgk/xzfb/" if item.agency != lx else ("/zwgk/tzgg/" if item.kind == "other" else None),
        hops=[("/zwgk/", "政务公开"), ("/zwgk/fdzdgknr/", "法定主动公开内容")], column_label="政府信息公开年报",
        column_link="empty-title", province="桂海省", city="柳州湾市", county="柳溪县", level="county", row_style="div-row", per_page=9, date_style="cn",
        shapes=["trs var countPage = N", "div rows with dates in their own div", "column link with empty text (title only)",
                "column two hops deep", "portal links the column folder relatively (xxgknb/)",
                "items quoted (引用) from other columns keep their home folder (../../bmxxgk/xzfb/…, ../tzgg/…)"]))
    liuxi.column_href = "xxgknb/"
    bs = "白石市人民政府"
    add("baishi", StaticSite(
        "baishi", look(bs, "白石市", "www.baishi.gov.cn", "2202000013", "吉", theme="navy"),
        column_items("baishi", bs, range(2015, 2025), notices=2, half_years=1), news_items("baishi", "白石市"),
        list_url=lambda k: f"/xxgk/xxgknb/list_{k + 1}.shtml",
        detail=lambda item: "/art/{0}/{1}/{2}/{3}.html".format(*item.ymd, 650000 + item.number * 13),
        news_detail=lambda item: "/art/{0}/{1}/{2}/{3}.html".format(*item.ymd, 640000 + item.number * 13),
        pager="js", charset="utf-8", header_charset=None, column_label="信息公开年报",
        province="长白省", city="白石市", row_style="li-date-first", per_page=8,
        shapes=["list_1.shtml first page (numbered from 1)", "createPageHTML('page_div', N, cur, 'list', 'shtml', total), 1-based, JS only",
                "/art/Y/M/D/{id}.html details", "no charset in header (meta only)", "column linked from the root's quick links"]))

    # 17-18. TRS paging through its search API; a static list inside a same-host iframe.
    hs = "鹤山市人民政府"
    add("heshan", TrsSearchSite(
        "heshan", look(hs, "鹤山市", "www.heshan.gov.cn", "3505000014", "闽", theme="blue"),
        column_items("heshan", hs, range(2016, 2025), departments=("鹤山市统计局",), dept_years=(2023, 2024), notices=2, half_years=1),
        news_items("heshan", "鹤山市"), folder="/xxgk/xxgknb/", ext="html", news_folder="/xxgk/gzdt/", channel=60512,
        hops=[("/xxgk/", "信息公开")], column_label="政府信息公开年度报告", province="闽海省", city="鹤山市", per_page=6,
        latest_on_portal=True,
        shapes=["trs first page static, later pages only from the search API (/igs/front/search/list.html …pageNumber=N, JSON page.content[])",
                "column named 政府信息公开年度报告",
                "news in a sibling TRS folder (same URL shape)"]))
    mx = "梅溪县人民政府"
    add("meixi", IframeSite(
        "meixi", look(mx, "梅溪县", "www.meixi.gov.cn", "3607000015", "赣", theme="green"),
        column_items("meixi", mx, range(2015, 2025), parent="宜阳市人民政府", repost_years=(2024,), notices=2, half_years=1),
        news_items("meixi", "梅溪县"), outer="/zwgk/xxgknb/index.html",
        list_url=lambda k: f"/zwgk/xxgknb/column-index-{k + 1}.shtml",
        detail=lambda item: f"/Item/{21000 + item.number * 17}.aspx",
        news_detail=lambda item: f"/Item/{19000 + item.number * 17}.aspx",
        pager="full", hops=[("/zwgk/index.html", "政务公开")], column_label="政府信息公开年报", pinned=True,
        province="江右省", city="宜阳市", county="梅溪县", level="county", row_style="li-span", per_page=8, date_style="slash",
        shapes=["list inside a same-host <iframe> (column-index-N.shtml)", "/Item/{id}.aspx details", "下一页 and numbered pager",
                "repost of the city's report", "newest report pinned ([置顶]) on every list page"]))

    # 19. A district whose 年报 column is a directory of sub-columns, each paged on its own.
    jp = "金坪区人民政府"
    jp_items = column_items("jinping", jp, range(2016, 2025), departments=("金坪区教育局", "金坪区民政局", "金坪区卫生健康局"),
                            dept_years=range(2021, 2025), notices=1, half_years=1)
    towns = column_items("jinping-towns", "金坪区城关街道办事处", range(2021, 2025), departments=("金坪区石门镇人民政府",),
                         dept_years=range(2022, 2025), notices=0, half_years=0, government=False)
    for number, item in enumerate(towns, start=len(jp_items) + 1):
        item.number = number
    add("jinping", TrsSubcolumnSite(
        "jinping", look(jp, "金坪区", "www.jinping.gov.cn", "5201000016", "黔", theme="red"),
        jp_items + towns, news_items("jinping", "金坪区"), folder="/zwgk/zfxxgknb/", ext="htm", pager="classic",
        subcolumns=[("szfnb/", "区政府年报", [i for i in jp_items if i.agency == jp]),
                    ("bmnb/", "部门年报", [i for i in jp_items if i.agency != jp]), ("xzjdnb/", "乡镇（街道）年报", towns)],
        hops=[("/zwgk/", "政务公开")], column_label="政府信息公开年报", province="黔南省", city="金州市", county="金坪区",
        level="district", row_style="li-span", per_page=6,
        shapes=["年报 column as a directory of 3 sub-columns (区政府/部门/乡镇街道), each paged with createPageHTML",
                "sub-column 更多 links", ".htm pages", "reports of 3 departments and 2 towns"]))

    # 20. A newer Hanweb (JPaaS) city: first page static, later pages from the JPaaS unit JSON.
    rc = "瑞川市人民政府"
    add("ruichuan", HanwebJpaasSite(
        "ruichuan", look(rc, "瑞川市", "www.ruichuan.gov.cn", "3304000017", "越", theme="blue", upper=[("http://www.dongyue.gov.cn/", "东越省人民政府")]),
        column_items("ruichuan", rc, range(2015, 2025), parent=PROVINCE, repost_years=(2024,), departments=("瑞川市审计局",),
                     dept_years=(2023, 2024), notices=2, half_years=1),
        news_items("ruichuan", "瑞川市"), col=1229563221, webid=3096, news_col=1229563001, page_id=9182736,
        hops=[("/col/col1229563100/index.html", "政务公开")], column_label="信息公开年报", column_link="title", column_in_menu=True,
        province="东越省", city="瑞川市", row_style="li-span", per_page=6, date_style="slash",
        shapes=["hanweb JPaaS: first page static, later pages from /jpaas-publish-server/front/page/build/unit?…paramJson={pageNo} JSON {data:{html}}",
                "no jpage call, no dataproxy", "repost of the province's report"]))

    # 22. truecms: the column page is an empty shell; its list comes from JSONP that wants a Referer.
    ls = "蓝山市人民政府"
    add("lanshan", TruecmsSite(
        "lanshan", look(ls, "蓝山市", "www.lanshan.gov.cn", "1301000018", "冀", theme="red"),
        column_items("lanshan", ls, range(2016, 2025), parent="燕北省人民政府", repost_years=(2023,), notices=2, half_years=1),
        news_items("lanshan", "蓝山市"), column_id=3357, outer="/zwgk/zfxxgknb/index.html",
        detail=lambda item: "/zwgk/zfxxgknb/{0}{1:02d}{2:02d}/{3}.html".format(*item.ymd, 3357000 + item.number * 11),
        news_detail=lambda item: "/xwzx/bdyw/{0}{1:02d}{2:02d}/{3}.html".format(*item.ymd, 3312000 + item.number * 11),
        hops=[("/zwgk/index.html", "政务公开")], column_label="政府信息公开年报", province="燕北省", city="蓝山市", column_in_menu=True,
        row_style="li-span", per_page=7,
        shapes=["truecms: list only from JSONP /messageController/getMessage.do?callback=…&columnId=3357&pageNo=N (403 without Referer)",
                "empty list shell in the HTML", "/{column}/{YYYYMMDD}/{id}.html details", "repost of the province's report"]))

    # 24. Epoint: the list comes from a JSON POST (0-based pageIndex).
    qy = "清源县人民政府"
    add("qingyuan", EpointSite(
        "qingyuan", look(qy, "清源县", "www.qingyuan.gov.cn", "3205000019", "苏", theme="blue"),
        column_items("qingyuan", qy, range(2017, 2025), parent="江海市人民政府", repost_years=(2024,), notices=2, half_years=1),
        news_items("qingyuan", "清源县"), category="004002", outer="/zwgk/xxgknb/xxgknb.html",
        detail=lambda item: "/zwgk/xxgknb/004002/{0}{1:02d}{2:02d}/{3}.html".format(*item.ymd, hex_id("qingyuan", item.number)[:8] + "-" + hex_id("qingyuan", item.number)[8:12]),
        news_detail=lambda item: "/xwzx/004001/{0}{1:02d}{2:02d}/{3}.html".format(*item.ymd, hex_id("qingyuan-news", item.number)[:8] + "-" + hex_id("qingyuan-news", item.number)[8:12]),
        hops=[("/zwgk/index.html", "政务公开")], column_label="政府信息公开年报", column_link="img",
        province="江海省", city="江海市", county="清源县", level="county", row_style="li-span", per_page=6,
        shapes=["Epoint (EWB-FRONT): list only from a JSON POST /EWB-FRONT/rest/frontAppCustomAction/getPageInfoListNew (pageIndex 0-based; GET 405)",
                "empty list shell in the HTML", "/{folder}/{categoryNum}/{YYYYMMDD}/{guid}.html details", "column behind an image link",
                "repost of the city's report"]))

    # 25-26. Small-county CMSs: DedeCMS (list_7_N.html) and PHPCMS (one index.php for lists and details).
    hx = "和溪县人民政府"
    hexi = add("hexi", StaticSite(
        "hexi", look(hx, "和溪县", "www.hexi.gov.cn", "6201000020", "陇", theme="red", layout="table"),
        column_items("hexi", hx, range(2015, 2025), notices=2, half_years=1), news_items("hexi", "和溪县"),
        list_url=lambda k: "/a/zwgk/xxgknb/" if k == 0 else f"/a/zwgk/xxgknb/list_7_{k + 1}.html",
        first_aliases=["/a/zwgk/xxgknb/list_7_1.html"],
        detail=lambda item: "/a/zwgk/xxgknb/{0}/{1:02d}{2:02d}/{3}.html".format(*item.ymd, 1200 + item.number * 7),
        news_detail=lambda item: "/a/xwzx/{0}/{1:02d}{2:02d}/{3}.html".format(*item.ymd, 1100 + item.number * 7),
        channel_url=lambda folder: f"/a/{folder}/", pager="full", relative=True, charset="gbk", header_charset="gbk", meta_charset="gb2312",
        hops=[("/a/zwgk/", "政务公开")], column_label="政府信息公开年报", column_link="title",
        province="陇西省", city="河州市", county="和溪县", level="county", row_style="table-layout", per_page=6, date_style="cn",
        shapes=["DedeCMS: folder /a/zwgk/xxgknb/ = list_7_1.html, then list_7_2.html …", "details /a/…/YYYY/MMDD/{id}.html",
                "GBK bytes, header gbk, meta gb2312", "table layout"]))
    hexi.splash = True
    sy = "石源县人民政府"
    phpcms = "/index.php?m=content&c=index&a="
    add("shiyuan", StaticSite(
        "shiyuan", look(sy, "石源县", "www.shiyuan.gov.cn", "4511000021", "桂", theme="green"),
        column_items("shiyuan", sy, range(2016, 2025), parent="柳州湾市人民政府", repost_years=(2024,), notices=2, half_years=1),
        news_items("shiyuan", "石源县"),
        list_url=lambda k: f"{phpcms}lists&catid=12" + (f"&page={k + 1}" if k else ""),
        detail=lambda item: f"{phpcms}show&catid=12&id={560 + item.number * 3}",
        news_detail=lambda item: f"{phpcms}show&catid=9&id={410 + item.number * 3}",
        channel_url=lambda folder: f"{phpcms}lists&catid={30 + sum(map(ord, folder)) % 61}",
        pager="numbers", hops=[("/xxgk/index.html", "信息公开")], column_label="政府信息公开年度报告",
        province="桂海省", city="柳州湾市", county="石源县", level="county", row_style="li-div", per_page=5,
        shapes=["PHPCMS: lists and details are one script, index.php?m=content&c=index&a=lists|show&catid=…&id=…",
                "news share the show URL (catid=9)", "numbered pager &page=N", "repost of the city's report"]))
    return list(hosts.values()), sites


@dataclass
class FieldWeb:
    hosts: list[FieldHost]
    sites: list[FieldSite]
    manifests: list[Manifest]

    def site(self, site_id: str) -> FieldSite:
        return next(s for s in self.sites if s.site_id == site_id)

    def manifest(self, site_id: str) -> Manifest:
        return next(m for m in self.manifests if m.site_id == site_id)


@contextmanager
def serve_web():
    """Serve the whole field web on 127.0.0.1 (one port per host) for the duration of the block."""
    hosts, sites = build_sites()
    servers = []
    try:
        for h in hosts:
            server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(h))
            server.daemon_threads = True
            h.base_url = f"http://127.0.0.1:{server.server_address[1]}"
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
            servers.append(server)
        for h in hosts[::2]:
            h.gzip = True
        web = FieldWeb(hosts, sites, [])
        for site in sites:
            site.web = web
        for site in sites:
            site.build()
        web.manifests = [site.manifest() for site in sites]
        yield web
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


SITE_IDS = ("dongyue-prov", "qinghe-gov", "qinghe-fgw", "qinghe-jyj", "yunling", "yunling-sfj", "jiangkou", "linchuan", "ningan", "nanling",
            "nanling-sfj", "wanshan", "wanshan-jtj", "guojia", "taoyuan", "qingshan", "liuxi", "baishi", "heshan", "meixi", "jinping", "ruichuan", "lanshan", "qingyuan", "hexi", "shiyuan")
