"""The cleaning chain. Each module does one job as a pure function ``process(record)`` over a
report record (a ``ReportItem`` or a plain dict).

``CLEANING_STAGES`` is the order, the one definition of it: ``pipelines.chain`` runs these stages
outside a crawl and ``crawler.cleaning`` in a crawl (in worker processes); then validate, the
corpus store's stage (``store.pipeline``) and the tally.
"""

# Module names, in order; each has ``process``.
CLEANING_STAGES = ("body", "normalize", "metadata", "boilerplate", "statistics")

