"""The tantivy baseline: the fastest embedded engine (Rust, from PyPI), fed parsing alone's documents.

Its schema is like the product's: title and body full text with tantivy's `en_stem` tokenizer
(lower-casing and the Porter stemmer, as the product's analysis and FTS5's `porter` do), the
document's id and every facet a `raw` text field that is also a fast (columnar) field, a list
facet (an 8-K's items) one value each. It answers the query mix as the product does: the total,
a page of hits by BM25 with the stored fields a hit shows and a snippet of the body, and every
facet's counts, each facet counted under the other facets' filters (multi-select) with tantivy's
terms aggregation over the fast fields: exact (each segment reports all its values, up to 65,000)
and the 50 largest kept, as FTS5's GROUP BY ... LIMIT 50 keeps.
"""

import shutil
import time
from pathlib import Path

import tantivy

from indexer.facets import FACET_FIELDS, MANY_FIELDS

from .baselines import PAGE, parsed

TEXT = ("title", "body")
STORED = ("id", *FACET_FIELDS)
# Values a facet's counts keep (FTS5's LIMIT 50), and values each segment reports so they are exact.
SHOWN_VALUES, SEGMENT_VALUES = 50, 65_000
NONE = "(none)"
WRITER_HEAP = 512_000_000


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in TEXT:
        builder.add_text_field(name, stored=True, tokenizer_name="en_stem")
    for name in STORED:
        builder.add_text_field(name, stored=True, fast=True, tokenizer_name="raw")
    return builder.build()


def _document(row: dict) -> tantivy.Document:
    fields = {name: row[name] or "" for name in TEXT}
    for name in STORED:
        if row[name] is not None:
            # The baselines' rows hold a list facet as one value, its values a line each.
            fields[name] = row[name].split("\n") if name in MANY_FIELDS else row[name]
    return tantivy.Document(**fields)


def translated(match: str) -> str:
    """The mix's FTS5 query in tantivy's query language: the same words, phrases, AND/OR/NOT and
    `title:` fields; a prefix `abc*` (which tantivy's parser has no syntax for) is a regular
    expression over the stemmed terms of both fields, as FTS5's prefix is over its stemmed tokens."""
    if match.endswith("*") and match[:-1].isalpha():
        prefix = match[:-1].lower()
        return " OR ".join(f"{name}:/{prefix}.*/" for name in TEXT)
    return match


class Tantivy:
    """Build the baseline in `path`, then answer the query mix."""

    def __init__(self, path: Path):
        self.path = path

    def build(self, stream_path: Path) -> float:
        started = time.monotonic()
        self.path.mkdir()
        index = tantivy.Index(_schema(), path=str(self.path))
        writer = index.writer(heap_size=WRITER_HEAP)
        for row in parsed(stream_path):
            writer.add_document(_document(row))
        writer.commit()
        writer.wait_merging_threads()
        return time.monotonic() - started

    def connect(self) -> "TantivySearcher":
        index = tantivy.Index.open(str(self.path))
        return TantivySearcher(index)

    def remove(self) -> None:
        shutil.rmtree(self.path)


class TantivySearcher:
    def __init__(self, index: tantivy.Index):
        self.index = index
        self.schema = index.schema
        self.searcher = index.searcher()

    def _filtered(self, query: tantivy.Query, filters: dict[str, list[str]], skip: str | None = None) -> tantivy.Query:
        clauses = [(tantivy.Occur.Must, query)]
        for name, wanted in filters.items():
            if name != skip:
                clauses.append((tantivy.Occur.Must, tantivy.Query.term_set_query(self.schema, name, wanted)))
        return query if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)

    def _counts(self, query: tantivy.Query, names: list[str]) -> dict[str, list[tuple[str, int]]]:
        aggregations = {name: {"terms": {"field": name, "size": SHOWN_VALUES, "segment_size": SEGMENT_VALUES,
                                         "missing": NONE}} for name in names}
        found = self.searcher.aggregate(query, aggregations)
        return {name: [(bucket["key"], bucket["doc_count"]) for bucket in found[name]["buckets"]] for name in names}

    def search(self, match: str, filters: dict[str, list[str]]) -> tuple[int, list, dict]:
        """Total, the first page of hits with snippets, and the facet counts (multi-select, as
        Fts5Searcher.search counts them)."""
        query = self.index.parse_query(translated(match), list(TEXT), allow_regexes=True)
        everything = self._filtered(query, filters)
        found = self.searcher.search(everything, PAGE, count=True)
        snippets = tantivy.SnippetGenerator.create(self.searcher, query, self.schema, "body")
        page = []
        for _score, address in found.hits:
            document = self.searcher.doc(address)
            page.append((document.get_first("id"), document.get_first("company"), document.get_first("title"),
                         snippets.snippet_from_doc(document).to_html()))
        # Facets without a filter of their own are counted together, under every filter.
        unfiltered = [name for name in FACET_FIELDS if name not in filters]
        facets = self._counts(everything, unfiltered)
        for name in filters:
            facets |= self._counts(self._filtered(query, filters, skip=name), [name])
        return found.count, page, facets

    def close(self) -> None:
        """Nothing to close: the searcher's files are released with it."""

    def document_frequency(self, match: str) -> int:
        return self.searcher.search(self.index.parse_query(translated(match), list(TEXT)), 0, count=True).count
