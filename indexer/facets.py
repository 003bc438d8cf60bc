"""Facet counts: how many documents of a result set hold each value of a facet field.

Name facets (company, signer) group by a key that ignores case and punctuation, and show each
key as the name the index holds for its first document, so a value reads the same in every
count and every query.
"""

from whoosh import sorting
from whoosh.searching import Searcher

from .schema import NAME_FACETS

FACET_FIELDS = ("company", "month", "year", "form_type", "exhibit_type", "signer")


class FacetCounter:
    """Counts facet values on one searcher, remembering how each name key is shown."""

    def __init__(self, searcher: Searcher):
        self.searcher = searcher
        self._shown: dict[tuple[str, str], str] = {}

    def key_field(self, field: str) -> str:
        return NAME_FACETS.get(field, field)

    def shown(self, field: str, key: str) -> str:
        """The value a user sees for a facet key."""
        if field not in NAME_FACETS:
            return key
        cached = self._shown.get((field, key))
        if cached is None:
            number = self.searcher.document_number(**{NAME_FACETS[field]: key})
            cached = self.searcher.reader().column_reader(field)[number] if number is not None else key
            self._shown[(field, key)] = cached
        return cached

    def count(self, query, filter_query, fields: tuple[str, ...]) -> dict[str, dict[str, int]]:
        """For each field, every key present in the matching documents and how many hold it."""
        if not fields:
            return {}
        grouped = {field: sorting.FieldFacet(self.key_field(field), maptype=sorting.Count) for field in fields}
        results = self.searcher.search(query, filter=filter_query, groupedby=grouped, limit=1)
        return {field: {key: count for key, count in results.groups(field).items() if key} for field in fields}
