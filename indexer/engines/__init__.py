"""The engines an index can live in, behind one interface (interface.py), and the choice between
them, made from the index's location: a folder is a Whoosh index, an address sphinx://HOST:PORT/TABLE
a distributed table on a Sphinx (or Manticore) cluster."""

from pathlib import Path

from ..locations import SCHEME, is_cluster
from ..settings import SearchSettings
from .building import IndexBuilder
from .interface import SearchIndex

__all__ = ["SCHEME", "IndexBuilder", "SearchIndex", "is_cluster", "open_builder", "open_index"]


def open_index(location: Path | str, settings: SearchSettings | None = None) -> SearchIndex:
    """The index at `location`, its searches held to `settings` (the defaults when not given);
    IndexMissingError when there is none there yet."""
    # Only the engine chosen is loaded, and its library with it.
    if is_cluster(location):
        from .sphinx.index import SphinxIndex

        return SphinxIndex.open(str(location), settings or SearchSettings())
    from .whoosh import WhooshIndex

    return WhooshIndex.open(Path(location), settings or SearchSettings())


def open_builder(location: Path | str, part: tuple[int, int] | None = None) -> IndexBuilder:
    """What builds the index at `location`: its lock, its state, its writer. Nothing is opened yet.
    `part` (K, N): the reindex takes the K-th of N parts of the corpus (a cluster only)."""
    if is_cluster(location):
        from .sphinx.writer import SphinxBuilder

        return SphinxBuilder(str(location), part)
    from ..errors import UsageError
    from .whoosh import WhooshBuilder

    if part is not None:
        raise UsageError(f"--part {part[0]}/{part[1]}: only a cluster's reindex shares a corpus out in parts; "
                         f"{location} is a folder")
    return WhooshBuilder(Path(location))
