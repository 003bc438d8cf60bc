"""The cluster's tables, derived from the embedded engine's schema, and the rows a document becomes.

Each data node holds two RT tables: TABLE_docs, a row a document, and TABLE_text, the documents'
bodies in chunks. The head node also holds the distributed tables over them (TABLE and
TABLE_texts) and TABLE_meta, what the reindex runs record.

A document's row has
- a full-text field for every field a query can name (SEARCHED), holding the terms the Whoosh
  field's analysis makes, in order and spelt as terms.py says, so both engines match alike;
- `has`: the names of the fields it holds and "all", for `field:*` and for a NOT on its own;
- `v_NAME`: every stored value and every column search reads (facet keys, sort key, file, stamp);
- `k_FACET`: hashes of the terms a facet filter matches (lowercased values, name keys), and
  `g_FACET`: hashes of the values it is counted by, one each for a list facet, 0 for none;
- `n_FIELD`: the date-like fields as numbers (2002-11 as 200211) for ranges, and `undated`;
- `copy_key`, what makes two stored documents one (engines/copies.py) as a number, and `is_copy`,
  1 on all of a key's rows but the one searches show (copies.py), 0 as a row is written.

A body is kept in TABLE_text in chunks of CHUNK_CHARS characters: Sphinx wraps a string attribute
past 4 MiB, and a chunk of a million characters is at most 4,000,000 bytes of UTF-8. Each chunk's
one field holds its document's keyword (tables.chunk_key), by which a page's bodies are read.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ...errors import ParseError
from ...facets import FACETS, MANY_FIELDS
from ...formats import DATE, INSTANT, MONTH, YEAR
from ...models import DocumentFields, FilingDocument
from ...parts import hashed
from ..whoosh.analysis import CACHE_WORDS, FastText
from ..whoosh.query import ALIASES, DEFAULT_FIELDS, USER_FIELDS
from ..whoosh.schema import COPY_KEY, DIGEST, NAME_FACETS, NAME_WORDS, SCHEMA, SEPARATOR, UNDATED, record
from .terms import spelling

# Full-text fields: every field a query can reach (a name facet is searched through its words).
SEARCHED = tuple(sorted({*DEFAULT_FIELDS, *USER_FIELDS} - {facet for facets in ALIASES.values() for facet in facets}))
PRESENCE = "has"
EVERY = "all"  # in every document's `has`
BODY = "body"
# The columns search reads besides the document's own fields.
COLUMNS = ("company_key", "signer_key", "company_name_key", "year", "sort_date", "file", "stamp", DIGEST)
STORED = tuple(name for name in DocumentFields.model_fields)
STRINGS = (*STORED, *(name for name in COLUMNS if name not in STORED))
# Fields held as numbers for ranges, and how a value becomes one.
NUMBERED = {"month": MONTH, "year": YEAR, "date": DATE, "filed": DATE, "period": DATE}
# Instants, past what a 32-bit attribute holds as a number (2026-12-03T07:55:12Z as 20261203075512).
INSTANTS = {"indexed": INSTANT}
FACET_NAMES = tuple(facet.name for facet in FACETS)
CHUNK_CHARS = 1_000_000
IS_COPY = "is_copy"
# What Sphinx takes in a string attribute (bytes).
STRING_LIMIT = 4 * 1024 * 1024 - 1


def text_of(name: str) -> str:
    """The full-text field a searched field is held in: its own name, but for `id`, which Sphinx
    refuses as a field's name when a row is written (it is the row's id)."""
    return "document_id" if name == "id" else name


def value_of(name: str) -> str:
    return f"v_{name}"


def key_of(facet: str) -> str:
    return f"k_{facet}"


def group_of(facet: str) -> str:
    return f"g_{facet}"


def number_of(name: str) -> str:
    return f"n_{name}"


def row_id(document_id: str) -> int:
    return hashed(document_id)


class _Spelt(dict):
    """Word -> the spelling of the term a text field indexes it as: each word analysed and spelt
    once (a corpus's vocabulary is far smaller than its text), its text's words then mapped in C."""

    def __init__(self, field: FastText):
        super().__init__()
        self.field = field

    def __missing__(self, word: str) -> str:
        if len(self) >= CACHE_WORDS:
            self.clear()
        spelt = self[word] = spelling(self.field.term(word))
        return spelt


_SPELT = {name: _Spelt(field) for name, field in SCHEMA.items() if isinstance(field, FastText)}


def _terms(name: str, value: str) -> list[str]:
    field = SCHEMA[name]
    if isinstance(field, FastText):
        return field.terms(value)
    return [token for token in field.process_text(value, mode="index")]


def field_text(name: str, value: str) -> str:
    """A field's value as its full-text field holds it: its terms, spelt, one a position."""
    spelt = _SPELT.get(name)
    if spelt is not None:
        return " ".join(map(spelt.__getitem__, spelt.field.words(value)))
    return " ".join(map(spelling, _terms(name, value)))


def _group_column(facet: str) -> str:
    return NAME_FACETS.get(facet, facet)


def _number(name: str, value: str | None) -> int:
    return int(value.replace("-", "")) if value else 0


def instant_number(value: str | None) -> int:
    """An instant as a number that orders as it does (0 for none)."""
    return int("".join(char for char in value if char in "0123456789")) if value else 0


@dataclass(frozen=True)
class Row:
    """One document's row, and the chunks of its body."""

    id: int
    node: int
    values: dict[str, object]
    chunks: list[str]


def route(document: FilingDocument, file: str, nodes: int) -> int:
    """The node a document lives on: its filing's (its file's when it has no accession), so that a
    filing's documents are read and replaced together."""
    return node_of(document.accession, file, nodes)


def node_of(accession: str | None, file: str, nodes: int) -> int:
    """The node a document of this filing (accession) found in `file` lives on."""
    return hashed(accession or file) % nodes


def row(document: FilingDocument, file: str, stamp: str, nodes: int) -> Row:
    """The row for a document found in `file` (stamped `stamp`) in a cluster of `nodes` data nodes."""
    kept = record(document, file, stamp)
    values: dict[str, object] = {}
    for name in SEARCHED:
        source = NAME_WORDS.get(name, name)
        values[text_of(name)] = field_text(source, kept[source]) if kept.get(source) else ""
    present = [name for name in SEARCHED if values[text_of(name)]]
    values[PRESENCE] = " ".join([EVERY, *map(spelling, present)])
    for name in STRINGS:
        text = kept.get(name, "")
        if len(text) > STRING_LIMIT // 4 and len(text.encode("utf-8")) > STRING_LIMIT:
            raise ParseError(file, f"its {name} is longer than the cluster keeps in one value (4 MiB)")
        values[value_of(name)] = text
    for facet in FACET_NAMES:
        column = kept.get(_group_column(facet), "")
        labels = column.split(SEPARATOR) if facet in MANY_FIELDS and column else ([column] if column else [])
        values[group_of(facet)] = [hashed(label) for label in labels] or [0]
        key_field = NAME_FACETS.get(facet, facet)
        keys = _terms(key_field, kept[key_field]) if kept.get(key_field) else []
        values[key_of(facet)] = sorted({hashed(key) for key in keys}) or [0]
    for name in NUMBERED:
        values[number_of(name)] = _number(name, kept.get(name))
    for name in INSTANTS:
        values[number_of(name)] = instant_number(kept.get(name))
    values["undated"] = int(kept["sort_date"] == UNDATED)
    values["file_h"] = hashed(file)
    values[COPY_KEY] = int(kept[COPY_KEY], 16)
    values[IS_COPY] = 0
    body = document.body
    chunks = [body[start : start + CHUNK_CHARS] for start in range(0, len(body), CHUNK_CHARS)] or [""]
    return Row(row_id(document.id), route(document, file, nodes), values, chunks)


def file_rows(file: str, documents: list[FilingDocument], stamp: str, nodes: int) -> list[Row]:
    """The rows of a file's documents: what a parser worker makes for the writer (writer.preparer)."""
    return [row(document, file, stamp, nodes) for document in documents]


def document_fields(values: dict[str, object]) -> DocumentFields:
    """A document's fields from its row's stored values."""
    return DocumentFields(**_stored(values, DocumentFields.model_fields))


def document(values: dict[str, object], body: str) -> FilingDocument:
    return FilingDocument(**_stored(values, DocumentFields.model_fields), body=body)


def _stored(values: dict[str, object], names: Iterable[str]) -> dict:
    stored = {}
    for name in names:
        text = values.get(value_of(name)) or ""
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        if DocumentFields.model_fields[name].annotation == list[str]:
            stored[name] = text.split(SEPARATOR) if text else []
        elif text:
            stored[name] = text
    return stored


def config_lines(table: str) -> Iterator[str]:
    """The searchd configuration of a node's document table's schema (inside its `index` block)."""
    for name in SEARCHED:
        yield f"rt_field = {text_of(name)}"
    yield f"rt_field = {PRESENCE}"
    for name in STRINGS:
        yield f"rt_attr_string = {value_of(name)}"
    for facet in FACET_NAMES:
        yield f"rt_attr_multi_64 = {key_of(facet)}"
        yield f"rt_attr_multi_64 = {group_of(facet)}"
    for name in NUMBERED:
        yield f"rt_attr_uint = {number_of(name)}"
    for name in INSTANTS:
        yield f"rt_attr_bigint = {number_of(name)}"
    yield "rt_attr_uint = undated"
    yield "rt_attr_bigint = file_h"
    yield f"rt_attr_bigint = {COPY_KEY}"
    yield f"rt_attr_uint = {IS_COPY}"

