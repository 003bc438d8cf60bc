"""The cluster as a reindex writes it (indexer/engines/building.py).

A document's row goes to its node (layout.route: a filing's documents live together) through that
node's own SphinxQL port, since Sphinx refuses INSERT into a distributed table; its body goes in
chunks to the node's text table. Writes are held per run and flushed every FLUSH_ROWS rows or
FLUSH_CHARS of statement, in a thread of their own while the next files gather: a flush writes the chunks first, then on each node one transaction that
deletes the old rows of the files flushed and writes their new ones (a transaction covers one table
on one node), so a file's documents are replaced together; last, chunks no row holds any more go,
and the cluster's version row is raised so that readers' caches know. After the last flush, the
rows of the copy keys the run touched are marked (copies.py); a run killed before that leaves its
part's meta row saying so (UNMARKED, written before its first flush), and the next run marks every
row, so that the marks converge however a run ends.

The cluster keeps serving while a reindex runs, a rebuild too: a rebuild writes every file of its
part again over the rows there, and at its end removes the files of its part it did not write. Each
part (`--part K/N`, or all of the corpus) has its meta row and its lock. A run killed at any moment
leaves what it flushed, each file whole; what it had not, its stamps say, and the next run redoes.
"""

import time
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import partial

from ...errors import IndexMissingError, QueryError, ReindexStoppedError, UsageError
from ...indexed import Known
from ...models import FilingDocument
from ...parts import Part, hashed, in_part, part_name
from ..building import IndexBuilder, IndexWriter, Preparer
from ..whoosh.schema import DIGEST, INDEX_FORMAT
from . import copies
from .documents import file_documents
from .connection import Client
from .layout import COPY_KEY, Row, file_rows, value_of
from .lock import Lock
from .statements import among, deletes, every_row, replaces
from .tables import VERSION_ROW, Tables, chunk_id, chunk_key, chunks_of

# The whole index format: the embedded engine's (what the parser and analysis make) and the
# cluster's own layout of rows, raised when layout.py changes what a row holds.
CLUSTER_FORMAT = f"{INDEX_FORMAT}.4"
# The stamp of a file whose rows hold two stamps: one that no file on disk has.
MIXED = "mixed"
FLUSH_ROWS = 200
FLUSH_CHARS = 4_000_000
TEXT_COLUMNS = ("id", "chunk", "doc", "part", "text")
# In a part's meta row from a run's first flush until it has marked the copies (copies.py).
UNMARKED = "copies_unmarked"


def _size(written: Row) -> int:
    return sum(len(value) if isinstance(value, str) else 8 for value in written.values.values()) + \
        sum(len(chunk) for chunk in written.chunks)


@dataclass
class _File:
    """One file's pending write: its new rows, and whether rows of it may be in the cluster now."""

    path: str
    rows: list[Row]
    indexed: bool


@dataclass
class _Flush:
    """What one flush writes to, and removes from, one node."""

    rows: list[Row] = field(default_factory=list)
    old: set[int] = field(default_factory=set)


class SphinxWriter(IndexWriter):
    def __init__(self, builder: "SphinxBuilder", tables: Tables, rebuild: bool, commit_every: int | None,
                 before: dict[str, str], meta: dict):
        self.builder = builder
        self.tables = tables
        self.rebuild = rebuild
        self.commit_every = commit_every
        self.before = before  # a rebuild's: the part's files as the run began
        self.written: set[str] = set()
        self.pending: list[_File] = []
        self.pending_rows = 0
        self.pending_chars = 0
        # One flush at a time runs in its own thread while the next one's files gather.
        self._flusher = ThreadPoolExecutor(1, thread_name_prefix="flusher")
        self._flushing: Future | None = None
        # The copy keys of the rows written and removed (the flusher thread's), and whether every row
        # is to be marked: after a rebuild, or a run that flushed and never marked.
        self.touched: set[int] = set()
        self.mark_all = rebuild or bool(meta.get(UNMARKED))
        self.meta = meta

    def replace(self, path: str, documents: Iterable[FilingDocument], stamp: str, indexed: bool = True,
                prepared: object = None) -> None:
        rows = prepared if prepared is not None else file_rows(path, list(documents), stamp, len(self.tables.nodes))
        self._add(_File(path, rows, indexed or path in self.before))
        self.written.add(path)

    def preparer(self) -> Preparer:
        return partial(file_rows, nodes=len(self.tables.nodes))

    def restamp(self, path: str, stamp: str) -> None:
        # Sphinx cannot update a string attribute: the documents are written again, stamped anew.
        self.replace(path, file_documents(self.tables, path), stamp)

    def delete(self, path: str) -> None:
        self._add(_File(path, [], True))

    def _add(self, pending: _File) -> None:
        self.pending.append(pending)
        self.pending_rows += len(pending.rows)
        self.pending_chars += sum(map(_size, pending.rows))
        if (self.pending_rows >= FLUSH_ROWS or self.pending_chars >= FLUSH_CHARS
                or (self.commit_every and len(self.pending) >= self.commit_every)):
            self.flush()

    def flush(self) -> None:
        """Hand what is pending to the flusher thread, once the flush before it has ended: the next
        files are parsed and prepared while the nodes take these."""
        if not self.pending:
            return
        self.settle()
        if self.builder.held is not None and self.builder.held.lost.is_set():
            raise ReindexStoppedError(f"another reindex took over the lock of {part_name(self.builder.part)} on "
                                      f"{self.tables.address}: this run stopped")
        if self.meta and not self.meta.get(UNMARKED):
            # Before anything is written: a run killed from here on leaves copies to mark. (A part with
            # no meta row yet is being built: its next run rebuilds, and marks every row.)
            self.meta = {**self.meta, UNMARKED: True}
            self.tables.write_meta(part_name(self.builder.part), self.meta)
        pending, self.pending, self.pending_rows, self.pending_chars = self.pending, [], 0, 0
        self._flushing = self._flusher.submit(self._flush, pending)

    def settle(self) -> None:
        """Wait for the flush under way, raising its failure."""
        flushing, self._flushing = self._flushing, None
        if flushing is not None:
            flushing.result()

    def _flush(self, pending: list[_File]) -> None:
        nodes = self.tables.nodes
        plans = [_Flush() for _ in nodes]
        for each in pending:
            for written in each.rows:
                plans[written.node].rows.append(written)
        looked_up = [hashed(each.path) for each in pending if each.indexed]
        # Each node's writes are its own (the rows a file had there, its new rows there): the nodes
        # are written at once, each in its own thread and connection. The first failure is raised,
        # once every node's writing has ended.
        with ThreadPoolExecutor(len(nodes), thread_name_prefix="flush") as pool:
            done = [pool.submit(self._write, node, plan, looked_up) for node, plan in zip(nodes, plans)]
        for each in done:
            old_keys = each.result()
            if not self.mark_all:
                self.touched |= old_keys
        if not self.mark_all:
            self.touched |= {written.values[COPY_KEY] for each in pending for written in each.rows}
        self.tables.write_meta(VERSION_ROW, {"version": time.time_ns()})

    def _write(self, node: Client, plan: _Flush, looked_up: list[int]) -> set[int]:
        """One node's part of a flush: its bodies' chunks, then one transaction replacing the rows of
        the files flushed, then the chunks no row holds any more. Answers the old rows' copy keys."""
        old_keys: set[int] = set()
        if looked_up:
            old = list(every_row(node, self.tables.node_docs, COPY_KEY, among("file_h", looked_up)))
            plan.old, old_keys = {found[0] for found in old}, {found[1] for found in old}
        chunks = [(chunk_id(written.id, part), chunk_key(written.id), written.id, part, text)
                  for written in plan.rows for part, text in enumerate(written.chunks)]
        if chunks:
            node.execute(list(replaces(self.tables.node_text, TEXT_COLUMNS, chunks)))
        if plan.rows or plan.old:
            columns = ("id", *plan.rows[0].values) if plan.rows else ("id",)
            values = ([written.id, *written.values.values()] for written in plan.rows)
            node.execute(["BEGIN", *deletes(self.tables.node_docs, plan.old - {written.id for written in plan.rows}),
                          *replaces(self.tables.node_docs, columns, values), "COMMIT"])
        self._drop_stale_chunks(node, plan)
        return old_keys

    def _drop_stale_chunks(self, node: Client, plan: _Flush) -> None:
        """Chunks of the node's old rows, and of its new ones past their body's end (a killed run may
        have left a longer body's), that no row's body holds now."""
        documents = plan.old | {written.id for written in plan.rows}
        if not documents:
            return
        kept = {chunk_id(written.id, part) for written in plan.rows for part in range(len(written.chunks))}
        found = {each[0] for each in every_row(node, self.tables.node_text, "", chunks_of(documents))}
        if found - kept:
            node.execute(list(deletes(self.tables.node_text, found - kept)))

    def commit(self) -> None:
        self.flush()
        self.settle()

    def cancel(self) -> None:
        self.pending, self.pending_rows, self.pending_chars = [], 0, 0
        try:
            self.settle()  # a flush under way ends whole (each node's transaction), or not at all
        except Exception:
            pass  # the error that cancels the run is the one to report
        finally:
            self._flusher.shutdown()

    def finish(self, meta: dict) -> int:
        self.commit()
        if self.rebuild:
            for path in sorted(set(self.before) - self.written):
                self.delete(path)
            self.commit()
        self._flusher.shutdown()
        if self.mark_all or self.touched:
            with Lock(self.tables, "copies").holding(wait=True):
                if copies.mark(self.tables, None if self.mark_all else self.touched):
                    self.tables.write_meta(VERSION_ROW, {"version": time.time_ns()})
        # The run's record (which no longer says UNMARKED); the version is raised by the writes alone
        # (the flushes, the marks), so that a run with nothing to write leaves what readers keep as it was.
        self.tables.write_meta(part_name(self.builder.part), {**meta, "format": CLUSTER_FORMAT})
        return count_documents(self.tables)


def count_documents(tables: Tables) -> int:
    """Every document in the cluster, counted by each node (one that does not answer fails the count)."""
    return sum(int(node.run([f"SELECT id FROM {tables.node_docs} LIMIT 1"], meta=True).meta["total_found"])
               for node in tables.nodes)


class SphinxBuilder(IndexBuilder):
    def __init__(self, location: str, part: Part | None = None):
        self.location = location
        self.part = part
        self.held: Lock | None = None  # the lock row, while this builder's run holds it
        self._tables: Tables | None = None

    @property
    def tables(self) -> Tables:
        if self._tables is None:
            try:
                self._tables = Tables.reach(self.location)
            except IndexMissingError:
                raise UsageError(f"{self.location}: the cluster holds no table of that name; `filings cluster init` "
                                 "prints the address of the one it makes") from None
        return self._tables

    def _close(self) -> None:
        if self._tables is not None:
            self._tables.close()
            self._tables = None

    @contextmanager
    def _held(self, wait: bool):
        try:
            self.held = Lock(self.tables, part_name(self.part))
            with self.held.holding(wait):
                yield
        finally:
            self.held = None
            self._close()

    def lock(self, wait: bool) -> AbstractContextManager[None]:
        return self._held(wait)

    def discard_unfinished(self) -> None:
        """Nothing: what a killed run flushed is whole files, which the next run's plan takes as they are."""

    def outdated(self) -> bool:
        return (self.tables.read_meta(part_name(self.part)) or {}).get("format") != CLUSTER_FORMAT

    def read_meta(self) -> dict:
        return self.tables.read_meta(part_name(self.part)) or {}

    def stamps(self) -> dict[str, str]:
        """The stamp of every file of this part, read from each node's own table. A file whose rows
        disagree (a run killed between two nodes' writes of a file whose documents moved node) is
        MIXED, which no file's stamp matches: the next run writes it again, removing every row it had."""
        found: dict[str, str] = {}
        for node in self.tables.nodes:
            for _, file, stamp in every_row(node, self.tables.node_docs, "v_file, v_stamp"):
                if in_part(file, self.part):
                    found[file] = stamp if found.get(file, stamp) == stamp else MIXED
        return found

    def marks(self) -> dict[str, Known]:
        found: dict[str, Known] = {}
        columns = ", ".join(map(value_of, ("file", "id", DIGEST, "indexed")))
        try:
            for node in self.tables.nodes:
                for _, file, document_id, digest, indexed in every_row(node, self.tables.node_docs, columns):
                    if in_part(file, self.part):
                        found.setdefault(file, {})[document_id] = (digest, indexed)
        except QueryError:
            return {}  # rows of a format before digests: nothing to carry over
        return found

    def begin(self, rebuild: bool, commit_every: int, processes: int) -> SphinxWriter:
        return SphinxWriter(self, self.tables, rebuild, None if rebuild else commit_every,
                            self.stamps() if rebuild else {}, self.read_meta())

    def committed_documents(self) -> int | None:
        try:
            if self.tables.read_meta(part_name(self.part)) is None:
                return None
            return count_documents(self.tables)
        finally:
            if self.held is None:
                self._close()
