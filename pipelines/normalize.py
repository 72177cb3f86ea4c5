"""Normalize stage: one script (Simplified), one width and one spacing for the whole corpus.

In order: mojibake repaired or removed (``pipelines.mojibake``), pinyin annotations removed
(``pipelines.pinyin``), Traditional converted with OpenCC ``t2s``, widths and spaces folded,
injected gambling spam flagged and removed where it stands in for a name (``pipelines.spam``).

Width and punctuation policy (``fold_widths``):
- full-width letters, digits and symbols become ASCII (``２０２１`` -> ``2021``, ``％`` -> ``%``);
- ``, ; : !`` and brackets take the Chinese full-width form (``，；：！（）``) next to Chinese
  text and the ASCII form elsewhere: ``上线,信用`` -> ``上线，信用``, ``(1)积极`` -> ``（1）积极``,
  ``1，000`` -> ``1,000``, ``12:30`` and ``http://`` stay; a bracket pair is full-width when it
  encloses or touches Chinese text;
- question marks keep their width: an ASCII ``?`` is often a character a decoder lost;
- ``\\u3000``, no-break and other odd spaces become plain spaces, zero-width characters go;
  spaces are collapsed and lines stripped; paragraph breaks stay (at most one blank line).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from opencc import OpenCC

from . import mojibake, pinyin, spam
from .controls import strip_controls
from .vocab import HAN, HAN_RE

FLAG_PINYIN = "pinyin"


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def is_traditional(character: str) -> bool:
    return to_simplified(character) != character


def script_of(text: str, simplified: str) -> str:
    """``traditional`` when converting changed a noticeable share of the Han characters."""
    if text == simplified:
        return "simplified"
    han = len(HAN_RE.findall(text))
    changed = sum(map(str.__ne__, text, simplified))
    return "traditional" if han and changed / han > 0.02 else "simplified"


CONTEXT_PUNCTUATION = {",": "，", ";": "；", ":": "：", "!": "！", "(": "（", ")": "）"}
NARROW = {wide: narrow for narrow, wide in CONTEXT_PUNCTUATION.items()}


def _width_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0xFF01, 0xFF5F):
        char = chr(code)
        if char not in NARROW and char != "？":
            table[code] = unicodedata.normalize("NFKC", char)
    for code in range(0xFFE0, 0xFFE7):
        table[code] = unicodedata.normalize("NFKC", chr(code))
    for code in (0x3000, 0xA0, 0x202F, 0x205F, *range(0x2000, 0x200B)):
        table[code] = " "
    for code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD):
        table[code] = None
    return table


WIDTH_TABLE = _width_table()
WIDTH_RE = re.compile("[" + re.escape("".join(map(chr, WIDTH_TABLE))) + "]")
# Characters of Chinese text: Han, CJK punctuation, full-width forms, curly quotes, ellipsis, dash.
CHINESE = HAN + "\u3001-\u303f\uff01-\uff60\u2014\u2018-\u201d\u2026"
CHINESE_RE = re.compile(f"[{CHINESE}]")
SEPARATOR_RE = re.compile(r"( *)([,;:!，；：！])( *)")
BRACKETS_RE = re.compile(r"[(（]([^()（）\n]*)[)）]")
SPACES_RE = re.compile(r"[ \t\f\v]+")
BLANK_LINES_RE = re.compile(r"\n{3,}")


def _chinese(char: str) -> bool:
    return bool(char) and CHINESE_RE.match(char) is not None


def _fold_separator(match: re.Match) -> str:
    before, mark, after = match.groups()
    text = match.string
    if _chinese(text[match.start() - 1: match.start()]) or _chinese(text[match.end(): match.end() + 1]):
        return CONTEXT_PUNCTUATION.get(mark, mark)
    return before + NARROW.get(mark, mark) + after


def _fold_brackets(match: re.Match) -> str:
    text, inner = match.string, match.group(1)
    touching = text[match.start() - 1: match.start()] + text[match.end(): match.end() + 1]
    if CHINESE_RE.search(inner) or any(_chinese(ch) for ch in touching):
        return f"（{inner}）"
    return f"({inner})"


def fold_widths(text: str) -> str:
    """Apply the width and punctuation policy (module docstring) to a piece of text; control
    characters and terminal escape sequences go first (``pipelines.controls``)."""
    text = strip_controls(text)
    text = WIDTH_RE.sub(lambda match: match.group(0).translate(WIDTH_TABLE), text)
    text = SEPARATOR_RE.sub(_fold_separator, text)
    return BRACKETS_RE.sub(_fold_brackets, text)


def fold_spaces(text: str) -> str:
    """Collapse spaces, strip lines, keep paragraph breaks (at most one blank line)."""
    lines = (SPACES_RE.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()


def normalize_text(text: str) -> tuple[str, str, list[str], list[dict]]:
    """(normalized text, script the input was written in, flags, removed pieces)."""
    flags: list[str] = []
    text, removed, lost = mojibake.repair(text)
    if lost:
        flags.append(mojibake.LOST)
    text, annotations = pinyin.strip_annotations(text, is_traditional)
    if annotations:
        flags.append(FLAG_PINYIN)
    simplified = to_simplified(text)
    script = script_of(text, simplified)
    text, spam_removed, spam_found = spam.scrub(fold_widths(simplified))
    text = fold_spaces(text)
    if spam_found:
        flags.append(spam.FLAG)
    return text, script, flags, removed + spam_removed


def process(record):
    text, script, flags, removed = normalize_text(record.get("text") or "")
    record["text"] = text
    record["original_script"] = script
    record["flags"] = list(dict.fromkeys([*(record.get("flags") or []), *flags]))
    record["removed"] = [*(record.get("removed") or []), *removed]
    return record
