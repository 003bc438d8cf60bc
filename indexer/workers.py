"""The processes a reindex starts (parsers, Whoosh's sub-writers) live and speak only through it.

A reindex killed with SIGKILL cannot stop its workers, and workers blocked on a queue wait
forever, holding the reindex's stdout and stderr open, so that a cron job reading them never
ends. On Linux each worker, a child of the reindex, asks the kernel to kill it when its parent
goes. (multiprocessing's fork server would outlive the reindex: its children hold it open.) A
sub-writer that fails would print a traceback past the command's one-line error; its stderr
goes nowhere, and the reindex reports the documents it did not write (reindex.py).
"""

import ctypes
import multiprocessing.util
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Be killed when the parent process ends (Linux; elsewhere, nothing)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _quiet_sub_writer(_owner) -> None:
    die_with_parent()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # sys.stderr writes to descriptor 2
    os.close(devnull)


def quiet_sub_writers(owner: object) -> None:
    """Processes multiprocessing forks from here while `owner` lives are quiet and die with us."""
    multiprocessing.util.register_after_fork(owner, _quiet_sub_writer)
