"""A pool of worker processes that runs CPU-heavy calls off the Twisted reactor.

Each worker is its own one-process ``ProcessPoolExecutor`` and takes one call at a time, so a
worker that dies (a crash in C code, the OOM killer) fails the one call it held — the caller sees
``WorkerDied`` — and is replaced; the calls waiting for a worker go on. Workers are forked from a
forkserver that imported ``preload`` once, so they start fast and share its pages. Arguments and
results cross the process boundary pickled.

One pool per process (``shared_pool``): every crawler of a ``nianbao crawl`` feeds the same
workers, which stop when the reactor shuts down.
"""

from __future__ import annotations

import multiprocessing
import os
import select
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from twisted.internet.defer import Deferred


class WorkerDied(Exception):
    """The worker process running a call ended abruptly; only that call is lost."""


def end_with(owner_pid: int) -> None:
    """A worker's initializer: the worker ends when the process that owns the pool ends, even by
    SIGKILL (then the executor that would have stopped its worker is gone with it, and the worker
    would wait for calls for ever, keeping the owner's output pipes open)."""
    threading.Thread(target=_exit_when_ended, args=(owner_pid,), daemon=True, name="owner-watch").start()


def _exit_when_ended(pid: int) -> None:
    try:
        watched = os.pidfd_open(pid)
    except (AttributeError, OSError):  # no pidfd (not Linux, or an old kernel): poll
        while _alive(pid):
            time.sleep(1)
    else:
        select.select([watched], [], [])
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        pass
    return True


class ProcessPool:
    def __init__(self, workers: int, preload: tuple[str, ...] = (), call_from_thread=None):
        """``call_from_thread(f, *args)`` runs ``f`` on the reactor thread (Twisted's ``callFromThread``)."""
        if call_from_thread is None:
            from twisted.internet import reactor
            call_from_thread = reactor.callFromThread
        self.call_from_thread = call_from_thread
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(list(preload))
        self.idle = [self.new_worker() for _ in range(workers)]
        self.waiting: deque = deque()
        self.on_drained: list = []
        self.closed = False

    def new_worker(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=1, mp_context=self.context, initializer=end_with, initargs=(os.getpid(),))

    def run(self, function, *args) -> Deferred:
        """A Deferred firing with ``function(*args)`` as run in a worker, or with its exception."""
        if self.closed:
            raise RuntimeError("the process pool is closed")
        done = Deferred()
        self.waiting.append((done, function, args))
        self.dispatch()
        return done

    @property
    def backlog(self) -> int:
        """Calls waiting for a worker."""
        return len(self.waiting)

    def when_drained(self, callback) -> None:
        """Call ``callback()`` once no call is left waiting for a worker."""
        self.on_drained.append(callback)

    def dispatch(self) -> None:
        while self.idle and self.waiting:
            worker = self.idle.pop()
            done, function, args = self.waiting.popleft()
            try:
                future = worker.submit(function, *args)
            except BrokenProcessPool:  # it died while idle: nothing of ours was lost
                worker.shutdown(wait=False)
                self.idle.append(self.new_worker())
                self.waiting.appendleft((done, function, args))
                continue
            future.add_done_callback(lambda future, worker=worker, done=done:
                                     self.call_from_thread(self.finished, worker, future, done))
        if not self.waiting:
            callbacks, self.on_drained = self.on_drained, []
            for callback in callbacks:
                callback()

    def finished(self, worker: ProcessPoolExecutor, future, done: Deferred) -> None:
        error = future.exception()
        if isinstance(error, BrokenProcessPool):
            worker.shutdown(wait=False)
            worker = self.new_worker()
            error = WorkerDied(f"the worker process died ({error})")
        if self.closed:
            worker.shutdown(wait=False)
        else:
            self.idle.append(worker)
            self.dispatch()
        if error is None:
            done.callback(future.result())
        else:
            done.errback(error)

    def close(self) -> None:
        self.closed = True
        for worker in self.idle:
            worker.shutdown(wait=True)
        self.idle = []


_shared: dict[int, ProcessPool] = {}


def shared_pool(workers: int, preload: tuple[str, ...] = ()) -> ProcessPool:
    """This process's pool of ``workers`` processes, started on first use and closed at reactor shutdown."""
    if workers not in _shared:
        from twisted.internet import reactor
        pool = _shared[workers] = ProcessPool(workers, preload)
        reactor.addSystemEventTrigger("before", "shutdown", pool.close)
    return _shared[workers]
