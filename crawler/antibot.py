"""Anti-bot answers: recognise challenge and block pages, drop them, stop the site for the run.

Government sites sit behind Ruishu (HTTP 412 with an inline ``$_ts`` script), Jiasule
(``__jsluid`` cookies, a ``__jsl_clearance`` script), WZWS (``wzws_cid``, ``WZWSREL`` redirects),
China Telecom 云堤 block pages and small 安全验证/访问验证 pages. None of them is content: they are
never stored, never cached, and one of them marks the site blocked for the rest of the run.
"""

from __future__ import annotations

import logging
import re

from scrapy.exceptions import IgnoreRequest
from scrapy.extensions.httpcache import DummyPolicy
from scrapy.http import Response, TextResponse
from scrapy.utils.defer import deferred_from_coro

from pipelines import stats as keys

logger = logging.getLogger(__name__)

BLOCK_PHRASES = ("请求方法存在潜在安全风险", "云堤", "您的访问被阻断", "对网站造成安全威胁")
SCRIPT_MARKERS = ("$_ts", "__jsl_clearance", "wzwschallenge", "WZWSREL")
CHALLENGE_COOKIES = ("__jsluid", "wzws_cid")
CHALLENGE_TITLES = ("安全验证", "访问验证", "访问被拒绝", "安全检测")
CHALLENGE_STATUSES = (412, 521)
# Real pages, even empty columns, carry hundreds of characters of navigation and footer.
TINY_TEXT_CHARS = 300
# Block pages explain themselves in a paragraph or two; a report quoting a phrase is far longer.
BLOCK_PAGE_MAX_CHARS = 1000

INVISIBLE_RE = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
TAG_RE = re.compile(r"<[^>]+>")
TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)


def visible_text(html: str) -> str:
    """The characters a reader would see, whitespace removed."""
    return "".join(TAG_RE.sub(" ", INVISIBLE_RE.sub(" ", html)).split())


def challenge_reason(status: int, cookies: list[str], html: str) -> str | None:
    """Why this answer is an anti-bot challenge or block page, or None for an ordinary page.

    ``cookies`` are the response's Set-Cookie values, ``html`` its decoded body.
    """
    visible = len(visible_text(html))
    if visible >= BLOCK_PAGE_MAX_CHARS:
        return None
    for phrase in BLOCK_PHRASES:
        if phrase in html:
            return f"block page ({phrase})"
    if visible >= TINY_TEXT_CHARS:
        return None
    for marker in SCRIPT_MARKERS:
        if marker in html:
            return f"challenge script ({marker})"
    for name in CHALLENGE_COOKIES:  # these firewalls also set them on ordinary pages
        if status >= 400 and any(cookie.lstrip().startswith(name) for cookie in cookies):
            return f"challenge cookie ({name}) on HTTP {status}"
    title = TITLE_RE.search(html)
    for word in CHALLENGE_TITLES:
        if title and word in title.group(1):
            return f"challenge page ({word})"
    if status in CHALLENGE_STATUSES:
        return f"HTTP {status} without content"
    return None


def response_challenge(response: Response) -> str | None:
    cookies = [value.decode("latin-1") for value in response.headers.getlist("Set-Cookie")]
    html = response.text if isinstance(response, TextResponse) else ""  # a PDF or image is judged by status and cookies
    return challenge_reason(response.status, cookies, html)


class ChallengeMiddleware:
    """Downloader middleware: drops challenge pages and stops the site once it is blocked.

    Sits below HttpCompressionMiddleware (590), so it reads plain bodies, and above
    HttpCacheMiddleware (moved to 580 in the settings), so a challenge never reaches the cache.
    Stats: ``nianbao/blocked`` (challenge pages met) and ``nianbao/blocked_reason``.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.blocked = False

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request):
        if self.blocked:
            raise IgnoreRequest(f"site blocked for this run: {request.url}")

    def process_response(self, request, response):
        reason = response_challenge(response)
        if reason is None:
            return response
        self.stats.inc_value(keys.BLOCKED)
        if not self.blocked:
            self.blocked = True
            self.stats.set_value(keys.BLOCKED_REASON, reason)
            logger.warning("%s answers with an anti-bot page (%s); the site is blocked for this run", response.url, reason)
            # Not awaited: closing waits for the requests in progress, this one included.
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="blocked"))
        raise IgnoreRequest(f"anti-bot page: {response.url} ({reason})")


class ContentOnlyCachePolicy(DummyPolicy):
    """HTTP cache policy for development sessions: only real 200 pages are cached.

    Error answers (anything but 200) and challenge pages are never written, so a
    cached session cannot replay a block page as content.
    """

    def should_cache_response(self, response, request):
        return response.status == 200 and response_challenge(response) is None
