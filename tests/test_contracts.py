"""``scrapy check``: every family's listing and report callbacks, against ``nianbao demo --serve``."""

import re
import subprocess
import sys

from crawler.families import NAMES
from tests.conftest import PROJECT


def check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", "check", *args], capture_output=True, text=True, timeout=300, cwd=PROJECT)


def test_scrapy_check_runs_contracts_on_every_family_s_listing_and_report_callbacks(served_demo):
    result = check("-v", "-s", f"NIANBAO_DEMO_PORT={served_demo}")
    assert result.returncode == 0 and re.search(r"\nOK\s*$", result.stderr), result.stderr[-3000:]
    passed = set(re.findall(r"^\[(\w+)\] (\w+) \(@(\w+) post-hook\) \.\.\. ok$", result.stderr, re.MULTILINE))
    for family in NAMES:
        assert {(family, "parse", "returns"), (family, "parse_report", "returns"), (family, "parse_report", "scrapes"),
                (family, "parse_report", "cleans")} <= passed, (family, result.stderr[-3000:])
