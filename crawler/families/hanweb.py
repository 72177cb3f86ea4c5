"""Hanweb 大汉 JCMS listings ("jpage").

A column page ``/col/col{C}/index.html`` carries the first group of its list inline, as
``<script type="text/xml"><datastore>…<recordset><record><![CDATA[<li>…</li>]]></record>…``,
beside a call ``$('#{unitid}').jpage({totalRecord:N, perPage:P, groupSize:3,
proxyUrl:'/module/web/jpage/dataproxy.jsp', ajaxParam:{…}})``. Later groups come from the
proxy: ``POST dataproxy.jsp?startrecord=S&endrecord=E&perpage=P`` with ``ajaxParam`` as the
form body, answered with the same ``<datastore>`` XML. Some servers answer only
``GET dataproxy.jsp?page=K&…``; old ones (``/module/jslib/jquery/jpage/dataproxy.jsp``) answer
JavaScript: ``totalRecord=714.0;totalPage = 27;dataStore = ['<li>…',…]``. Newer sites (JPaaS)
build the first page statically and serve the others from
``/jpaas-publish-server/front/page/build/unit?{unit params}&paramJson={"pageNo":N,"pageSize":"15"}``
→ JSON ``{"data": {"html": "<li>…"}}``.

Each record is one row of the list whatever its markup: its link is the one of the family's
article shape, else its longest-titled link.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit

from crawler import discovery
from crawler.parsers.common import reads_like_report, text_of
from crawler.parsers.lists import listing_records, row_record
from crawler.spiders.base import ReportSpider, detail_pattern
from pipelines import stats as keys
from pipelines.listing import ListingRecord

NAME = "hanweb"
SIGNS = (
    (3, "jpage list", re.compile(r"\.jpage\(\s*\{")),
    (3, "jpage data proxy", re.compile(r"/jpage/dataproxy\.jsp")),
    (2, "inline <datastore>", re.compile(r"<datastore>", re.I)),
    (2, "Hanweb column URL /col/colN/", re.compile(r"/col/col\d+/")),
    (2, "Hanweb article URL art_C_N", re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html")),
    (1, "Hanweb /module/ scripts", re.compile(r"/module/(?:jslib|web|xxgk|download)/")),
    (1, "Hanweb markers", re.compile(r"hanweb|ZJEG_RSS|name=[\"']?ContentStart", re.I)),
)
BODY_SELECTORS = ("div#zoom",)

DETAIL_RE = re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$")
JPAGE_CALL_RE = re.compile(r"""\$\(\s*['"]#([\w-]+)['"]\s*\)\.jpage\(\s*\{(.*?)\}\s*\)\s*;?""", re.S)
AJAX_PARAM_RE = re.compile(r"ajaxParam\s*:\s*\{(.*?)\}", re.S)
SETTING_RE = re.compile(r"""(\w+)\s*:\s*(?:'([^']*)'|"([^"]*)"|([^,}\s]+))""")
RECORD_RE = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
JS_STORE_RE = re.compile(r"dataStore\s*=\s*\[(.*?)\]\s*;", re.S)
JS_STRING_RE = re.compile(r"""'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)\"""", re.S)
JPAAS_UNIT_RE = re.compile(r"""['"]([^'"]*/jpaas-publish-server/front/page/build/unit)['"]""")
JPAAS_PARAMS_RE = re.compile(r"\{[^{}]*\bpageId\b[^{}]*\}")
QUOTED_SETTING_RE = re.compile(r"""["']?(\w+)["']?\s*:\s*(?:'([^']*)'|"([^"]*)"|([^,}\s]+))""")
PAGE_COUNT_RE = re.compile(r"""\bpageCount\s*[=:]\s*["']?(\d+)""")
PAGE_SIZE_RE = re.compile(r"""\bpageSize\s*[=:]\s*["']?(\d+)""")
TOTAL_RE = re.compile(r"""\btotal\s*[=:]\s*["']?(\d+)""")
DEFAULT_PROXY = "/module/web/jpage/dataproxy.jsp"
GROUP_SIZE = 3


@dataclass
class JpageUnit:
    """One jpage list on a page: its unit id, size, proxy and the form it posts."""

    unitid: str
    total_record: int
    per_page: int
    proxy_url: str
    params: dict = field(default_factory=dict)
    group_size: int = GROUP_SIZE

    @property
    def group_records(self) -> int:
        return self.group_size * self.per_page

    @property
    def groups(self) -> int:
        return max(1, math.ceil(self.total_record / self.group_records))

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total_record / self.per_page))


def _settings(body: str) -> dict:
    values = {}
    for name, single, double, bare in SETTING_RE.findall(body):
        values[name] = single or double or bare
    return values


def _number(value: str | None, default: int) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return default


def jpage_units(page) -> list[JpageUnit]:
    """Every ``$('#unit').jpage({...})`` call on a column page."""
    units = []
    for unitid, body in JPAGE_CALL_RE.findall(text_of(page)):
        ajax = AJAX_PARAM_RE.search(body)
        params = _settings(ajax.group(1)) if ajax else {}
        settings = _settings(AJAX_PARAM_RE.sub("", body))
        units.append(JpageUnit(
            unitid=unitid,
            total_record=_number(settings.get("totalRecord"), 0),
            per_page=_number(settings.get("perPage"), 15),
            proxy_url=settings.get("proxyUrl") or DEFAULT_PROXY,
            params={"unitid": unitid, **params},
            group_size=_number(settings.get("groupSize"), GROUP_SIZE),
        ))
    return units


def group_post(unit: JpageUnit, group: int, base_url: str) -> tuple[str, dict]:
    """URL and form body of group ``group`` (0-based) for the POST proxy."""
    start = group * unit.group_records + 1
    end = min((group + 1) * unit.group_records, max(unit.total_record, start))
    query = urlencode({"startrecord": start, "endrecord": end, "perpage": unit.per_page})
    return urljoin(base_url, f"{unit.proxy_url}?{query}"), {k: str(v) for k, v in unit.params.items()}


def group_get_pages(unit: JpageUnit, group: int, base_url: str, limit: int | None = None) -> list[str]:
    """The ``GET …?page=K&…`` URLs covering group ``group`` (0-based), for servers without POST;
    at most ``limit`` of them."""
    first = group * unit.group_size + 1
    last = min(first + unit.group_size - 1, unit.pages)
    return [urljoin(base_url, f"{unit.proxy_url}?" + urlencode({"page": k, "perpage": unit.per_page, **unit.params}))
            for k in range(first, last + 1)[:limit]]


def _unescape_js(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def records(answer) -> list[str]:
    """The record fragments of a page or proxy answer: XML ``<record>`` CDATA or the old JS array."""
    text = text_of(answer)
    found = RECORD_RE.findall(text)
    if found:
        return found
    store = JS_STORE_RE.search(text)
    if not store:
        return []
    return [_unescape_js(single or double) for single, double in JS_STRING_RE.findall(store.group(1))]


def listing_entries(page, url: str, detail_re: re.Pattern = DETAIL_RE) -> list[ListingRecord]:
    """Listing records of a column page's inline first groups or of one proxy answer, one per record."""
    entries: dict[str, ListingRecord] = {}
    for fragment in records(page):
        record = row_record(fragment, url, detail_re)
        if record is not None:
            entries.setdefault(record.url, record)
    return list(entries.values())


@dataclass
class JpaasUnit:
    """A JPaaS list: the unit endpoint, the parameters the page passes it, its page count and size."""

    endpoint: str
    params: dict
    pages: int
    page_size: int

    def page_url(self, page: int) -> str:
        param_json = json.dumps({"pageNo": page, "pageSize": str(self.page_size)}, separators=(",", ":"))
        return f"{self.endpoint}?" + urlencode({**self.params, "paramJson": param_json})


def jpaas_unit(page, base_url: str) -> JpaasUnit | None:
    """The JPaaS list of a column page, from its script."""
    text = text_of(page)
    endpoint, params = JPAAS_UNIT_RE.search(text), JPAAS_PARAMS_RE.search(text)
    if not endpoint or not params:
        return None
    values = {name: single or double or bare for name, single, double, bare in QUOTED_SETTING_RE.findall(params.group(0))}
    size = _number((PAGE_SIZE_RE.search(text) or [None, None])[1], 15)
    count = PAGE_COUNT_RE.search(text)
    total = TOTAL_RE.search(text)
    pages = int(count.group(1)) if count else math.ceil(int(total.group(1)) / size) if total else 1
    return JpaasUnit(urljoin(base_url, endpoint.group(1)), values, pages, size)


def jpaas_html(answer) -> str:
    """The rows a JPaaS unit answers (``data.html``)."""
    data = json.loads(text_of(answer))
    return ((data.get("data") or {}).get("html") or "") if isinstance(data, dict) else ""


def column_evidence(page, url: str, named_column: bool, options: dict | None = None) -> str | None:
    """A column page: jpage lists whose records include a report (or, named so, any records)."""
    units = jpage_units(page)
    if units:
        rows = listing_entries(page, url, detail_pattern(options, DETAIL_RE))
        if any(reads_like_report(row.title) for row in rows) or (named_column and rows):
            return f"{len(units)} jpage list(s) of {sum(unit.total_record for unit in units)} records"
    return discovery.column_evidence(page, url, named_column, options)


# Proxy answers a server refuses (POST not allowed, no such module) still reach the callback,
# which then asks for the same records with GET ``page=K``.
REFUSED = [400, 403, 404, 405, 500, 501]


class Spider(ReportSpider):
    name = NAME
    detail_shape = DETAIL_RE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.proxy_paths: set[str] = set()

    def listing_records(self, response):
        """The jpage records of the page; a page without them is read as a plain list."""
        return listing_entries(response, response.url, self.detail_re) or super().listing_records(response)

    def listing_requests(self, response):
        """Group 2, 3 … of every jpage unit on the column page, by POST; pages 2 … of a JPaaS unit."""
        requests = []
        jpaas = jpaas_unit(response, response.url)
        if jpaas:
            self.proxy_paths.add(urlsplit(jpaas.endpoint).path)
            requests += [self.listing_request(jpaas.page_url(k), callback=self.parse_jpaas, cb_kwargs={"page_url": response.url})
                         for k in range(2, jpaas.pages + 1)[:self.listing_cap]]
        for unit in jpage_units(response):
            self.proxy_paths.add(urlsplit(urljoin(response.url, unit.proxy_url)).path)
            for group in range(1, unit.groups)[:self.listing_cap]:
                requests.append(self.group_request(unit, group, response.url))
        return requests

    def group_request(self, unit, group: int, page_url: str):
        url, form = group_post(unit, group, page_url)
        return self.listing_request(
            url, method="POST", body=urlencode(form), callback=self.parse_group, cb_kwargs={"unit": unit, "group": group},
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8", "X-Requested-With": "XMLHttpRequest",
                     "Referer": page_url},
            meta={"handle_httpstatus_list": REFUSED},
        )

    def parse_group(self, response, unit, group: int):
        """A proxy answer (XML datastore or the old JavaScript array); a refused POST falls back to GET ``page=K``."""
        entries = listing_entries(response, response.url, self.detail_re) if response.status == 200 else []
        if entries:
            self.crawler.stats.inc_value(keys.LISTING_PAGES)
            yield from self.follow_entries(entries, response.url)
            return
        if response.request.method == "POST":
            self.crawler.stats.inc_value(keys.HANWEB_GET_FALLBACK)
            referer = response.request.headers.get("Referer", b"").decode() or self.site.start_url
            yield from self.follow_listings(
                self.listing_request(url, callback=self.parse_group, cb_kwargs={"unit": unit, "group": group})
                for url in group_get_pages(unit, group, referer, self.listing_cap))
        else:
            self.logger.warning("no records in jpage answer %s (status %s)", response.url, response.status)

    def parse_jpaas(self, response, page_url: str):
        """A JPaaS answer: its rows, read as a list."""
        self.crawler.stats.inc_value(keys.LISTING_PAGES)
        yield from self.follow_entries(listing_records(jpaas_html(response), page_url, self.detail_re), response.url)

    def in_column(self, url):
        return super().in_column(url) or (urlsplit(url).hostname == self.site.host and urlsplit(url).path in self.proxy_paths)

    column_evidence = staticmethod(column_evidence)
