"""The reading commands start without Scrapy or the cleaning chain: a command's module is imported
only when it runs, and ``nianbao --help`` lists every command from ``crawler.cli.COMMANDS``."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import click
import pytest

from crawler import cli as cli_package
from crawler.cli import cli
from store.write import Corpus
from tests.test_store import crawled_record, published_entries

# Runs a command in a thread of a fresh interpreter, waits until it ends (or, for browse, until its
# server answers), then prints which of the heavy packages got imported.
PROBE = """
import json, socket, sys, threading, time
from crawler.cli import cli
args = json.loads(sys.argv[1])
failures = []

def run():
    try:
        cli(args, standalone_mode=False)
    except BaseException as exc:
        failures.append(repr(exc))

thread = threading.Thread(target=run, daemon=True)
thread.start()
port = int(args[args.index("--port") + 1]) if "--port" in args else None
deadline = time.monotonic() + 60
while thread.is_alive() and time.monotonic() < deadline:
    if port:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            pass
    time.sleep(0.1)
else:
    if port:
        sys.exit(f"nothing listens on port {port}: {failures}")
if failures:
    sys.exit(f"the command failed: {failures}")
print(json.dumps(sorted(name for name in json.loads(sys.argv[2]) if name in sys.modules)))
sys.stdout.flush()
"""
HEAVY = ("scrapy", "twisted", "trafilatura", "lxml", "opencc", "datasketch", "scipy")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    db = tmp_path_factory.mktemp("startup") / "corpus.db"
    with_corpus = Corpus(db)
    for entry in published_entries()[:3]:
        with_corpus.store(crawled_record(entry))
    with_corpus.close()
    return db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def imported_after(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), json.dumps(HEAVY)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("command", [
    ("--help",),
    ("search", "政府信息公开"),
    ("export", "--format", "csv", "--out", "{tmp}/reports.csv"),
    ("export", "--format", "jsonl", "--stats", "--out", "{tmp}/stats.jsonl"),
    ("stats",),
    ("stats", "--requests"),
    ("browse", "--port", "{port}"),
])
def test_reading_commands_import_neither_scrapy_nor_the_cleaning_chain(corpus, tmp_path, command):
    args = [part.format(tmp=tmp_path, port=free_port()) for part in command]
    if args[0] != "--help":
        args += ["--db", str(corpus)]
    assert imported_after(*args) == []


def test_crawl_still_imports_scrapy():
    """The probe sees imports: a command that needs Scrapy shows it."""
    assert "scrapy" in imported_after("crawl", "--help")


@pytest.mark.parametrize("name", sorted(cli_package.COMMANDS))
def test_the_listed_help_is_the_commands_own(name):
    command = cli.get_command(click.Context(cli), name)
    assert command.name == name
    assert cli_package.COMMANDS[name][1] == command.get_short_help_str(limit=1000)
