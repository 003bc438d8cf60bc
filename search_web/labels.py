"""Display strings both pages use: a field's label, a document's heading, a count."""

from indexer.facets import FACETS
from indexer.models import DocumentFields

# The facets' labels (facets.py), and where another field's name, spaced and capitalised, reads wrong.
LABELS = {"cik": "CIK", "id": "ID", **{facet.name: facet.label for facet in FACETS}}


def label(field: str) -> str:
    return LABELS.get(field) or field.replace("_", " ").capitalize()


def heading(document: DocumentFields) -> str:
    """What a document is called: its title, else its description, file name or source."""
    return document.title or document.description or document.filename or document.source


def documents(count: int) -> str:
    return f"{count:,} document{'' if count == 1 else 's'}"
