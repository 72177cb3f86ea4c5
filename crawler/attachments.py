"""Attachments of report pages: downloaded through the crawl, read, recorded (a Scrapy media pipeline).

The files go through Scrapy's downloader like pages do, so the per-host delay, AutoThrottle,
robots.txt, retries and the challenge check apply; each request carries a size cap
(``NIANBAO_ATTACHMENT_MAXSIZE``, Scrapy's ``download_maxsize``). A file the corpus has read before
(any outcome but a transient one) is not fetched again; with ``NIANBAO_REFRESH`` it is asked for conditionally
(``If-Modified-Since`` its fetch time). The downloads stay on the reactor; a downloaded file
travels on the item (``attachment_files``, with its ``body``) to the cleaning chain, which reads it
in a worker process (``read_downloads``, ``pipelines.files``, ``crawler.cleaning``) before
``pipelines.attachment_text`` decides whether the report's text is the page's or a file's;
``AttachmentOutcomesPipeline`` then counts the outcomes. With ``NIANBAO_KEEP_FILES`` the files are
kept under ``files/`` beside the corpus, named by their SHA-256.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.pipelines.media import MediaPipeline

from crawler.incremental import if_modified_since
from pipelines import files
from pipelines.files.outcome import text_source
from pipelines import stats as keys
from store.read import stored_reports

logger = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = ("pdf", "doc", "docx", "wps", "ofd")
# Outcomes worth another download on the next crawl: the failure may not be the file's.
TRANSIENT = ("failed", "http-error", "no-converter")
# Second-level labels under which the registrable domain has three labels (bengbu.gov.cn).
SECOND_LEVEL = ("gov", "com", "net", "org", "edu")


class AttachmentFailed(Exception):
    def __init__(self, url: str, outcome: str, detail: str):
        super().__init__(f"{url}: {outcome} ({detail})")
        self.url, self.outcome, self.detail = url, outcome, detail


def registrable(host: str) -> str:
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:]) if not host.replace(".", "").isdigit() else host


def file_host_allowed(file_url: str, page_url: str, extra_hosts: tuple[str, ...] = ()) -> bool:
    """Files come from the page's own domain (any of its hosts: www., xxgk., file.) or a listed file host."""
    host, page_host = urlsplit(file_url).hostname or "", urlsplit(page_url).hostname or ""
    return host == page_host or registrable(host) == registrable(page_host) or host in extra_hosts


def document_links(links: list[dict]) -> list[dict]:
    """The attachment links whose URL or name ends in a document suffix (PDF, Word, WPS, OFD)."""
    return [link for link in links or () if files.suffix_of(link.get("url")) in DOCUMENT_SUFFIXES
            or files.suffix_of(link.get("name")) in DOCUMENT_SUFFIXES]


def reading(extraction: files.Extraction) -> dict:
    return {"outcome": extraction.outcome, "detail": extraction.detail, "format": extraction.format,
            "pages": extraction.pages, "ocr_pages": extraction.ocr_pages, "text": extraction.text or None,
            "text_source": extraction.text_source}


def read_download(download: dict, ocr: bool, keep_folder: str | None) -> dict:
    """The record of a downloaded file (``download`` holds its ``body``): its reading, its SHA-256
    and, with a ``keep_folder``, where it was kept."""
    body = download["body"]
    extraction = files.extract(body, download.get("name") or download["url"], ocr)
    digest = hashlib.sha256(body).hexdigest()
    return {**{key: value for key, value in download.items() if key != "body"}, "sha256": digest,
            "path": keep(body, digest, extraction.format, keep_folder), **reading(extraction)}


def keep(body: bytes, digest: str, suffix: str, keep_folder: str | None) -> str | None:
    if keep_folder is None or suffix not in DOCUMENT_SUFFIXES:
        return None
    folder = Path(keep_folder)
    path = folder / digest[:2] / f"{digest}.{suffix}"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
    return str(path.relative_to(folder.parent))


def read_downloads(item, ocr: bool, keep_folder: str | None):
    """``item`` with its downloaded files read (CPU work: run in a cleaning worker) and each of
    its ``attachments`` links given its file's format and outcome."""
    readings = [read_download(file, ocr, keep_folder) if "body" in file else file for file in item.get("attachment_files") or ()]
    item["attachment_files"] = readings
    by_url = {file["url"]: file for file in readings}
    item["attachments"] = [{"url": link["url"], "name": link.get("name"), "format": by_url.get(link["url"], {}).get("format"),
                            "outcome": by_url.get(link["url"], {}).get("outcome")} for link in item.get("attachments") or ()]
    return item


class AttachmentsPipeline(MediaPipeline):
    LOG_FAILED_RESULTS = False

    def __init__(self, crawler):
        super().__init__(crawler=crawler)
        settings = crawler.settings
        self.enabled = settings.getbool("NIANBAO_ATTACHMENTS", True)
        self.maxsize = settings.getint("NIANBAO_ATTACHMENT_MAXSIZE")
        self.per_page = settings.getint("NIANBAO_ATTACHMENTS_PER_PAGE")
        self.refresh = settings.getbool("NIANBAO_REFRESH")
        self.extra_hosts = tuple(settings.getlist("NIANBAO_FILE_HOSTS"))
        self.stored = stored_reports(settings)
        self.stats = crawler.stats
        self.failed: dict[str, AttachmentFailed] = {}  # by link URL, for this crawl

    def close_spider(self):
        self.stored.close()

    def wanted(self, item) -> list[dict]:
        """The item's document links this pipeline reads, in order."""
        if not self.enabled:
            return []
        links = [link for link in document_links(item.get("attachments"))
                 if file_host_allowed(link["url"], item["url"], self.extra_hosts)]
        return links[:self.per_page]

    def get_media_requests(self, item, info):
        # meta["link"] is the URL as the page wrote it (the request's may be percent-encoded): readings are keyed by it.
        return [Request(link["url"], meta={"download_maxsize": self.maxsize, "nianbao": "attachment", "name": link.get("name"),
                                           "link": link["url"], "allow_offsite": True},  # file_host_allowed decided
                        headers={"Referer": item["url"]}) for link in self.wanted(item)]

    def media_to_download(self, request, info, *, item=None):
        known = self.stored.attachment(request.meta["link"])
        if known is None or known["outcome"] in TRANSIENT:
            return None
        known["text_source"] = text_source(known["format"], known.get("pages"), known.get("ocr_pages"))
        if self.refresh:  # asked again, conditionally: 304 Not Modified keeps the stored reading
            request.meta["stored"] = known
            request.headers["If-Modified-Since"] = if_modified_since(known["fetched_at"])
            return None
        self.stats.inc_value(keys.ATTACHMENTS_REUSED)
        return known

    async def media_downloaded(self, response, request, info, *, item=None):
        self.stats.inc_value(keys.ATTACHMENTS_FETCHED)
        if response.status == 304 and request.meta.get("stored"):
            self.stats.inc_value(keys.ATTACHMENTS_REUSED)
            return request.meta["stored"]
        if response.status >= 400:
            raise AttachmentFailed(request.meta["link"], "http-error", f"HTTP {response.status}")
        return {"url": request.meta["link"], "name": request.meta.get("name"), "size": len(response.body),
                "content_type": response.headers.get(b"Content-Type", b"").decode("latin-1") or None,
                "fetched_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "body": response.body}

    def media_failed(self, failure, request, info):
        """The file's outcome, kept for ``item_completed``; nothing is raised, so a bad file is no crawl error."""
        error, message = failure.value, str(failure.value)
        if isinstance(error, AttachmentFailed):
            self.failed[error.url] = error
        elif "download max size" in message:  # Scrapy's words for a body (or its decompression) over download_maxsize
            self.failed[request.meta["link"]] = AttachmentFailed(request.meta["link"], "too-large",
                                                                 f"over NIANBAO_ATTACHMENT_MAXSIZE ({self.maxsize} bytes)")
        else:
            self.failed[request.meta["link"]] = AttachmentFailed(request.meta["link"], "failed",
                                                                 f"{error.__class__.__name__}: {message[:200]}")

    def item_completed(self, results, item, info):
        readings = []
        for link, (ok, value) in zip(self.wanted(item), results):
            if ok and value:
                readings.append(value)
                continue
            error = self.failed.get(link["url"]) or AttachmentFailed(link["url"], "failed", str(getattr(value, "value", value))[:200])
            readings.append({"url": error.url, "outcome": error.outcome, "detail": error.detail})
        item["attachment_files"] = readings
        return item

    def file_path(self, request, response=None, info=None, *, item=None):
        return request.url


class AttachmentOutcomesPipeline:
    """After the cleaning chain read the files: counts their outcomes, warns of each failed one,
    counts the reports whose text came from a file."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        for file in item.get("attachment_files") or ():
            self.stats.inc_value(keys.attachment_outcome(file["outcome"]))
            if file["outcome"] != "ok":
                logger.warning("attachment %s of %s: %s (%s)", file["url"], item["url"], file["outcome"], file.get("detail"))
        if item.get("text_source") not in (None, "html"):
            self.stats.inc_value(keys.TEXT_FROM_ATTACHMENT)
        return item
