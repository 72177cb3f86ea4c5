"""Every benchmark runs as the README says (``python bench/NAME.py``), on a small workload."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_bench(name: str, *args: str) -> str:
    result = subprocess.run([sys.executable, str(ROOT / "bench" / f"{name}.py"), *args], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_quality_bench_fails_below_its_target(monkeypatch, capsys):
    """With plain trafilatura in nianbao's place the bench exits 1: it measures, and can fail."""
    spec = importlib.util.spec_from_file_location("quality_bench", ROOT / "bench" / "quality.py")
    quality = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(quality)
    monkeypatch.setattr(quality, "nianbao_text", lambda record: quality.plain_trafilatura(
        record.get("html") or "".join(f"<p>{line}</p>" for line in record["text"].splitlines())))
    monkeypatch.setattr(quality, "timed", lambda function, *args: (function(*args), 0.0))  # one run is enough here
    assert quality.main([]) == 1
    assert "below its target" in capsys.readouterr().err


def test_dedupe_bench_keeps_lookalikes_apart():
    output = run_bench("dedupe", "--size", "1500", "--workers", "1")
    assert "look-alike pairs merged         0" in output
    assert "docs/s" in output and "peak memory" in output


@pytest.mark.parametrize("name, args, expected", [
    ("normalize", ("--runs", "3"), "OpenCC"),
    ("storage_fts", ("--reports", "30"), "index"),
    ("startup", ("--runs", "1", "--reports", "5"), "sqlite-utils"),
    ("storage", ("--reports", "20", "--rounds", "1"), "sqlite-utils"),
    ("dedupe_scale", ("--size", "1500"), "datasketch"),
    ("recrawl", ("--delay", "0", "--years", "1"), "re-crawl"),
    ("distributed", ("--sites", "2", "--agencies", "1", "--years", "1", "--workers", "1", "--no-polite"), "1 worker(s) + store"),
    ("quality", (), "trafil"),
    ("attachments", ("--runs", "1", "--scan-pages", "1", "--no-crawl"), "pdfplumber"),
    ("crawl", ("--rounds", "1", "--sites", "2", "--pages", "10"), "x scrapy bench"),
])
def test_bench_runs(name, args, expected):
    assert expected in run_bench(name, *args)
