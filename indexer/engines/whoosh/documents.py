"""Reading documents back out of the index: one by id, its copies, the documents of one filing, the
file one came from, and a document's text with a query's matches marked for the reader to step through."""

from whoosh.index import Index

from ..copies import shown_first
from ...search.deadline import Deadline
from ...errors import DocumentNotFoundError
from .marks import Indexed, Marking
from ...models import DocumentFields, FilingDocument, Highlight
from .query import expand, parse
from .schema import COPY_KEY, document_of, fields_of
from .snippets import marked


def _stored(index: Index, document_id: str) -> dict:
    with index.searcher() as searcher:
        stored = searcher.document(id=document_id)
    if stored is None:
        raise DocumentNotFoundError(document_id)
    return stored


def get_document(index: Index, document_id: str) -> FilingDocument:
    return document_of(_stored(index, document_id))


def source_file(index: Index, document_id: str) -> str:
    """The corpus-relative path of the file a document came from (its source without "#N")."""
    return _stored(index, document_id)["file"]


def marked_body(index: Index, document: FilingDocument, query_text: str, budget: float) -> Highlight:
    """The document's whole body as spans, each of the query's matches one matched span, so a
    reader can step from match to match."""
    if not query_text.strip():
        return marked(document.body, Marking())
    with index.searcher() as searcher:
        reader = searcher.reader()
        wildcards_expanded = expand(parse(query_text), reader, Deadline(budget))
        docnum = searcher.document_number(id=document.id)
        indexed = Indexed(reader, docnum) if docnum is not None else None
        return marked(document.body, Marking.of(wildcards_expanded), indexed)


def copies(index: Index, document_id: str) -> list[DocumentFields]:
    """Every copy of the document, itself included, the one searches show first."""
    stored = _stored(index, document_id)
    with index.searcher() as searcher:
        found = [fields_of(each) for each in searcher.documents(**{COPY_KEY: stored[COPY_KEY]})] \
            if COPY_KEY in stored else []
    return shown_first(found or [fields_of(stored)])


def filing_documents(index: Index, accession: str) -> list[DocumentFields]:
    """Every document of one filing, in submission order, each once: of its copies (the filing held
    as .nc and .txt), the one searches show."""
    with index.searcher() as searcher:
        found: dict[str, list[DocumentFields]] = {}
        for stored in searcher.documents(accession=accession):
            found.setdefault(stored.get(COPY_KEY, stored["id"]), []).append(fields_of(stored))
    shown = [shown_first(each)[0] for each in found.values()]
    return sorted(shown, key=lambda document: (len(document.source), document.source))
