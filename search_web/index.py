"""The index and corpus of the current request: opened on first use, closed at teardown."""

from pathlib import Path

from flask import current_app, g

from indexer.engines import SearchIndex, open_index
from indexer.settings import CORPUS, INDEX


# The app's config key for the SearchSettings every search is held to.
SEARCH = "SEARCH_SETTINGS"


def get_index() -> SearchIndex:
    """The index as its last commit left it when this request first asked."""
    if "index" not in g:
        g.index = open_index(current_app.config[INDEX.envvar], current_app.config[SEARCH])
    return g.index


def close_index(error: BaseException | None = None) -> None:
    index = g.pop("index", None)
    if index is not None:
        index.close()


def corpus_root() -> Path:
    return current_app.config[CORPUS.envvar]
