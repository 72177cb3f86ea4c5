"""The report item: what a spider yields and the pipelines complete."""

import scrapy

# Columns stored in the ``reports`` table, in order.
REPORT_FIELDS = (
    "url",
    "site_id",
    "title",
    "year",
    "kind",
    "kind_source",  # evidence for kind: title, listing or body; null when nothing tells (kind other)
    "year_source",  # evidence for year: title, listing, body or signature; null with year
    "published",
    "agency",
    "province",
    "city",
    "county",
    "index_no",
    "doc_no",
    "text",
    "text_original",
    "original_script",
    "flags",
    "removed",  # list of {"kind", "text"}: spam and mojibake junk the normalize stage cut out
    "content_hash",
    "fetched_at",
    "dup_of",  # id of the canonical copy when this report duplicates another; null for canonical ones
)

# Raw material the spider hands to the pipelines; not stored as columns.
RAW_FIELDS = (
    "html",  # decoded detail page (or None for a .txt input)
    "listing",  # pipelines.listing.ListingRecord: what the column's list says of the page
    "site",  # the registry row (dict)
    "template",  # CMS family that fetched the page
    "attachments",  # list of {"url", "name"}
    "containers",  # CSS of the CMS families' body containers, the crawling family's first (crawler.families)
)

KINDS = ("annual", "half-year", "other")


ReportItem = type(
    "ReportItem",
    (scrapy.Item,),
    {name: scrapy.Field() for name in REPORT_FIELDS + RAW_FIELDS},
)
