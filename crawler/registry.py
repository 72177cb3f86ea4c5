"""The site registry: one CSV row per site (``seeds/sites.csv``)."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REQUIRED_COLUMNS = ("site_id", "name", "province", "city", "county", "level", "template", "start_url")
AUTO = "auto"  # find the column from the start page and sniff its family
# A site id names the site's job folder (crawler.jobs), so it is one plain path segment.
SITE_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
# Options holding a regular expression or a CSS selector, checked when the registry is read.
PATTERN_OPTIONS = ("detail_pattern",)
SELECTOR_OPTIONS = ("body_selector", "list_selector", "next_selector")


def templates() -> tuple[str, ...]:
    """The registry's template names: the CMS families (``crawler.families``) and ``auto``."""
    from crawler.families import NAMES  # the families' spiders import this module

    return (*NAMES, AUTO)


class RegistryError(ValueError):
    """The registry file is malformed; the message names the row and the problem."""


@dataclass
class Site:
    site_id: str
    start_url: str
    template: str = AUTO
    name: str = ""
    province: str | None = None
    city: str | None = None
    county: str | None = None
    level: str | None = None
    division_code: str | None = None
    verified: bool = False
    options: dict = field(default_factory=dict)

    @property
    def host(self) -> str:
        return urlsplit(self.start_url).hostname or ""

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_url(cls, url: str, template: str = AUTO, **fields) -> "Site":
        """An ad hoc site for ``scrapy crawl <template> -a url=...``: the host names it."""
        return cls(site_id=urlsplit(url).hostname or url, start_url=url, template=template, **fields)


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _check_options(options, line: int) -> dict:
    if not isinstance(options, dict):
        raise RegistryError(f"line {line}: options is not a JSON object ({type(options).__name__})")
    for name in PATTERN_OPTIONS:
        if name in options:
            try:
                re.compile(options[name])
            except (re.error, TypeError) as exc:
                raise RegistryError(f"line {line}: options.{name} is not a regular expression ({exc})") from None
    from parsel.csstranslator import HTMLTranslator  # the CSS dialect Scrapy's selectors speak
    from cssselect import SelectorError

    for name in SELECTOR_OPTIONS:
        if name in options:
            try:
                HTMLTranslator().css_to_xpath(options[name])
            except (SelectorError, TypeError, ValueError) as exc:
                raise RegistryError(f"line {line}: options.{name} is not a CSS selector ({exc})") from None
    return options


def _parse_row(row: dict, line: int) -> Site:
    missing = [c for c in ("site_id", "template", "start_url") if not (row.get(c) or "").strip()]
    if missing:
        raise RegistryError(f"line {line}: empty {', '.join(missing)}")
    site_id = row["site_id"].strip()
    if not SITE_ID_RE.fullmatch(site_id) or set(site_id) == {"."}:
        raise RegistryError(f"line {line}: site_id {site_id!r} is not a plain name (letters, digits, '.', '_', '-'; at most 100)")
    template = row["template"].strip()
    if template not in templates():
        raise RegistryError(f"line {line}: unknown template {template!r} (one of {', '.join(templates())})")
    start_url = row["start_url"].strip()
    if urlsplit(start_url).scheme not in ("http", "https"):
        raise RegistryError(f"line {line}: start_url {start_url!r} is not an http(s) URL")
    options_text = (row.get("options") or "").strip()
    try:
        options = json.loads(options_text) if options_text else {}
    except json.JSONDecodeError as exc:
        raise RegistryError(f"line {line}: options is not JSON ({exc})") from None
    return Site(
        site_id=site_id,
        start_url=start_url,
        template=template,
        name=(row.get("name") or "").strip(),
        province=_blank_to_none(row.get("province")),
        city=_blank_to_none(row.get("city")),
        county=_blank_to_none(row.get("county")),
        level=_blank_to_none(row.get("level")),
        division_code=_blank_to_none(row.get("division_code")),
        verified=(row.get("verified") or "").strip().lower() in ("1", "true", "yes", "y"),
        options=_check_options(options, line),
    )


def load_sites(path: str | Path) -> list[Site]:
    """Read and validate a registry CSV."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            absent = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if absent:
                raise RegistryError(f"{path}: missing column(s) {', '.join(absent)}")
            sites = [_parse_row(row, line) for line, row in enumerate(reader, start=2)]
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{path}: not UTF-8 (byte {exc.start}); save it as UTF-8 (Excel: CSV UTF-8)") from None
    except OSError as exc:
        raise RegistryError(f"{path}: {exc.strerror}") from None
    seen: set[str] = set()
    for site in sites:
        if site.site_id in seen:
            raise RegistryError(f"{path}: site_id {site.site_id!r} appears twice")
        seen.add(site.site_id)
    return sites


def write_sites(path: str | Path, sites: list[Site]) -> None:
    """Write a registry CSV (used by the demo to point at its local sites)."""
    columns = list(REQUIRED_COLUMNS) + ["division_code", "verified", "options"]
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for site in sites:
            row = {c: getattr(site, c) or "" for c in columns if c not in ("options", "verified")}
            row["verified"] = "yes" if site.verified else "no"
            row["options"] = json.dumps(site.options, ensure_ascii=False) if site.options else ""
            writer.writerow(row)
