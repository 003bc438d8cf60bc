"""Every setting the product reads, declared once with its default, environment variable and help."""

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import UsageError


@dataclass(frozen=True)
class Setting:
    name: str
    envvar: str
    default: str
    help: str
    kind: Callable[[str], Any] = Path
    positive: bool = False

    def resolve(self, value: Any = None) -> Any:
        """The explicit value, else the environment variable, else the default, as `kind`;
        a UsageError naming the variable if it cannot be one."""
        given = value or os.environ.get(self.envvar) or self.default
        try:
            resolved = self.kind(given)
        except (TypeError, ValueError):
            resolved = None
        if resolved is None or (self.positive and not resolved > 0):
            wanted = "a number above 0" if self.positive else f"a {getattr(self.kind, '__name__', 'value')}"
            raise UsageError(f"{self.envvar}={given!r} is not {wanted}")
        return resolved


CORPUS = Setting("corpus", "FILINGS_CORPUS", "corpus", "Folder of filings to index.")
INDEX = Setting("index", "FILINGS_INDEX", "index", "Folder the index lives in.")
COMMIT_EVERY = Setting(
    "commit_every", "FILINGS_COMMIT_EVERY", "1000",
    "Files an incremental reindex writes between commits; what a killed run keeps.", kind=int, positive=True,
)
SEARCH_BUDGET = Setting(
    "search_budget", "FILINGS_SEARCH_BUDGET", "3",
    "Seconds a search may run before it stops with a message instead of an answer.", kind=float, positive=True,
)
# `filings serve` under waitress. Each waiting connection costs a descriptor and a few KB; a client
# trickling its headers holds one for as long as it trickles, so the limit is what a handful of them
# must not reach.
SERVE_CONNECTIONS = Setting(
    "connections", "FILINGS_SERVE_CONNECTIONS", "1000",
    "Connections the server holds open at once; past this, new ones wait to be accepted.", kind=int, positive=True,
)
SERVE_THREADS = Setting(
    "threads", "FILINGS_SERVE_THREADS", "8",
    "Requests answered at once (a slow client's headers take none while they arrive).", kind=int, positive=True,
)
SERVE_IDLE_TIMEOUT = Setting(
    "idle_timeout", "FILINGS_SERVE_IDLE_TIMEOUT", "30",
    "Seconds a connection may stay silent (an idle keep-alive, a stalled client) before it is closed.",
    kind=int, positive=True,
)
