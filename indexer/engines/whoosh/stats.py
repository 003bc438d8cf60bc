"""`filings stats`: what the index holds, from its own columns and facet counts."""

from whoosh.index import Index

from .facet_counts import FacetCounter
from ...facets import FACET_FIELDS, NONE
from ...models import FacetValue, IndexStats
from .store import Store

TOP_VALUES = 10


def index_stats(store: Store, index: Index) -> IndexStats:
    meta = store.read_meta()
    with index.searcher() as searcher:
        counter = FacetCounter(searcher)
        counts = counter.count_all(FACET_FIELDS)
        reader = searcher.reader()
        filings: set[str] = set()
        if reader.doc_count():
            accessions, files = reader.column_reader("accession"), reader.column_reader("file")
            for number in reader.all_doc_ids():
                filings.add(accessions[number] or files[number])
        months = sorted(month for month in counts["month"] if month != NONE)
        return IndexStats(
            documents=searcher.doc_count(),
            filings=len(filings),
            facets={
                field: [FacetValue(value=counter.shown(field, key), count=count)
                        for key, count in sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_VALUES]]
                for field, values in counts.items()
            },
            first_month=months[0] if months else None,
            last_month=months[-1] if months else None,
            size_bytes=store.size_bytes(),
            index=str(store.root),
            corpus=meta.get("corpus"),
            last_reindex=meta.get("last_reindex"),
            failing_files=len(meta.get("failures", {})),
        )
