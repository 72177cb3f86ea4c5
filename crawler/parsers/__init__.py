"""Pure page parsers: an HTML string or a Scrapy response in, plain data out.

They never fetch anything, so they can be tested on stored pages and called from
``scrapy shell`` on ``response`` directly.
"""
