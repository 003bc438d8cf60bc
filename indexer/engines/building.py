"""What the reindex job needs of an engine to build an index: the write side of the one interface.

The job (indexer/index/) decides what to do and parses; an engine's builder keeps the index: it
locks it, remembers what each file's documents were made from, writes them, and makes a run's work
visible all at once (a rebuild) or commit by commit (an incremental run), so that a run killed at
any moment leaves a usable index and the next run redoes whatever it lacks.
"""

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager

from ..indexed import Known
from ..models import FilingDocument

# What an engine makes of a file's documents (path, documents, stamp) before writing them.
Preparer = Callable[[str, list[FilingDocument], str], object]


class IndexWriter(ABC):
    """One run's writes. Each file's documents carry its stamp ("size:mtime:hash"), so the index
    itself says what the last commit holds."""

    @abstractmethod
    def replace(self, path: str, documents: Iterable[FilingDocument], stamp: str, indexed: bool = True,
                prepared: object = None) -> None:
        """Put `documents` in place of the file's (`indexed`: it has some to remove); `prepared`, when
        the parser worker ran preparer() on them, stands for them."""

    def preparer(self) -> Preparer | None:
        """A function (picklable) the parser workers run on each file's documents, whose result
        replace() takes instead: an engine's own work on a document (analysis, its rows) then runs
        in every worker, rather than in the one process that writes. None: the documents are written."""
        return None

    @abstractmethod
    def restamp(self, path: str, stamp: str) -> None:
        """The content is what was indexed: keep its documents, remember the file's new stamp."""

    @abstractmethod
    def delete(self, path: str) -> None:
        """Remove the file's documents."""

    @abstractmethod
    def commit(self) -> None:
        """Make every write so far durable (an incremental run also commits every so many files)."""

    @abstractmethod
    def cancel(self) -> None:
        """Drop what is not committed and stop any process the writer started (Ctrl-C, a failed write)."""

    @abstractmethod
    def finish(self, meta: dict) -> int:
        """After the last commit: record `meta` (corpus, last_reindex, failures), make a rebuild the
        index searches read, and answer how many documents the index now holds."""


class IndexBuilder(ABC):
    """The index at one location, as a reindex writes it."""

    @abstractmethod
    def lock(self, wait: bool) -> AbstractContextManager[None]:
        """Hold the one writer's lock (IndexLockedError at once if held and not `wait`); an error inside
        discards the unfinished work."""

    @abstractmethod
    def discard_unfinished(self) -> None:
        """Remove what a killed or failed run left behind (under the lock)."""

    @abstractmethod
    def outdated(self) -> bool:
        """Whether the index must be rebuilt rather than updated: there is none yet, or it was written
        by another version of the parser or schema."""

    @abstractmethod
    def read_meta(self) -> dict:
        """What the last run recorded through `finish` ({} if none)."""

    @abstractmethod
    def stamps(self) -> dict[str, str]:
        """The stamp of every file with documents in the last commit."""

    @abstractmethod
    def marks(self) -> dict[str, Known]:
        """Each file's documents in the last commit, by id: their digests and `indexed` (indexed.py),
        read before a rebuild too, which carries them over ({} where there is no index, or one of
        another format that holds none)."""

    @abstractmethod
    def begin(self, rebuild: bool, commit_every: int, processes: int) -> IndexWriter:
        """A writer for a run: a rebuild writes a new index beside the current one, an incremental run
        the current one, committing every `commit_every` files. `processes`: how many the writer may
        write in (the parsers' count)."""

    @abstractmethod
    def committed_documents(self) -> int | None:
        """How many documents the last commit holds (None: no index yet)."""
