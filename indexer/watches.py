"""Saved searches for scheduled runs: each keeps its SearchRequest and a mark, the newest `indexed`
the index held when it was added or last ran; `run` reports the documents indexed after the mark
and moves it on. Where they are kept is the engine's business (SearchIndex.read_watches): a file
beside a folder index, a row of a cluster's meta table.

The mark is read from the index, never from this host's clock, so a reindexing host whose clock
differs loses no hit. A new watch's mark is the index's newest: its first run reports only what
later reindexes bring (and everything, if the index was empty when it was added).
"""

import re

from pydantic import Field, ValidationError

from .engines.interface import SearchIndex
from .errors import UsageError, quoted
from .models import MAX_PER_PAGE, Hit, Record, SearchRequest

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
# The fields a watch's request keeps: what it finds, not how a page lists it (run reads every new hit).
UNKEPT = ("sort", "page", "per_page", "group", "indexed_after", "more", "by_value")


class Watch(Record):
    name: str
    request: SearchRequest
    mark: str | None = Field(default=None, description="the newest `indexed` the index held when the watch was "
                                                      "added or last ran (None: the index was empty)")


class Gained(Record):
    """What one watch's run found: the documents indexed after `since`, newest indexed first."""

    name: str
    since: str | None
    until: str | None
    hits: list[Hit]


def _checked(name: str) -> str:
    if not NAME.fullmatch(name):
        raise UsageError(f"watch name {quoted(name)}: use letters, digits, '_', '.', '-' (at most 64, "
                         "starting with a letter or digit)")
    return name


def watches(index: SearchIndex) -> dict[str, Watch]:
    """Every saved search of the index, by name, in name order."""
    try:
        kept = {name: Watch.model_validate(value) for name, value in index.read_watches().items()}
    except ValidationError as error:
        raise UsageError(f"the saved searches of this index cannot be read ({error.error_count()} problems): "
                         "remove them and add them again") from None
    return dict(sorted(kept.items()))


def _write(index: SearchIndex, kept: dict[str, Watch]) -> None:
    index.write_watches({name: watch.model_dump(mode="json", exclude_defaults=False) for name, watch in kept.items()})


def add(index: SearchIndex, name: str, request: SearchRequest) -> Watch:
    """Save `request` as `name`, its mark the index's newest `indexed`."""
    kept = watches(index)
    if _checked(name) in kept:
        raise UsageError(f"a saved search named {quoted(name)} exists: `filings watch remove {name}` first")
    watch = Watch(name=name, request=request.model_copy(update={field: SearchRequest.model_fields[field].default
                                                                for field in UNKEPT}),
                  mark=index.newest_indexed())
    _write(index, {**kept, name: watch})
    return watch


def remove(index: SearchIndex, name: str) -> None:
    kept = watches(index)
    _known(kept, [name])
    del kept[name]
    _write(index, kept)


def _known(kept: dict[str, Watch], names: list[str]) -> None:
    for name in names:
        if name not in kept:
            listed = ", ".join(kept) or "none yet"
            raise UsageError(f"no saved search named {quoted(name)} (saved: {listed})")


def gained(index: SearchIndex, watch: Watch, until: str | None) -> list[Hit]:
    """Every document the watch's search finds indexed after its mark and by `until`, newest indexed
    first, with snippets (a page at a time)."""
    request = watch.request.model_copy(update={"sort": "indexed", "indexed_after": watch.mark,
                                               "per_page": MAX_PER_PAGE, "group": "document"})
    found: list[Hit] = []
    page = 1
    while True:
        result = index.search(request.model_copy(update={"page": page}))
        found += result.hits
        if page >= result.pages or not result.hits:
            break
        page += 1
    # A reindex that landed after `until` was read (on a cluster) is the next run's.
    return [hit for hit in found if until is None or (hit.indexed or "") <= until]


def run(index: SearchIndex, names: list[str]) -> list[Gained]:
    """Each named watch's new documents (every watch's when none is named), and its mark moved to
    the newest `indexed` the index holds, read before the searches."""
    kept = watches(index)
    _known(kept, names)
    until = index.newest_indexed()
    runs = []
    for name in names or list(kept):
        watch = kept[name]
        runs.append(Gained(name=name, since=watch.mark, until=until, hits=gained(index, watch, until)))
        kept[name] = watch.model_copy(update={"mark": until})
    _write(index, kept)
    return runs
