"""Hanweb 大汉 JCMS listings ("jpage").

A column page ``/col/col{C}/index.html`` carries the first group of its list inline, as
``<script type="text/xml"><datastore>…<recordset><record><![CDATA[<li>…</li>]]></record>…``,
beside a call ``$('#{unitid}').jpage({totalRecord:N, perPage:P, groupSize:3,
proxyUrl:'/module/web/jpage/dataproxy.jsp', ajaxParam:{…}})``. Later groups come from the
proxy: ``POST dataproxy.jsp?startrecord=S&endrecord=E&perpage=P`` with ``ajaxParam`` as the
form body, answered with the same ``<datastore>`` XML. Some servers answer only
``GET dataproxy.jsp?page=K&…``; old ones (``/module/jslib/jquery/jpage/dataproxy.jsp``) answer
JavaScript: ``totalRecord=714.0;totalPage = 27;dataStore = ['<li>…',…]``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin

from .common import link_entries, text_of

DETAIL_RE = re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$")
COLUMN_RE = re.compile(r"/col/col(\d+)/")
JPAGE_CALL_RE = re.compile(r"""\$\(\s*['"]#([\w-]+)['"]\s*\)\.jpage\(\s*\{(.*?)\}\s*\)\s*;?""", re.S)
AJAX_PARAM_RE = re.compile(r"ajaxParam\s*:\s*\{(.*?)\}", re.S)
SETTING_RE = re.compile(r"""(\w+)\s*:\s*(?:'([^']*)'|"([^"]*)"|([^,}\s]+))""")
RECORD_RE = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
JS_STORE_RE = re.compile(r"dataStore\s*=\s*\[(.*?)\]\s*;", re.S)
JS_STRING_RE = re.compile(r"""'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)\"""", re.S)
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

    @property
    def column_id(self) -> str | None:
        return self.params.get("columnid")


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


def group_get_pages(unit: JpageUnit, group: int, base_url: str) -> list[str]:
    """The ``GET …?page=K&…`` URLs covering group ``group`` (0-based), for servers without POST."""
    first = group * unit.group_size + 1
    last = min(first + unit.group_size - 1, unit.pages)
    return [urljoin(base_url, f"{unit.proxy_url}?" + urlencode({"page": k, "perpage": unit.per_page, **unit.params}))
            for k in range(first, last + 1)]


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


def record_entries(fragments: list[str], base_url: str, detail_re: re.Pattern = DETAIL_RE) -> list[dict]:
    """Listing records from record fragments, each parsed as HTML (title from ``a/@title``)."""
    entries: dict[str, dict] = {}
    for fragment in fragments:
        for entry in link_entries(f"<ul>{fragment}</ul>", base_url, detail_re):
            entries.setdefault(entry["url"], entry)
    return list(entries.values())


def listing_entries(page, url: str, detail_re: re.Pattern = DETAIL_RE) -> list[dict]:
    """Listing records of a column page's inline first groups or of one proxy answer."""
    return record_entries(records(page), url, detail_re)


def column_id(url: str) -> str | None:
    match = COLUMN_RE.search(url)
    return match.group(1) if match else None
