"""Spider contracts checked against the demo sites: ``nianbao demo --serve`` in one terminal,
``scrapy check`` in another (``-s NIANBAO_DEMO_PORT=P`` when the demo was served with ``--port P``).

``@demo listing`` / ``@demo report`` sends the callback its family's demo page: the column, or
one annual report (the ``auto`` and ``sniff`` spiders use the generic family's site); the spider
crawls that site, as with ``-a url=``. ``@cleans FIELD …`` runs the cleaning chain on each item
the callback returns and fails when one of the fields comes out empty.
"""

from __future__ import annotations

from scrapy.contracts import Contract
from scrapy.exceptions import ContractFail

from crawler.demo.sites import DEMO_PORT, demo_pages
from pipelines.chain import clean_record

SNIFFING_SPIDERS = ("auto", "sniff")  # they meet any family; the generic site is theirs


class DemoPage(Contract):
    name = "demo"

    def __init__(self, method, *args):
        super().__init__(method, *args)
        self.spider = method.__self__

    def adjust_request_args(self, args):
        port = self.spider.settings.getint("NIANBAO_DEMO_PORT", DEMO_PORT)
        family = "generic" if self.spider.name in SNIFFING_SPIDERS else self.spider.name
        pages = demo_pages(port).get(family)
        if pages is None:
            raise ContractFail(f"no demo site of the {family} family (crawler.demo.sites)")
        if self.spider.site is None:
            self.spider.use_site(pages.site)
        kinds = {"listing": pages.column, "report": pages.report}
        if self.args[0] not in kinds:
            raise ContractFail(f"@demo takes one of {', '.join(kinds)}, not {self.args[0]!r}")
        args["url"] = kinds[self.args[0]]
        return args


class Cleans(Contract):
    name = "cleans"

    def post_process(self, output):
        for item in output:
            if not isinstance(item, dict) and not hasattr(item, "fields"):
                continue
            record = clean_record({**dict(item), "flags": []})
            empty = [name for name in self.args if not record.get(name)]
            if empty:
                raise ContractFail(f"{record.get('url')}: cleaned without {', '.join(empty)}")
