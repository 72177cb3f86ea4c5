"""Which CMS family a site runs, and where its annual-report column is.

Pure functions over a page's HTML: ``fingerprint`` names the family from the column's first
page with the evidence for it; ``column_links`` and ``portal_links`` are the links discovery
follows from a site root (see ``crawler.spiders.auto``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from crawler.parsers.common import selector_of, site_domain, squash, text_of

# (family, weight, what it shows, pattern); the family with the highest total wins.
SIGNS = (
    ("hanweb", 3, "jpage list", re.compile(r"\.jpage\(\s*\{")),
    ("hanweb", 3, "jpage data proxy", re.compile(r"/jpage/dataproxy\.jsp")),
    ("hanweb", 2, "inline <datastore>", re.compile(r"<datastore>", re.I)),
    ("hanweb", 2, "Hanweb column URL /col/colN/", re.compile(r"/col/col\d+/")),
    ("hanweb", 2, "Hanweb article URL art_C_N", re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html")),
    ("hanweb", 1, "Hanweb /module/ scripts", re.compile(r"/module/(?:jslib|web|xxgk|download)/")),
    ("hanweb", 1, "Hanweb markers", re.compile(r"hanweb|ZJEG_RSS|name=[\"']?ContentStart", re.I)),
    ("trs", 3, "TRS pager createPageHTML", re.compile(r"createPageHTML\(\s*\d")),
    ("trs", 2, "TRS countPage", re.compile(r"var\s+countPage\s*=")),
    ("trs", 2, "TRS article URL tYYYYMMDD_N", re.compile(r"/t\d{8}_\d+\.s?html")),
    ("trs", 2, "TRS body TRS_Editor", re.compile(r"TRS_(?:Editor|UEDITOR)")),
    ("trs", 2, "TRS search API", re.compile(r"/igs/front/search/")),
    ("lonsun", 3, "Lonsun column /public/column/", re.compile(r"/public/column/\d+")),
    ("lonsun", 2, "Lonsun pageIndex paging", re.compile(r"[?&]pageIndex=\d+|pageCount\s*:\s*\d+")),
    ("lonsun", 2, "Lonsun table.table_suoyin", re.compile(r"table_suoyin")),
    ("lonsun", 1, "Lonsun article URL /public/ORG/ID.html", re.compile(r"/public/\d+/\d+\.html")),
    ("lonsun", 1, "Lonsun body j-fontContent", re.compile(r"j-fontContent")),
    ("gkmlpt", 4, "gkmlpt platform", re.compile(r"/gkmlpt/")),
    ("ucap", 3, "Ucap body UCAP-CONTENT", re.compile(r"UCAP-CONTENT|<ucapcontent|ucaptitle", re.I)),
    ("ucap", 2, "Ucap static list home_N.htm", re.compile(r"home(?:_\d+)?\.htm\b")),
    ("ucap", 2, "Ucap article URL /YYYYMM/<32 hex>.shtml", re.compile(r"/\d{6}/[0-9a-f]{32}\.s?html")),
)
FAMILIES = ("hanweb", "trs", "lonsun", "gkmlpt", "ucap", "generic")
MIN_SCORE = 3

# A column link's text is the column's name, not a report's title (which names a year).
COLUMN_TEXT_RE = re.compile(r"^(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年报|年度报告)$|^(?:政府信息公开)?年度报告$|^年报$|^信息公开年报$")
PORTAL_TEXT_RE = re.compile(r"^(?:政府)?信息公开$|^政务公开$|^政府信息公开(?:专栏|平台|目录)?$|^信息公开(?:目录|平台)$")
ROOT_PATH_RE = re.compile(r"^/?(?:(?:index|default)\.(?:s?html?|jsp|aspx?|php))?$")


@dataclass
class Sniff:
    family: str
    evidence: list[str] = field(default_factory=list)
    scores: dict = field(default_factory=dict)


def fingerprint(page, url: str = "") -> Sniff:
    """The CMS family of a column's first page; ``generic`` when no family shows enough signs."""
    text = text_of(page) + "\n" + url
    scores = dict.fromkeys(FAMILIES[:-1], 0)
    evidence: dict[str, list[str]] = {family: [] for family in scores}
    for family, weight, label, pattern in SIGNS:
        if pattern.search(text):
            scores[family] += weight
            evidence[family].append(label)
    family = max(scores, key=scores.get)
    if scores[family] < MIN_SCORE:
        weak = [label for name in scores for label in evidence[name]]
        return Sniff("generic", ["no family shows enough signs"] + weak, scores)
    return Sniff(family, evidence[family], scores)


def is_site_root(url: str) -> bool:
    return bool(ROOT_PATH_RE.match(urlsplit(url).path))


def _links(page, url: str, text_re: re.Pattern) -> list[str]:
    domain = site_domain(urlsplit(url).hostname or "")
    found = []
    for anchor in selector_of(page).css("a[href]"):
        text = squash(" ".join(anchor.css("::text").getall())) or squash(anchor.attrib.get("title"))
        href = anchor.attrib["href"].strip()
        if not text_re.match(text) or href.startswith(("javascript", "mailto")):
            continue
        link = urljoin(url, href)
        host = urlsplit(link).hostname or ""
        if (host == domain or host.endswith("." + domain)) and link not in found:
            found.append(link)
    return found


def column_links(page, url: str) -> list[str]:
    """Links named like an annual-report column (信息公开年报, 政府信息公开年报, 年度报告 …) on the site's domain."""
    return _links(page, url, COLUMN_TEXT_RE)


def portal_links(page, url: str) -> list[str]:
    """Links to the site's disclosure portal (政府信息公开, 政务公开), where the column usually sits."""
    return _links(page, url, PORTAL_TEXT_RE)
