"""A result grouped by filing, as EDGAR's full-text search lists it, whichever engine found the
documents: each filing placed where its best-placed document is under the search's order, its
matching documents under it in that order, and pages that count filings.

An engine gives its matching documents' filing keys in the search's order; which filings make a
page is decided here, from as long a start of that order as the page needs (an engine reads a
longer start only when the one it gave holds too few filings), and then only the page's
documents get stored fields and snippets. Counts, facets and the total stay per document.
"""

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from ..models import FilingGroup, Hit, SearchRequest

Key = TypeVar("Key", bound=Hashable)

# How much longer a start of the order is read when the last held too few filings.
GROWTH = 4


def filing_key(document_id: str, accession: str | None) -> str:
    """What groups a document with the others of its filing: its accession number, or, without
    one, the document itself (marked so that no id reads as an accession)."""
    return accession if accession else f"#{document_id}"


def first_filings(ordered: Callable[[int], Sequence[Key]], wanted: int, documents: int) -> list[Key]:
    """The first `wanted` filings, in order of their best-placed document. `ordered(limit)` gives
    the filing keys of the first `limit` matching documents in the search's order, of `documents`
    in all; the start read grows until it holds `wanted` filings or every document."""
    limit = max(wanted, 1)
    while True:
        distinct = list(dict.fromkeys(ordered(limit)))
        if len(distinct) >= wanted or limit >= documents:
            return distinct[:wanted]
        limit *= GROWTH


def page_filings(filings: list[Key], request: SearchRequest) -> list[Key]:
    """The filings of the request's page, from the first filings up to its end."""
    return filings[(request.page - 1) * request.per_page:][: request.per_page]


def wanted(request: SearchRequest) -> int:
    """How many filings, from the first, a page needs found: those up to its end."""
    return request.page * request.per_page


def groups_of(hits: list[Hit]) -> list[FilingGroup]:
    """The page's filings from its documents (given in the search's order): each filing where its
    first document is, what it is read from the first of its documents that says."""
    grouped: dict[str, list[Hit]] = {}
    for hit in hits:
        grouped.setdefault(filing_key(hit.id, hit.accession), []).append(hit)
    return [FilingGroup(accession=documents[0].accession, documents=documents,
                        **{name: next((value for hit in documents if (value := getattr(hit, name))), None)
                           for name in ("company", "form_type", "filed", "cik")})
            for documents in grouped.values()]


def in_groups(groups: list[FilingGroup]) -> list[Hit]:
    """The documents of the groups, filing by filing: a grouped result's hits."""
    return [hit for group in groups for hit in group.documents]
