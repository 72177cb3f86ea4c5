"""A response held until its items pass the pipelines no longer holds its parsed tree."""

import asyncio

from scrapy import Spider
from scrapy.core.spidermw import SpiderMiddlewareManager
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.run import project_settings


class LinksSpider(Spider):
    name = "links"

    def parse(self, response):
        yield {"links": response.css("a::attr(href)").getall()}


def scraped(response) -> list:
    """The callback's output through the project's spider middlewares (but the incremental one, which needs a corpus)."""
    middlewares = {name: order for name, order in project_settings().getdict("SPIDER_MIDDLEWARES").items()
                   if name != "crawler.incremental.IncrementalMiddleware"}
    crawler = get_crawler(LinksSpider, {"SPIDER_MIDDLEWARES": middlewares})
    crawler.spider = crawler._create_spider()
    manager = SpiderMiddlewareManager.from_crawler(crawler)

    async def callback(response, request):
        return crawler.spider.parse(response)

    async def run():
        output = await manager.scrape_response_async(callback, response, response.request)
        return [item async for item in output]

    return asyncio.run(run())


def page(body: bytes) -> HtmlResponse:
    request = Request("http://www.example.gov.cn/xxgk/nb/index.html")
    return HtmlResponse(request.url, body=body, encoding="utf-8", request=request)


def test_the_tree_is_let_go_once_the_callback_is_done():
    response = page(b'<a href="/2024.pdf">2024</a>')
    assert scraped(response) == [{"links": ["/2024.pdf"]}]
    assert response._cached_selector is None


def test_a_page_read_again_is_parsed_again():
    response = page(b'<a href="/2024.pdf">2024</a>')
    scraped(response)
    assert response.css("a::attr(href)").getall() == ["/2024.pdf"]
