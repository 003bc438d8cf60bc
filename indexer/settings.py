"""Every setting the product reads, declared once with its default, environment variable and help."""

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    envvar: str
    default: str
    help: str
    kind: Callable[[str], Any] = Path

    def resolve(self, value: Any = None) -> Any:
        """The explicit value, else the environment variable, else the default, as `kind`."""
        return self.kind(value or os.environ.get(self.envvar) or self.default)


CORPUS = Setting("corpus", "FILINGS_CORPUS", "corpus", "Folder of filings to index.")
INDEX = Setting("index", "FILINGS_INDEX", "index", "Folder the index lives in.")
COMMIT_EVERY = Setting(
    "commit_every", "FILINGS_COMMIT_EVERY", "1000",
    "Files an incremental reindex writes between commits; what a killed run keeps.", kind=int,
)
SEARCH_BUDGET = Setting(
    "search_budget", "FILINGS_SEARCH_BUDGET", "3",
    "Seconds a search may run before it stops with a message instead of an answer.", kind=float,
)
