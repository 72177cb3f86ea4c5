"""The README's "Debugging a new site" walk-through, run as written against ``nianbao demo --serve``
(on free ports instead of 8601…): the shell session, every ``scrapy parse`` and ``scrapy crawl``.
None of them may print a traceback or a deprecation warning about the project's code, and the
debugging commands leave the corpus alone."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

from crawler.demo.sites import DEMO_PORT
from tests.conftest import PROJECT

SECTION = (PROJECT / "README.md").read_text(encoding="utf-8").split("### Debugging a new site\n", 1)[1].split("\n## ", 1)[0]
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", SECTION, re.DOTALL)
PROJECT_WARNING = re.compile(r"DeprecationWarning.*(ReportSpider|crawler[./]|pipelines[./]|store[./])")


def on_port(text: str, port: int) -> str:
    """The README's demo URLs moved to the ports the test serves the demo on."""
    return re.sub(r"127\.0\.0\.1:(\d+)", lambda m: f"127.0.0.1:{port + int(m.group(1)) - DEMO_PORT}", text)


def start(command: list[str], stdin: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONWARNINGS": "default::DeprecationWarning"}
    process = subprocess.Popen([sys.executable, "-m", *command], cwd=PROJECT, env=env, text=True, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdin.write(stdin or "")
    process.stdin.close()
    return process


def finished(process: subprocess.Popen) -> tuple[str, str]:
    out, err = process.stdout.read(), process.stderr.read()
    process.wait(timeout=300)
    assert process.returncode == 0, (process.args, err[-3000:])
    assert "Traceback" not in out + err, (process.args, (out + err)[-3000:])
    assert not PROJECT_WARNING.search(err), (process.args, PROJECT_WARNING.search(err).group(0))
    return out, err


def test_the_walk_through_runs_as_written(served_demo, tmp_path):
    shell_commands = [body for lang, body in BLOCKS if lang == "sh"]
    assert shell_commands[0].strip() == "nianbao demo --serve"
    session = next(body for lang, body in BLOCKS if lang == "python")
    untouched = tmp_path / "untouched.db"
    shell_line = shell_commands[1].strip()
    assert shell_line.startswith("scrapy shell ")
    python = "".join(line[4:] + "\n" for line in session.splitlines() if line.startswith(">>> "))
    shell = start(shlex.split(on_port(shell_line, served_demo))[:3] + ["-s", f"NIANBAO_DB={untouched}"],
                  stdin=on_port(python, served_demo).replace('report["agency"]\n', 'report["agency"]\nprint("WALKED", report["kind"], report["year"])\n'))
    commands = [line for line in shell_commands[2].splitlines() if line.startswith(("scrapy parse", "scrapy crawl"))]
    assert len(commands) >= 5
    running = []
    for line in commands:
        args = shlex.split(on_port(line, served_demo).replace("/tmp/", f"{tmp_path}/"))
        if args[1] == "parse":
            args += ["-s", f"NIANBAO_DB={untouched}"]
        running.append((args, start(args)))
    out, _err = finished(shell)
    assert "WALKED annual 2024" in out and "JpageUnit(" in out and "Candidate(" in out, out[-3000:]
    for args, process in running:
        out, err = finished(process)
        if args[1] == "parse":
            assert ">>> STATUS DEPTH LEVEL 1 <<<" in out and re.search(r"# Scraped Items  -+\n\[\{|# Requests  -+\n\[<", out), (args, out[-2000:])
    feed = tmp_path / "epoint.jsonl"
    assert len(feed.read_text(encoding="utf-8").splitlines()) > 0
    assert not untouched.exists()


IMPORT_EVERY_MODULE = """
import importlib, pkgutil, warnings
from scrapy.exceptions import ScrapyDeprecationWarning
for category in (DeprecationWarning, PendingDeprecationWarning, ScrapyDeprecationWarning):
    warnings.filterwarnings("error", category=category, module=r"(crawler|pipelines|store)(\\..*)?$")
for package in ("crawler", "pipelines", "store"):
    root = importlib.import_module(package)
    for module in pkgutil.walk_packages(root.__path__, package + "."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
print("imported")
"""


def test_the_project_s_modules_raise_no_deprecation_warning():
    result = subprocess.run([sys.executable, "-c", IMPORT_EVERY_MODULE], capture_output=True, text=True, cwd=PROJECT, timeout=120)
    assert result.stdout.strip() == "imported", result.stderr[-3000:]
