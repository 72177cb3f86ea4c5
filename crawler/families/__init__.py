"""The CMS families, one module each: how to recognise the family (``SIGNS``: weight, what it
shows, pattern; see ``crawler.sniff``), where its report bodies sit (``BODY_SELECTORS``), its
listing parsers (pure functions) and its ``Spider``.

Adding a family is one module and one entry in ``MODULES``.
"""

from __future__ import annotations

from . import epoint, generic, gkmlpt, hanweb, lonsun, trs, truecms, ucap

MODULES = (hanweb, trs, lonsun, gkmlpt, ucap, truecms, epoint, generic)  # generic last: it fits any site
FAMILIES = {module.NAME: module for module in MODULES}
NAMES = tuple(FAMILIES)


def body_selectors(first: str | None = None) -> tuple[str, ...]:
    """Every family's body containers, the family ``first`` leading."""
    ordered = [FAMILIES[first]] if first in FAMILIES else []
    ordered += [module for module in MODULES if module.NAME != first]
    selectors = []
    for module in ordered:
        selectors += [css for css in module.BODY_SELECTORS if css not in selectors]
    return tuple(selectors)
