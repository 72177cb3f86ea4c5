"""Crawling on several machines: workers share the registry's sites through Redis (scrapy-redis
schedules each site's requests), and one ``nianbao store`` process writes the corpus.

- ``run``: a run's keys in Redis, the connection, the run's site rows;
- ``lease``: one worker at a time per site (its politeness holds as in one process);
- ``transport``: what a worker sends the store (items, each site's report) and reads back
  (the stored reports' mirror, for incremental crawls);
- ``worker``: the worker's loop, one Scrapy crawler per site it holds.

The store's side is ``store.queue``.
"""
