"""One corpus, one writing process: the lock follows the corpus's real path and dies with its process."""

import os
import signal
import subprocess
import sys
from dataclasses import replace

import pytest

from crawler.jobs import jobs_root
from crawler.registry import write_sites
from tests.conftest import FAST, PROJECT, run_nianbao
from tests.test_incremental import LISTINGS, build, registry_row
from store.lock import CorpusBusy
from store.write import Corpus

HOLD = "import sys, time; from store.write import Corpus; Corpus(sys.argv[1]); print('open', flush=True); time.sleep(60)"


def writer(db):
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "open"
    return process


def spellings(db):
    """The same corpus by other paths: a symlink, a symlinked folder, a relative path with dots."""
    link = db.parent / "link.db"
    link.symlink_to(db)
    folder_link = db.parent.parent / (db.parent.name + "-link")
    folder_link.symlink_to(db.parent, target_is_directory=True)
    return [db, link, folder_link / db.name, os.path.relpath(db.parent / "." / db.name)]


def test_a_second_writer_is_refused_by_any_path_until_the_first_dies(tmp_path):
    db = tmp_path / "corpus" / "nianbao.db"
    first = writer(db)
    try:
        for path in spellings(db):
            with pytest.raises(CorpusBusy, match=f"process {first.pid}"):
                Corpus(path)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    Corpus(db).close()  # a killed writer leaves no stale lock


def opens_elsewhere(db) -> bool:
    """Whether another process can open the corpus for writing now."""
    result = subprocess.run([sys.executable, "-c", "import sys; from store.write import Corpus; Corpus(sys.argv[1]).close()", str(db)],
                            capture_output=True, text=True)
    assert result.returncode == 0 or "CorpusBusy" in result.stderr, result.stderr
    return result.returncode == 0


def test_one_process_may_open_its_corpus_twice(tmp_path):
    db = tmp_path / "c.db"
    first = Corpus(db)
    Corpus(db).close()
    assert not opens_elsewhere(db), "closing the second handle keeps the first one's lock"
    first.close()
    assert opens_elsewhere(db)


def test_job_folders_follow_the_real_path_and_the_whole_file_name(tmp_path):
    db = tmp_path / "corpus" / "x.db"
    db.parent.mkdir()
    db.touch()
    assert len({jobs_root(path) for path in spellings(db)}) == 1
    assert jobs_root(db) != jobs_root(db.with_suffix(".sqlite"))


def crawl_command(registry, db, *extra, cwd=None):
    return run_nianbao("crawl", "--sites", str(registry), "--db", str(db), *FAST, *extra, cwd=cwd)


def test_a_second_crawl_into_a_corpus_being_written_is_refused_whatever_its_sites_and_path(mock_site, tmp_path):
    site, _ = build()
    db = tmp_path / "corpus" / "nianbao.db"
    with mock_site(site) as base:
        registry = tmp_path / "sites.csv"
        write_sites(registry, [replace(registry_row(base), site_id="other-site")])
        first = writer(db)
        try:
            paths = spellings(db)
            attempts = [crawl_command(registry, path) for path in paths[:3]]
            attempts.append(crawl_command(registry, os.path.relpath(db, tmp_path), cwd=tmp_path))
            attempts.append(crawl_command(registry, paths[1], "-s", f"JOBDIR={tmp_path / 'elsewhere'}"))
            scrapy = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "trs", "-a", f"url={base}{LISTINGS[0]}",
                                     "-s", f"NIANBAO_DB={paths[1]}", *FAST], capture_output=True, text=True, cwd=PROJECT, timeout=300)
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
    for result in attempts:
        assert result.returncode == 2, result.stderr[-2000:]
        assert f"is being written by another crawl (process {first.pid})" in result.stderr
        assert "Traceback" not in result.stderr
    assert f"is being written by another crawl (process {first.pid})" in scrapy.stderr and "Traceback" not in scrapy.stderr
    assert not [r for r in site.requests if "/t20" in r.path]  # no page fetched that could not be stored
    assert not (tmp_path / "elsewhere").exists() and not (db.parent / "jobs").exists()


def test_a_stale_lock_file_never_blocks(mock_site, tmp_path):
    """Lock files left behind hold the id of a process that is now another one (here: this test's)."""
    site, entries = build()
    db = tmp_path / "nianbao.db"
    with mock_site(site) as base:
        registry = tmp_path / "sites.csv"
        write_sites(registry, [registry_row(base)])
        job_lock = jobs_root(db) / "qingchuan.lock"
        job_lock.parent.mkdir(parents=True)
        for lock in (tmp_path / "nianbao.db.lock", job_lock):
            lock.write_text(str(os.getpid()))
        result = crawl_command(registry, db)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "1 site(s), 7 report(s) stored" in result.stdout and len(entries) == 7
