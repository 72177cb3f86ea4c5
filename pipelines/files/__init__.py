"""Text from the files report pages attach: PDF (text layer, OCR for scanned pages), DOCX, DOC
and WPS (through LibreOffice), OFD. One module per format; this one tells the format from the
bytes (never from the URL or the served content type, which are often wrong) and turns every
failure into an outcome (``outcome.OUTCOMES``).
"""

from __future__ import annotations

import re

from .outcome import OUTCOMES, Extraction, Refused

__all__ = ["OUTCOMES", "Extraction", "detect", "extract"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML_START_RE = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!doctype|<html|<head|<body|<\?xml|<script|<meta|<title|<div|<p\b|<!--)", re.I)
FORMATS = ("pdf", "docx", "doc", "wps", "ofd")


def utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def detect(data: bytes, suffix: str = "") -> str:
    """The format of ``data``: one of ``FORMATS``, ``html``, ``encrypted`` (an encrypted Office file) or ``unknown``."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if b"word/document.xml" in data or b"word/" in data[:4096]:
            return "docx"
        if b"OFD.xml" in data:
            return "ofd"
        return "unknown"
    if data.startswith(OLE_MAGIC):
        if utf16("EncryptionInfo") in data or utf16("EncryptedPackage") in data:
            return "encrypted"
        if utf16("WordDocument") in data:
            return "wps" if suffix == "wps" else "doc"
        return "unknown"
    if HTML_START_RE.match(head):
        return "html"
    return "unknown"


SUFFIX_RE = re.compile(r"\.([A-Za-z0-9]{2,5})(?=$|[?#&])")


def suffix_of(name: str | None) -> str:
    """The file suffix a URL or file name shows: a document's suffix anywhere in it (a download
    servlet's ``filename=….pdf``), else the first one."""
    found = [suffix.lower() for suffix in SUFFIX_RE.findall(name or "")]
    return next((suffix for suffix in found if suffix in FORMATS), found[0] if found else "")


def read(data: bytes, found: str, ocr: bool, max_pages: int) -> Extraction:
    if found == "pdf":
        from . import pdf

        return pdf.extract(data, max_pages=max_pages, use_ocr=ocr)
    if found == "docx":
        from . import docx

        return docx.extract(data)
    if found == "ofd":
        from . import ofd

        return ofd.extract(data)
    if found in ("doc", "wps"):
        from . import word

        return word.extract(data, found)
    if found == "html":
        raise Refused("not-a-file", "a web page was served where a file was linked")
    if found == "encrypted":
        raise Refused("encrypted", "the Office file is password-protected")
    raise Refused("unsupported", "not a PDF, Word, WPS or OFD file")


def extract(data: bytes, name: str | None = None, ocr: bool = True, max_pages: int = 200) -> Extraction:
    """The text of one file, or an ``Extraction`` whose ``outcome`` says why there is none."""
    found = detect(data, suffix_of(name))
    try:
        extraction = read(data, found, ocr, max_pages)
    except Refused as refused:
        return Extraction(format=found, outcome=refused.outcome, detail=refused.detail)
    if not extraction.text.strip():
        extraction.outcome, extraction.detail = "empty", "no text in the file" + ("" if ocr else " (OCR is off)")
    return extraction


def extract_many(items: list[tuple[bytes, str | None]], ocr: bool = True) -> list[Extraction]:
    """``extract`` for many files; the legacy Word and WPS ones converted by one LibreOffice run."""
    from . import word

    found = [detect(data, suffix_of(name)) for data, name in items]
    legacy = [index for index, kind in enumerate(found) if kind in ("doc", "wps")]
    converted = dict(zip(legacy, word.CONVERTER.convert_many([(items[i][0], found[i]) for i in legacy]))) if legacy else {}
    results = []
    for index, (data, name) in enumerate(items):
        if index not in converted:
            results.append(extract(data, name, ocr))
            continue
        try:
            extraction = word.from_docx(converted[index], found[index]) if not isinstance(converted[index], Refused) else None
        except Refused as refused:
            converted[index] = refused
            extraction = None
        if extraction is None:
            refused = converted[index]
            extraction = Extraction(format=found[index], outcome=refused.outcome, detail=refused.detail)
        elif not extraction.text.strip():
            extraction.outcome, extraction.detail = "empty", "no text in the file"
        results.append(extraction)
    return results
