"""The report item: what a spider yields and the pipelines complete.

Its stored fields are those of the report record (``pipelines.record.Report``); the raw fields
below are what the spider hands to the pipelines and are not stored as columns.
"""

import scrapy

from pipelines.record import REPORT_FIELDS

RAW_FIELDS = (
    "html",  # decoded detail page (or None for a .txt input)
    "listing",  # pipelines.listing.ListingRecord: what the column's list says of the page
    "site",  # the registry row (dict)
    "template",  # CMS family that fetched the page
    "attachments",  # list of {"url", "name"}
    "stats",  # the statistics tables as numbers, checked (pipelines.statistics); stored in report_stats
    "attachment_files",  # what reading each downloaded attachment gave (crawler.attachments)
    "containers",  # CSS of the CMS families' body containers, the crawling family's first (crawler.families)
)

PRIVATE_FIELDS = (
    "_page_tree",  # the parsed page, from the body stage to the metadata stage (pipelines.page); never stored
)

CORPUS_FIELDS = (  # set by the store's stage (store.pipeline)
    "id",  # the report's row id
    "sources",  # every URL the report was found at
)

ReportItem = type(
    "ReportItem",
    (scrapy.Item,),
    # __module__ named, or pickle (the cleaning workers, crawler.cleaning) looks for the class in abc.
    {"__module__": __name__, **{name: scrapy.Field() for name in REPORT_FIELDS + RAW_FIELDS + PRIVATE_FIELDS + CORPUS_FIELDS}},
)
