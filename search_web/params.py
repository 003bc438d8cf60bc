"""A search's URL parameters, both ways: query string to SearchRequest, and SearchRequest back to
the canonical parameters every link of a results page is built from.

The page and the API take the same parameters, named as SearchRequest's fields with `q` for the
query; facet parameters repeat (`company=A&company=B`). A blank value counts as absent, as an
empty form field sends it; unknown parameters are ignored, so a link with tracking tags still works.
"""

from typing import get_origin

from werkzeug.datastructures import MultiDict

from indexer.facets import FACET_FIELDS, FACETS
from indexer.errors import QueryError, quoted
from indexer.models import FILED_RANGE, INDEXED_RANGE, MAX_PER_PAGE, MONTH_RANGE, SIMILAR_HITS, SearchRequest
from indexer.search.request import request_from

RANGE = tuple(MONTH_RANGE)
FILED = tuple(FILED_RANGE)
EXCLUSIONS = tuple(facet.excluding for facet in FACETS)
# The fields that repeat: the facet filters, exclusions, and the facets named by `more` and `by_value`.
LISTS = tuple(name for name, field in SearchRequest.model_fields.items() if get_origin(field.annotation) is list)
# Every other field of the request takes one value.
SCALARS = tuple(name for name in SearchRequest.model_fields if name not in ("query", *LISTS))
FILTERS = (*FACET_FIELDS, *RANGE, *FILED, "entity", *EXCLUSIONS, *INDEXED_RANGE)
ORDER = ("q", *LISTS, *SCALARS)
DEFAULT = SearchRequest()

State = dict[str, str | list[str]]


def search_request(args: MultiDict) -> SearchRequest:
    """The search a query string asks for, or a QueryError naming the bad parameter."""
    params: dict = {"q": args.get("q", "")}
    for field in LISTS:
        if values := [value for value in args.getlist(field) if value.strip()]:
            params[field] = values
    for name in SCALARS:
        if value := args.get(name, "").strip():
            params[name] = value
    return request_from(params)


def canonical(params: dict) -> State:
    """`params` in one fixed order, blanks left out, so that one search has one URL."""
    return {name: params[name] for name in ORDER if params.get(name)}


def state_of(request: SearchRequest) -> State:
    """The parameters that ask for `request`, defaults left out."""
    state: State = {"q": request.query, **{field: list(getattr(request, field)) for field in LISTS}}
    state.update({name: str(getattr(request, name)) for name in SCALARS
                  if getattr(request, name) != getattr(DEFAULT, name)})
    return canonical(state)


def is_browsing(request: SearchRequest) -> bool:
    """True when the request neither searches for words nor filters: the start page."""
    return not (request.query.strip() or any(getattr(request, name) for name in FILTERS))


def similar_limit(args: MultiDict) -> int:
    """How many similar documents `limit` asks for (SIMILAR_HITS when absent), or a QueryError naming it."""
    given = args.get("limit", "").strip()
    if not given:
        return SIMILAR_HITS
    if not (given.isascii() and given.isdigit() and 1 <= int(given) <= MAX_PER_PAGE):
        raise QueryError(f"limit={quoted(given)}: write a whole number from 1 to {MAX_PER_PAGE}")
    return int(given)
