"""Tally stage: counts stored items by kind, so the run report can tell reports from the rest."""

from . import stats as keys


class KindTallyPipeline:
    """Stats ``nianbao/stored_kind/<kind>`` for every item that reached storage."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        self.stats.inc_value(keys.stored_kind(item.get("kind")))
        return item
