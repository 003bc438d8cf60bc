"""Facet counts: how many documents of a result set hold each value of a facet field.

Name facets (company, signer) group by a key that ignores case and punctuation, and show each
key as the name the index holds for its first document, so a value reads the same in every
count and every query.
"""

from collections.abc import Callable

from whoosh import query as whoosh_query
from whoosh import sorting
from whoosh.searching import Results, Searcher

from .facets import NONE
from .schema import NAME_FACETS

Collect = Callable[..., Results]


class FacetCounter:
    """Counts facet values on one searcher, remembering how each name key is shown."""

    def __init__(self, searcher: Searcher, collect: Collect | None = None):
        self.searcher = searcher
        self.collect = collect or (lambda query, filter_query, **options: searcher.search(
            query, filter=filter_query, **options))
        self._shown: dict[tuple[str, str], str] = {}
        self._columns: dict[str, object] = {}

    def shown(self, field: str, key: str) -> str:
        """The value a user sees for a facet key."""
        if field not in NAME_FACETS or key == NONE:
            return key
        cached = self._shown.get((field, key))
        if cached is None:
            number = self.searcher.document_number(**{NAME_FACETS[field]: key})
            if field not in self._columns:
                self._columns[field] = self.searcher.reader().column_reader(field)
            cached = self._columns[field][number] if number is not None else key
            self._shown[(field, key)] = cached
        return cached

    @staticmethod
    def facets(fields: tuple[str, ...]) -> dict[str, sorting.FieldFacet]:
        """The `groupedby` that counts `fields` while a search collects its hits."""
        return {field: sorting.FieldFacet(NAME_FACETS.get(field, field), maptype=sorting.Count) for field in fields}

    @staticmethod
    def groups(results: Results, fields: tuple[str, ...]) -> dict[str, dict[str, int]]:
        """For each field, every key present in the results and how many documents hold it."""
        return {field: {key or NONE: count for key, count in results.groups(field).items()} for field in fields}

    def count_all(self, fields: tuple[str, ...]) -> dict[str, dict[str, int]]:
        """Counts over every document of the index."""
        return self.count(whoosh_query.Every(), None, fields)

    def count(self, query, filter_query, fields: tuple[str, ...]) -> dict[str, dict[str, int]]:
        if not fields:
            return {}
        results = self.collect(query, filter_query, groupedby=self.facets(fields), limit=1)
        return self.groups(results, fields)
