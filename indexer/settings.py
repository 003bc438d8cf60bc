"""Every setting the product reads, declared once with its default, environment variable and help."""

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import UsageError
from .locations import location


@dataclass(frozen=True)
class Setting:
    name: str
    envvar: str
    default: str
    help: str
    kind: Callable[[str], Any] = Path
    positive: bool = False
    maximum: float | None = None

    def resolve(self, value: Any = None) -> Any:
        """The explicit value, else the environment variable, else the default, as `kind`;
        a UsageError naming the variable if it cannot be one."""
        given = value or os.environ.get(self.envvar) or self.default
        try:
            resolved = self.kind(given)
        except (TypeError, ValueError):
            resolved = None
        if resolved is None or not self._fits(resolved):
            raise UsageError(f"{self.envvar}={given!r} is not {self._wanted()}")
        return resolved

    def _fits(self, value: Any) -> bool:
        # Comparisons a NaN fails, so that it fits nowhere.
        return (not self.positive or value > 0) and (self.maximum is None or value <= self.maximum)

    def _wanted(self) -> str:
        if not self.positive:
            return f"a {getattr(self.kind, '__name__', 'value')}"
        return "a number above 0" + (f" and at most {self.maximum:g}" if self.maximum is not None else "")


CORPUS = Setting("corpus", "FILINGS_CORPUS", "corpus", "Folder of filings to index.")
INDEX = Setting("index", "FILINGS_INDEX", "index",
                "Folder the index lives in, or a cluster's address: sphinx://HOST:PORT/TABLE.", kind=location)
SEARCHD = Setting("searchd", "FILINGS_SEARCHD", "searchd",
                  "The searchd program a cluster's nodes run (Sphinx's or Manticore's).", kind=str)
COMMIT_EVERY = Setting(
    "commit_every", "FILINGS_COMMIT_EVERY", "1000",
    "Files an incremental reindex writes between commits; what a killed run keeps.", kind=int, positive=True,
)
SEARCH_BUDGET = Setting(
    "search_budget", "FILINGS_SEARCH_BUDGET", "3",
    "Seconds a search may run before it stops with a message instead of an answer.", kind=float, positive=True,
    maximum=60,  # past a minute nobody is waiting for the answer, and the server thread is held as long
)
EXPENSIVE_SEARCHES = Setting(
    "expensive_searches", "FILINGS_EXPENSIVE_SEARCHES", "2",
    "Searches with wildcards or ranges one process runs at once (as many more may wait for a place, "
    "within their budget); the rest are refused as busy, so that other requests stay quick.",
    kind=int, positive=True,
)


def _cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


# `filings serve` under waitress. Each waiting connection costs a descriptor and a few KB; a client
# trickling its headers holds one for as long as it trickles, so the limit is what a handful of them
# must not reach.
SERVE_CONNECTIONS = Setting(
    "connections", "FILINGS_SERVE_CONNECTIONS", "1000",
    "Connections the server holds open at once, shared among the workers (so at least --workers): a "
    "worker holding its share leaves new ones to the others, and past the total they wait to be accepted.",
    kind=int, positive=True,
)
SERVE_THREADS = Setting(
    "threads", "FILINGS_SERVE_THREADS", "8",
    "Requests each worker answers at once besides the expensive searches, which have threads of their "
    "own (a slow client's headers take none while they arrive).", kind=int, positive=True,
)
SERVE_WORKERS = Setting(
    "workers", "FILINGS_SERVE_WORKERS", str(_cores()),
    "Server processes, each with its own threads and its own open index (default: the cores this "
    "process may use). Python runs one thread at a time per process, so it takes one per core to "
    "search on every core.", kind=int, positive=True,
    maximum=4 * _cores(),  # past that they only take turns on the cores, each holding an index's memory
)
SERVE_IDLE_TIMEOUT = Setting(
    "idle_timeout", "FILINGS_SERVE_IDLE_TIMEOUT", "30",
    "Seconds a connection may stay silent (an idle keep-alive, a stalled client) before it is closed.",
    kind=int, positive=True,
)


@dataclass(frozen=True)
class SearchSettings:
    """What every search of an opened index is held to. Resolved once where the product starts (a
    command, the app) and passed in, so that a search never reads the environment mid-call and a bad
    value stops the start, not a search later."""

    budget: float = float(SEARCH_BUDGET.default)
    expensive_searches: int = int(EXPENSIVE_SEARCHES.default)

    @classmethod
    def resolved(cls, budget: Any = None, expensive_searches: Any = None) -> "SearchSettings":
        """The settings given, else from the environment, else the defaults; a UsageError naming a bad one."""
        return cls(SEARCH_BUDGET.resolve(budget), EXPENSIVE_SEARCHES.resolve(expensive_searches))
