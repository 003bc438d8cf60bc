"""The processes a reindex starts (parsers, Whoosh's sub-writers) live and speak only through it.

A reindex killed with SIGKILL cannot stop its workers, and workers blocked on a queue wait
forever, holding the reindex's stdout and stderr open (and its lock), so that a cron job
reading them never ends. On Linux each worker asks the kernel to kill it when its parent goes,
and ends at once if the parent went before it could ask. Workers are forked, not spawned: a
spawned worker runs for a tenth of a second before it can ask, and needs multiprocessing's
resource tracker, a process of its own that nothing arms and that prints warnings of leaked
semaphores when the reindex dies. (The fork server would outlive the reindex: its children hold
it open.) Ctrl-C reaches every process of the terminal's group: workers leave it to the reindex,
which stops them. A sub-writer that fails would print a traceback past the command's one-line
error; its stderr goes nowhere, and the reindex reports the documents it did not write
(engines/whoosh/writer.py).
"""

import ctypes
import functools
import multiprocessing.util
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """Be killed when `parent` ends (Linux), or end now if it ended before the kernel was asked."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # left to init (or a subreaper): no signal will come
        os._exit(1)


def _start_worker(parent: int) -> None:
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Pool(ProcessPoolExecutor):
    """A pool that a Ctrl-C cannot catch half-started. A submit may fork workers and start the
    thread that feeds them; an interrupt between making that thread and starting it leaves a pool
    whose shutdown fails ("cannot join thread before it is started") with a traceback instead of
    the reindex's one line. The interrupt waits until the submit is done, then arrives as usual."""

    def submit(self, *args, **kwargs):
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            return super().submit(*args, **kwargs)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)


def worker_pool(jobs: int) -> ProcessPoolExecutor:
    """`jobs` parser processes that die with this one and leave Ctrl-C to it.

    The kernel's signal follows the thread that forked a worker: the pool forks every worker on
    its first task, in the thread that submits it, which must be the main one."""
    return _Pool(max_workers=jobs, mp_context=get_context("fork"), initializer=_start_worker, initargs=(os.getpid(),))


def _quiet_sub_writer(parent: int, _owner) -> None:
    _start_worker(parent)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # sys.stderr writes to descriptor 2
    os.close(devnull)


def quiet_sub_writers(owner: object) -> None:
    """Processes multiprocessing forks from here while `owner` lives are quiet and die with us."""
    multiprocessing.util.register_after_fork(owner, functools.partial(_quiet_sub_writer, os.getpid()))
