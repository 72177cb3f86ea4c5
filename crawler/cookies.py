"""Cookies without a request the user did not ask for.

Scrapy's cookie middleware asks tldextract whether a cookie's domain is a public suffix, and its
module-level extractor downloads the current public-suffix list from the internet on the first
``Set-Cookie``. A crawler should make no request beyond the sites it was given, so the middleware
here judges suffixes by the snapshot tldextract bundles (no download, no cache written). Scrapy
offers no setting for this, hence the replacement of its module's extractor.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares import cookies
from tldextract import TLDExtract

BUNDLED_SUFFIXES = TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True, include_psl_private_domains=True)


class OfflineCookiesMiddleware(cookies.CookiesMiddleware):
    """Scrapy's cookie middleware, judging public suffixes by tldextract's bundled list."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cookies._split_domain = BUNDLED_SUFFIXES
