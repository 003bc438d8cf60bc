"""What an engine's open index offers the rest of the product. The CLI and the web hold only this:
they never see an engine's own objects, so a second engine is one more package under engines/.

An opened index answers as its last commit left it when it was opened; close it when done (it is a
context manager). Every search is held to the SearchSettings it was opened with. A server keeps one
open and asks `outdated()` before each request, to reopen it once a commit has landed.
"""

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterator

from ..facets import facet_named
from ..models import (
    DocumentFields, Entities, FacetListing, FilingDocument, Highlight, Hit, IndexStats, SearchRequest, SearchResult,
)
from ..models import SIMILAR_HITS, Similar
from ..search import similar


class SearchIndex(ABC):
    @abstractmethod
    def search(self, request: SearchRequest) -> SearchResult:
        """One page of hits with snippets, every facet's counts and a suggestion when little is found.
        Raises QueryError (QueryTimeoutError past the budget, SearchBusyError when no place for an
        expensive search came free) for a search that cannot run."""

    def facet(self, name: str, request: SearchRequest) -> FacetListing:
        """Every value of the facet `name` that the search's documents hold, with its count, however
        many (QueryError for a facet there is not): the search's own counts, one hit's page."""
        field = facet_named(name).name
        result = self.search(request.model_copy(update={"more": [field], "page": 1, "per_page": 1}))
        return FacetListing(field=field, query=result.query, total=result.total,
                            facet_total=result.facet_totals[field], values=result.facets[field],
                            partial=result.partial, bounded=result.bounded, warnings=result.warnings)

    def newest_indexed(self) -> str | None:
        """The latest `indexed` of any document the index holds (None: it holds none): where a saved
        search's mark moves to, read from the index so that the clocks of the host that reindexed and
        of this one never have to agree."""
        hits = self.search(SearchRequest(sort="indexed", per_page=1)).hits
        return hits[0].indexed if hits else None

    @abstractmethod
    def export(self, request: SearchRequest) -> Iterator[Hit]:
        """Every hit of a search in its order, without snippets or facets (a CSV of all pages)."""

    @abstractmethod
    def entities(self, typed: str) -> Entities:
        """The companies what is typed in the entity box may name, best first (search/entities.py)."""

    @abstractmethod
    def document(self, document_id: str) -> FilingDocument:
        """One document, whole (DocumentNotFoundError if the index holds no such id)."""

    @abstractmethod
    def source_file(self, document_id: str) -> str:
        """The corpus-relative path of the file a document came from."""

    @abstractmethod
    def filing_documents(self, accession: str) -> list[DocumentFields]:
        """Every document of one filing, in submission order, each once (of its copies, the one
        searches show)."""

    @abstractmethod
    def copies(self, document_id: str) -> list[DocumentFields]:
        """Every copy of a document, itself included (one when it is stored once), the one searches
        show first: a filing held as .nc and .txt, a file in two folders (engines/copies.py).
        DocumentNotFoundError if the index holds no such id."""

    @abstractmethod
    def marked_body(self, document: FilingDocument, query_text: str) -> Highlight:
        """The document's body as spans, each of the query's matches one matched span."""

    def similar(self, document_id: str, limit: int = SIMILAR_HITS) -> Similar:
        """The documents most like one, by its distinctive words, none of its filing (search/similar.py
        chooses the words alike for every engine). DocumentNotFoundError if the index holds no such id."""
        return similar.similar(self, document_id, limit)

    @abstractmethod
    def body_terms(self, text: str, most: int) -> dict[str, Counter]:
        """The term the index would hold for each of the `most` most frequent words of `text` as a
        body, with the words (lowercased) that make it and how often each stands: the terms a query
        of those words matches."""

    @abstractmethod
    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        """How many documents hold each of `terms` (body_terms' terms) in their body, copies and all;
        a term none holds may be left out."""

    @abstractmethod
    def read_watches(self) -> dict:
        """The saved searches kept with the index (watches.py), as JSON values by name ({}: none)."""

    @abstractmethod
    def write_watches(self, watches: dict) -> None:
        """Keep `watches` (as read_watches answers them) in place of those kept, at once: a reader
        sees the old ones or the new, never part of either."""

    @abstractmethod
    def document_count(self) -> int:
        """How many documents the index holds."""

    @abstractmethod
    def stats(self) -> IndexStats:
        """What the index holds: counts, top facet values, months covered, size, last reindex."""

    @abstractmethod
    def outdated(self) -> bool:
        """Whether a commit has landed since this index was opened, so that opening it again would
        read something newer. Cheap enough to ask before every request."""

    @abstractmethod
    def close(self) -> None:
        """Let go of what the index holds open (files, connections)."""

    def __enter__(self) -> "SearchIndex":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
