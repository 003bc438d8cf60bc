"""A cluster's folder: the searchd configuration of its nodes, and the searchd processes that run
them on this machine (`filings cluster init/start/stop/status`).

    cluster.json        the table, the nodes (host, API port) and the engine address
    node-K.conf         node K's searchd configuration (node 1 is the head)
    node-K/             its tables, binlog, pid file and logs

For nodes on several hosts the same folder is copied to each and every host starts its own node
(`filings cluster start DIR --node K`).
"""

import json
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from ...errors import UsageError, ClusterUnavailableError
from ...settings import SEARCHD
from .address import Address
from .config import Node, node_config
from .connection import connect

DESCRIPTION = "cluster.json"
DEFAULT_TABLE = "filings"
DEFAULT_PORT = 9312
# How long a node may take to come up or to stop (searchd replays its binlog on start).
START_SECONDS = 60


@dataclass(frozen=True)
class Cluster:
    root: Path
    table: str
    nodes: list[Node]

    @property
    def address(self) -> Address:
        head = self.nodes[0]
        return Address(head.host, head.sphinxql, self.table)

    @classmethod
    def read(cls, root: Path) -> "Cluster":
        try:
            described = json.loads((root / DESCRIPTION).read_text())
            nodes = [Node(number, node["host"], int(node["port"])) for number, node in enumerate(described["nodes"], 1)]
            return cls(root, described["table"], nodes)
        except FileNotFoundError:
            raise UsageError(f"{root} is not a cluster folder (it has no {DESCRIPTION}): make one with "
                             f"`filings cluster init {root} --nodes N`") from None
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise UsageError(f"cannot read the cluster in {root}: {DESCRIPTION} is damaged ({error})") from None

    def pid(self, node: Node) -> int | None:
        """The pid of the node's searchd if it runs (its pid file names a live process)."""
        try:
            pid = int((node.folder(self.root) / "searchd.pid").read_text().split()[0])
            os.kill(pid, 0)
        except (OSError, ValueError, IndexError):
            return None
        return pid


def init(root: Path, nodes: int, port: int = DEFAULT_PORT, hosts: list[str] | None = None,
         table: str = DEFAULT_TABLE) -> Cluster:
    """Write the configuration of a cluster of `nodes` data nodes into `root`: on this machine, node K
    on ports PORT + 2(K-1) (API) and the one after it (SphinxQL); on `hosts`, node K on hosts[K-1],
    each on PORT."""
    if nodes < 1:
        raise UsageError(f"--nodes {nodes}: a cluster has at least 1 node")
    if hosts and len(hosts) != nodes:
        raise UsageError(f"--hosts names {len(hosts)} hosts for --nodes {nodes}: name one a node")
    if root.exists() and any(root.iterdir()) and not (root / DESCRIPTION).is_file():
        raise UsageError(f"{root} is not empty and holds no cluster: give `cluster init` a new or empty folder")
    if not 0 < port < 65535 - 2 * nodes:
        raise UsageError(f"--port {port}: the nodes need ports {port} to {port + 2 * nodes - 1}, below 65536")
    placed = [Node(number, hosts[number - 1] if hosts else "127.0.0.1", port if hosts else port + 2 * (number - 1))
              for number in range(1, nodes + 1)]
    cluster = Cluster(root, table, placed)
    if (root / DESCRIPTION).is_file():
        running = [node.number for node in Cluster.read(root).nodes if Cluster.read(root).pid(node)]
        if running:
            raise UsageError(f"the cluster in {root} is running (nodes {running}): `filings cluster stop {root}` first")
    root.mkdir(parents=True, exist_ok=True)
    for node in placed:
        node.folder(root).mkdir(exist_ok=True)
        node.config(root).write_text(node_config(table, node, placed, root, node.host))
    (root / DESCRIPTION).write_text(json.dumps({
        "table": table, "nodes": [{"host": node.host, "port": node.port} for node in placed],
        "address": str(cluster.address)}, indent=1))
    return cluster


def _searchd() -> str:
    program = SEARCHD.resolve()
    found = shutil.which(str(program))
    if not found:
        raise UsageError(f"searchd ({program}) is not installed: install Sphinx (Debian: apt-get install "
                         f"sphinxsearch) or Manticore Search, or name the program in {SEARCHD.envvar}")
    return found


def _local(cluster: Cluster, only: int | None) -> list[Node]:
    if only is not None and not 1 <= only <= len(cluster.nodes):
        raise UsageError(f"--node {only}: the cluster has nodes 1 to {len(cluster.nodes)}")
    return [node for node in cluster.nodes if only in (None, node.number)]


def answers(node: Node) -> bool:
    try:
        connect(node.host, node.sphinxql, timeout=2).close()
    except ClusterUnavailableError:
        return False
    return True


def start(root: Path, only: int | None = None) -> list[Node]:
    """Start the nodes (all, or node `only`) not running yet, and wait until each answers."""
    cluster = Cluster.read(root)
    program = _searchd()
    started = []
    for node in _local(cluster, only):
        if cluster.pid(node):
            continue
        log = node.folder(root) / "start.log"
        with log.open("ab") as out:
            done = subprocess.run([program, "--config", str(node.config(root))], stdout=out, stderr=out,
                                  stdin=subprocess.DEVNULL, check=False)
        if done.returncode:
            raise UsageError(f"node {node.number} did not start (searchd exit {done.returncode}); see {log} and "
                             f"{node.folder(root) / 'searchd.log'}")
        started.append(node)
    deadline = time.monotonic() + START_SECONDS
    for node in started:
        while not answers(node):
            if time.monotonic() > deadline:
                raise UsageError(f"node {node.number} started but does not answer on {node.host}:{node.sphinxql}; "
                                 f"see {node.folder(root) / 'searchd.log'}")
            time.sleep(0.1)
    return started


def stop(root: Path, only: int | None = None) -> list[Node]:
    """Stop the running nodes (all, or node `only`), each flushing its tables, and wait for each."""
    cluster = Cluster.read(root)
    stopped = []
    for node in _local(cluster, only):
        pid = cluster.pid(node)
        if pid is None:
            continue
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + START_SECONDS
        while cluster.pid(node) == pid and time.monotonic() < deadline:
            time.sleep(0.05)
        stopped.append(node)
    return stopped


def status(root: Path) -> list[tuple[Node, int | None, bool]]:
    """Each node, its searchd's pid on this machine (None: not running here) and whether it answers."""
    cluster = Cluster.read(root)
    return [(node, cluster.pid(node), answers(node)) for node in cluster.nodes]
