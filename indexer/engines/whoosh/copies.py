"""The documents a search leaves out as copies of another (engines/copies.py), as a numpy mask.

Every document's copy key is read from its column once per segment (a segment never changes) and
the live documents' keys are sorted once per index state: only a key held by two live documents
or more costs anything further, its documents' stored fields read to choose the copy shown. An
index with no copies gives None, and searches filter nothing.
"""

import numpy as np

from ...models import DocumentFields
from ...search.cache import Cache
from ..copies import shown_first
from .blocks import column_values
from .schema import COPY_KEY, fields_of

# Each segment's copy keys (17 bytes a document), and each index state's copies (a byte a document).
_keys: Cache[np.ndarray] = Cache(64 * 1024 * 1024, size=lambda keys: keys.nbytes)
_copies: Cache[np.ndarray | None] = Cache(64 * 1024 * 1024, size=lambda mask: 1 if mask is None else mask.nbytes)


def _segment_keys(leaf) -> np.ndarray:
    count = leaf.doc_count_all()
    values = column_values(leaf.column_reader(COPY_KEY)) if leaf.has_column(COPY_KEY) else []
    # A segment's column can end before its last document (Whoosh stops at the last value written).
    keys = np.array(values[:count] + [""] * (count - len(values)), dtype="S16")
    keys.flags.writeable = False
    return keys


def _read(searcher, leaves, live: np.ndarray) -> np.ndarray | None:
    keys = np.concatenate([_keys.get(leaf.segment().segment_id(), lambda leaf=leaf: _segment_keys(leaf))
                           for leaf, _ in leaves]) if leaves else np.zeros(0, dtype="S16")
    numbers = np.flatnonzero(live & (keys != b""))
    _, inverse, counts = np.unique(keys[numbers], return_inverse=True, return_counts=True)
    twice = numbers[counts[inverse.reshape(-1)] > 1]
    if not len(twice):
        return None
    groups: dict[bytes, list[DocumentFields]] = {}
    numbers_of: dict[str, int] = {}
    for number in twice.tolist():
        fields = fields_of(searcher.stored_fields(number))
        groups.setdefault(keys[number], []).append(fields)
        numbers_of[fields.id] = number
    copies = np.zeros(len(live), dtype=bool)
    for group in groups.values():
        for fields in shown_first(group)[1:]:
            copies[numbers_of[fields.id]] = True
    copies.flags.writeable = False
    return copies


def copies(searcher, state: tuple[str, ...], leaves, live: np.ndarray) -> np.ndarray | None:
    """The live documents shown only through another copy of them (None: there are none)."""
    return _copies.get(state, lambda: _read(searcher, leaves, live))
