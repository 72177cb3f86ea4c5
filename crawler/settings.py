"""Scrapy settings for nianbao. Every value can be overridden with ``-s NAME=VALUE``."""

import os

BOT_NAME = "nianbao"

SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

USER_AGENT = "nianbao/0.1 (+research crawler for government annual reports)"

# Politeness: about one request per second per host, many hosts at once.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60
RETRY_ENABLED = True
RETRY_TIMES = 3

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.CharsetRepairMiddleware": 950,
}

ITEM_PIPELINES = {
    "pipelines.body.BodyPipeline": 100,
    "pipelines.normalize.NormalizePipeline": 200,
    "pipelines.metadata.MetadataPipeline": 300,
    "pipelines.boilerplate.BoilerplatePipeline": 350,
    "pipelines.validate.ValidatePipeline": 400,
    "pipelines.storage.SQLitePipeline": 900,
}

# Where the corpus goes; the NIANBAO_DB environment variable overrides the default.
NIANBAO_DB = os.environ.get("NIANBAO_DB", "output/nianbao.db")
# Upper bound on listing pages walked per site, so a calendar trap cannot run forever.
NIANBAO_MAX_LISTING_PAGES = 500
# Site registry used by `scrapy crawl <template> -a site_id=...`.
NIANBAO_SITES = "seeds/sites.csv"

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
