"""Vocabulary shared by the cleaning stages, the listing parsers and the demo sites: one definition each."""

from __future__ import annotations

import re
from datetime import timedelta, timezone

# Years a report can cover.
FIRST_YEAR, LAST_YEAR = 1990, 2099
