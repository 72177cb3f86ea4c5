"""The cleaning chain. Each module does one job as a pure function ``process(record)`` over a
report record (a ``ReportItem`` or a plain dict), wrapped by a Scrapy pipeline.

``CLEANING_STAGES`` is the order, the one definition of it: ``pipelines.chain`` runs these stages
outside a crawl and ``crawler.cleaning`` in a crawl (in worker processes); then validate, the
corpus store's stage (``store.pipeline``) and the tally.
"""

# Module names, in order; each has ``process`` and ``<Name>Pipeline``.
CLEANING_STAGES = ("body", "normalize", "metadata", "boilerplate", "statistics")


class StagePipeline:
    """A Scrapy item pipeline that applies one stage function to each item."""

    stage = None

    def process_item(self, item):
        return type(self).stage(item)
