"""The site registry: one CSV row per site (``seeds/sites.csv``)."""

from __future__ import annotations

import csv
import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REQUIRED_COLUMNS = ("site_id", "name", "province", "city", "county", "level", "template", "start_url")
# What ``nianbao registry verify --write`` records: the column found from the start URL, its
# family, the day of the last check and its outcome; ``note`` is free text (sources, doubts).
CHECK_COLUMNS = ("column_url", "family", "checked", "outcome")
OPTIONAL_COLUMNS = ("division_code", "verified", "options", "note", *CHECK_COLUMNS)
AUTO = "auto"  # find the column from the start page and sniff its family
DIVISION_CODE_RE = re.compile(r"[1-9]\d{5}")  # 行政区划代码 (GB/T 2260): six digits
GOVERNMENT_LEVELS = ("province", "city", "county")  # one row per division; departments and mirrors share their government's code


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
    note: str = ""
    column_url: str | None = None
    family: str | None = None
    checked: str | None = None  # YYYY-MM-DD of the last ``registry verify --write``
    outcome: str | None = None  # what that check found: ok, or why it failed

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


def _parse_row(row: dict, line: int) -> Site:
    missing = [c for c in ("site_id", "template", "start_url") if not (row.get(c) or "").strip()]
    if missing:
        raise RegistryError(f"line {line}: empty {', '.join(missing)}")
    template = row["template"].strip()
    if template not in templates():
        raise RegistryError(f"line {line}: unknown template {template!r} (one of {', '.join(templates())})")
    start_url = row["start_url"].strip()
    if urlsplit(start_url).scheme not in ("http", "https"):
        raise RegistryError(f"line {line}: start_url {start_url!r} is not an http(s) URL")
    division_code = _blank_to_none(row.get("division_code"))
    if division_code and not DIVISION_CODE_RE.fullmatch(division_code):
        raise RegistryError(f"line {line}: division_code {division_code!r} is not a six-digit 行政区划代码")
    options_text = (row.get("options") or "").strip()
    try:
        options = json.loads(options_text) if options_text else {}
    except json.JSONDecodeError as exc:
        raise RegistryError(f"line {line}: options is not JSON ({exc})") from None
    return Site(
        site_id=row["site_id"].strip(),
        start_url=start_url,
        template=template,
        name=(row.get("name") or "").strip(),
        province=_blank_to_none(row.get("province")),
        city=_blank_to_none(row.get("city")),
        county=_blank_to_none(row.get("county")),
        level=_blank_to_none(row.get("level")),
        division_code=division_code,
        verified=(row.get("verified") or "").strip().lower() in ("1", "true", "yes", "y"),
        options=options,
        note=(row.get("note") or "").strip(),
        **{name: _blank_to_none(row.get(name)) for name in CHECK_COLUMNS},
    )


def load_sites(path: str | Path) -> list[Site]:
    """Read and validate a registry CSV."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        absent = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if absent:
            raise RegistryError(f"{path}: missing column(s) {', '.join(absent)}")
        sites = [_parse_row(row, line) for line, row in enumerate(reader, start=2)]
    _check_unique(sites, path)
    return sites


def _check_unique(sites: list[Site], path) -> None:
    seen: set[str] = set()
    for site in sites:
        if site.site_id in seen:
            raise RegistryError(f"{path}: site_id {site.site_id!r} appears twice")
        seen.add(site.site_id)
    divisions: dict[tuple, str] = {}
    for site in sites:
        if site.division_code and site.level in GOVERNMENT_LEVELS:
            other = divisions.setdefault((site.level, site.division_code), site.site_id)
            if other != site.site_id:
                raise RegistryError(f"{path}: rows {other!r} and {site.site_id!r} have the same division_code {site.division_code} "
                                    f"(one {site.level} row per division)")


def check_addition(path, sites: list[Site], site: Site) -> None:
    """Raise ``RegistryError`` unless ``site`` can be appended to the registry ``sites`` read
    from ``path``: a valid row, its id and division code new, its start URL not already a row's."""
    _parse_row(site_row(site), len(sites) + 2)
    _check_unique([*sites, site], path)
    same = next((s for s in sites if s.start_url.rstrip("/") == site.start_url.rstrip("/")), None)
    if same:
        raise RegistryError(f"{path}: {site.start_url} is already the start_url of {same.site_id!r}")


def site_id_for(url: str, taken: set[str]) -> str:
    """A new row's id from its start URL: the host without ``www.`` and ``.gov.cn``, then the
    path's folders (``http://www.city.gov.cn/fgw/`` -> ``city-fgw``), numbered when taken."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removesuffix(".gov.cn")
    folders = [segment for segment in parts.path.split("/")[:-1] if segment]
    base = "-".join(re.sub(r"[^0-9a-z]+", "-", piece.lower()).strip("-") for piece in [host, *folders] if piece) or "site"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def site_row(site: Site) -> dict[str, str]:
    """A site as the cells of its registry row."""
    row = {c: getattr(site, c) or "" for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if c not in ("options", "verified")}
    row["verified"] = "yes" if site.verified else "no"
    row["options"] = json.dumps(site.options, ensure_ascii=False) if site.options else ""
    return row


def write_sites(path: str | Path, sites: list[Site]) -> None:
    """Write a registry CSV (used by the demo to point at its local sites)."""
    _replace(path, [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS], [site_row(site) for site in sites])


def update_sites(path: str | Path, changes: dict[str, dict[str, str]], added: list[Site] = ()) -> None:
    """Rewrite the registry with the cells in ``changes`` (site_id -> column -> value) set and
    the ``added`` rows appended; every other row, cell and column (the user's own ones too)
    stays as it was, in its order."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        columns = list(reader.fieldnames or [])
    new_rows = [site_row(site) for site in added]
    for name in [c for cells in [*changes.values(), *new_rows] for c in cells]:
        if name not in columns:
            columns.append(name)
    for row in rows:
        row.update(changes.get((row.get("site_id") or "").strip(), {}))
    _replace(path, columns, rows + new_rows)


def _replace(path: str | Path, columns: list[str], rows: list[dict]) -> None:
    """Write the CSV next to ``path`` and rename it over ``path``: a reader or a crash never
    sees half a registry."""
    folder = Path(path).resolve().parent
    with tempfile.NamedTemporaryFile("w", newline="", encoding="utf-8", dir=folder, prefix=".sites-", suffix=".csv", delete=False) as handle:
        try:
            writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        except BaseException:
            os.unlink(handle.name)
            raise
    os.chmod(handle.name, os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0o644)
    os.replace(handle.name, path)
