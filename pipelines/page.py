"""The detail page parsed once, shared by the stages that read its HTML.

The body stage parses the page (``tree``) and the metadata stage reads the same tree; it sits on
the record under the private key ``PAGE_TREE`` while the record's stages run in one process, and
the metadata stage, its last reader, takes it off (``take``): an lxml tree is never stored,
exported or pickled. A stage run on its own parses the page itself.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from .normalize import to_simplified

PAGE_TREE = "_page_tree"
# Markup the parser must not see: XML declarations (refused in str input), Word-paste residue
# (<?xml:namespace …>, <o:p>), and </body> or </html> of included page parts (text after them is lost).
PARSE_NOISE_RE = re.compile(r"<\?xml[^>]*>|</?[ovwx]:[a-z]+[^>]*>|</(?:body|html)\s*>", re.I)
# Never text of the page; <xml> is a Word data island.
DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "select", "button", "input", "textarea", "xml")
# Joins the texts of a page for one OpenCC call: a private-use character no dictionary entry spans.
TEXT_JOINER = "\ue000"
# The texts, then the attribute values (two paths: a union would be sorted in document order).
TEXTS, ATTRIBUTES = etree.XPath("//text()", smart_strings=False), etree.XPath("//@*", smart_strings=False)
PLACED_TEXTS, PLACED_ATTRIBUTES = etree.XPath("//text()"), etree.XPath("//@*")


def parse(html: str):
    root = lxml_html.fromstring(PARSE_NOISE_RE.sub("", html))
    etree.strip_elements(root, *DROPPED_TAGS, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    return root


def tree(record):
    """The record's page tree, parsed now when no stage has yet; None without HTML."""
    root = record.get(PAGE_TREE)
    if root is None and (record.get("html") or "").strip():
        root = record[PAGE_TREE] = parse(record["html"])
    return root


def take(record):
    """The record's page tree, taken off the record (its last reader)."""
    root = tree(record)
    if PAGE_TREE in record:
        del record[PAGE_TREE]
    return root


def simplify(root) -> None:
    """Convert every text and attribute value of the tree to Simplified script, in place, with one
    OpenCC call for the whole page (nothing more when the page is Simplified already)."""
    joined = TEXT_JOINER.join(TEXTS(root) + ATTRIBUTES(root))
    simplified = to_simplified(joined)
    if simplified == joined:
        return
    texts = PLACED_TEXTS(root) + PLACED_ATTRIBUTES(root)  # smart strings: each knows its element and slot
    converted = simplified.split(TEXT_JOINER)
    if len(converted) != len(texts):  # a page that holds the joiner itself
        converted = [to_simplified(text) for text in texts]
    for original, value in zip(texts, converted):
        if value == original:
            continue
        element = original.getparent()
        if original.is_attribute:
            element.set(original.attrname, value)
        elif original.is_tail:
            element.tail = value
        else:
            element.text = value
