"""Serving from several processes: the parent binds the listening sockets, forks the workers (each
serving on those sockets with threads and an open index of its own), replaces a worker that dies,
and stops every worker when it is stopped.

Python runs one thread at a time per process, so a search-bound server needs a process per core to
use them all. The workers share the kernel's queue of connections on the sockets: one that holds
its share of connections stops accepting and the others take the next ones.
"""

import ctypes
import os
import signal
import socket
import sys
import time
import traceback
from collections.abc import Callable

# A worker that dies is replaced, but not more often than this, so that one that cannot start
# (whatever breaks it at every start) does not have the parent fork as fast as it can.
REPLACE_PAUSE_SECONDS = 1.0
_STOPPING = {signal.SIGINT, signal.SIGTERM}
_PR_SET_PDEATHSIG = 1


class _Terminated(Exception):
    """SIGTERM, raised in the parent wherever it is waiting, as Ctrl-C raises KeyboardInterrupt."""


def _terminated(signum, frame):
    raise _Terminated


def bind(host: str, port: int, backlog: int) -> list[socket.socket]:
    """A listening socket for each address `host` names, as waitress would bind them itself (an
    OSError if one cannot be bound, a ValueError if the host names none)."""
    from waitress.adjustments import Adjustments

    sockets = []
    try:
        for family, kind, proto, address in Adjustments(host=host, port=port).listen:
            listener = socket.socket(family, kind, proto)
            sockets.append(listener)
            if family == socket.AF_INET6:
                listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(address)
            listener.listen(backlog)
    except BaseException:
        for listener in sockets:
            listener.close()
        raise
    return sockets


def shares(total: int, workers: int) -> list[int]:
    """`total` split among `workers` as evenly as whole numbers allow."""
    return [total // workers + (slot < total % workers) for slot in range(workers)]


def _die_with_parent(parent: int) -> None:
    """Have the kernel stop this worker if the parent dies without stopping it (a SIGKILL), so that
    no worker is left serving unsupervised."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)


def _fork(work: Callable[[int], None], slot: int) -> int:
    """A worker running `work(slot)`; it exits when `work` returns or Ctrl-C stops it."""
    parent = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with_parent(parent)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
        work(slot)
        code = 0
    except KeyboardInterrupt:
        code = 0
    except BaseException:  # noqa: BLE001 - a worker reports what stopped it and exits; the parent replaces it
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exited with status {os.waitstatus_to_exitcode(status)}"


def supervise(workers: int, work: Callable[[int], None]) -> None:
    """Run `work(slot)` for each slot in its own forked worker until Ctrl-C (return) or SIGTERM (this
    process then dies of it, as a single process would), replacing a worker that ends; every worker
    is stopped and waited for before this returns."""
    running: dict[int, int] = {}  # pid -> slot
    replaced_at = float("-inf")
    previous = signal.signal(signal.SIGTERM, _terminated)
    terminated = False
    try:
        while True:
            for slot in sorted(set(range(workers)) - set(running.values())):
                # Blocked around the fork, so that a stop cannot fall between a worker's start and its record.
                signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
                try:
                    running[_fork(work, slot)] = slot
                finally:
                    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
            pid, status = os.wait()
            slot = running.pop(pid, None)
            if slot is None:
                continue
            print(f"worker {pid} {_ended(status)}; starting another", file=sys.stderr, flush=True)
            time.sleep(max(0.0, replaced_at + REPLACE_PAUSE_SECONDS - time.monotonic()))
            replaced_at = time.monotonic()
    except KeyboardInterrupt:
        pass
    except _Terminated:
        terminated = True
    finally:
        signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
        for pid in running:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in running:
            os.waitpid(pid, 0)
        signal.signal(signal.SIGTERM, previous)
    if terminated:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)  # still blocked: delivered when unblocked below
    # A second Ctrl-C while the workers stopped is discarded, not raised after the stop it asked for.
    interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
    signal.signal(signal.SIGINT, interrupt)
