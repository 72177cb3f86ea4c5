"""The report item: what a spider yields and the pipelines complete.

Its stored fields are those of the report record (``pipelines.record.Report``); the raw fields
below are what the spider hands to the pipelines and are not stored as columns.
"""

import scrapy

from pipelines.record import REPORT_FIELDS

RAW_FIELDS = (
    "html",  # decoded detail page (or None for a .txt input)
    "listing",  # dict from the listing: title, date, index_no, ... as the listing gives them
    "site",  # the registry row (dict)
    "template",  # CMS family that fetched the page
    "attachments",  # list of {"url", "name"}
)

ReportItem = type(
    "ReportItem",
    (scrapy.Item,),
    {name: scrapy.Field() for name in REPORT_FIELDS + RAW_FIELDS},
)
