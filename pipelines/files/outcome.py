"""What reading one file gave: its text, or why there is none."""

from __future__ import annotations

from dataclasses import dataclass

# ``ok``: text read. The others: nothing usable came out of the file, and why.
OUTCOMES = ("ok", "empty", "too-large", "encrypted", "corrupt", "zip-bomb", "not-a-file", "unsupported",
            "failed", "no-converter")


@dataclass
class Extraction:
    format: str  # pdf, docx, doc, wps, ofd
    text: str = ""
    pages: int | None = None
    ocr_pages: int = 0
    outcome: str = "ok"
    detail: str | None = None

    @property
    def text_source(self) -> str:
        return text_source(self.format, self.pages, self.ocr_pages)


def text_source(file_format: str, pages: int | None, ocr_pages: int | None) -> str:
    """What a file's text came from: its format, or ``ocr`` when every page was read by OCR."""
    return "ocr" if pages and (ocr_pages or 0) >= pages else file_format


class Refused(Exception):
    """A file nothing can be read from; ``outcome`` says why."""

    def __init__(self, outcome: str, detail: str):
        super().__init__(detail)
        self.outcome = outcome
        self.detail = detail
