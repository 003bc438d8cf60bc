"""Where an index is: a folder (the embedded engine's) or a cluster's address, sphinx://HOST:PORT/TABLE.
Told apart here, once, for the settings, the options and the choice of engine."""

from pathlib import Path

SCHEME = "sphinx://"


def is_cluster(location: Path | str) -> bool:
    """Whether a location names a cluster rather than a folder."""
    return isinstance(location, str) and location.startswith(SCHEME)


def location(value: str | Path) -> Path | str:
    """A location as given: a cluster's address kept as written (a Path would fold its //), else a folder."""
    return value if is_cluster(value) else Path(value)


def resolved(value: str | Path) -> Path | str:
    """A location made absolute, so a server answers the same whatever its working folder later."""
    return value if is_cluster(value) else Path(value).resolve()
