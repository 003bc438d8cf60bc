"""The searchd configuration of a cluster: one file a data node, the first node also the head.

Every node holds TABLE_docs and TABLE_text (layout.py); the head adds the distributed tables over
every node's (its own included, reached as an agent like the others, so that every node is one
agent in `DESCRIBE TABLE` and a node that does not answer is named in the warnings) and
TABLE_meta. Node K listens for agents on its API port and for SphinxQL on the port after it
(address.py). The schema is written from layout.py, itself derived from the Whoosh schema.
"""

from dataclasses import dataclass
from pathlib import Path

from .address import SPHINXQL_AFTER_API
from .layout import config_lines
from .terms import CHARSET_TABLE

# Characters a keyword starts from for infix searches (`*orl*`); Sphinx needs two at least.
MIN_INFIX = 2
# A node that has not connected in this long, or answered in this long, is left out of a
# search, which then says it is partial (agent_*_timeout, in ms).
CONNECT_TIMEOUT_MS = 1000
QUERY_TIMEOUT_MS = 3000
# The largest request a node takes: a 32 MB filing (the parser's limit) with room to spare.
MAX_PACKET = "128M"
RT_MEMORY = "256M"


@dataclass(frozen=True)
class Node:
    number: int  # 1 for the head
    host: str
    port: int  # the API port; SphinxQL listens on the next

    @property
    def sphinxql(self) -> int:
        return self.port + SPHINXQL_AFTER_API

    def folder(self, root: Path) -> Path:
        return root / f"node-{self.number}"

    def config(self, root: Path) -> Path:
        return root / f"node-{self.number}.conf"


def _rt(name: str, path: Path, lines: list[str]) -> str:
    body = "\n".join(f"    {line}" for line in [
        "type = rt", f"path = {path / name}", *lines,
        "dict = keywords", f"min_infix_len = {MIN_INFIX}", f"charset_table = {CHARSET_TABLE}",
        "min_word_len = 1", "morphology = none", f"rt_mem_limit = {RT_MEMORY}",
    ])
    return f"index {name}\n{{\n{body}\n}}\n"


def _distributed(name: str, nodes: list[Node], table: str) -> str:
    lines = [f"agent = {node.host}:{node.port}:{table}" for node in nodes]
    lines += [f"agent_connect_timeout = {CONNECT_TIMEOUT_MS}", f"agent_query_timeout = {QUERY_TIMEOUT_MS}"]
    body = "\n".join(f"    {line}" for line in ["type = distributed", *lines])
    return f"index {name}\n{{\n{body}\n}}\n"


def node_config(table: str, node: Node, nodes: list[Node], root: Path, listen: str) -> str:
    """searchd's configuration for `node` of the cluster `nodes` (the first is the head), its files
    under `root`; it listens on `listen` (the node's host, or 0.0.0.0 to take any address)."""
    folder = node.folder(root).resolve()
    parts = [
        _rt(f"{table}_docs", folder, list(config_lines(table))),
        _rt(f"{table}_text", folder, ["rt_field = chunk", "rt_attr_bigint = doc", "rt_attr_uint = part",
                                      "rt_attr_string = text"]),
    ]
    if node.number == 1:
        parts += [
            _distributed(table, nodes, f"{table}_docs"),
            _distributed(f"{table}_texts", nodes, f"{table}_text"),
            _rt(f"{table}_meta", folder, ["rt_field = about", "rt_attr_string = value"]),
        ]
    searchd = "\n".join(f"    {line}" for line in [
        f"listen = {listen}:{node.port}", f"listen = {listen}:{node.sphinxql}:mysql41",
        f"log = {folder / 'searchd.log'}", f"query_log = {folder / 'query.log'}",
        f"pid_file = {folder / 'searchd.pid'}", f"binlog_path = {folder}",
        "workers = threads", f"max_packet_size = {MAX_PACKET}", "read_timeout = 30", "client_timeout = 300",
        "seamless_rotate = 0", "preopen_indexes = 0", "unlink_old = 1",
    ])
    return "\n".join(parts) + f"searchd\n{{\n{searchd}\n}}\n"
