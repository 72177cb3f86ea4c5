"""The process pool of the cleaning chain (crawler.pool): calls run in other processes, a worker
that dies loses only the call it held, the others go on."""

import os
import queue
import signal
import subprocess
import sys
import time

import pytest

from crawler.pool import ProcessPool, WorkerDied
from tests.conftest import PROJECT


def square_in_another_process(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def die_on(number: int) -> int:
    if number == 3:
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer or a crash in C code would
    if number == 4:
        raise ValueError("page 4 is bad")
    return number


class Loop:
    """Stands in for the reactor: runs what the pool's threads hand over, on the test's thread."""

    def __init__(self):
        self.calls = queue.Queue()

    def call_from_thread(self, function, *args):
        self.calls.put((function, args))

    def run_until(self, deferreds, timeout=60):
        results = {}
        for number, deferred in enumerate(deferreds):
            deferred.addBoth(lambda value, number=number: results.__setitem__(number, value))
        while len(results) < len(deferreds):
            function, args = self.calls.get(timeout=timeout)
            function(*args)
        return [results[number] for number in range(len(deferreds))]


@pytest.fixture
def loop_and_pool():
    loop = Loop()
    pool = ProcessPool(2, call_from_thread=loop.call_from_thread)
    yield loop, pool
    pool.close()


def test_calls_run_in_worker_processes(loop_and_pool):
    loop, pool = loop_and_pool
    results = loop.run_until([pool.run(square_in_another_process, number) for number in range(6)])
    assert [square for square, _pid in results] == [0, 1, 4, 9, 16, 25]
    assert os.getpid() not in {pid for _square, pid in results}


def test_a_dead_worker_loses_only_its_call_and_the_pool_goes_on(loop_and_pool):
    loop, pool = loop_and_pool
    results = loop.run_until([pool.run(die_on, number) for number in range(8)])
    died, raised = results[3], results[4]
    assert died.check(WorkerDied), died
    assert raised.check(ValueError) and "page 4 is bad" in str(raised.value)
    assert [results[number] for number in (0, 1, 2, 5, 6, 7)] == [0, 1, 2, 5, 6, 7]
    assert loop.run_until([pool.run(die_on, 9)]) == [9]  # the replaced worker works


def test_an_argument_that_cannot_cross_is_that_calls_error(loop_and_pool):
    loop, pool = loop_and_pool
    unpicklable, fine = loop.run_until([pool.run(die_on, lambda: 1), pool.run(die_on, 1)])
    assert "pickle" in str(unpicklable.value).lower()
    assert fine == 1


def test_the_backlog_counts_calls_waiting_for_a_worker_and_drained_callbacks_fire_once(loop_and_pool):
    loop, pool = loop_and_pool
    calls = [pool.run(die_on, number) for number in range(5)]
    assert pool.backlog == 3  # two workers busy
    drained = []
    pool.when_drained(lambda: drained.append(pool.backlog))
    assert loop.run_until(calls[:1] + calls[1:3]) == [0, 1, 2] and drained == [0]
    loop.run_until(calls[3:] + [pool.run(die_on, 1)])
    assert drained == [0]


OWNER = """
import os, queue, sys, time
from crawler.pool import ProcessPool
calls = queue.Queue()
pool = ProcessPool(2, call_from_thread=lambda function, *args: calls.put((function, args)))
pids = []
for _ in range(2):
    pool.run(os.getpid).addCallback(pids.append)
while len(pids) < 2:
    function, args = calls.get(timeout=60)
    function(*args)
print(*pids, flush=True)
time.sleep(600)
"""


def test_workers_end_when_the_owner_is_killed(tmp_path):
    """SIGKILL of the crawl process leaves no cleaning worker behind holding its output open."""
    owner = subprocess.Popen([sys.executable, "-c", OWNER], stdout=subprocess.PIPE, text=True, cwd=PROJECT)
    workers = [int(pid) for pid in owner.stdout.readline().split()]
    assert len(workers) == 2 and owner.pid not in workers
    os.kill(owner.pid, signal.SIGKILL)
    owner.communicate(timeout=30)  # returns once no worker holds the pipe
    deadline = time.monotonic() + 30
    while any(alive(pid) for pid in workers):
        assert time.monotonic() < deadline, "a worker outlived its owner"
        time.sleep(0.1)


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie waiting to be reaped does not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
