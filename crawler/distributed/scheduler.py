"""scrapy-redis 0.9.1's scheduler, adapted to Scrapy 2.19: its stats calls pass the ``spider``
argument that ``StatsCollector`` deprecates (a warning per run and, in a later Scrapy, an error).
Everything else (the Redis queue, the duplicate filter, request serialisation) is scrapy-redis's."""

from scrapy_redis import scheduler


class Scheduler(scheduler.Scheduler):
    def enqueue_request(self, request):
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self):
        request = self.queue.pop(self.idle_before_close)
        if request:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request
