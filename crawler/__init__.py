"""nianbao: a Scrapy project that harvests government information-disclosure annual reports."""
