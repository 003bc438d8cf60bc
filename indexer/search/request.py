"""A SearchRequest from the loose parameters a command line or a query string gives."""

from pydantic import ValidationError

from ..errors import QueryError, quoted
from ..facets import FACETS
from ..formats import MONTH
from ..models import MONTH_RANGE, SearchRequest

# What a user needs to hear instead of the pattern a value failed.
_WRITTEN = {**{facet.name: facet.written.hint for facet in FACETS if facet.written},
            **dict.fromkeys(MONTH_RANGE, MONTH.hint)}


def request_from(params: dict) -> SearchRequest:
    """A SearchRequest from loose parameters, or a QueryError naming the bad one."""
    try:
        request = SearchRequest.model_validate(params)
    except ValidationError as error:
        problems = []
        for problem in error.errors():
            name = str(problem["loc"][0])
            why = _WRITTEN[name] if problem["type"] == "string_pattern_mismatch" else problem["msg"].lower()
            problems.append(f"{name}={quoted(problem['input'])}: {why}")
        raise QueryError("bad search parameter " + "; ".join(problems)) from None
    if request.month_from and request.month_to and request.month_from > request.month_to:
        raise QueryError(f"month_from={request.month_from} is after month_to={request.month_to}")
    return request
