"""Gambling SEO spam injected into hacked government pages (``bet365是哪个国家的`` in place of a
site name).

Any spam phrase flags the text. The phrase is removed only where it plainly stands in for a
name: the whole content of a quotation or a 《》 title (the marks stay, so the gap shows), or a
short line of its own. Spam inside running sentences stays in place, flagged.
"""

from __future__ import annotations

import re

# Gambling brands and promotion phrases, never words a government report uses for its own work
# (no bare 赌博/六合彩/老虎机: reports on law enforcement name those).
SPAM_TERMS = (
    r"bet365", r"betway", r"dafabet", r"12bet", r"188bet", r"金宝博", r"威廉希尔", r"伟德(?:国际|体育|bv)",
    r"博彩", r"娱乐城", r"真人荷官", r"真人(?:视讯|娱乐|百家乐)", r"百家乐", r"时时彩", r"北京赛车pk10",
    r"太阳城(?:集团|娱乐|官网|app)?", r"新?葡京", r"威尼斯人(?:娱乐|赌场|官网|app)", r"(?:澳门)?金沙(?:娱乐|赌场|官网|js|城)",
    r"永利(?:娱乐|赌场|皇宫)", r"银河(?:娱乐|赌场|国际)", r"皇冠(?:体育|足球|投注|现金|网址|hg)", r"沙巴体育",
    r"澳门[^。，,;；\n]{0,8}赌场", r"(?:网上|线上|在线)赌场", r"赌场(?:网址|官网|app)", r"(?:体育|足球|篮球)投注",
    r"(?:注册|开户|首存)送(?:彩金|\d+)", r"彩金", r"(?:开元|乐游)棋牌",
)
SPAM_RE = re.compile("|".join(SPAM_TERMS), re.I)
NAME_MAX = 40
QUOTED_RE = re.compile(r"(?<=[“「《\"])([^“”「」《》\"\n]{1,%d})(?=[”」》\"])" % NAME_MAX)
OWN_LINE_RE = re.compile(r"^[^\n。，,；;]{1,%d}$" % NAME_MAX, re.M)
FLAG = "spam"


def scrub(text: str) -> tuple[str, list[dict], bool]:
    """(text without spam standing in for names, removed pieces as {"kind", "text"}, spam found?)."""
    if not SPAM_RE.search(text):
        return text, [], False
    removed: list[dict] = []

    def drop_spam(match: re.Match) -> str:
        piece = match.group(0)
        if not SPAM_RE.search(piece):
            return piece
        removed.append({"kind": FLAG, "text": piece.strip()})
        return ""

    text = QUOTED_RE.sub(drop_spam, text)
    text = OWN_LINE_RE.sub(drop_spam, text)
    return text, removed, True
