"""The corpus store: the one module that knows the corpus's tables and SQL.

- ``store.schema``: the tables, their indexes and the migrations that bring an older corpus up
  to date when it is opened;
- ``store.write``: ``Corpus``, the corpus opened for writing: each report is placed in its
  duplicate group and written with its signature, source, attachments and any re-pointing of the
  group in one transaction; the ``sites`` and ``crawl_runs`` rows;
- ``store.read``: read-only look-ups (incremental crawling) and the queries behind ``search``,
  ``export``, ``stats`` and ``browse`` (``store.queries`` holds the SQL they share with the
  Datasette canned queries);
- ``store.pipeline``: the Scrapy item-pipeline stage that hands each report to ``Corpus``.

Dependencies run one way: the store uses ``pipelines`` (the report record and the pure dedupe
index); nothing in ``pipelines`` imports the store.
"""

from __future__ import annotations

import os

DEFAULT_DB = "output/nianbao.db"
DB_ENV = "NIANBAO_DB"


def default_db() -> str:
    """The corpus path when none is given: ``$NIANBAO_DB``, else ``output/nianbao.db``."""
    return os.environ.get(DB_ENV, DEFAULT_DB)
