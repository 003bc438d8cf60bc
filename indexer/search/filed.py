"""The filing-date range a search asks for, read as days: an explicit range as given, a span of
years back (filed_within=5y) from the day the search runs, so that a saved link to "the last
5 years" keeps meaning that. Both engines filter on what this returns."""

import datetime

from ..models import SearchRequest

# The spans the pages offer as presets, and how they name them; any Ny can be asked for.
PRESETS = {"1y": "Last year", "5y": "Last 5 years", "10y": "Last 10 years"}


def today() -> datetime.date:
    """The day a search runs, as EDGAR's dates are read in the index: a calendar day, taken in UTC."""
    return datetime.datetime.now(datetime.UTC).date()


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` earlier; 29 February, in a year without one, the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def filed_range(request: SearchRequest, on: datetime.date | None = None) -> tuple[str | None, str | None]:
    """(first, last) filing day the request keeps, YYYY-MM-DD, None where it is open; both None
    when the request does not narrow the filing date. A span counts back from `on` (today)."""
    if request.filed_within:
        return years_before(on or today(), int(request.filed_within[:-1])).isoformat(), None
    return request.filed_from, request.filed_to


def narrows(request: SearchRequest) -> bool:
    return bool(request.filed_within or request.filed_from or request.filed_to)


def describe(request: SearchRequest, on: datetime.date | None = None) -> str | None:
    """The range as a person reads it: "last 5 years (since 2020-12-03)", "2019-01-01 to 2020-12-31"."""
    first, last = filed_range(request, on)
    if request.filed_within:
        years = int(request.filed_within[:-1])
        return f"last {'year' if years == 1 else f'{years} years'} (since {first})"
    if first and last:
        return f"{first} to {last}"
    if first:
        return f"since {first}"
    return f"until {last}" if last else None
