"""Normalize stage: one script (Simplified) and one width for the whole corpus."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from opencc import OpenCC

from . import StagePipeline


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def script_of(text: str, simplified: str) -> str:
    """``traditional`` when converting changed a noticeable share of the Han characters."""
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    changed = sum(1 for a, b in zip(text, simplified) if a != b)
    return "traditional" if han and changed / han > 0.02 else "simplified"


def fold_widths(text: str) -> str:
    """Full-width ASCII letters and digits to half-width; odd spaces to plain ones."""
    folded = []
    for ch in text:
        if "\uff10" <= ch <= "\uff19" or "\uff21" <= ch <= "\uff3a" or "\uff41" <= ch <= "\uff5a":
            ch = unicodedata.normalize("NFKC", ch)
        elif ch in "\u3000\xa0":
            ch = " "
        elif ch in "\u200b\u200c\u200d\ufeff":
            ch = ""
        folded.append(ch)
    return "".join(folded)


def normalize_text(text: str) -> tuple[str, str]:
    """Normalized text and the script the input was written in."""
    simplified = to_simplified(text)
    return fold_widths(simplified), script_of(text, simplified)


def process(record):
    text, script = normalize_text(record.get("text") or "")
    record["text"] = text
    record["original_script"] = script
    record["flags"] = list(record.get("flags") or [])
    return record


class NormalizePipeline(StagePipeline):
    stage = staticmethod(process)
