"""The crawl's ``nianbao/…`` stats keys, in one place: every stage and spider counts under these
names and ``crawler.run.SiteResult`` reads them back, so a rename cannot silently read 0."""

PREFIX = "nianbao/"

LISTING_PAGES = PREFIX + "listing_pages"
LISTING_PAGES_CAPPED = PREFIX + "listing_pages_capped"
HANWEB_GET_FALLBACK = PREFIX + "hanweb_get_fallback"
FAMILY = PREFIX + "family"
COLUMN_URL = PREFIX + "column_url"
CHARSET_REPAIRED = PREFIX + "charset_repaired"
BLOCKED = PREFIX + "blocked"
BLOCKED_REASON = PREFIX + "blocked_reason"
DETAILS_SKIPPED = PREFIX + "details_skipped"
DETAILS_RECHECKED = PREFIX + "details_rechecked"
DETAILS_FAILED = PREFIX + "details_failed"
DETAILS_NOT_MODIFIED = PREFIX + "details_not_modified"
# Detail pages not fetched, or answered 304, because of a decision remembered from an earlier run (crawler.decisions).
REMEMBERED = PREFIX + "remembered/"
INVALID_REPORTS = PREFIX + "invalid_reports"
NON_REPORTS_SKIPPED = PREFIX + "non_reports_skipped"
REPORTS_STORED = PREFIX + "reports_stored"
DEDUPE_CANONICAL_REPLACED = PREFIX + "dedupe_canonical_replaced"
# The coverage audit (crawler.audit) and the safety net (crawler.spiders.base).
LISTING_ROWS = PREFIX + "listing_rows"
REPORT_LIKE_LINKS = PREFIX + "report_like_links"
DETAILS_FOLLOWED = PREFIX + "details_followed"
SUSPECTS = PREFIX + "suspects"
SAFETY_NET_FOLLOWED = PREFIX + "safety_net_followed"

# Pages a site's crawl lost (crawler.bounds, the base spider): a run is ``ok`` only without any.
PAGES_OVER_SIZE = PREFIX + "lost/size_cap"  # larger than DOWNLOAD_MAXSIZE, as sent or decompressed
PAGES_TIMED_OUT = PREFIX + "lost/timeout"  # still timing out after the retries
DETAILS_CAPPED = PREFIX + "lost/detail_cap"  # detail pages past NIANBAO_MAX_DETAIL_PAGES
PAGES_REDIRECT_REFUSED = PREFIX + "lost/redirect_refused"  # redirected to another host, to file: or data:

STORE_OUTCOMES = ("new", "updated", "unchanged")
MATCHES = ("exact", "same report", "near-identical")


def reports_outcome(outcome: str) -> str:
    """``nianbao/reports_new``, ``…_updated``, ``…_unchanged``."""
    assert outcome in STORE_OUTCOMES, outcome
    return f"{PREFIX}reports_{outcome}"


def remembered(reason: str) -> str:
    """``nianbao/remembered/junk``, ``…/size cap`` …: detail pages left alone for a remembered decision."""
    return REMEMBERED + reason


def dedupe_match(how: str) -> str:
    """``nianbao/dedupe_exact``, ``…_same_report``, ``…_near_identical``."""
    assert how in MATCHES, how
    return f"{PREFIX}dedupe_{how.replace(' ', '_')}"


def stored_kind(kind: str | None) -> str:
    """``nianbao/stored_kind/annual`` …: items that reached storage, by kind."""
    return f"{PREFIX}stored_kind/{kind}"

# Attachments (crawler.attachments): files downloaded, reused from the corpus, and their outcomes.
ATTACHMENTS_FETCHED = PREFIX + "attachments_fetched"
ATTACHMENTS_REUSED = PREFIX + "attachments_reused"
TEXT_FROM_ATTACHMENT = PREFIX + "text_from_attachment"


def attachment_outcome(outcome: str) -> str:
    """``nianbao/attachments/ok``, ``…/too-large``, ``…/corrupt`` …"""
    return f"{PREFIX}attachments/{outcome}"
