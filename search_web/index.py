"""The index every request of a process reads: opened by the first request, kept open for the ones
after it, and reopened by the first request after a commit lands (a reindex shows without a
restart). The index it replaces is closed once the last request reading it is done."""

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app, g

from indexer.engines import SearchIndex, open_index
from indexer.settings import CORPUS, INDEX, SearchSettings


# The app's config key for the SearchSettings every search is held to.
SEARCH = "SEARCH_SETTINGS"
_SHARED = "filings_index"


@dataclass
class _Held:
    index: SearchIndex
    readers: int = 0
    replaced: bool = False


class SharedIndex:
    """One open index for the threads of one process. A process forked from the one that opened it
    (a server's worker) opens its own, as what an open index holds (files, connections) is not for
    two processes to share."""

    def __init__(self, location: Path, settings: SearchSettings):
        self._location, self._settings = location, settings
        self._lock = threading.Lock()
        self._held: _Held | None = None
        self._pid = os.getpid()

    def acquire(self) -> _Held:
        """The latest commit's index, held for the caller until it calls release()."""
        with self._lock:
            if self._pid != os.getpid():
                self._held, self._pid = None, os.getpid()
            held = self._held
            if held is None or held.index.outdated():
                # Opened under the lock: the other requests that arrive meanwhile want this one too.
                self._held = _Held(open_index(self._location, self._settings))
                if held is not None:
                    self._retire(held)
                held = self._held
            held.readers += 1
            return held

    def release(self, held: _Held) -> None:
        with self._lock:
            held.readers -= 1
            if held.replaced:
                self._retire(held)

    @staticmethod
    def _retire(held: _Held) -> None:
        held.replaced = True
        if held.readers == 0:
            held.index.close()


def share_index(app: Flask) -> None:
    """Give the app its process's shared index (opened by the first request, not here)."""
    app.extensions[_SHARED] = SharedIndex(app.config[INDEX.envvar], app.config[SEARCH])


def get_index() -> SearchIndex:
    """The index as its last commit left it when this request first asked."""
    if "index" not in g:
        g.index = current_app.extensions[_SHARED].acquire()
    return g.index.index


def close_index(error: BaseException | None = None) -> None:
    held = g.pop("index", None)
    if held is not None:
        current_app.extensions[_SHARED].release(held)


def corpus_root() -> Path:
    return current_app.config[CORPUS.envvar]
