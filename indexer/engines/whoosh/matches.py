"""The documents a query matches, unscored, as a numpy mask over the index's document numbers.

Totals and facet counts need every matching document's number, not its score. Scoring every
match through Whoosh's collector cost about 30 µs of Python per matched document; here a word's
documents are read a block of postings at a time (blocks.py) and a query's words are combined
as boolean masks, AND, OR and NOT each one numpy operation. What has no bulk reading (a phrase,
`field:*`, a range left as a query) is read through its own matcher, a chunk of documents at a
time; `bulk()` says whether a query needs that. Deleted documents never match.
"""

from functools import cached_property
from itertools import islice

import numpy as np
from whoosh import query as whoosh_query
from whoosh.matching import FilterMatcher
from whoosh.searching import Searcher

from ...search.cache import Cache
from ...search.deadline import Deadline
from . import blocks
from .copies import copies
from .presence import Present

# Documents read through a matcher between two looks at the clock.
CHUNK = 4096

# Each state's live (not deleted) documents: a byte a document.
_live: Cache[np.ndarray] = Cache(64 * 1024 * 1024, size=lambda mask: mask.nbytes)

_TERMS = (whoosh_query.Term,)
_ANDS = (whoosh_query.And, whoosh_query.Require)
_ORS = (whoosh_query.Or, whoosh_query.DisjunctionMax)


def state(reader) -> tuple[str, ...]:
    """The segments a reader reads, each with how many of its documents are deleted: what anything
    kept for it belongs to. (A commit that only deletes keeps every segment's id, and a segment's
    deletions only grow, so the count tells its states apart.)"""
    return tuple(f"{leaf.segment().segment_id()}-{leaf.segment().deleted_count()}" for leaf, _ in reader.leaf_readers())


def _or_kind(query) -> bool:
    # An Or that needs some of its words only, not any one (Whoosh's minmatch), is not a union.
    return isinstance(query, _ORS) and not getattr(query, "minmatch", 0)


def bulk(query: whoosh_query.Query) -> bool:
    """Whether every part of `query` is matched from blocks of postings (no matcher stepped)."""
    if isinstance(query, _TERMS) or query is whoosh_query.NullQuery or everything(query):
        return True
    if isinstance(query, (*_ANDS, whoosh_query.AndNot, whoosh_query.AndMaybe)) or _or_kind(query):
        return all(bulk(child) for child in query.children())
    if isinstance(query, whoosh_query.Not):
        return bulk(query.query)
    return False


def everything(query) -> bool:
    return (isinstance(query, Present) or type(query) is whoosh_query.Every) and query.fieldname is None


class Matching:
    """Masks of the documents queries match, on one searcher, by one deadline."""

    def __init__(self, searcher: Searcher, deadline: Deadline):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.deadline = deadline
        self.size = self.reader.doc_count_all()
        self.leaves = list(self.reader.leaf_readers())
        self.live = _live.get(state(self.reader), self._read_live)

    def _read_live(self) -> np.ndarray:
        live = np.ones(self.size, dtype=bool)
        for leaf, offset in self.leaves:
            if leaf.has_deletions():
                live[offset:offset + leaf.doc_count_all()] = False
                live[offset + np.fromiter(leaf.all_doc_ids(), dtype=np.int64)] = True
        live.flags.writeable = False
        return live

    @cached_property
    def shown(self) -> np.ndarray | None:
        """The live documents but those shown through another copy of them (copies.py); None when
        no document is stored twice, which is most indexes: their searches filter nothing more."""
        found = copies(state(self.reader), self.leaves, self.live)
        return None if found is None else self.live & ~found

    def none(self) -> np.ndarray:
        return np.zeros(self.size, dtype=bool)

    def mask(self, query: whoosh_query.Query) -> np.ndarray:
        """The live documents `query` matches (a new array the caller may change)."""
        return self._mask(query) & self.live

    def _mask(self, query) -> np.ndarray:
        if query is whoosh_query.NullQuery:
            return self.none()
        if everything(query):
            return self.live.copy()
        if isinstance(query, _TERMS):
            return self._term(query)
        if isinstance(query, _ANDS):
            children = list(query.children())
            found = self._mask(children[0]) if children else self.none()
            for child in children[1:]:
                if not found.any():
                    break
                found &= self._mask(child)
            return found
        if _or_kind(query):
            found = self.none()
            for child in query.children():
                self.deadline.check(f"matching {query}")
                found |= self._mask(child)
            return found
        if isinstance(query, whoosh_query.AndNot):
            found = self._mask(query.a)
            return found & ~self._mask(query.b) if found.any() else found
        if isinstance(query, whoosh_query.AndMaybe):
            return self._mask(query.a)
        if isinstance(query, whoosh_query.Not):
            return self.live & ~self._mask(query.query)
        return self._stepped(query)

    def _term(self, term: whoosh_query.Term) -> np.ndarray:
        found = self.none()
        # A word a wildcard or range found builds its matcher only while time is left (watch.py).
        self.deadline.check(getattr(term, "phase", None) or f"reading the postings of {term}")
        if term.fieldname not in self.searcher.schema:
            return found
        try:
            text = self.searcher.schema[term.fieldname].to_bytes(term.text)
        except ValueError:
            return found
        for leaf, offset in self.leaves:
            if (term.fieldname, text) not in leaf:
                continue
            postings = leaf.postings(term.fieldname, text)
            # Deletions are taken out once, from the whole mask (mask()).
            while isinstance(postings, FilterMatcher):
                postings = postings.child
            found[offset + blocks.ids(postings, check=self._check)] = True
        return found

    def _check(self) -> None:
        self.deadline.check("reading the postings")

    def _stepped(self, query) -> np.ndarray:
        """Through the query's own matcher (Whoosh's docs_for_query), a chunk at a time."""
        found = self.none()
        documents = self.searcher.docs_for_query(query)
        while chunk := list(islice(documents, CHUNK)):
            found[chunk] = True
            self.deadline.check(f"matching {query}")
        return found
