"""Which copy of a report is the canonical one.

Preference, most important first: the agency's own government site, then any government site,
then mirrors; no quality flags; written in Simplified script; the longest clean text; the
earliest published; finally the report id, so the choice never depends on arrival order.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import urlsplit

OWN_SITE, GOVERNMENT_SITE, MIRROR_SITE = 0, 1, 2
NOT_NAME_RE = re.compile(r"[\s\u3000·()（）]+")
GENERAL_OFFICE_RE = re.compile(r"(?<=政府)办公(?:室|厅)$")
PLACE_RE = re.compile(r"(?:省|自治区|市|州|盟|县|旗|区|镇|乡|街道)$")


def plain_name(name: str | None) -> str:
    return NOT_NAME_RE.sub("", name or "")


def same_agency(a: str | None, b: str | None) -> bool:
    """False only when both agencies are known and neither name ends the other: ``市财政局`` is
    ``临江市财政局``. A place stands for its government (``临江市2023年…`` is 临江市人民政府's
    report), and a government and its general office (``市政府办公室``, which often signs the
    government's report) count as one."""
    if not a or not b:
        return True
    a, b = (comparable_agency(name) for name in (a, b))
    return a.endswith(b) or b.endswith(a)


@lru_cache(maxsize=1 << 16)  # the agency guard compares each new report's agency with a group's members
def comparable_agency(name: str) -> str:
    """``临江市人民政府办公室``, ``临江市人民政府`` and ``临江市`` -> ``临江市政府``."""
    name = GENERAL_OFFICE_RE.sub("", name.replace("人民政府", "政府"))
    return name + "政府" if PLACE_RE.search(name) else name


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return host == "localhost"
    return True


def site_rank(site: dict | None, url: str, agency: str | None) -> int:
    """OWN_SITE when the site is the agency's own (see ``same_agency``), GOVERNMENT_SITE for other
    government sites, else MIRROR_SITE.

    A registry row with ``level`` ``mirror`` is a mirror; so is a named host outside ``.gov.cn``.
    """
    site = site or {}
    host = (urlsplit(url).hostname or "").lower()
    if site.get("level") == "mirror" or not (host.endswith(".gov.cn") or _is_address(host)):
        return MIRROR_SITE
    if agency and site.get("name") and same_agency(plain_name(site.get("name")), plain_name(agency)):
        return OWN_SITE
    return GOVERNMENT_SITE


def preference(site_rank: int, flagged: bool, traditional: bool, length: int, published: str | None, report_id: str) -> tuple:
    """Sort key of a copy: the smallest is the canonical one."""
    return (site_rank, bool(flagged), bool(traditional), -length, published or "9999-99-99", report_id)
