"""Metadata stage: title, year, kind, agency, published date, 索引号 and 文号."""

from __future__ import annotations

import re

from parsel import Selector

from crawler.parsers.common import iso_date, squash

from . import StagePipeline
from .normalize import to_simplified

SITE_SUFFIX_RE = re.compile(r"\s*[_|－—-]\s*[^_|－—-]{2,30}(人民政府|政府网|门户网站|网站|官网)\s*$")
YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
HALF_YEAR_RE = re.compile(r"上半年|半年(工作)?总结|第[一二]季度|半年度")
ANNUAL_RE = re.compile(r"(年度|年)\s*(政府|政务)?信息公开.{0,6}(年度)?(工作)?(报告|年报|总结)|信息公开年报|政务公开工作(年度)?(报告|总结)")
TABLE_LABELS = {"index_no": ("索引号",), "agency": ("发布机构", "发文机关"), "doc_no": ("文号", "发文字号"), "published": ("发布日期", "生成日期", "成文日期")}


def meta_tags(page: Selector) -> dict[str, str]:
    """All ``<meta name=… content=…>`` tags, names lower-cased."""
    tags = {}
    for meta in page.css("meta"):
        name = meta.attrib.get("name") or meta.attrib.get("NAME") or meta.attrib.get("property")
        if name and "content" in meta.attrib:
            tags.setdefault(name.strip().lower(), meta.attrib["content"].strip())
    return tags


def labelled_values(page: Selector) -> dict[str, str]:
    """Label -> value pairs from metadata tables (``<td>索引号</td><td>…</td>``)."""
    values = {}
    for cell in page.css("td, th"):
        label = re.sub(r"[\s\u3000\xa0:：]+", "", "".join(cell.css("::text").getall()))
        if not label or len(label) > 8:
            continue
        sibling = cell.xpath("following-sibling::*[1]")
        if sibling:
            values.setdefault(label, squash(" ".join(sibling.css("::text").getall())))
    return values


def clean_title(title: str | None) -> str | None:
    title = squash(title)
    return SITE_SUFFIX_RE.sub("", title) or None if title else None


def report_year(title: str | None, text: str) -> int | None:
    """The year the report covers: the title's, else the first lines'."""
    for source in (title or "", "\n".join(text.splitlines()[:12])):
        match = YEAR_RE.search(source)
        if match:
            return int(match.group(1))
    return None


def report_kind(title: str | None, text: str) -> str:
    probe = title or text[:200]
    if HALF_YEAR_RE.search(probe):
        return "half-year"
    if ANNUAL_RE.search(probe):
        return "annual"
    return "other"


def extract(html: str | None, text: str, listing: dict | None = None) -> dict:
    """Metadata of one report from its page, its text and its listing record."""
    listing = listing or {}
    page = Selector(text=to_simplified(html)) if html else None
    meta = meta_tags(page) if page else {}
    table = labelled_values(page) if page else {}

    def from_table(field: str) -> str | None:
        return next((table[label] for label in TABLE_LABELS[field] if table.get(label)), None)

    heading = squash(" ".join(page.css("h1 ::text").getall())) if page else ""
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = clean_title(meta.get("articletitle") or listing.get("title") or heading or first_line)
    published = iso_date(from_table("published") or meta.get("pubdate") or listing.get("date") or text[:400])
    return {
        "title": title,
        "year": report_year(title, text),
        "kind": report_kind(title, text),
        "published": published,
        "agency": from_table("agency") or meta.get("contentsource") or None,
        "index_no": from_table("index_no"),
        "doc_no": from_table("doc_no"),
    }


def process(record):
    fields = extract(record.get("html"), record.get("text") or "", record.get("listing"))
    for name, value in fields.items():
        if value is not None or record.get(name) is None:
            record[name] = value
    return record


class MetadataPipeline(StagePipeline):
    stage = staticmethod(process)
