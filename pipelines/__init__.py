"""Item pipeline stages. Each module does one job as a pure function ``process(record)``
over a report record (a ``ReportItem`` or a plain dict), wrapped by a Scrapy pipeline.

Order (see ``CLEANING_STAGES`` in ``pipelines.chain``): body -> normalize -> metadata ->
boilerplate -> validate, then storage.
"""


class StagePipeline:
    """A Scrapy item pipeline that applies one stage function to each item."""

    stage = None

    def process_item(self, item):
        return type(self).stage(item)
