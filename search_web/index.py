"""The index and corpus of the current request: opened on first use, closed at teardown."""

from pathlib import Path

from flask import current_app, g

from indexer.engines.whoosh.documents import open_index
from indexer.settings import CORPUS, INDEX


def get_index():
    """The index as its last commit left it when this request first asked."""
    if "index" not in g:
        g.index = open_index(current_app.config[INDEX.envvar])
    return g.index


def close_index(error: BaseException | None = None) -> None:
    index = g.pop("index", None)
    if index is not None:
        index.close()


def corpus_root() -> Path:
    return current_app.config[CORPUS.envvar]
