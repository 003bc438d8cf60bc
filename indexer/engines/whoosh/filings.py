"""A search grouped by filing on the embedded engine (search/grouping.py says what grouping means).

Every document's filing is one integer, coded once per index state from the accession column
(a document without an accession a filing of its own, coded past every accession): the filings
of a mask of matches are counted with one np.unique, and a page's documents are the matches whose
code is one of the page's filings. Only as much of the search's order is read as the page needs.
"""

from collections.abc import Callable

import numpy as np

from ...models import SearchRequest
from ...search.cache import Cache
from ...search.grouping import first_filings, page_filings, wanted
from .facet_counts import FacetCounter
from .matches import state

# Each document's filing code: a few index states' worth (8 bytes a document).
_codes: Cache[np.ndarray] = Cache(8)

# The first `limit` (None: all) documents of a mask in the search's order, as (document, score).
Order = Callable[[np.ndarray, int | None], list[tuple[int, float | None]]]


def filing_codes(counter: FacetCounter) -> np.ndarray:
    """Each document's filing, as an integer two documents of one filing share."""

    def read() -> np.ndarray:
        accessions = np.array(counter.column("accession"), dtype=object)
        labels, codes = np.unique(accessions, return_inverse=True)
        codes = codes.reshape(-1).astype(np.int64)
        alone = accessions == ""
        codes[alone] = len(labels) + np.flatnonzero(alone)
        codes.flags.writeable = False
        return codes

    return _codes.get(state(counter.reader), read)


def count(codes: np.ndarray, documents: np.ndarray) -> int:
    """How many filings the documents (a mask) belong to."""
    return int(np.unique(codes[documents]).size)


def page(codes: np.ndarray, documents: np.ndarray, order: Order, request: SearchRequest,
         first: list[tuple[int, float | None]]) -> list[tuple[int, float | None]]:
    """The documents (of the mask `documents`) of the page's filings, in the search's order, with
    their scores. `first` is the start of the order already read, the first documents the page
    would hold ungrouped."""
    total = int(documents.sum())

    def keys(limit: int) -> list[int]:
        start = first if limit <= len(first) or len(first) >= total else order(documents, limit)
        return codes[np.array([docnum for docnum, _ in start[:limit]], dtype=np.int64)].tolist()

    chosen = page_filings(first_filings(keys, wanted(request), total), request)
    if not chosen:
        return []
    within = documents & np.isin(codes, np.array(chosen, dtype=np.int64))
    return order(within, int(within.sum()))
