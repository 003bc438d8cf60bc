"""The web figures: `filings serve --workers W` under a bounded load of concurrent clients.

The server runs in a session of its own, so that stopping it stops every worker process it
started, whatever it does with SIGTERM.
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from .load import run_load
from .queries import Query

FILINGS = [sys.executable, "-m", "indexer"]
# How long a server may take to answer its health check: several workers each open the index.
START_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _started(server: subprocess.Popen, port: int, log) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise SystemExit(f"filings serve exited with {server.returncode}: {log.read().strip()[-2000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).close()
            return
        except (OSError, urllib.error.HTTPError):
            time.sleep(0.05)
    raise SystemExit(f"filings serve did not answer /healthz within {START_SECONDS} s")


def _stop(server: subprocess.Popen) -> None:
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def web(index: Path, corpus: Path, mix: list[Query], workers: int, seconds: float, clients: int = 8) -> dict:
    """Requests/s and latency of the mix's result pages and JSON API calls, replayed by `clients`
    keep-alive connections for `seconds`, after each path has been asked once per worker (so that
    every worker has opened the index and warmed its caches before the clock starts)."""
    port = _free_port()
    paths = [f"{prefix}?{urlencode(query.params, doseq=True)}" for query in mix for prefix in ("/", "/api/search")]
    command = [*FILINGS, "serve", "--port", str(port), "--index", str(index), "--corpus", str(corpus),
               "--workers", str(workers)]
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
        try:
            _started(server, port, log)
            run_load("127.0.0.1", port, paths, clients=clients, seconds=10 * seconds,
                     requests=len(paths) * workers)
            load = run_load("127.0.0.1", port, paths, clients=clients, seconds=seconds)
        finally:
            _stop(server)
    return {"workers": workers, "clients": clients, "seconds": load.seconds, "requests": load.requests,
            "failures": len(load.failures), "per_second": load.per_second, "p50_ms": load.percentile(0.5),
            "p99_ms": load.percentile(0.99)}
