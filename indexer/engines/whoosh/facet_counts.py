"""Facet counts: how many documents of a set hold each value of a facet field.

Counts are read from each facet's sortable column: the column of the whole index is read once
into a list and kept, for the few latest states of the index (a segment never changes, so
neither does its column), and coded as integers, one code a distinct value: a mask of matching
documents (matches.py) is counted with one np.bincount over the codes it selects. (Whoosh's
own grouping looked each matching document up in Python, and a column reader, opened anew
by every search, reads the column's whole table of offsets before its first value.)

Name facets (company, signer) group by a key that ignores case and punctuation, and show each
key as the name the index holds for its latest document (by date, then id), so a value reads the
same in every count and every query, on either engine; a company known by its CIK is grouped by
it, and shown by the name of its latest document, the name it goes by now. A list facet (an 8-K's items) counts each value
a document holds.
"""

from collections import Counter
from dataclasses import dataclass

import numpy as np
from whoosh.searching import Searcher

from ...facets import MANY_FIELDS, NONE, facet_key
from ...search.cache import Cache
from ...search.deadline import UNBOUNDED
from ...search.entities import Listed
from .blocks import column_values
from .companies import Companies
from .matches import Matching, state
from .schema import COMPANY_NAME_KEY, NAME_FACETS, SEPARATOR

# Columns kept: a few index states' worth of every facet.
_cache: Cache[list[str]] = Cache(24)
_companies: Cache[Companies] = Cache(4)
_latest_documents: Cache[dict[str, tuple[str, str, int]]] = Cache(8)
_coded: Cache["Coded"] = Cache(24)
_entities: Cache[list[Listed]] = Cache(4)
COMPANY_KEY = NAME_FACETS["company"]


@dataclass(frozen=True)
class Coded:
    """A column as integer codes: value `labels[codes[i]]` held by document `documents[i]` (for a
    column of one value a document, `documents` is every document in order, and None)."""
    labels: list[str]
    codes: np.ndarray
    documents: np.ndarray | None

    @classmethod
    def of(cls, values: list[str], many: bool) -> "Coded":
        documents = None
        if many:
            split = [joined.split(SEPARATOR) if joined else [""] for joined in values]
            documents = np.repeat(np.arange(len(values)), [len(each) for each in split])
            values = [value for each in split for value in each]
        labels, codes = np.unique(np.array(values, dtype=object), return_inverse=True) if values else ([], [])
        return cls(list(labels), np.asarray(codes, dtype=np.int64).reshape(-1), documents)

    def count(self, mask: np.ndarray) -> dict[str, int]:
        selected = self.codes[mask if self.documents is None else mask[self.documents]]
        counts = np.bincount(selected, minlength=len(self.labels))
        return {self.labels[code]: int(counts[code]) for code in np.flatnonzero(counts)}


class FacetCounter:
    """Counts facet values on one searcher, remembering how each name key is shown."""

    def __init__(self, searcher: Searcher):
        self.searcher = searcher
        self.reader = searcher.reader()
        self._shown: dict[tuple[str, str], str] = {}

    def shown(self, field: str, key: str) -> str:
        """The value a user sees for a facet key."""
        if field not in NAME_FACETS or key == NONE:
            return key
        cached = self._shown.get((field, key))
        if cached is None:
            number = self._latest(field, key)
            cached = self.column(field)[number] if number is not None else key
            self._shown[(field, key)] = cached
        return cached

    def keys(self, field: str, value: str) -> list[str]:
        """The keys a filter value finds: its own, and for a company's name those of every CIK
        that filed under it (companies.py), so that a filter by a former name finds the documents
        filed under the new one."""
        key = facet_key(field, value)
        return self.companies().keys(key) if field == "company" else [key]

    def companies(self) -> Companies:
        """Which CIKs filed under each name, read from the live documents only: a deleted filing
        (a file removed or replaced) no longer claims the names it used."""

        def read() -> Companies:
            keys, names = self.column(COMPANY_KEY), self.column(COMPANY_NAME_KEY)
            live = list(self.reader.all_doc_ids())
            return Companies.of([keys[number] for number in live], [names[number] for number in live])

        return _companies.get(self._state(), read)

    def entities(self) -> list[Listed]:
        """Every company of the live documents, for the entity box (search/entities.py)."""

        def read() -> list[Listed]:
            keys, symbols = self.column(COMPANY_KEY), self.column("ticker")
            rows = Counter((keys[number], symbols[number]) for number in self.reader.all_doc_ids())
            return self.companies().entities([(key, symbol, count) for (key, symbol), count in rows.items()],
                                             lambda key: self.shown("company", key))

        return _entities.get(self._state(), read)

    def _latest(self, field: str, key: str) -> int | None:
        """The latest document (by date, else month, then id) holding a name facet's key; for a
        company known by its CIK, the latest of the documents it groups. (The latest, not the first,
        since a cluster can find it too: it holds no order of insertion.)"""
        latest = self._latest_by_key(field)
        group = self.companies().group(key) if field == "company" else (key,)
        found = [latest[each] for each in group if each in latest]
        return max(found)[2] if found else None

    def _latest_by_key(self, field: str) -> dict[str, tuple[str, str, int]]:
        """Each key's latest document, as (date, id, number): one pass over the index per state of
        it, rather than a query for every name a search shows."""

        def read() -> dict[str, tuple[str, str, int]]:
            keys, dates, ids = self.column(NAME_FACETS[field]), self.column("sort_date"), self.column("id")
            latest: dict[str, tuple[str, str, int]] = {}
            for number in self.reader.all_doc_ids():
                dated = (dates[number], ids[number], number)
                if dated > latest.get(keys[number], ("", "", -1)):
                    latest[keys[number]] = dated
            return latest

        return _latest_documents.get((self._state(), field), read)

    def _state(self) -> tuple[str, ...]:
        """The segments the reader reads: what a kept column belongs to."""
        return state(self.reader)

    def column(self, column: str) -> list[str]:
        return _cache.get((self._state(), column), lambda: self._read(column))

    def _read(self, column: str) -> list[str]:
        values: list[str] = []
        for leaf, _ in self.reader.leaf_readers():
            count = leaf.doc_count_all()
            part = column_values(leaf.column_reader(column)) if leaf.has_column(column) else []
            # A segment's column can end before its last document (Whoosh stops at the last value written).
            values += part[:count] + [""] * (count - len(part))
        return values

    def count(self, documents: np.ndarray, field: str) -> dict[str, int]:
        """Every key of `field` the documents (a mask of them) hold, and how many hold it ((none)
        for those without)."""
        column = NAME_FACETS.get(field, field)
        many = field in MANY_FIELDS
        coded = _coded.get((self._state(), column, many), lambda: Coded.of(self.column(column), many))
        counts = coded.count(documents)
        if "" in counts:
            counts[NONE] = counts.pop("")
        return self.companies().fold(counts) if field == "company" else counts

    def count_all(self, fields: tuple[str, ...]) -> dict[str, dict[str, int]]:
        """Counts over every document of the index."""
        documents = Matching(self.searcher, UNBOUNDED).live
        return {field: self.count(documents, field) for field in fields}
