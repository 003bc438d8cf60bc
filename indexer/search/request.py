"""A SearchRequest from the loose parameters a command line or a query string gives."""

import re
from collections.abc import Callable

from pydantic import ValidationError

from ..errors import QueryError, quoted
from ..facets import FACETS
from ..formats import MONTH, YEAR
from ..models import MONTH_RANGE, SearchRequest

# What a user needs to hear instead of the pattern a value failed.
_WRITTEN = {**{name: facet.written.hint for facet in FACETS if facet.written for name in (facet.name, facet.excluding)},
            **dict.fromkeys(MONTH_RANGE, MONTH.hint)}


# A range given in years is the months of those years: --from 2025 is 2025-01, --to 2025 is 2025-12.
_WHOLE_YEARS = {"month_from": "-01", "month_to": "-12"}


def _named(name: str) -> str:
    return f"{name}="


def request_from(params: dict, named: Callable[[str], str] = _named) -> SearchRequest:
    """A SearchRequest from loose parameters, or a QueryError naming the bad one as `named` writes a
    parameter (the web's `month_from=`, the command line's `--from `)."""
    params = {name: value + _WHOLE_YEARS[name] if name in _WHOLE_YEARS and isinstance(value, str)
              and re.fullmatch(YEAR.pattern, value.strip()) else value for name, value in params.items()}
    try:
        request = SearchRequest.model_validate(params)
    except ValidationError as error:
        problems, whole = [], []
        for problem in error.errors():
            if not problem["loc"]:  # the request as a whole (too many facet values in all)
                whole.append(problem["msg"])
                continue
            name = str(problem["loc"][0])
            why = _WRITTEN[name] if problem["type"] == "string_pattern_mismatch" else problem["msg"].lower()
            problems.append(f"{named(name)}{quoted(problem['input'])}: {why}")
        raise QueryError("; ".join([*whole, *(["bad search parameter " + "; ".join(problems)] if problems else [])])) \
            from None
    if request.month_from and request.month_to and request.month_from > request.month_to:
        raise QueryError(f"{named('month_from')}{request.month_from} is after {named('month_to')}{request.month_to}")
    return request
