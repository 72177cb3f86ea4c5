"""Ucap 开普云 / gov.cn: static ``home.htm``, ``home_1.htm`` … (or ``index_N``), ``#UCAP-CONTENT`` bodies.

The page count comes from the pager script (``createPageHTML('page_div', N, cur, 'home', 'htm', total)``)
or the text ``共N页``; without either, the numbered pages the pager links to are followed
(``crawler.parsers.pagers``). Reports are ``/{col}/{YYYYMM}/{32 hex}.shtml`` (Jiangxi platform)
or ``…/content_{id}.htm`` (gov.cn).
"""

from __future__ import annotations

import re

from crawler.parsers.pagers import static_pages
from crawler.spiders.base import ReportSpider

NAME = "ucap"
SIGNS = (
    (3, "Ucap body UCAP-CONTENT", re.compile(r"UCAP-CONTENT|<ucapcontent|ucaptitle", re.I)),
    (2, "Ucap static list home_N.htm", re.compile(r"home(?:_\d+)?\.htm\b")),
    (2, "Ucap article URL /YYYYMM/<32 hex>.shtml", re.compile(r"/\d{6}/[0-9a-f]{32}\.s?html")),
)
BODY_SELECTORS = ("#UCAP-CONTENT", "ucapcontent")
DETAIL_RE = re.compile(r"/\d{6}/[0-9a-f]{32}\.s?html?$|/content_\d+\.s?html?$")


class Spider(ReportSpider):
    name = NAME
    detail_shape = DETAIL_RE

    def listing_pages(self, response):
        return static_pages(response, response.url, self.option("next_selector"), first=self.is_first_page(response), limit=self.listing_cap)
