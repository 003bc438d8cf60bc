"""The cluster behind the SearchIndex interface: its tables reached once, read per call.

Searching is search.py's (the query language in SphinxQL, facets, snippets); this module answers
what reads documents and counts. The cluster is live, not a snapshot: a reindex's flushes are
visible as they land, so `outdated()` is always False and a server keeps one open; what it derives
and keeps (caches) is keyed by the version row a reindex raises.
"""

from collections import Counter
from collections.abc import Iterator

from ...errors import ClusterUnavailableError, IndexMissingError
from ...models import DocumentFields, Entities, FilingDocument, Highlight, Hit, IndexStats, SearchRequest, SearchResult
from ...settings import SearchSettings
from ..interface import SearchIndex
from . import documents, stats
from ..whoosh.schema import body_terms
from .connection import sql
from .layout import BODY
from .tables import VERSION_ROW, WATCHES_ROW, Tables
from .terms import spelling

# Terms whose documents one request counts, a statement each (an agent takes at most 32 at once).
COUNTS_AT_ONCE = 32


class SphinxIndex(SearchIndex):
    def __init__(self, tables: Tables, settings: SearchSettings):
        self.tables = tables
        self.settings = settings

    @classmethod
    def open(cls, location: str, settings: SearchSettings) -> "SphinxIndex":
        """IndexMissingError until a reindex has finished once (no part's meta row yet)."""
        tables = Tables.reach(location)
        try:
            runs = [name for name in tables.all_meta()
                    if name not in (VERSION_ROW, WATCHES_ROW) and not name.startswith("lock ")]
        except BaseException:
            tables.close()
            raise
        if not runs:
            tables.close()
            raise IndexMissingError(location)
        return cls(tables, settings)

    def search(self, request: SearchRequest) -> SearchResult:
        from . import search

        return search.search(self.tables, request, self.settings)

    def export(self, request: SearchRequest) -> Iterator[Hit]:
        from . import search

        return search.export(self.tables, request, self.settings)

    def entities(self, typed: str) -> Entities:
        from . import search

        return search.entities(self.tables, typed)

    def marked_body(self, document: FilingDocument, query_text: str) -> Highlight:
        from . import search

        return search.marked_body(self.tables, document, query_text, self.settings.budget)

    def document(self, document_id: str) -> FilingDocument:
        return documents.get_document(self.tables, document_id)

    def source_file(self, document_id: str) -> str:
        return documents.source_file(self.tables, document_id)

    def filing_documents(self, accession: str) -> list[DocumentFields]:
        return documents.filing_documents(self.tables, accession)

    def copies(self, document_id: str) -> list[DocumentFields]:
        return documents.copies(self.tables, document_id)

    def body_terms(self, text: str, most: int) -> dict[str, Counter]:
        return body_terms(text, most)

    def document_frequencies(self, terms: list[str]) -> dict[str, int]:
        """Counted in the body, as the embedded engine's dictionary counts them: the nodes' own
        dictionaries (CALL KEYWORDS) count a term in any field, and every document holds the names
        of its fields in one (`has`: "year", "title"), so they would make such words look common.
        A node that does not answer counts none: the search that follows says it is partial."""
        held: dict[str, int] = {}
        listed = [(term, spelling(term)) for term in terms]
        for start in range(0, len(listed), COUNTS_AT_ONCE):
            batch = listed[start:start + COUNTS_AT_ONCE]
            answer = self.tables.head.run([sql(f"SELECT COUNT(*) FROM {self.tables.docs} WHERE MATCH(%s)",
                                               f"@{BODY} {keyword}") for _, keyword in batch])
            for (term, _), rows in zip(batch, answer.sets):
                if rows and int(rows[0][0]):
                    held[term] = int(rows[0][0])
        return held

    def document_count(self) -> int:
        answer = self.tables.head.run([f"SELECT id FROM {self.tables.docs} LIMIT 1"], meta=True)
        if answer.failed_nodes:
            raise ClusterUnavailableError(f"the cluster node(s) {', '.join(answer.failed_nodes)} do not answer: "
                                          "the documents they hold cannot be counted")
        return int(answer.meta["total_found"])

    def stats(self) -> IndexStats:
        return stats.index_stats(self.tables, self.document_count())

    def read_watches(self) -> dict:
        kept = self.tables.read_meta(WATCHES_ROW) or {}
        return kept.get("watches", {})

    def write_watches(self, watches: dict) -> None:
        # One REPLACE of one row: atomic as any row's write.
        self.tables.write_meta(WATCHES_ROW, {"watches": watches})

    def outdated(self) -> bool:
        return False

    def close(self) -> None:
        self.tables.close()
