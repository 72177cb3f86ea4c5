"""Characters that must never reach the corpus or a terminal: terminal escape sequences (an OSC
sequence sets the terminal's title, CSI moves the cursor or recolours), other C0 and C1 control
characters (tab and newline stay) and the bidirectional overrides and isolates (RLO turns a
title's characters around on screen)."""

from __future__ import annotations

import re

ESCAPE_SEQUENCE_RE = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC … BEL or ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC … ST
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x9d[^\x07\x9c]*[\x07\x9c]?"  # 8-bit OSC
)
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u061c]")


def strip_controls(text: str) -> str:
    """``text`` without escape sequences and control characters (tab, newline and carriage return stay)."""
    return CONTROL_RE.sub("", ESCAPE_SEQUENCE_RE.sub("", text))
