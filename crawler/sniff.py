"""Which CMS family a site runs: ``fingerprint`` weighs each family's signs (``SIGNS`` of the
modules in ``crawler.families``) on a column page, and on its report pages when they are at
hand, and names the family with the most weight, with the evidence for it."""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.families import FAMILIES
from crawler.parsers.common import text_of

MIN_SCORE = 3
CONCLUSIVE = 4  # a sign this heavy names the family alone; lighter ones need a second sign
FALLBACK = "generic"


@dataclass
class Sniff:
    family: str
    evidence: list[str] = field(default_factory=list)
    scores: dict = field(default_factory=dict)


def fingerprint(page, url: str = "", *more_pages) -> Sniff:
    """The CMS family of a column's first page (and of any report pages given after the URL);
    ``generic`` when no family shows enough signs: a total of ``MIN_SCORE`` from two signs, or
    one conclusive sign (a pager script alone is copied by other sites)."""
    text = "\n".join([text_of(page), url, *(text_of(extra) for extra in more_pages)])
    scores = {name: 0 for name, module in FAMILIES.items() if module.SIGNS}
    evidence: dict[str, list[str]] = {name: [] for name in scores}
    for name in scores:
        for weight, label, pattern in FAMILIES[name].SIGNS:
            if pattern.search(text):
                scores[name] += weight
                evidence[name].append(label)
    family = max(scores, key=scores.get)
    heaviest = max((weight for weight, label, _ in FAMILIES[family].SIGNS if label in evidence[family]), default=0)
    if scores[family] < MIN_SCORE or (len(evidence[family]) < 2 and heaviest < CONCLUSIVE):
        weak = [label for name in scores for label in evidence[name]]
        return Sniff(FALLBACK, ["no family shows enough signs"] + weak, scores)
    return Sniff(family, evidence[family], scores)
