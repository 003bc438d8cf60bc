"""The index directory: the only module that opens, locks and swaps it.

Layout of an index folder:

    current -> gen-20261123T104800-4242    symlink to the generation searches read
    previous -> gen-...                    the generation the last rebuild replaced
    gen-.../                               a complete Whoosh index, plus meta.json
    reindex.lock                           held (flock) by the one reindex running
    filings-index.json                     marks the folder as an index; names the generations made here
    watches.json                           the saved searches (indexer/watches.py), beside the generations,
                                           so that a rebuild, which replaces those, keeps them

A full rebuild writes a new generation beside the current one and switches the symlink with
one atomic rename, so a searcher never sees a half-built index and a failed rebuild leaves the
old one in place. The generation it replaced is kept until the next rebuild, so searchers
opened on it keep answering. Locks are `flock`s: the kernel drops them when their holder dies,
so a killed reindex never blocks the next one.

The store changes nothing it did not make: it writes only into a folder that is absent, empty or
marked as an index, and removes only the generations its marker names. An index built before the
marker existed (`current` linked to a gen-* folder holding an index and its meta.json) is adopted.
"""

import errno
import fcntl
import json
import os
import re
import shutil
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index

from ...errors import IndexDamagedError, IndexLockedError, IndexMissingError, NotAnIndexError, UsageError
from .schema import SCHEMA

CURRENT = "current"
PREVIOUS = "previous"
LOCK = "reindex.lock"
MARKER = "filings-index.json"
MARKER_TEMPORARY = f".{MARKER}.tmp"
# What a reindex that has just begun in an empty folder has put there: the folder is still empty to another.
BEGUN_WITH = {LOCK, MARKER_TEMPORARY}
META = "meta.json"
WATCHES = "watches.json"
GENERATION_PREFIX = "gen-"
# A Whoosh commit's table of contents, numbered by commit, in a generation folder.
_TABLE_OF_CONTENTS = re.compile(r"_MAIN_(\d+)\.toc")
# An incremental reindex's commit deletes the files of the segments it merged: an open that
# listed one just before is tried again, and only a problem that stays is damage.
OPEN_ATTEMPTS = 3
OPEN_PAUSE_SECONDS = 0.05
T = TypeVar("T")


def _attempt(read: Callable[[], T]) -> tuple[T | None, str | None]:
    """What `read` (a Whoosh read of an index) returns, or None and the problem that stopped it.

    Whoosh leaves the file it failed to read open until its error is dropped, so the error is
    dropped here, its unclosed-file warning silenced: a server asked again and again about a
    damaged index does not pile up open files."""
    try:
        return read(), None
    except Exception as error:  # noqa: BLE001 - any failure to read an index that exists is damage
        failure = error
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        if isinstance(failure, FileNotFoundError):
            problem = f"its file {Path(failure.filename or '?').name} is missing"
        else:
            problem = " ".join(str(failure).split())[:100] or type(failure).__name__
        del failure
    return None, problem


def _target(link: Path) -> Path | None:
    """Where a symlink leads, or None if it leads nowhere: to nothing, or round a loop."""
    try:
        os.stat(link)
    except OSError:
        return None
    return link.resolve()


def _loops(link: Path) -> bool:
    try:
        os.stat(link)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def _unusable(root: Path, error: OSError) -> UsageError:
    return UsageError(f"cannot use index folder {root}: {error.strerror or error}")


def _opened(generation: Path) -> Index:
    """The index in a generation folder. Whoosh would map each segment file into memory and copy
    every part of it a searcher opens into a buffer of its own, so that each search paid for the
    size of the index; read through the file instead, a search reads what it needs."""
    return FileStorage(str(generation), supports_mmap=False).open_index()


class Store:
    def __init__(self, root: Path):
        self.root = Path(root)

    def _generation(self, name: str) -> Path | None:
        link = self.root / name
        target = _target(link) if link.is_symlink() else None
        if target is None:
            return None
        exists, problem = _attempt(lambda: whoosh_index.exists_in(str(target)))
        # A garbled table of contents is still an index, a damaged one, which open() reports.
        return target if exists or problem else None

    def current(self) -> Path | None:
        """The generation searches read now, resolved so it stays put while they read."""
        return self._generation(CURRENT)

    def _point(self, name: str, target: Path) -> None:
        temporary = self.root / f".{name}-{os.getpid()}"
        if temporary.is_symlink():
            temporary.unlink()
        temporary.symlink_to(target.name)
        os.replace(temporary, self.root / name)

    def open(self) -> Index:
        """The current index, for reading (or for an incremental reindex to write to).

        Its segments are opened once here, so that a damaged index (a file truncated, garbled or
        deleted) is an IndexDamagedError naming the rebuild, not whatever Whoosh happens to raise.
        """
        self._check()
        link = self.root / CURRENT
        for attempt in range(OPEN_ATTEMPTS):
            generation = self.current()
            if generation is None:
                if _loops(link):
                    raise IndexDamagedError(str(self.root), f"its link {CURRENT} leads round a loop")
                target = _target(link) if link.is_symlink() else None
                if target and target.is_dir():
                    raise IndexDamagedError(str(self.root), "its table of contents is missing")
                raise IndexMissingError(str(self.root))

            def read(generation: Path = generation) -> Index:
                index = _opened(generation)
                index.reader().close()
                return index

            index, problem = _attempt(read)
            if not problem:
                return index
            if attempt + 1 < OPEN_ATTEMPTS:
                time.sleep(OPEN_PAUSE_SECONDS * (attempt + 1))
        raise IndexDamagedError(str(self.root), problem)

    def last_commit(self) -> tuple[str, int] | None:
        """What tells one commit from the next: the generation `current` names and the number of that
        generation's latest table of contents (a rebuild switches the first, an incremental commit
        raises the second). Read with a readlink and a listing, no file opened, so that a server may
        ask before every request; None where there is no current generation to name."""
        try:
            generation = os.readlink(self.root / CURRENT)
            listed = os.listdir(self.root / generation)
        except OSError:
            return None
        numbers = [int(found.group(1)) for found in map(_TABLE_OF_CONTENTS.fullmatch, listed) if found]
        return generation, max(numbers, default=-1)

    def exists(self) -> bool:
        return self.current() is not None

    def _check(self) -> None:
        """Raise NotAnIndexError unless the root is an index, or absent or empty for one to be built in."""
        try:
            if not self.root.is_dir() or (self.root / MARKER).is_file() or self._unmarked_generations():
                return
            others = {entry.name for entry in self.root.iterdir()} - BEGUN_WITH
        except OSError as error:
            raise _unusable(self.root, error) from None
        if others:
            raise NotAnIndexError(str(self.root))

    def _unmarked_generations(self) -> list[str]:
        """The generations of an index built before the marker existed, if the root is one (else none)."""
        found = []
        for name in (CURRENT, PREVIOUS):
            link = self.root / name
            target = _target(link) if link.is_symlink() else None
            if (target and target.parent == self.root.resolve() and target.name.startswith(GENERATION_PREFIX)
                    and (target / META).is_file() and any(target.glob("*.toc"))):
                found.append(target.name)
            elif name == CURRENT:
                return []
        return found

    def _recorded(self) -> list[str]:
        """The generations this store made here, as its marker names them. Only names of folders in
        the root count, so that a marker garbled or written by hand cannot lead a prune elsewhere."""
        try:
            names = json.loads((self.root / MARKER).read_text())["generations"]
        except (OSError, ValueError, KeyError, TypeError):
            return []
        return [name for name in names if isinstance(name, str) and name.startswith(GENERATION_PREFIX)
                and name == Path(name).name]

    def _record(self, generations: list[str]) -> None:
        """Name the store's generations in the marker (under the lock, so one writer at a time)."""
        temporary = self.root / MARKER_TEMPORARY
        temporary.write_text(json.dumps({"generations": sorted(set(generations))}, indent=1))
        os.replace(temporary, self.root / MARKER)

    def _claim(self) -> None:
        """Mark the root as an index, adopting the generations of one built before the marker existed."""
        if not (self.root / MARKER).is_file():
            self._record(self._unmarked_generations())

    @contextmanager
    def lock(self, wait: bool) -> Iterator[None]:
        """Hold the reindex lock; raise IndexLockedError at once if it is held and not `wait`.

        A folder that is not an index is refused before anything is written into it."""
        self._check()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle = open(self.root / LOCK, "a+")  # noqa: SIM115 - closed by the with below
        except OSError as error:
            raise _unusable(self.root, error) from None
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                raise IndexLockedError(str(self.root)) from None
            try:
                self._claim()
                yield
            except BaseException:
                # A rebuild that failed (a full disk) takes its half-built generation with it now,
                # rather than leave the disk full until the next run.
                self.discard_unfinished()
                raise
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def new_generation(self) -> Index:
        """An empty index in a fresh generation folder beside the current one."""
        stamp = time.strftime("%Y%m%dT%H%M%S")
        folder = self.root / f"{GENERATION_PREFIX}{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
        # Recorded before it is made, so that a run killed in between leaves nothing unrecorded.
        self._record([*self._recorded(), folder.name])
        folder.mkdir()
        whoosh_index.create_in(str(folder), SCHEMA)
        # Opened from disk, so that each writer reads its own copy of the schema (see analysis.py).
        return _opened(folder)

    def publish(self, index: Index) -> None:
        """Make `index` (a new generation) the current one, atomically, and drop older generations."""
        folder = Path(index.storage.folder)
        replaced = self.current()
        self._point(CURRENT, folder)
        if replaced is not None:
            self._point(PREVIOUS, replaced)
        self._prune(keep={folder, replaced})

    def discard_unfinished(self) -> None:
        """Remove generations a killed or failed rebuild left behind (called under the lock)."""
        self._prune(keep={self.current(), self._generation(PREVIOUS)})

    def _prune(self, keep: set[Path | None]) -> None:
        """Remove the store's generations but those in `keep`; a gen-* folder it did not make stays."""
        kept = {path.resolve() for path in keep if path is not None}
        recorded = self._recorded()
        for name in recorded:
            generation = self.root / name
            if generation.resolve() not in kept:
                shutil.rmtree(generation, ignore_errors=True)
        remaining = [name for name in recorded if (self.root / name).is_dir()]
        if remaining != recorded:
            self._record(remaining)

    def read_meta(self, generation: Path | None = None) -> dict:
        """What the last reindex of a generation recorded: corpus, time, failing files."""
        generation = generation or self.current()
        try:
            return json.loads((generation / META).read_text()) if generation else {}
        except (OSError, ValueError):
            return {}

    def write_meta(self, index: Index, meta: dict) -> None:
        path = Path(index.storage.folder) / META
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(meta, indent=1, sort_keys=True))
        os.replace(temporary, path)

    def read_watches(self) -> dict:
        try:
            found = json.loads((self.root / WATCHES).read_text())
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise UsageError(f"{self.root / WATCHES}: the saved searches cannot be read ({error})") from None
        return found if isinstance(found, dict) else {}

    def write_watches(self, watches: dict) -> None:
        # Written beside and renamed over: a reader (a cron's `watch run`) never sees half a file.
        path = self.root / WATCHES
        temporary = self.root / f".{WATCHES}-{os.getpid()}.tmp"
        temporary.write_text(json.dumps(watches, indent=1, sort_keys=True))
        os.replace(temporary, path)

    def size_bytes(self) -> int:
        generation = self.current()
        if generation is None:
            return 0
        return sum(path.stat().st_size for path in generation.iterdir() if path.is_file())
