"""Pinyin annotations that Traditional mirror sites put after characters: ``區(qū)`` -> ``區``.

An annotation is one pinyin syllable in brackets right after a Han character. A syllable with a
tone mark is always an annotation. A toneless one (``們(men)``) only counts in a text that is
already annotated, after a Traditional character: elsewhere ``(e)`` or ``(app)`` is real text.
Numbering ``(1)`` ``(二)``, asides ``(以下简称《条例》)`` and Latin words in brackets stay.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .vocab import HAN

TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
INITIAL = "(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
FINAL = "(?:i?ang|i?ong|eng|ing|uang|ueng|iao|ian|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|ve|a|o|e|i|u|v|ng|n|m)"
SYLLABLE_RE = re.compile(f"{INITIAL}{FINAL}")
ANNOTATION_RE = re.compile(rf"(?<=[{HAN}])[(（]([a-z{TONE_MARKED}ü]{{1,6}})[)）]")
TONED_RE = re.compile(f"[{TONE_MARKED}]")
# Fewer tone-marked annotations than this and the text is not machine-annotated.
ANNOTATED_TEXT_MIN = 3


def toneless(syllable: str) -> str:
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", syllable) if not unicodedata.combining(ch))
    return stripped.replace("ü", "v")


@lru_cache(maxsize=4096)
def is_syllable(syllable: str) -> bool:
    return SYLLABLE_RE.fullmatch(toneless(syllable)) is not None


def strip_annotations(text: str, is_traditional=lambda ch: False) -> tuple[str, int]:
    """(text without pinyin annotations, how many were removed).

    ``is_traditional(character)`` says whether a character is Traditional; it lets toneless
    annotations go in annotated texts.
    """
    matches = [(m, bool(TONED_RE.search(m.group(1)))) for m in ANNOTATION_RE.finditer(text) if is_syllable(m.group(1))]
    annotated = sum(has_tone for _, has_tone in matches) >= ANNOTATED_TEXT_MIN
    chosen = [m for m, has_tone in matches if has_tone or (annotated and is_traditional(text[m.start() - 1]))]
    if not chosen:
        return text, 0
    pieces, last = [], 0
    for match in chosen:
        pieces.append(text[last:match.start()])
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces), len(chosen)
