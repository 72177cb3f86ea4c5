"""``scrapy check``: every family's listing and report callbacks, against ``nianbao demo --serve``."""

import re
import subprocess
import sys

import pytest

from crawler.families import NAMES
from tests.test_demo import SITES, free_port_block
from tests.test_run_record import PROJECT


@pytest.fixture(scope="module")
def served_demo():
    port = free_port_block()
    process = subprocess.Popen([sys.executable, "-m", "crawler.cli", "demo", "--serve", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT)
    try:
        for _ in range(1 + SITES):
            process.stdout.readline()
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def check(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scrapy", "check", *args], capture_output=True, text=True, timeout=300, cwd=PROJECT)


def test_scrapy_check_runs_contracts_on_every_family_s_listing_and_report_callbacks(served_demo):
    result = check("-v", "-s", f"NIANBAO_DEMO_PORT={served_demo}")
    assert result.returncode == 0 and re.search(r"\nOK\s*$", result.stderr), result.stderr[-3000:]
    passed = set(re.findall(r"^\[(\w+)\] (\w+) \(@(\w+) post-hook\) \.\.\. ok$", result.stderr, re.MULTILINE))
    for family in NAMES:
        assert {(family, "parse", "returns"), (family, "parse_report", "returns"), (family, "parse_report", "scrapes"),
                (family, "parse_report", "cleans")} <= passed, (family, result.stderr[-3000:])
