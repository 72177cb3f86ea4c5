"""Tally stage: counts stored items by kind, so the run report can tell reports from the rest."""


class KindTallyPipeline:
    """Stats ``nianbao/stored_kind/<kind>`` for every item that reached storage."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        self.stats.inc_value(f"nianbao/stored_kind/{item.get('kind')}")
        return item
