"""The reindex job: walk the corpus, decide what changed, parse in worker processes, write, report.

Each indexed document carries the file it came from and that file's stamp (size, mtime,
content hash) in sortable columns, so the state of the last run is read from the index
itself and can never disagree with it: a run killed at any moment leaves the last commit,
and the next run redoes whatever that commit lacks. A file whose size and mtime are
unchanged is not read; one whose content hash is unchanged is not parsed again.
"""

import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from whoosh.index import Index

from ..corpus import walk
from ..errors import ParseError, ReindexStoppedError, UsageError
from ..models import Failure, FilingDocument, ReindexReport
from ..parse import parse_bytes, read_file
from ..engines.whoosh.schema import INDEX_FORMAT, document_of, record
from ..settings import COMMIT_EVERY
from ..engines.whoosh.store import Store
from .workers import quiet_sub_writers, worker_pool

Progress = Callable[[int, int], None]
# Below this many files, starting worker processes costs more than it saves.
POOL_THRESHOLD = 16
# Parsing is CPU-bound: past the CPU count each job adds memory (a parser process and a writer's share),
# not speed. Four per CPU leaves room for a corpus on a slow disk and keeps that memory bounded.
MAX_JOBS = 4 * (os.cpu_count() or 1)
WRITER_MB = 256


@dataclass(frozen=True)
class _Task:
    root: str
    path: str
    size_mtime: str
    known_hash: str | None


@dataclass
class _Outcome:
    path: str
    stamp: str
    kind: str  # "parsed", "same" (content unchanged) or "failed"
    documents: list[FilingDocument] = field(default_factory=list)
    reason: str = ""


def _work(task: _Task) -> _Outcome:
    """Read, hash and parse one file (in a worker process)."""
    try:
        data = read_file(Path(task.root) / task.path, task.path)
    except ParseError as error:
        return _Outcome(task.path, task.size_mtime, "failed", reason=error.reason)
    stamp = f"{task.size_mtime}:{hashlib.sha1(data).hexdigest()}"
    if task.known_hash == stamp.rsplit(":", 1)[-1]:
        return _Outcome(task.path, stamp, "same")
    try:
        parsed = parse_bytes(data, task.path)
    except ParseError as error:
        return _Outcome(task.path, task.size_mtime, "failed", reason=error.reason)
    return _Outcome(task.path, stamp, "parsed", documents=parsed.documents)


def _run(tasks: list[_Task], jobs: int) -> Iterator[_Outcome]:
    """Outcomes in task order, parsed by `jobs` processes with a bounded number in flight."""
    if jobs <= 1 or len(tasks) < POOL_THRESHOLD:
        yield from map(_work, tasks)
        return
    with worker_pool(jobs) as pool:
        in_flight: deque = deque()
        for task in tasks:
            in_flight.append(pool.submit(_work, task))
            if len(in_flight) >= jobs * 8:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()


def _indexed_files(index: Index) -> dict[str, str]:
    """The stamp of every file with documents in the index, read from its columns."""
    with index.reader() as reader:
        if reader.doc_count() == 0:
            return {}
        files, stamps = reader.column_reader("file"), reader.column_reader("stamp")
        return {files[number]: stamps[number] for number in reader.all_doc_ids()}


class _Writer:
    """The writer: applies outcomes, commits every `commit_every` files when asked to. With `procs`
    above 1 (a full build), Whoosh's MpWriter indexes in that many sub-writer processes, each
    writing a segment of its own."""

    def __init__(self, index: Index, commit_every: int | None, procs: int = 1):
        self.index = index
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

    def replace(self, path: str, documents: Iterable[FilingDocument], stamp: str, indexed: bool = True) -> None:
        if indexed:
            self.writer.delete_by_term("file", path)
        for document in documents:
            self.writer.add_document(**record(document, path, stamp))
            self.added += 1
        self._tick()

    def restamp(self, path: str, stamp: str) -> None:
        """The content is what was indexed: keep its documents, remember the file's new mtime."""
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
        """Drop what is not committed. Sub-writers wait on their queue for work that will not come,
        and ignore Ctrl-C: they are ended here, or the process could not exit (it joins them)."""
        for task in getattr(self.writer, "tasks", ()):
            task.terminate()
        if not self.writer.is_closed:  # a commit that failed half-way closed it
            self.writer.cancel()


def committed_documents(index_root: Path) -> int | None:
    """How many documents the last commit of the index at `index_root` holds (None: no index yet)."""
    store = Store(index_root)
    return store.open().doc_count() if store.exists() else None


def _check_apart(corpus: Path, index_root: Path) -> None:
    """Refuse a corpus that is the index folder or lies inside it: the walk skips the index, and the
    store owns that folder. (An index inside the corpus is fine: the walk skips it.)"""
    real_corpus, real_index = Path(os.path.realpath(corpus)), Path(os.path.realpath(index_root))
    if real_corpus.is_relative_to(real_index):
        where = "is" if real_corpus == real_index else "is inside"
        raise UsageError(f"the corpus folder {corpus} {where} the index folder {index_root}: "
                         "give the index a folder of its own")


def reindex(corpus: Path, index_root: Path, *, full: bool = False, jobs: int | None = None, wait: bool = False,
            progress: Progress | None = None) -> ReindexReport:
    """Bring the index at `index_root` up to date with the filings in `corpus`."""
    started = time.monotonic()
    if not corpus.is_dir():
        raise UsageError(f"corpus folder {corpus} {'is not a folder' if corpus.exists() else 'does not exist'}")
    _check_apart(corpus, index_root)
    store = Store(index_root)
    with store.lock(wait):
        store.discard_unfinished()
        meta = store.read_meta()
        # An index written by another version of the parser or schema is rebuilt, not patched.
        rebuild = full or not store.exists() or meta.get("format") != INDEX_FORMAT
        index = store.new_generation() if rebuild else store.open()
        known = {} if rebuild else _indexed_files(index)
        failing = {} if rebuild else meta.get("failures", {})
        walked = walk(corpus, skip=index_root)
        files = walked.files

        tasks, still_failing, unchanged = [], {}, 0
        for path, size_mtime in files.items():
            if failing.get(path, {}).get("stamp") == size_mtime:
                still_failing[path] = failing[path]
            elif path in known and known[path].startswith(size_mtime + ":"):
                unchanged += 1
            else:
                known_hash = known[path].rsplit(":", 1)[-1] if path in known else None
                tasks.append(_Task(str(corpus), path, size_mtime, known_hash))
        # A file in a folder that could not be read this time is not taken for deleted.
        deleted = [path for path in known if path not in files and not walked.hides(path)]

        counts = {"added": 0, "updated": 0, "same": 0}
        jobs = jobs or os.cpu_count() or 1
        writer = _Writer(index, None if rebuild else COMMIT_EVERY.resolve(),
                         procs=jobs if rebuild and len(tasks) >= POOL_THRESHOLD else 1)
        outcomes = _run(tasks, jobs)
        try:
            for path in deleted:
                writer.delete(path)
            for done, outcome in enumerate(outcomes, 1):
                if outcome.kind == "failed":
                    # The last good version's documents stay until the file parses again.
                    still_failing[outcome.path] = {"stamp": outcome.stamp, "reason": outcome.reason}
                elif outcome.kind == "same":
                    writer.restamp(outcome.path, outcome.stamp)
                    counts["same"] += 1
                else:
                    writer.replace(outcome.path, outcome.documents, outcome.stamp, indexed=outcome.path in known)
                    counts["updated" if outcome.path in known else "added"] += 1
                if progress:
                    progress(done, len(tasks))
            writer.commit()
        except BaseException:
            # Ctrl-C or a failed write: the workers and sub-writers stop now, while the lock is held.
            outcomes.close()
            writer.cancel()
            raise
        # Whoosh drops the segment of a sub-writer that failed without a word: count what was written.
        if rebuild and index.doc_count() != writer.added:
            raise ReindexStoppedError(f"{writer.added - index.doc_count()} of {writer.added} documents were not written")
        store.write_meta(index, {
            "format": INDEX_FORMAT,
            "corpus": str(corpus.resolve()),
            "last_reindex": datetime.now(UTC).isoformat(timespec="seconds"),
            "failures": still_failing,
        })
        if rebuild:
            store.publish(index)
        reasons = {**{path: entry["reason"] for path, entry in still_failing.items()}, **walked.problems}
        return ReindexReport(
            corpus=str(corpus), index=str(index_root), full=rebuild, seen=len(files),
            added=counts["added"], updated=counts["updated"], unchanged=unchanged + counts["same"],
            deleted=len(deleted), failed=len(reasons), documents=index.doc_count(),
            seconds=round(time.monotonic() - started, 2),
            failures=[Failure(path=path, reason=reason) for path, reason in sorted(reasons.items())],
        )
