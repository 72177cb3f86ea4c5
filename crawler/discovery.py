"""Finding a site's annual-report column from any of its pages (pure functions over HTML).

Menus name the column 政府信息公开年报 / 信息公开年报 / 年度报告 / 年报 in a link's text, its
``title`` or an image's ``alt``; the column may sit two or three hops below the root, under
政府信息公开 / 政务公开 / 法定主动公开内容. A link is a candidate when it names the column or a
disclosure portal; candidates are ranked (the column's name before a portal's, links inside
the site's own folder before links elsewhere on the host, the registry row's own body before
others), and the crawl visits them best first (``crawler.spiders.base``).

A page *is* the column when its list holds reports (``column_evidence``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .parsers.common import reads_like_report, same_page, selector_of, site_domain, squash
from .parsers.lists import link_title, list_frames, main_list

COLUMN_NAME_RE = re.compile(r"年度报告|年报|年度報告|年報")
NOT_A_DISCLOSURE_COLUMN_RE = re.compile(r"企业|工商|公示|统计|個體|个体|年检|财务|决算|预算|年鉴|年鑒|信用")
PORTAL_NAME_RE = re.compile(r"(?:政府|政务)?信息公开|政务公开|主动公开|公开目录|資訊公開|信息公開|政務公開")
WEAK_PORTAL_RE = re.compile(r"指南|申请|意见|制度|规定|咨询|留言|信箱|依申请")
MAX_NAME = 16  # characters: longer link texts are documents, not menu entries

COLUMN_SCORE = 100
PORTAL_SCORE = 50
WEAK_PORTAL_SCORE = 15
IN_SITE_BONUS = 20
OFF_SITE_PENALTY = 30
OWN_BODY_BONUS = 10


@dataclass(frozen=True)
class Candidate:
    url: str
    score: int
    text: str
    kind: str  # column | portal

    def __lt__(self, other: "Candidate") -> bool:
        return self.score > other.score


def in_site(url: str, root: str) -> bool:
    return url.split("#", 1)[0].startswith(root) or url.split("#", 1)[0] + "/" == root


def on_domain(url: str, page_url: str) -> bool:
    domain = site_domain(urlsplit(page_url).hostname or "")
    host = urlsplit(url).hostname or ""
    return host == domain or host.endswith("." + domain)


def name_kind(text: str) -> str | None:
    """``column`` for a link named like the annual-report column, ``portal`` (or ``weak portal``)
    for the disclosure portal, None for anything else (a report's own title among them)."""
    if not text or len(text) > MAX_NAME or reads_like_report(text):
        return None
    if COLUMN_NAME_RE.search(text) and not NOT_A_DISCLOSURE_COLUMN_RE.search(text):
        return "column"
    if PORTAL_NAME_RE.search(text):
        return "weak portal" if WEAK_PORTAL_RE.search(text) else "portal"
    return None


def _names(anchor) -> list[str]:
    texts = [squash(" ".join(anchor.itertext())), squash(anchor.get("title")),
             *(squash(alt) for alt in anchor.xpath(".//img/@alt | .//img/@title"))]
    return [text for text in texts if text]


def candidates(page, url: str, root: str, own_names: tuple[str, ...] = ()) -> list[Candidate]:
    """Links of ``page`` that name the column or a disclosure portal, best first.

    ``root`` is the site's folder (``folder_of`` its start URL); ``own_names`` are names of the registry
    row's body (its name, city, county): a link naming one of them is preferred.
    """
    root_node = selector_of(page).root
    if not hasattr(root_node, "iter"):
        return []
    found: dict[str, Candidate] = {}
    for anchor in root_node.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.lower().startswith(("javascript", "mailto", "#")):
            continue
        link = urljoin(url, href)
        if urlsplit(link).scheme not in ("http", "https") or not on_domain(link, url) or same_page(link, url):
            continue
        best = None
        for text in _names(anchor):
            kind = name_kind(text)
            if kind is None:
                continue
            score = {"column": COLUMN_SCORE, "portal": PORTAL_SCORE, "weak portal": WEAK_PORTAL_SCORE}[kind]
            score += IN_SITE_BONUS if in_site(link, root) else -OFF_SITE_PENALTY
            score += OWN_BODY_BONUS if any(name and name in text for name in own_names) else 0
            if best is None or score > best.score:
                best = Candidate(link, score, text, "column" if kind == "column" else "portal")
        if best and (link not in found or best.score > found[link].score):
            found[link] = best
    return sorted(found.values())


TITLE_SEPARATOR_RE = re.compile(r"\s*[_|｜\-—–>＞»›]+\s*")


def names_itself_column(page) -> bool:
    """Whether a page calls itself the annual-report column: its ``ColumnName`` meta tag, a segment of
    its ``<title>`` or the last step of its breadcrumb names the column (headings do not count:
    a portal's box of reports is headed 最新年报 too)."""
    root = selector_of(page).root
    if not hasattr(root, "iter"):
        return False
    texts = [squash(meta.get("content")) for meta in root.iter("meta") if (meta.get("name") or "").lower() == "columnname"]
    texts += TITLE_SEPARATOR_RE.split(squash(root.findtext(".//title") or ""))
    for crumb in root.xpath("//*[contains(@class, 'position') or contains(@class, 'crumb') or contains(@class, 'location')]"):
        steps = TITLE_SEPARATOR_RE.split(squash(" ".join(crumb.itertext())))
        texts.append(steps[-1] if steps else "")
    return any(name_kind(text) == "column" for text in texts)


MORE_TEXT_RE = re.compile(r"^(?:更多|查看更多|更多信息|更多>+|more|>>|»)\s*[>»]*$", re.I)


def subcolumn_links(page, url: str, folder: str) -> list[str]:
    """Links from a column page to its own sub-columns (a 年报 directory of 本级 / 部门 / 乡镇
    lists), inside the column's folder: the 更多 (more) link of a block of reports, and links
    named like a column when the column has a folder of its own (not the host's root)."""
    root_node = selector_of(page).root
    if not hasattr(root_node, "iter"):
        return []
    own_folder = urlsplit(folder).path not in ("", "/")
    found = []
    for anchor in root_node.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.lower().startswith(("javascript", "mailto", "#")):
            continue
        link = urljoin(url, href).split("#", 1)[0]
        if same_page(link, url) or not link.startswith(folder) or link in found:
            continue
        names = _names(anchor)
        more = any(MORE_TEXT_RE.match(text) for text in names) and _block_of_reports(anchor)
        if more or (own_folder and any(name_kind(text) == "column" for text in names)):
            found.append(link)
    return found


def _block_of_reports(anchor) -> bool:
    """Whether the block a 更多 link closes (its nearest ancestor holding other links) lists reports."""
    element = anchor.getparent()
    while element is not None:
        others = [a for a in element.iter("a") if a is not anchor]
        if len(others) >= 2:
            return any(reads_like_report(link_title(a)) for a in others)
        element = element.getparent()
    return False


def column_evidence(page, url: str, named_column: bool, options: dict | None = None) -> str | None:
    """Why ``page`` is the annual-report column, or None.

    Its main list must be mostly reports; reached by a link that names the column, one report
    in the list is enough.
    """
    block = main_list(page, url, list_selector=(options or {}).get("list_selector"))
    if named_column and block is None and list_frames(page, url):
        return "its list in a frame"
    if block is None or not block.report_like:
        return None
    share = block.report_like / len(block.rows)
    if named_column or share >= 0.5 and block.report_like >= min(2, len(block.rows)):
        return f"list of {len(block.rows)} rows, {block.report_like} report title(s)"
    return None
