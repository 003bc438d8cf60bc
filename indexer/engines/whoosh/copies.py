"""The documents a search leaves out as copies of another (engines/copies.py), as a numpy mask.

Every document's copy key is read from its column once per segment (a segment never changes) and
the live documents' keys are sorted once per index state: only a key held by two live documents
or more costs anything further, its documents' ranks (copies.rank, a column) read to choose the
copy shown. An index with no copies gives None, and searches filter nothing.
"""

import numpy as np

from ...search.cache import Cache
from .blocks import column_values
from .schema import COPY_KEY, COPY_RANK

# Each segment's copy keys (16 bytes a document), and each index state's copies (a byte a document).
_keys: Cache[np.ndarray] = Cache(64 * 1024 * 1024, size=lambda keys: keys.nbytes)
_copies: Cache[np.ndarray | None] = Cache(64 * 1024 * 1024, size=lambda mask: 1 if mask is None else mask.nbytes)


def _segment_keys(leaf) -> np.ndarray:
    count = leaf.doc_count_all()
    # As bytes: decoding each value would take ten times as long as reading them all.
    values = column_values(leaf.column_reader(COPY_KEY, translate=False)) if leaf.has_column(COPY_KEY) else []
    # A segment's column can end before its last document (Whoosh stops at the last value written).
    keys = np.array(values[:count] + [b""] * (count - len(values)), dtype="S16")
    keys.flags.writeable = False
    return keys


def _read(leaves, live: np.ndarray) -> np.ndarray | None:
    keys = np.concatenate([_keys.get(leaf.segment().segment_id(), lambda leaf=leaf: _segment_keys(leaf))
                           for leaf, _ in leaves]) if leaves else np.zeros(0, dtype="S16")
    numbers = np.flatnonzero(live & (keys != b""))
    _, inverse, counts = np.unique(keys[numbers], return_inverse=True, return_counts=True)
    twice = numbers[counts[inverse.reshape(-1)] > 1]
    if not len(twice):
        return None
    ranks: list[bytes] = []
    for leaf, offset in leaves:
        inside = twice[(twice >= offset) & (twice < offset + leaf.doc_count_all())] - offset
        if len(inside):
            # Read whole (one read), as the keys are: a value at a time costs 25 µs.
            column = column_values(leaf.column_reader(COPY_RANK, translate=False))
            ranks += [column[number] for number in inside.tolist()]
    # Ordered by key, then rank: the first of each key's run is the copy shown.
    order = np.lexsort((np.array(ranks), keys[twice]))
    ordered = keys[twice][order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    copies = np.zeros(len(live), dtype=bool)
    copies[twice[order[~first]]] = True
    copies.flags.writeable = False
    return copies


def copies(state: tuple[str, ...], leaves, live: np.ndarray) -> np.ndarray | None:
    """The live documents shown only through another copy of them (None: there are none)."""
    return _copies.get(state, lambda: _read(leaves, live))
