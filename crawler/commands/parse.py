"""``scrapy parse``, without the deprecation warning Scrapy 2.19's own command triggers.

The command wraps the spider callback it runs in a function that returns a Deferred and takes
the callback's name, so Scrapy warns "ReportSpider.parse returned a Deferred" about a project
callback that returns none (scrapy/scrapy#7147 deprecated Deferreds from callbacks; the parse
command still makes them). Only that warning, only during ``scrapy parse``, is silenced.
"""

import warnings

from scrapy.commands import parse
from scrapy.exceptions import ScrapyDeprecationWarning


class Command(parse.Command):
    def run(self, args, opts):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r".* returned a Deferred\. Returning Deferreds from spider callbacks is deprecated",
                                    category=ScrapyDeprecationWarning)
            super().run(args, opts)
