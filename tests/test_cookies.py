"""Cookies are judged by tldextract's bundled public-suffix list: the first Set-Cookie makes no
request to the internet (Scrapy's own extractor downloads the list when its cache is empty)."""

from __future__ import annotations

import socket

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares import cookies
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from tldextract import TLDExtract

from crawler.cookies import OfflineCookiesMiddleware


@pytest.fixture
def connections(monkeypatch):
    """Every host name looked up or connection attempted, each refused."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(cookies, "_split_domain", cookies._split_domain)  # restored after the test
    return attempts


def set_cookie_round(middleware) -> Request:
    url = "http://www.linjiang.gov.cn/xxgk/index.html"
    response = HtmlResponse(url, headers={"Set-Cookie": "JSESSIONID=abc; Path=/; Domain=.linjiang.gov.cn"}, body=b"<html></html>")
    middleware.process_response(Request(url), response)
    following = Request("http://www.linjiang.gov.cn/xxgk/2.html")
    middleware.process_request(following)
    return following


def test_the_first_set_cookie_downloads_nothing(connections):
    middleware = OfflineCookiesMiddleware.from_crawler(get_crawler())
    following = set_cookie_round(middleware)
    assert following.headers.get("Cookie") == b"JSESSIONID=abc"
    assert connections == []


def test_scrapys_own_extractor_would_go_online(connections, tmp_path):
    """The behaviour replaced: an extractor with an empty cache asks the internet for the list."""
    cookies._split_domain = TLDExtract(cache_dir=str(tmp_path), include_psl_private_domains=True)
    middleware = cookies.CookiesMiddleware.from_crawler(get_crawler())
    set_cookie_round(middleware)
    assert connections
