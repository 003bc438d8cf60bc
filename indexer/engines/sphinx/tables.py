"""One cluster's tables as its readers and writers reach them: the head (the distributed tables and
the meta table), the data nodes behind it, and what both sides read alike (bodies, meta rows)."""

import json
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property

from ...errors import ClusterUnavailableError, IndexMissingError, QueryError
from ...models import MAX_PER_PAGE
from .address import Address
from .connection import Client, data_nodes
from .layout import hashed

# Rows of the meta table: what each part's reindex recorded, and the cluster's version, raised by
# every write a reindex makes visible, which readers keep what they derive under.
VERSION_ROW = "version"
# The saved searches (indexer/watches.py): in the meta table, so that every host reaching the cluster
# sees the same ones, and a reindex (which writes only its part's row) keeps them.
WATCHES_ROW = "watches"
# The documents whose bodies one statement reads, a page's worth: a MATCH of a few thousand chunk
# keywords outlasts agent_query_timeout on a busy node.
BODIES_AT_ONCE = MAX_PER_PAGE


def meta_row_id(name: str) -> int:
    return hashed(f"meta {name}")


@dataclass
class Tables:
    address: Address
    head: Client = field(init=False)

    def __post_init__(self) -> None:
        self.head = Client(self.address.host, self.address.port, name=str(self.address))

    @classmethod
    def reach(cls, location: str) -> "Tables":
        """The tables at an address, checked to be a cluster's (ClusterUnavailableError if the head
        does not answer, IndexMissingError if it holds no such table)."""
        tables = cls(Address.parse(location))
        try:
            tables.nodes  # noqa: B018 - DESCRIBE, which also says the table is there
        except QueryError:
            tables.close()
            raise IndexMissingError(location) from None
        except ClusterUnavailableError:
            tables.close()
            raise
        return tables

    @property
    def docs(self) -> str:
        """The distributed table of documents (the address's)."""
        return self.address.table

    @property
    def texts(self) -> str:
        return f"{self.address.table}_texts"

    @property
    def meta(self) -> str:
        return f"{self.address.table}_meta"

    @property
    def node_docs(self) -> str:
        """Each data node's own table of documents."""
        return f"{self.address.table}_docs"

    @property
    def node_text(self) -> str:
        return f"{self.address.table}_text"

    @cached_property
    def nodes(self) -> list[Client]:
        return data_nodes(self.head, self.address)

    def read_meta(self, name: str) -> dict | None:
        rows = self.head.rows(f"SELECT value FROM {self.meta} WHERE id = %s", meta_row_id(name))
        if not rows:
            return None
        try:
            return json.loads(rows[0][0])
        except ValueError:
            return None

    def write_meta(self, name: str, value: dict) -> None:
        self.head.rows(f"REPLACE INTO {self.meta} (id, about, value) VALUES (%s, %s, %s)",
                       meta_row_id(name), name, json.dumps({**value, "name": name}, sort_keys=True))

    def all_meta(self) -> dict[str, dict]:
        """Every meta row, by name (a few: one a part, the version, any lock)."""
        rows = self.head.rows(f"SELECT id, value FROM {self.meta} LIMIT 1000")
        found = {}
        for _, value in rows:
            try:
                described = json.loads(value)
            except ValueError:
                continue
            if isinstance(described, dict) and "name" in described:
                found[described["name"]] = described
        return found

    def version(self) -> int:
        """The cluster's version: raised by each write a reindex makes visible."""
        return int((self.read_meta(VERSION_ROW) or {}).get("version", 0))

    def bodies(self, row_ids: list[int], node: Client | None = None) -> dict[int, str]:
        """The whole body of each document (by row id) of `row_ids`, its chunks joined in order: read
        through the head's distributed table, or from `node`'s own (a writer that must not read
        around a node that does not answer)."""
        if not row_ids:
            return {}
        client, table = (node, self.node_text) if node else (self.head, self.texts)
        found: dict[int, list[tuple[int, str]]] = {row: [] for row in row_ids}
        wanted = sorted(found)
        for start in range(0, len(wanted), BODIES_AT_ONCE):
            batch, last = wanted[start:start + BODIES_AT_ONCE], 0
            while True:
                rows = client.rows(f"SELECT id, doc, part, text FROM {table} WHERE {chunks_of(batch)} AND id > %s "
                                   "ORDER BY id ASC LIMIT 1000 OPTION max_matches=1000", last)
                for chunk_id, doc, part, text in rows:
                    found[doc].append((part, text))
                if len(rows) < 1000:
                    break
                last = rows[-1][0]
        return {row: "".join(text for _, text in sorted(chunks)) for row, chunks in found.items()}

    def bodies_placed(self, placed: dict[int, int]) -> dict[int, str]:
        """The bodies of documents (row id -> the node holding it), each node's read from it
        directly and all nodes at once: a page's bodies can weigh megabytes, which through the
        head would travel twice. A node that does not answer is read around, through the head."""
        wanted: dict[int, list[int]] = {}
        for row, node in placed.items():
            wanted.setdefault(node, []).append(row)
        with ThreadPoolExecutor(len(wanted) or 1, thread_name_prefix="bodies") as pool:
            reads = [pool.submit(self.bodies, rows, self.nodes[node]) for node, rows in wanted.items()]
        found: dict[int, str] = {}
        for read, rows in zip(reads, wanted.values()):
            try:
                found |= read.result()
            except ClusterUnavailableError:
                found |= self.bodies(rows)
        return found

    def close(self) -> None:
        self.head.close()
        if "nodes" in self.__dict__:
            for node in self.nodes:
                node.close()


def chunk_id(row_id: int, part: int) -> int:
    return hashed(f"{row_id}#{part}")


def chunk_key(row_id: int) -> str:
    """The keyword a document's chunks hold in their full-text field: chunks are found by it through
    the inverted index, where a filter on their `doc` attribute would scan every chunk."""
    return f"d{row_id}"


def chunks_of(row_ids: Iterable[int]) -> str:
    """The MATCH of every chunk of the documents `row_ids`."""
    return f"MATCH('@chunk {' | '.join(map(chunk_key, sorted(set(row_ids))))}')"

