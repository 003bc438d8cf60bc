"""A word's documents read a block of postings at a time, and a column read whole, for counting.

Counting needs the numbers of the matching documents, not their scores, and Whoosh's matcher
hands them out one call at a time (id(), next()): a few microseconds of Python per posting.
Whoosh's own postings reader (W3LeafMatcher, in whoosh3 3.54 and whoosh 2.7.4 alike) decodes a
block's ids at once; here they are taken from it whole. That reliance on its internals is this
module's alone: a matcher of another kind (or one whose internals moved) is read through the
public API instead, and tests/test_counting.py holds both ways to the same numbers.

Likewise a column: Whoosh's reader of variable-length values fetches each document's value with
a read of the segment's file (the facet and sort columns of 20,000 documents, 200,000 reads, were
most of a new process's first search); its values lie end to end, so they are read in one piece.
"""

from collections.abc import Callable
from itertools import accumulate

import numpy as np
from whoosh.columns import VarBytesColumn
from whoosh.matching import Matcher

# What a block-reading matcher must have for its ids to be taken a block at a time.
_INTERNALS = ("_read_ids", "_next_block", "_blocklength", "_i", "_ids", "_atend", "_lastblock")
# What a column reader must have for its values to be read in one piece.
_COLUMN_INTERNALS = ("_dbfile", "_basepos", "_lengths")


def reads_blocks(matcher: Matcher) -> bool:
    """Whether `matcher` is a postings reader whose blocks of ids can be taken whole."""
    return all(hasattr(matcher, name) for name in _INTERNALS)


def ids(matcher: Matcher, check: Callable[[], None] = lambda: None, blockwise: bool = True) -> np.ndarray:
    """The document numbers `matcher` has left, ascending (int64), read from its blocks whole
    where it reads blocks (`blockwise=False` reads them one posting at a time, as a reference);
    `check` is called between blocks (a deadline's)."""
    if not (blockwise and reads_blocks(matcher)):
        check()
        return np.fromiter(matcher.all_ids(), dtype=np.int64)
    parts = []
    while matcher.is_active():
        check()
        if matcher._ids is None:
            matcher._read_ids()
        parts.append(np.asarray(matcher._ids[matcher._i:], dtype=np.int64))
        # The block's last posting: the matcher moves on to the next block, as next() does.
        matcher._i = matcher._blocklength - 1
        matcher.next()
    if not parts:
        return np.empty(0, dtype=np.int64)
    return np.concatenate(parts)


def column_values(reader, bulk: bool = True) -> list:
    """Every value of a column, in document order, from Whoosh's column reader `reader`: read in
    one piece where it is the variable-length reader whose values lie end to end from its base
    position (`bulk=False`, or a reader of another kind: through the public iteration)."""
    raw, translate = reader, None
    if hasattr(reader, "raw_column") and hasattr(reader, "_translate"):
        raw, translate = reader.raw_column(), reader._translate
    end_to_end = type(raw) is VarBytesColumn.Reader and all(hasattr(raw, name) for name in _COLUMN_INTERNALS)
    if not (bulk and end_to_end):
        return list(reader)
    lengths = raw._lengths
    data = raw._dbfile.get(raw._basepos, sum(lengths)) if len(lengths) else b""
    values = [data[end - length : end] for end, length in zip(accumulate(lengths), lengths)]
    return list(map(translate, values)) if translate is not None else values
