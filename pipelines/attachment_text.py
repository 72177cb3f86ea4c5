"""Which text a report keeps: the page's, or that of the file the page attaches.

A page whose body is a stub (全文详见附件, 点击下载, a file name: fewer than ``STUB_HAN`` Chinese
characters) takes the text of its richest readable attachment, when that holds more. A page with
a full body keeps it; its attachments are recorded either way. ``text_source`` says which.
"""

from __future__ import annotations

from .vocab import HAN_RE

STUB_HAN = 300


def han_count(text: str | None) -> int:
    return len(HAN_RE.findall(text or ""))


def readable(files: list[dict]) -> list[dict]:
    return [file for file in files or () if file.get("outcome") == "ok" and file.get("text")]


def process(record):
    """``record`` with ``text`` and ``text_source`` chosen from the page and its ``attachment_files``."""
    record.setdefault("text_source", "html")
    page_han = han_count(record.get("text"))
    best = max(readable(record.get("attachment_files")), key=lambda file: han_count(file["text"]), default=None)
    if page_han < STUB_HAN and best is not None and han_count(best["text"]) > page_han:
        record["text"] = best["text"]
        record["text_source"] = best["text_source"]
        if best.get("ocr_pages"):
            record["flags"] = [*(record.get("flags") or []), "ocr"]
    return record
