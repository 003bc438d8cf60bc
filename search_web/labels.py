"""Display strings both pages use: a field's label, a document's heading, a count."""

from indexer.facets import FACET_NAMED, FACETS
from indexer.models import DocumentFields
from indexer.titles import title_of

# The facets' labels (facets.py), and where another field's name, spaced and capitalised, reads wrong.
LABELS = {"cik": "CIK", "id": "ID", **{facet.name: facet.label for facet in FACETS}}


def label(field: str) -> str:
    return LABELS.get(field) or field.replace("_", " ").capitalize()


def shown(field: str, value: str | list[str]) -> str:
    """A field's value as the pages show it: a list's values joined, a code beside its name."""
    if isinstance(value, list):
        return "; ".join(value)
    return FACET_NAMED[field].reading(value) if field in FACET_NAMED else value


def heading(document: DocumentFields) -> str:
    """What a document is called (indexer/titles.py)."""
    return title_of(document)

