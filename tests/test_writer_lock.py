"""One corpus, one writing process: the lock follows the corpus's real path and dies with its process."""

import os
import signal
import subprocess
import sys

import pytest

from crawler.jobs import jobs_root
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
