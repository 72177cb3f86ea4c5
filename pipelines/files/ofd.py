"""OFD (GB/T 33190, the Chinese fixed-layout format): the text objects of each page, placed.

No maintained Python library reads OFD text (easyofd renders pages to images and PDF through a
large dependency tree), and the format keeps text plainly: ``OFD.xml`` names the document,
its ``Document.xml`` lists the pages, each page's ``Content.xml`` holds ``TextObject``\\ s with a
``Boundary`` and ``TextCode`` runs. Those are the pieces ``layout`` places.
"""

from __future__ import annotations

import posixpath

from lxml import etree

from .archive import open_zip
from .layout import Piece, lines_of, paragraphs
from .outcome import Extraction, Refused

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def local(element) -> str:
    return etree.QName(element).localname


def children(element, name: str):
    return [child for child in element.iter() if isinstance(child.tag, str) and local(child) == name]


def page_paths(archive) -> list[str]:
    root = etree.fromstring(archive.read("OFD.xml"), PARSER)
    paths = []
    for doc_root in children(root, "DocRoot"):
        document_path = doc_root.text.strip().lstrip("/")
        document = etree.fromstring(archive.read(document_path), PARSER)
        folder = posixpath.dirname(document_path)
        for page in children(document, "Page"):
            location = page.get("BaseLoc", "").lstrip("/")
            paths.append(location if location.startswith(folder + "/") else posixpath.join(folder, location))
    return paths


def page_pieces(content: bytes) -> list[Piece]:
    pieces = []
    for text_object in children(etree.fromstring(content, PARSER), "TextObject"):
        x, y, width, height = (float(value) for value in text_object.get("Boundary", "0 0 0 0").split()[:4])
        text = "".join(code.text or "" for code in children(text_object, "TextCode")).strip()
        if text:
            pieces.append(Piece(text, x, y, x + width, y + height))
    return pieces


def extract(data: bytes) -> Extraction:
    archive = open_zip(data)
    try:
        paths = page_paths(archive)
        pages = [lines_of(page_pieces(archive.read(path))) for path in paths]
    except (KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise Refused("corrupt", f"not a readable OFD package ({error.__class__.__name__}: {error})") from error
    finally:
        archive.close()
    return Extraction(format="ofd", text=paragraphs(pages), pages=len(paths))
