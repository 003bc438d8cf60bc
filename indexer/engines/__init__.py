"""The engines an index can live in, behind one interface (interface.py), and the choice between
them, made from the index's location: a folder is a Whoosh index."""

from pathlib import Path

from ..settings import SearchSettings
from .building import IndexBuilder
from .interface import SearchIndex

__all__ = ["IndexBuilder", "SearchIndex", "open_builder", "open_index"]


def open_index(location: Path | str, settings: SearchSettings | None = None) -> SearchIndex:
    """The index at `location`, its searches held to `settings` (the defaults when not given);
    IndexMissingError when there is none there yet."""
    from .whoosh import WhooshIndex  # the engine's library is loaded only by the engine chosen

    return WhooshIndex.open(Path(location), settings or SearchSettings())


def open_builder(location: Path | str) -> IndexBuilder:
    """What builds the index at `location`: its lock, its state, its writer. Nothing is opened yet."""
    from .whoosh import WhooshBuilder

    return WhooshBuilder(Path(location))
