"""Downloader middlewares, and the spider middleware that lets go of parsed pages."""

from __future__ import annotations

import logging

from scrapy.http import TextResponse

from pipelines import stats as keys

logger = logging.getLogger(__name__)

# gb2312 and gbk pages use characters outside those charsets; gb18030 is their superset.
GB_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030"}
CANDIDATES = ("utf-8", "gb18030", "big5")


def best_encoding(body: bytes, declared: str) -> str:
    """The declared charset unless the body does not decode with it and another one does.

    Non-ASCII text that decodes as strict UTF-8 is UTF-8 whatever the page declares: GBK
    text almost never does, while UTF-8 bytes often pass as (garbled) GBK.
    """
    declared = GB_SUPERSET.get(declared.lower(), declared)
    if not body.isascii():
        try:
            body.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            pass
    try:
        body.decode(declared)
        return declared
    except (UnicodeDecodeError, LookupError):
        pass
    for candidate in CANDIDATES:
        try:
            body.decode(candidate)
            return candidate
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    guess = from_bytes(body).best()
    return guess.encoding if guess else declared


class CharsetRepairMiddleware:
    """Decode a page with the charset that actually fits its bytes.

    Scrapy already lets the HTTP header win over ``<meta>``; this catches pages that
    declare UTF-8 but are GBK (and the reverse), and reads gb2312/gbk as gb18030.
    """

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request, response):
        if not isinstance(response, TextResponse) or not response.body or request.meta.get("nianbao") == "attachment":
            return response
        declared = response.encoding
        encoding = best_encoding(response.body, declared)
        if encoding.lower().replace("_", "-") == declared.lower().replace("_", "-"):
            return response
        self.stats.inc_value(keys.CHARSET_REPAIRED)
        logger.info("%s declares %s but decodes as %s", response.url, declared, encoding)
        return response.replace(encoding=encoding)


class ParsedPageRelease:
    """Spider middleware: a response lets go of its parsed tree (its cached ``selector``) once the
    callback is done with it.

    Scrapy holds a response until every item of its callback has passed the item pipelines, and a
    page waiting for a cleaning worker may wait long; the lxml tree of a page takes about 14 times
    its body in native memory. Read again after this, ``response.selector`` parses the body anew.
    """

    def process_spider_output(self, response, result):
        try:
            yield from result
        finally:
            release_tree(response)

    async def process_spider_output_async(self, response, result):
        try:
            async for output in result:
                yield output
        finally:
            release_tree(response)


def release_tree(response) -> None:
    if isinstance(response, TextResponse):
        response._cached_selector = None  # TextResponse.selector parses again when this is None
