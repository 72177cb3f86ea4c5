"""Shared fixtures: mock sites on 127.0.0.1 and crawls run as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.demo.server import serve
from crawler.registry import write_sites

TESTS = Path(__file__).parent
SEEDS = TESTS / "data" / "seeds"
FIXTURES = TESTS / "fixtures"
FAST = ["-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "LOG_LEVEL=WARNING"]


@pytest.fixture
def mock_site():
    """``with mock_site(site) as base_url``: serve a mock site for part of a test."""
    return serve


def run_nianbao(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run the ``nianbao`` console script in a fresh process, as a user would."""
    command = [sys.executable, "-m", "crawler.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=cwd,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def crawl(tmp_path):
    """Crawl registry rows into a fresh corpus; returns (process result, db path)."""

    def run(sites, *extra: str):
        registry = tmp_path / "sites.csv"
        db = tmp_path / "corpus.db"
        write_sites(registry, sites)
        result = run_nianbao("crawl", "--sites", str(registry), "--db", str(db), *FAST, *extra)
        return result, db

    return run
