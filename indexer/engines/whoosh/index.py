"""The Whoosh index behind the SearchIndex interface: a store's current generation, opened once
and read through searchers that close before anything is handed back."""

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from whoosh.index import Index

from ...models import DocumentFields, Entities, FilingDocument, Highlight, Hit, IndexStats, SearchRequest, SearchResult
from ...settings import SearchSettings
from ..interface import SearchIndex
from . import documents, search, stats
from .schema import body_terms
from .store import Store


class WhooshIndex(SearchIndex):
    def __init__(self, store: Store, index: Index, settings: SearchSettings, commit: tuple[str, int] | None):
        self._store = store
        self._index = index
        self._settings = settings
        self._commit = commit

    @classmethod
    def open(cls, root: Path, settings: SearchSettings) -> "WhooshIndex":
        store = Store(root)
        # Read before opening: a commit landing in between makes this index look older than it is
        # (reopened once more), never newer.
        commit = store.last_commit()
        return cls(store, store.open(), settings, commit)

    def outdated(self) -> bool:
        return self._store.last_commit() != self._commit

    def search(self, request: SearchRequest) -> SearchResult:
        return search.search(self._index, request, self._settings)

    def export(self, request: SearchRequest) -> Iterator[Hit]:
        return search.export(self._index, request, self._settings)

    def entities(self, typed: str) -> Entities:
        return search.entities(self._index, typed)

    def document(self, document_id: str) -> FilingDocument:
        return documents.get_document(self._index, document_id)

    def source_file(self, document_id: str) -> str:
        return documents.source_file(self._index, document_id)

    def filing_documents(self, accession: str) -> list[DocumentFields]:
        return documents.filing_documents(self._index, accession)

    def copies(self, document_id: str) -> list[DocumentFields]:
        return documents.copies(self._index, document_id)

    def marked_body(self, document: FilingDocument, query_text: str) -> Highlight:
        return documents.marked_body(self._index, document, query_text, self._settings.budget)

    def body_terms(self, text: str, most: int) -> dict[str, Counter]:
        return body_terms(text, most)

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        with self._index.reader() as reader:
            return {term: reader.doc_frequency("body", term) for term in terms}

    def document_count(self) -> int:
        return self._index.doc_count()

    def read_watches(self) -> dict:
        return self._store.read_watches()

    def write_watches(self, watches: dict) -> None:
        self._store.write_watches(watches)

    def stats(self) -> IndexStats:
        return stats.index_stats(self._store, self._index)

    def close(self) -> None:
        self._index.close()
