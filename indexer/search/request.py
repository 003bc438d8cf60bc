"""A SearchRequest from the loose parameters a command line or a query string gives."""

import calendar
import re
from collections.abc import Callable

from pydantic import ValidationError

from ..errors import QueryError, quoted
from ..facets import FACETS
from ..formats import DATE, INSTANT, MONTH, YEAR, YEARS_BACK
from ..models import FILED_RANGE, MONTH_RANGE, SearchRequest

# What a user needs to hear instead of the pattern a value failed.
_WRITTEN = {**{name: facet.written.hint for facet in FACETS if facet.written for name in (facet.name, facet.excluding)},
            **dict.fromkeys(MONTH_RANGE, MONTH.hint),
            **dict.fromkeys(("filed_from", "filed_to"), f"{DATE.hint} (or {YEAR.shape}, {MONTH.shape})"),
            "filed_within": f"a span of years is written {YEARS_BACK.shape}",
            "indexed_after": f"{INSTANT.hint} (UTC)"}
assert _WRITTEN.keys() >= FILED_RANGE.keys()


# A range given in years is the months of those years: --from 2025 is 2025-01, --to 2025 is 2025-12.
_WHOLE_YEARS = {"month_from": "-01", "month_to": "-12"}


def _whole(name: str, value: object) -> object:
    """A range's bound as its field takes it: a year for a month range is its first or last month;
    a year or a month for a filing-date range its first or last day."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if name in _WHOLE_YEARS and re.fullmatch(YEAR.pattern, text):
        return text + _WHOLE_YEARS[name]
    if name in ("filed_from", "filed_to"):
        first = name == "filed_from"
        if re.fullmatch(YEAR.pattern, text):
            return text + ("-01-01" if first else "-12-31")
        if re.fullmatch(MONTH.pattern, text):
            year, month = map(int, text.split("-"))
            return f"{text}-{1 if first else calendar.monthrange(year, month)[1]:02d}"
    return value


def _named(name: str) -> str:
    return f"{name}="


def request_from(params: dict, named: Callable[[str], str] = _named) -> SearchRequest:
    """A SearchRequest from loose parameters, or a QueryError naming the bad one as `named` writes a
    parameter (the web's `month_from=`, the command line's `--from `)."""
    params = {name: _whole(name, value) for name, value in params.items()}
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
    for low, high in (("month_from", "month_to"), ("filed_from", "filed_to")):
        if getattr(request, low) and getattr(request, high) and getattr(request, low) > getattr(request, high):
            raise QueryError(f"{named(low)}{getattr(request, low)} is after {named(high)}{getattr(request, high)}")
    if request.filed_within and (request.filed_from or request.filed_to):
        raise QueryError(f"{named('filed_within')}{request.filed_within} is a range of its own: give it without "
                         f"{named('filed_from').strip()} and {named('filed_to').strip()}")
    return request
