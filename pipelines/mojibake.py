"""Mojibake: text whose bytes were decoded with the wrong charset, and the junk that leaves.

Repaired (the bytes are all there):
- UTF-8 read as GBK (``鍙戝竷鏃堕棿`` -> 发布时间), line by line;
- GBK or UTF-8 read as Latin-1/cp1252 (``Õþ¸®ÐÅÏ¢`` -> 政府信息), run by run.

Removed and reported (the bytes are gone):
- the junk a GBK stream shifted by one byte leaves at a paragraph start (``?。?)``,
  ``?。ǘ┻M`` for ``（二）進``): a character split across the junk's last byte and the next
  ASCII letter is put back together (``┻M`` -> 進);
- paragraphs that are nothing but the ``?`` a decoder wrote for bytes it could not map;
- ``锟斤拷`` (U+FFFD written as UTF-8 and read as GBK) and U+FFFD itself.

``repair`` returns the text, the removed pieces and whether anything was lost.
"""

from __future__ import annotations

import re

from .vocab import HAN_RE

REPLACEMENT = "\ufffd"
LOST = "mojibake"


def _gbk_chars(leads: range, trails: range) -> str:
    chars = []
    for lead in leads:
        for trail in trails:
            try:
                chars.append(bytes((lead, trail)).decode("gbk"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


# GB2312 level 1: the 3,755 most common characters. Real Chinese text is mostly made of them,
# text decoded with the wrong charset mostly is not.
COMMON_HAN = frozenset(_gbk_chars(range(0xB0, 0xD8), range(0xA1, 0xFF)))
# GBK rows A1–A9: punctuation, Greek, Cyrillic, pinyin letters, kana, box drawing; without the
# quotes and brackets a real paragraph may open with.
OPENING_MARKS = "“”‘’《》〈〉「」『』【】〔〕〖〗（）"
GBK_SYMBOLS = "".join(ch for ch in _gbk_chars(range(0xA1, 0xAA), range(0xA1, 0xFF)) if ch not in OPENING_MARKS)
SYMBOL_CLASS = "[" + re.escape(GBK_SYMBOLS) + "]"

# A shifted GBK stream starts with a lone byte the decoder wrote as ``?``, then symbol-row
# characters (lead bytes A1–A9 were trail bytes of full-width brackets and numbers).
SHIFTED_RUN = rf"\?(?=[?)]?{SYMBOL_CLASS})(?:{SYMBOL_CLASS}|[?)]){{2,}}"
LEADING_SHIFTED_RE = re.compile(rf"^([ \t\u3000]*)({SHIFTED_RUN})([\x40-\x7e]?)", re.M)
PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# Garbled text left in place: a shifted run inside a paragraph, or a pinyin annotation whose
# opening bracket was eaten with the character before it (``域?qū)徟``).
# An ASCII letter between a non-ASCII character and a pinyin annotation is the trail byte of the
# annotated character, its lead byte the last byte of the character before (``鷷r(shí)`` -> 時).
SPLIT_ANNOTATED_RE = re.compile(rf"(?<=[^\x00-\x7f])[\x40-\x7e](?=[(（][{PINYIN_LETTERS}]{{1,6}}[)）])")
GARBLED_RE = re.compile(rf"{SHIFTED_RUN}|\?[{PINYIN_LETTERS}]{{1,6}}\)")
QUESTION_MARKS_LINE_RE = re.compile(r"^[ \t\u3000]*[?？]{1,3}[ \t\u3000]*$", re.M)
REPLACEMENT_RE = re.compile("(?:锟斤拷)+|\ufffd+")
CP1252_EXTRAS = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
LATIN1_RUN_RE = re.compile(rf"[\u0080-\u00ff{CP1252_EXTRAS}]{{4,}}")


def common_share(text: str) -> float:
    han = HAN_RE.findall(text)
    return sum(ch in COMMON_HAN for ch in han) / len(han) if han else 0.0


def reads_better(candidate: str, original: str) -> bool:
    return bool(HAN_RE.search(candidate)) and common_share(candidate) > common_share(original)


def redecode_utf8_read_as_gbk(line: str) -> tuple[str, bool]:
    """The line re-read as UTF-8 when it is UTF-8 that was read as GBK; (line, lost bytes?)."""
    try:
        data = line.replace(REPLACEMENT, "?").encode("gbk")
    except UnicodeEncodeError:
        return line, False
    double_byte = len(data) - len(line)
    if not double_byte:
        return line, False
    candidate = data.decode("utf-8", errors="replace")
    lost = candidate.count(REPLACEMENT)
    # Real GBK text read this way loses about a byte per character; mojibake only its odd ends.
    if lost * 2 > double_byte or candidate == line or not reads_better(candidate, line):
        return line, False
    return candidate, bool(lost)


def _redecode_latin1_run(match: re.Match) -> str:
    run = match.group(0)
    try:
        data = run.encode("cp1252")
    except UnicodeEncodeError:
        try:
            data = run.encode("latin-1")
        except UnicodeEncodeError:
            return run
    for charset in ("utf-8", "gb18030"):
        try:
            candidate = data.decode(charset)
        except UnicodeDecodeError:
            continue
        if reads_better(candidate, run) and candidate.isprintable():
            return candidate
    return run


def _rejoin_split_character(junk: str, tail: str) -> str:
    """The character whose lead byte ends the junk run and whose trail byte is ``tail``, or ''."""
    if not tail:
        return ""
    try:
        lead = junk[-1].encode("gbk")[-1]
        joined = bytes((lead, ord(tail))).decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return ""
    return joined if HAN_RE.match(joined) else ""


def repair(text: str) -> tuple[str, list[dict], bool]:
    """(repaired text, removed pieces as {"kind", "text"}, whether text was lost)."""
    removed: list[dict] = []
    lost = False

    text = LATIN1_RUN_RE.sub(_redecode_latin1_run, text)

    lines = []
    for line in text.split("\n"):
        line, line_lost = redecode_utf8_read_as_gbk(line)
        lost = lost or line_lost
        lines.append(line)
    text = "\n".join(lines)

    def drop_leading_junk(match: re.Match) -> str:
        indent, junk, tail = match.groups()
        removed.append({"kind": LOST, "text": junk})
        return indent + (_rejoin_split_character(junk, tail) or tail)

    text = LEADING_SHIFTED_RE.sub(drop_leading_junk, text)
    text = SPLIT_ANNOTATED_RE.sub(lambda m: _rejoin_split_character(m.string[m.start() - 1], m.group(0)) or m.group(0), text)

    def drop(match: re.Match) -> str:
        removed.append({"kind": LOST, "text": match.group(0).strip()})
        return ""

    text = QUESTION_MARKS_LINE_RE.sub(drop, text)
    text = REPLACEMENT_RE.sub(drop, text)
    lost = lost or bool(removed) or bool(GARBLED_RE.search(text))
    return text, removed, lost
