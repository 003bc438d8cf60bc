"""The hits that can reach the requested page, and their order: scored only as far as ranking needs.

Counting is matches.py's; here a relevance-ranked page is Whoosh's own top-N collection, whose
block-quality skipping passes over the postings that cannot reach the page (correct for the
ranking: it narrows an OR to an AND only for documents whose score could not make the top N,
which is why it could never give the counts). A query with no bulk counting (a phrase) is
matched once: that pass records every match for the counts and ranks without skipping. A page
sorted by date is read from the sort columns, coded once per index state, with np.lexsort.
"""

import numpy as np
from whoosh.collectors import TopCollector, UnlimitedCollector

from ...search.cache import Cache
from ...search.deadline import Deadline
from .matches import CHUNK, state
from .schema import UNDATED

# Sort keys kept: a few index states' worth of each sort.
_sort_keys: Cache[tuple[np.ndarray, ...]] = Cache(8)


class _Allowing:
    """A scored collector that ranks only the `allowed` documents (a mask, or None for all) and,
    `recording`, notes every match in `matched`; the deadline is checked a chunk of matches at a
    time. Filtering here, not in the query, keeps the filters out of the scores."""

    def __init__(self, allowed: np.ndarray | None, deadline: Deadline, matched: np.ndarray | None, **kwargs):
        super().__init__(**kwargs)
        self.allowed, self.deadline, self.matched = allowed, deadline, matched

    def matches(self):
        allowed, matched, offset, seen = self.allowed, self.matched, self.offset, 0
        for sub_docnum in super().matches():
            seen += 1
            if seen % CHUNK == 0:
                self.deadline.check("ranking the matches")
            docnum = offset + sub_docnum
            if matched is not None:
                matched[docnum] = True
            if allowed is None or allowed[docnum]:
                yield sub_docnum


class _Top(_Allowing, TopCollector):
    pass


class _Every(_Allowing, UnlimitedCollector):
    pass


def ranked(searcher, query, allowed: np.ndarray | None, deadline: Deadline, limit: int | None,
           matched: np.ndarray | None = None) -> list[tuple[int, float]]:
    """The best `limit` (None: all) allowed documents by score, as (document, score), best first
    (ties by document number). Given a mask `matched`, every match is recorded in it, and no
    match is skipped."""
    recording = matched is not None
    if limit is None:
        collector = _Every(allowed, deadline, matched)
    else:
        collector = _Top(allowed, deadline, matched, limit=limit, usequality=not recording)
    if recording:
        collector.replace = 0  # Whoosh narrows the matcher to what can reach the top N otherwise
    searcher.search_with_collector(query, collector)
    return [(docnum, score) for score, docnum in collector.results().top_n]


def _codes(values: list[str]) -> np.ndarray:
    """Each value's rank among the distinct values (ties share one)."""
    return np.unique(np.array(values, dtype=object), return_inverse=True)[1].reshape(-1).astype(np.int64)


def _keys(reader, column) -> tuple[np.ndarray, ...]:
    """The newest-first and oldest-first date codes, the id codes and the newest-indexed-first
    codes of every document."""

    def read() -> tuple[np.ndarray, ...]:
        dates, ids = column("sort_date"), column("id")
        oldest = _codes(["\U0010ffff" if value == UNDATED else value for value in dates])
        return -_codes(dates), oldest, _codes(ids), -_codes(column("indexed"))

    return _sort_keys.get(state(reader), read)


def by_date(reader, column, documents: np.ndarray, sort: str, limit: int | None) -> list[int]:
    """The first `limit` (None: all) of the `documents` (a mask) in `sort` order, newest or
    oldest first (documents without a date last either way), ties by id; or newest indexed first,
    ties by the filing date, newest first, then id."""
    newest, oldest, ids, indexed = _keys(reader, column)
    numbers = np.flatnonzero(documents)
    if sort == "indexed":
        order = np.lexsort((ids[numbers], newest[numbers], indexed[numbers]))
        return numbers[order[:limit]].tolist()
    dates = (newest if sort == "newest" else oldest)[numbers]
    order = np.lexsort((ids[numbers], dates))
    return numbers[order[:limit]].tolist()
