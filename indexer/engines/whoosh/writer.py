"""The Whoosh index as a reindex writes it (indexer/engines/building.py), in a folder the Store keeps.

Each document carries the file it came from and that file's stamp in sortable columns, read back
here as the stamps of the last commit. A rebuild writes a new generation, committed once and then
published with one atomic switch; an incremental run writes the current one, committing every so
many files, so that a killed run keeps its work up to the last commit.
"""

from collections.abc import Iterable
from contextlib import AbstractContextManager
from pathlib import Path

from whoosh.index import Index

from ...errors import IndexDamagedError, ReindexStoppedError
from ...workers import quiet_sub_writers
from ...models import FilingDocument
from ..building import IndexBuilder, IndexWriter
from ...indexed import Known
from .schema import DIGEST, INDEX_FORMAT, document_of, record
from .store import Store

WRITER_MB = 256


def _indexed_files(index: Index) -> dict[str, str]:
    """The stamp of every file with documents in the index, read from its columns."""
    with index.reader() as reader:
        if reader.doc_count() == 0:
            return {}
        files, stamps = reader.column_reader("file"), reader.column_reader("stamp")
        return {files[number]: stamps[number] for number in reader.all_doc_ids()}


def _marks(index: Index) -> dict[str, Known]:
    """Each file's documents' digests and `indexed`, from the columns (none in an index made before them)."""
    with index.reader() as reader:
        if reader.doc_count() == 0 or not {DIGEST, "indexed"} <= set(reader.schema.names()):
            return {}
        columns = [reader.column_reader(name) for name in ("file", "id", DIGEST, "indexed")]
        found: dict[str, Known] = {}
        for number in reader.all_doc_ids():
            file, document_id, digest, indexed = (column[number] for column in columns)
            found.setdefault(file, {})[document_id] = (digest, indexed)
        return found


class WhooshWriter(IndexWriter):
    """Applies a run's writes, committing every `commit_every` files when asked to. With `procs`
    above 1 (a full build), Whoosh's MpWriter indexes in that many sub-writer processes, each
    writing a segment of its own."""

    def __init__(self, store: Store, index: Index, rebuild: bool, commit_every: int | None, procs: int = 1):
        self.store = store
        self.index = index
        self.rebuild = rebuild
        self.commit_every = commit_every
        self.pending = 0
        self.procs = procs
        self.added = 0  # documents handed to the writer
        if procs > 1:
            quiet_sub_writers(self)
        self.writer = self._new_writer()

    def _new_writer(self):
        if self.procs > 1:
            return self.index.writer(procs=self.procs, multisegment=True, limitmb=WRITER_MB // self.procs)
        return self.index.writer(limitmb=WRITER_MB)

    def replace(self, path: str, documents: Iterable[FilingDocument], stamp: str, indexed: bool = True,
                prepared: object = None) -> None:
        if indexed:
            self.writer.delete_by_term("file", path)
        for document in documents:
            self.writer.add_document(**record(document, path, stamp))
            self.added += 1
        self._tick()

    def restamp(self, path: str, stamp: str) -> None:
        with self.index.searcher() as searcher:
            documents = [document_of(stored) for stored in searcher.documents(file=path)]
        self.replace(path, documents, stamp)

    def delete(self, path: str) -> None:
        self.writer.delete_by_term("file", path)

    def _tick(self) -> None:
        self.pending += 1
        if self.commit_every and self.pending >= self.commit_every:
            self.writer.commit()
            self.writer = self._new_writer()
            self.pending = 0

    def commit(self) -> None:
        self.writer.commit()

    def cancel(self) -> None:
        """Sub-writers wait on their queue for work that will not come, and ignore Ctrl-C: they are
        ended here, or the process could not exit (it joins them)."""
        for task in getattr(self.writer, "tasks", ()):
            task.terminate()
        if not self.writer.is_closed:  # a commit that failed half-way closed it
            self.writer.cancel()

    def finish(self, meta: dict) -> int:
        # Whoosh drops the segment of a sub-writer that failed without a word: count what was written.
        if self.rebuild and self.index.doc_count() != self.added:
            raise ReindexStoppedError(f"{self.added - self.index.doc_count()} of {self.added} documents "
                                      "were not written")
        self.store.write_meta(self.index, {**meta, "format": INDEX_FORMAT})
        if self.rebuild:
            self.store.publish(self.index)
        return self.index.doc_count()


class WhooshBuilder(IndexBuilder):
    def __init__(self, index_root: Path):
        self.store = Store(index_root)

    def lock(self, wait: bool) -> AbstractContextManager[None]:
        return self.store.lock(wait)

    def discard_unfinished(self) -> None:
        self.store.discard_unfinished()

    def outdated(self) -> bool:
        return not self.store.exists() or self.store.read_meta().get("format") != INDEX_FORMAT

    def read_meta(self) -> dict:
        return self.store.read_meta()

    def stamps(self) -> dict[str, str]:
        return _indexed_files(self.store.open())

    def marks(self) -> dict[str, Known]:
        try:
            return _marks(self.store.open()) if self.store.exists() else {}
        except IndexDamagedError:
            return {}  # what a rebuild replaces: nothing to carry over

    def begin(self, rebuild: bool, commit_every: int, processes: int) -> WhooshWriter:
        # A rebuild is published whole: commits on the way would keep nothing.
        if rebuild:
            return WhooshWriter(self.store, self.store.new_generation(), True, None, procs=processes)
        return WhooshWriter(self.store, self.store.open(), False, commit_every)

    def committed_documents(self) -> int | None:
        return self.store.open().doc_count() if self.store.exists() else None
