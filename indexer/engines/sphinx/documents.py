"""Documents read back from the cluster: one by id, its copies, one filing's, one file's (for a
restamp), each rebuilt from its row's stored values and its body's chunks.

A read through the head that a node did not answer could miss the document it asked for: rather
than say "not found", it is ClusterUnavailableError naming the node. A writer reads each node's own
tables, which fail outright when the node does not answer.
"""

from ...errors import ClusterUnavailableError, DocumentNotFoundError
from ...models import DocumentFields, FilingDocument
from ...parts import hashed
from ..copies import shown_first
from .connection import sql
from .layout import COPY_KEY, STORED, document, document_fields, row_id, value_of
from .statements import every_row
from .tables import Tables

# What a read takes of a row: its document's fields, and the file it came from.
READ = (*STORED, "file")
STORED_COLUMNS = ", ".join(value_of(name) for name in READ)


def _values(found: tuple) -> dict[str, object]:
    return {value_of(name): value for name, value in zip(READ, found[1:])}


def _through_head(tables: Tables, where: str, *values: object, columns: str = STORED_COLUMNS) -> list[tuple]:
    answer = tables.head.run([sql(f"SELECT id, {columns} FROM {tables.docs} WHERE {where} "
                                  "ORDER BY id ASC LIMIT 1000 OPTION max_matches=1000", *values)], meta=True)
    if answer.failed_nodes:
        raise ClusterUnavailableError(f"the cluster node(s) {', '.join(answer.failed_nodes)} do not answer: "
                                      "the document may be on one of them")
    return answer.sets[0]


def _row(tables: Tables, document_id: str) -> dict[str, object]:
    found = [each for each in _through_head(tables, "id = %s", row_id(document_id))
             if _values(each)[value_of("id")] == document_id]
    if not found:
        raise DocumentNotFoundError(document_id)
    return _values(found[0])


def get_document(tables: Tables, document_id: str) -> FilingDocument:
    values = _row(tables, document_id)
    return document(values, tables.bodies([row_id(document_id)])[row_id(document_id)])


def source_file(tables: Tables, document_id: str) -> str:
    rows = _through_head(tables, "id = %s", row_id(document_id), columns=f"{value_of('id')}, {value_of('file')}")
    for _, found_id, file in rows:
        if found_id == document_id:
            return file
    raise DocumentNotFoundError(document_id)


def copies(tables: Tables, document_id: str) -> list[DocumentFields]:
    """Every copy of the document, itself included, the one searches show first."""
    rows = _through_head(tables, "id = %s", row_id(document_id), columns=f"{value_of('id')}, {COPY_KEY}")
    keys = [key for _, found_id, key in rows if found_id == document_id]
    if not keys:
        raise DocumentNotFoundError(document_id)
    return shown_first([document_fields(_values(each)) for each in _through_head(tables, f"{COPY_KEY} = %s", keys[0])])


def filing_documents(tables: Tables, accession: str) -> list[DocumentFields]:
    """Every document of one filing, in submission order, each once: of its copies (the filing held
    as .nc and .txt), the one searches show."""
    found: dict[int, list[DocumentFields]] = {}
    for each in _through_head(tables, f"{value_of('accession')} = %s", accession, columns=f"{STORED_COLUMNS}, {COPY_KEY}"):
        found.setdefault(each[-1], []).append(document_fields(_values(each[:-1])))
    shown = [shown_first(group)[0] for group in found.values()]
    return sorted(shown, key=lambda fields: (len(fields.source), fields.source))


def file_documents(tables: Tables, path: str) -> list[FilingDocument]:
    """Every document of one file, whole, read from each node's own tables."""
    documents = []
    for node in tables.nodes:
        rows = list(every_row(node, tables.node_docs, STORED_COLUMNS, f"file_h = {hashed(path)}"))
        kept = [each for each in rows if _values(each)[value_of("file")] == path]
        bodies = tables.bodies([each[0] for each in kept], node=node)
        documents += [document(_values(each), bodies[each[0]]) for each in kept]
    return documents
