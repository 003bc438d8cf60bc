"""The Whoosh schema, derived from FilingDocument's fields through one mapping, and the record each
document becomes: the model's fields plus what search needs (facet keys, name words, sort keys)
and what the incremental reindex needs (the file a document came from and that file's stamp).
"""

from collections import Counter

from whoosh import columns, fields
from whoosh.analysis import (
    CharsetFilter, IDTokenizer, LowercaseFilter, RegexTokenizer, StandardAnalyzer, StemmingAnalyzer, SubstitutionFilter,
)
from whoosh.support.charset import accent_map

from .analysis import FastText
from ..copies import copy_key, rank
from ...facets import CODE_PUNCTUATION, FACETS, Facet, company_key, name_key
from ...formats import ACCESSION_NUMBER
from ...indexed import digest
from ...models import DocumentFields, FilingDocument

# Stemmed, accent-folded words; stop words kept so that phrases match exactly.
WORDS = StemmingAnalyzer(stoplist=None, minsize=1) | CharsetFilter(accent_map)
NAMES = StandardAnalyzer(stoplist=None, minsize=1) | CharsetFilter(accent_map)
EXACT = IDTokenizer() | LowercaseFilter()
# A list facet's values, one a line, each matched whole and case-insensitively.
LINES = RegexTokenizer(r"[^\n]+") | LowercaseFilter()
# A code facet's value (facets.code_key), or each of a list facet's: "8k" matches "8-K".
CODE = EXACT | SubstitutionFilter(CODE_PUNCTUATION, "")
CODE_LINES = LINES | SubstitutionFilter(CODE_PUNCTUATION, "")
# A CIK with or without its leading zeros (1318605 is 0001318605), an accession number with or
# without its dashes (000119312523012345 is 0001193125-23-012345).
CIK = IDTokenizer() | SubstitutionFilter(r"^0+(?=\d)", "")
ACCESSION = IDTokenizer() | SubstitutionFilter(ACCESSION_NUMBER, r"\1-\2-\3")
# How a list facet's values are joined in its stored field and its column.
SEPARATOR = "\n"

TITLE_BOOST = 3.0
# Raise it whenever the schema or what the parser makes of a file changes: an index of another
# format is rebuilt by the next reindex instead of mixing old and new documents.
INDEX_FORMAT = 9


def _text(boost: float = 1.0, **options) -> FastText:
    # A word the analyzer splits ("6-K", "co.,ltd") is searched as the phrase of its parts.
    return FastText(WORDS, stored=True, field_boost=boost, multitoken_query="phrase", **options)


def _facet(many: bool = False, code: bool = False) -> fields.ID:
    """A facet: stored, a sortable column holding the value as shown (a list's values joined by
    SEPARATOR), matched case-insensitively (a code also without its punctuation)."""
    analyzer = (CODE_LINES if many else CODE) if code else (LINES if many else EXACT)
    return fields.ID(stored=True, sortable=True, analyzer=analyzer)


def _kept() -> fields.ID:
    return fields.ID(stored=True)


# The index fields holding each name facet's keys, which group spellings of one name, and the
# words of its names, for `company:thrunet`.
NAME_FACETS = {facet.name: f"{facet.name}_key" for facet in FACETS if facet.kind == "name"}
NAME_WORDS = {facet.name: f"{facet.name}_words" for facet in FACETS if facet.kind == "name"}
# The company facet groups a company's documents by its CIK where one is known, whatever names it
# filed under ("cik 0001234567", else the name's key); this field holds each document's own name key,
# so that a filter by any name a CIK used finds that CIK (search.py).
COMPANY_NAME_KEY = "company_name_key"
CIK_PREFIX = "cik "
COPY_KEY = "copy_key"
COPY_RANK = "copy_rank"
DIGEST = "digest"  # what a reindex compares to keep a document's `indexed` (indexed.py)


def _facet_fields(facet: Facet) -> dict[str, fields.FieldType]:
    """The fields a facet is held in, by its kind (the year, read from the month, is not stored)."""
    if facet.kind == "year":
        return {facet.name: fields.ID(sortable=True)}
    if facet.kind == "name":
        return {facet.name: _facet(), NAME_FACETS[facet.name]: fields.ID(sortable=True),
                NAME_WORDS[facet.name]: FastText(NAMES, multitoken_query="phrase")}
    return {facet.name: _facet(facet.many, code=facet.kind == "value")}


# How Whoosh holds each field of a FilingDocument and each facet.
_FIELDS = {
    "id": fields.ID(stored=True, unique=True, sortable=True),
    "source": _kept(),
    "accession": fields.ID(stored=True, sortable=True, analyzer=ACCESSION),
    "cik": fields.ID(stored=True, analyzer=CIK),
    # A column too: the entity box reads every company's symbols from it (entities.py).
    "ticker": fields.ID(stored=True, sortable=True, analyzer=EXACT),
    "former_names": fields.ID(stored=True, analyzer=LINES),
    "description": _text(),
    "filename": _kept(),
    "date": fields.ID(stored=True, sortable=True),
    "filed": _kept(),
    "period": _kept(),
    "signer_title": _text(),
    "title": _text(TITLE_BOOST),
    # An instant, so its text orders as its time: a column for the indexed sort, terms for indexed_after.
    "indexed": fields.ID(stored=True, sortable=True),
    "body": _text(spelling=True, starts=True),
    **{name: field for facet in FACETS for name, field in _facet_fields(facet).items()},
}
assert FilingDocument.model_fields.keys() <= _FIELDS.keys(), "the schema must hold every field of the model"
assert all(facet.name in FilingDocument.model_fields for facet in FACETS if facet.kind != "year"), \
    "a facet's values are the field of a document it is named after"
DOCUMENT_FIELDS = {name: _FIELDS[name] for name in FilingDocument.model_fields}
# The fields holding a list (an 8-K's items, former names): stored and indexed joined by SEPARATOR.
LIST_FIELDS = tuple(name for name, field in FilingDocument.model_fields.items() if field.annotation == list[str])
# Fields the index adds: the facets' own (name keys and words, the year), sort keys, and the file a
# document came from.
DERIVED_FIELDS = {
    **{name: field for name, field in _FIELDS.items() if name not in DOCUMENT_FIELDS},
    "sort_date": fields.ID(sortable=True),
    "file": fields.ID(stored=True, sortable=True),
    "stamp": fields.ID(sortable=True),
    DIGEST: fields.ID(sortable=True),
    COMPANY_NAME_KEY: fields.ID(sortable=True, analyzer=LINES),
    # What makes two stored documents one (copies.py), as 16 hex digits, and which of them searches
    # show (the first by rank), read for the documents whose key another holds too.
    COPY_KEY: fields.ID(stored=True, sortable=True),
    COPY_RANK: fields.COLUMN(columns.VarBytesColumn()),
}
SCHEMA = fields.Schema(**DOCUMENT_FIELDS, **DERIVED_FIELDS)

# The sort key of a document with neither date nor month: first of all, so last when newest come first.
UNDATED = "0000-00-00"


def record(document: FilingDocument, file: str, stamp: str) -> dict:
    """The Whoosh document for a FilingDocument found in `file` (whose stamp is `stamp`)."""
    values = {name: value for name, value in document.model_dump().items() if value is not None and value != []}
    for name in LIST_FIELDS:
        if name in values:
            values[name] = SEPARATOR.join(values[name])
    for facet, key_field in NAME_FACETS.items():
        if document_value := values.get(facet):
            values[key_field] = (company_key if facet == "company" else name_key)(document_value)
            values[NAME_WORDS[facet]] = document_value
    if document.company:
        # Its former names are its names too: `company:` finds them, and a filter by one finds the company.
        known = [document.company, *document.former_names]
        values[NAME_WORDS["company"]] = SEPARATOR.join(known)
        values[COMPANY_NAME_KEY] = SEPARATOR.join(dict.fromkeys(map(company_key, known)))
        if document.cik and document.cik.strip().isdigit():
            values[NAME_FACETS["company"]] = cik_key(document.cik)
    if document.month:
        values["year"] = document.month[:4]
    values["sort_date"] = sort_date(document)
    values.update(file=file, stamp=stamp)
    values[DIGEST] = digest(document)
    values[COPY_KEY] = f"{copy_key(document):016x}"
    values[COPY_RANK] = rank(document).encode("utf-8")
    return values


def sort_date(document: DocumentFields) -> str:
    """What newest and oldest order by: the filing date (what EDGAR's own sort reads), then the
    document's own date; without a filing date, its date or its month; UNDATED without either."""
    first = document.filed or document.date or (f"{document.month}-00" if document.month else None)
    if first is None:
        return UNDATED
    return f"{first} {document.date}" if document.filed and document.date else first


def cik_key(cik: str) -> str:
    """The company facet's key of a CIK: one however many zeros lead it, never a name's key."""
    return f"{CIK_PREFIX}{int(cik):010d}"


def _stored(stored: dict, names) -> dict:
    values = {name: stored[name] for name in names if name in stored}
    for name in LIST_FIELDS:
        if name in values:
            values[name] = values[name].split(SEPARATOR)
    return values


def document_of(stored: dict) -> FilingDocument:
    """The FilingDocument back from a document's stored fields."""
    return FilingDocument(**_stored(stored, DOCUMENT_FIELDS))


def fields_of(stored: dict) -> DocumentFields:
    """A document's fields but its body, from its stored fields."""
    return DocumentFields(**_stored(stored, DocumentFields.model_fields))


def body_terms(text: str, most: int) -> dict[str, Counter]:
    """The term the body field indexes each of `text`'s `most` most frequent words as, with the words
    (lowercased) that make it and how often each stands: what similar documents are chosen from, on
    either engine. Words are counted in C; only those kept go through the analyzer's filters."""
    field = SCHEMA["body"]
    found: dict[str, Counter] = {}
    for word, count in Counter(field.words(text)).most_common(most):
        found.setdefault(field.term(word), Counter())[word.lower()] += count
    return found
