"""The cluster `make bench` measures: 2 searchd nodes on this machine, in a folder of the run's
scratch space, on free loopback ports, made and run by the product's own `cluster init/start/stop`
(indexer/engines/sphinx/cluster.py), removed with the run."""

import importlib.util
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from indexer.settings import SEARCHD

NODES = 2
# What a cluster's reindex and search need of the product besides searchd (engines/__init__.py).
ENGINE_MODULES = ("indexer.engines.sphinx.writer", "indexer.engines.sphinx.index")


def missing() -> str | None:
    """Why the cluster cannot be measured here, or None when it can."""
    if not shutil.which(str(SEARCHD.resolve())):
        return f"searchd ({SEARCHD.resolve()}) is not installed (apt-get install sphinxsearch)"
    absent = [name for name in ENGINE_MODULES if importlib.util.find_spec(name) is None]
    if absent:
        return f"the cluster engine lacks {', '.join(absent)}"
    return None


def _free_ports(count: int) -> int:
    """The first of `count` consecutive loopback ports no one listens on now."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + count < 65535 and all(_free(port) for port in range(first, first + count)):
            return first
    raise SystemExit("no run of free loopback ports for the benchmark's cluster")


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@contextmanager
def running(folder: Path) -> Iterator[str]:
    """A new, empty cluster of NODES nodes in `folder`, running while the block runs: its address."""
    from indexer.engines.sphinx import cluster

    made = cluster.init(folder, NODES, _free_ports(2 * NODES))
    cluster.start(folder)
    try:
        yield str(made.address)
    finally:
        cluster.stop(folder)
        shutil.rmtree(folder)
