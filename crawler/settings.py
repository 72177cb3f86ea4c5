"""Scrapy settings for nianbao. Every value can be overridden with ``-s NAME=VALUE``."""

import os

from store import default_db
from store.read import EXPORT_COLUMNS

BOT_NAME = "nianbao"

SPIDER_MODULES = ["crawler.spiders", "crawler.families"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

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
# Outputs of one response processed at once. A detail page yields one item and a listing page its
# requests, so a few suffice; Scrapy starts this many asyncio tasks for every response (the
# default, 100, cost about a third of the crawl process's CPU on the crawl bench).
CONCURRENT_ITEMS = 4
# Bounds on one page (crawler.bounds): a body larger than this, as sent or once decompressed, is
# dropped and counted as lost (Scrapy's default, 1 GiB, let a gzip bomb take gigabytes per site).
# Report pages are HTML of at most a few hundred kB; the body stage takes about 1 s per 4 MiB.
DOWNLOAD_MAXSIZE = 4 * 1024 * 1024
DOWNLOAD_WARNSIZE = 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
# A retried request (5xx, timeout) waits 5 s, then 10 s, 20 s … at most 120 s before it goes again.
RETRY_BACKOFF_BASE = 5.0
RETRY_BACKOFF_MAX = 120.0

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.bounds.BoundedDecompression": 590,
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": None,
    "crawler.cookies.OfflineCookiesMiddleware": 700,  # no download of the public-suffix list  # Scrapy's decompression, counting the pages DOWNLOAD_MAXSIZE drops
    "crawler.bounds.RefusedRedirectsMiddleware": 610,  # sees a redirect before RedirectMiddleware (600) follows it
    "crawler.middlewares.CharsetRepairMiddleware": 587,  # after decompression (590), before challenge detection (585)
    "crawler.antibot.ChallengeMiddleware": 585,
    # Below decompression (590) and the challenge check (585): the cache holds plain bodies, never a challenge.
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": 580,
    "crawler.backoff.RetryBackoffMiddleware": 560,
    "crawler.bounds.LostPagesMiddleware": 545,  # below the retries (550): final timeouts and size cuts
    "crawler.incremental.DetailOutcomeMiddleware": 540,
    # Last before the download (after DownloaderStats, 850): a detail page waits, unsent, for room in the cleaning backlog.
    "crawler.cleaning.CleaningAdmission": 950,
}

# No telnet console: a crawl opens no listening socket nobody asked for, and with many crawls on
# one machine its ports (6023-6073) run out, an ERROR that made every site of the process partial.
TELNETCONSOLE_ENABLED = False

EXTENSIONS = {
    # log_count/ERROR per site: Scrapy's LogCount counts every crawler's errors in each crawler of the process.
    "scrapy.extensions.logcount.LogCount": None,
    "crawler.extensions.SiteLogCount": 0,
    "crawler.extensions.RunRecorder": 500,
    "crawler.decisions.DecisionRecorder": 510,  # detail pages judged not to be stored, remembered in the corpus
}

SPIDER_MIDDLEWARES = {
    # Nearest the engine (before HttpErrorMiddleware, 50): it sees the output once the callback and every other middleware are done with the page.
    "crawler.middlewares.ParsedPageRelease": 10,
    "crawler.incremental.IncrementalMiddleware": 950,
}

# `scrapy check` checks the callbacks against the demo sites (`nianbao demo --serve`; -s NIANBAO_DEMO_PORT=P for --port P).
SPIDER_CONTRACTS = {"crawler.contracts.DemoPage": 10, "crawler.contracts.Cleans": 20}

# Development cache for `scrapy shell` / `scrapy parse` (-s HTTPCACHE_ENABLED=1); off for crawls.
HTTPCACHE_ENABLED = False
HTTPCACHE_POLICY = "crawler.antibot.ContentOnlyCachePolicy"

ITEM_PIPELINES = {
    # Attachments downloaded (on the reactor); the cleaning chain reads them.
    "crawler.attachments.AttachmentsPipeline": 100,
    # The cleaning stages (pipelines.CLEANING_STAGES) with the files read, in NIANBAO_CLEAN_WORKERS
    # processes; a page whose body is a stub takes its file's text (before normalize).
    "crawler.cleaning.CleaningPipeline": 200,
    "crawler.attachments.AttachmentOutcomesPipeline": 300,
    "pipelines.validate.ValidatePipeline": 400,
    # Placement in a duplicate group and storage, in one transaction (store.write.Corpus.store).
    "store.pipeline.CorpusPipeline": 500,
    "pipelines.tally.KindTallyPipeline": 950,
}

# Processes cleaning pages during a crawl (crawler.cleaning), by default one per core this process
# may use; 0 or 1 cleans in the crawl process itself (scrapy shell, a debugger).
NIANBAO_CLEAN_WORKERS = len(os.sched_getaffinity(0))
# Pages waiting for a cleaning worker (all sites together) at which a crawler pauses its downloads.
NIANBAO_CLEAN_BACKLOG = 64
# Where the corpus goes; the NIANBAO_DB environment variable overrides the default.
NIANBAO_DB = default_db()
# Reports committed together (store.write.Corpus): SQLite and the full-text index write their pages
# once per commit. A batch is committed when full or this many seconds after its first report, and
# when a site's crawl ends; a killed crawl loses at most the open batch, which the next run fetches again.
NIANBAO_STORE_BATCH = 100
NIANBAO_STORE_COMMIT_SECONDS = 1.0
# Upper bound on listing pages walked per site, so a calendar trap cannot run forever.
NIANBAO_MAX_LISTING_PAGES = 500
# Upper bound on detail pages asked for per site (a listing of 100,000 links is not 100,000 fetches).
NIANBAO_MAX_DETAIL_PAGES = 3000
# Pages discovery may read to find a site's annual-report column from a page that is not the column.
NIANBAO_DISCOVERY_PAGES = 15
# Drop column items that are not reports (kind "other": letters, 工作要点, notices) instead of storing them.
NIANBAO_SKIP_NON_REPORTS = False
# Site registry used by `scrapy crawl <template> -a site_id=...`.
NIANBAO_SITES = "seeds/sites.csv"
# Each site logs "<site>: crawling, N report(s) stored (… new, … updated, … unchanged)" every this many reports.
NIANBAO_PROGRESS_EVERY = 25
# `nianbao crawl` / `demo` write a progress line per site at most every this many seconds when
# their output is not a terminal (a terminal gets a live table); Scrapy's own log goes to a file.
NIANBAO_PROGRESS_SECONDS = 10.0
# `nianbao worker`: a site's lease (one worker at a time per site) lapses this long after its
# holder stopped renewing it (a dead worker's sites are taken over then); at most this many sites per worker.
NIANBAO_LEASE_SECONDS = 30.0
NIANBAO_WORKER_SITES = 8
# What the crawl asks which reports are stored: the corpus itself (a worker asks the store's mirror in Redis).
NIANBAO_STORED_REPORTS = "store.read.StoredReports"
# Where the decisions on pages not stored are written (crawler.decisions): the crawl's corpus.
NIANBAO_DECISIONS = "store.pipeline.CorpusDecisions"
# Fetch detail pages again even when their report is already stored (`nianbao crawl --refresh`).
NIANBAO_REFRESH = False

# Attachments of report pages (PDF, Word, WPS, OFD): downloaded, read and recorded in `attachments`.
NIANBAO_ATTACHMENTS = True
# Files larger than this are not downloaded (outcome too-large).
NIANBAO_ATTACHMENT_MAXSIZE = 50 * 1024 * 1024
NIANBAO_ATTACHMENTS_PER_PAGE = 5
# OCR for PDF pages without a text layer (scans).
NIANBAO_OCR = True
# Keep the downloaded files under files/ beside the corpus (`nianbao crawl --keep-files`).
NIANBAO_KEEP_FILES = False
# Hosts other than the site's own domain that its files may come from.
NIANBAO_FILE_HOSTS = []

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
# `scrapy crawl … -O reports.jsonl` writes the fields of `nianbao export`; the raw page on request:
# -s FEED_EXPORT_FIELDS=url,title,html (any item fields, crawler.items).
FEED_EXPORT_FIELDS = list(EXPORT_COLUMNS)
LOG_LEVEL = "INFO"
