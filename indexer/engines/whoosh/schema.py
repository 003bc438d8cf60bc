"""The Whoosh schema, derived from FilingDocument's fields through one mapping, and the record each
document becomes: the model's fields plus what search needs (facet keys, name words, sort keys)
and what the incremental reindex needs (the file a document came from and that file's stamp).
"""

from whoosh import fields
from whoosh.analysis import CharsetFilter, IDTokenizer, LowercaseFilter, StandardAnalyzer, StemmingAnalyzer
from whoosh.support.charset import accent_map

from .analysis import FastText
from ...facets import FACETS, Facet, name_key
from ...models import DocumentFields, FilingDocument

# Stemmed, accent-folded words; stop words kept so that phrases match exactly.
WORDS = StemmingAnalyzer(stoplist=None, minsize=1) | CharsetFilter(accent_map)
NAMES = StandardAnalyzer(stoplist=None, minsize=1) | CharsetFilter(accent_map)
EXACT = IDTokenizer() | LowercaseFilter()

TITLE_BOOST = 3.0
# Raise it whenever the schema or what the parser makes of a file changes: an index of another
# format is rebuilt by the next reindex instead of mixing old and new documents.
INDEX_FORMAT = 3


def _text(boost: float = 1.0, **options) -> fields.TEXT:
    # A word the analyzer splits ("6-K", "co.,ltd") is searched as the phrase of its parts.
    return FastText(WORDS, stored=True, field_boost=boost, multitoken_query="phrase", **options)


def _facet() -> fields.ID:
    """A facet: stored, a sortable column holding the value as shown, matched case-insensitively."""
    return fields.ID(stored=True, sortable=True, analyzer=EXACT)


def _kept() -> fields.ID:
    return fields.ID(stored=True)


# The index fields holding each name facet's keys, which group spellings of one name, and the
# words of its names, for `company:thrunet`.
NAME_FACETS = {facet.name: f"{facet.name}_key" for facet in FACETS if facet.kind == "name"}
NAME_WORDS = {facet.name: f"{facet.name}_words" for facet in FACETS if facet.kind == "name"}


def _facet_fields(facet: Facet) -> dict[str, fields.FieldType]:
    """The fields a facet is held in, by its kind (the year, read from the month, is not stored)."""
    if facet.kind == "year":
        return {facet.name: fields.ID(sortable=True)}
    if facet.kind == "name":
        return {facet.name: _facet(), NAME_FACETS[facet.name]: fields.ID(sortable=True),
                NAME_WORDS[facet.name]: FastText(NAMES, multitoken_query="phrase")}
    return {facet.name: _facet()}


# How Whoosh holds each field of a FilingDocument and each facet.
_FIELDS = {
    "id": fields.ID(stored=True, unique=True, sortable=True),
    "source": _kept(),
    "accession": fields.ID(stored=True, sortable=True),
    "cik": _kept(),
    "description": _text(),
    "filename": _kept(),
    "date": fields.ID(stored=True, sortable=True),
    "filed": _kept(),
    "period": _kept(),
    "signer_title": _text(),
    "title": _text(TITLE_BOOST),
    "body": _text(spelling=True),
    **{name: field for facet in FACETS for name, field in _facet_fields(facet).items()},
}
assert FilingDocument.model_fields.keys() <= _FIELDS.keys(), "the schema must hold every field of the model"
assert all(facet.name in FilingDocument.model_fields for facet in FACETS if facet.kind != "year"), \
    "a facet's values are the field of a document it is named after"
DOCUMENT_FIELDS = {name: _FIELDS[name] for name in FilingDocument.model_fields}
# Fields the index adds: the facets' own (name keys and words, the year), sort keys, and the file a
# document came from.
DERIVED_FIELDS = {
    **{name: field for name, field in _FIELDS.items() if name not in DOCUMENT_FIELDS},
    "sort_date": fields.ID(sortable=True),
    "file": fields.ID(stored=True, sortable=True),
    "stamp": fields.ID(sortable=True),
}
SCHEMA = fields.Schema(**DOCUMENT_FIELDS, **DERIVED_FIELDS)

# The sort key of a document with neither date nor month: first of all, so last when newest come first.
UNDATED = "0000-00-00"


def record(document: FilingDocument, file: str, stamp: str) -> dict:
    """The Whoosh document for a FilingDocument found in `file` (whose stamp is `stamp`)."""
    values = {name: value for name, value in document.model_dump().items() if value is not None}
    for facet, key_field in NAME_FACETS.items():
        if document_value := values.get(facet):
            values[key_field] = name_key(document_value)
            values[NAME_WORDS[facet]] = document_value
    if document.month:
        values["year"] = document.month[:4]
    values["sort_date"] = document.date or (f"{document.month}-00" if document.month else UNDATED)
    values.update(file=file, stamp=stamp)
    return values


def document_of(stored: dict) -> FilingDocument:
    """The FilingDocument back from a document's stored fields."""
    return FilingDocument(**{name: stored[name] for name in DOCUMENT_FIELDS if name in stored})


def fields_of(stored: dict) -> DocumentFields:
    """A document's fields but its body, from its stored fields."""
    return DocumentFields(**{name: stored[name] for name in DocumentFields.model_fields if name in stored})
