"""`filings facets`: every value of one facet of a search, with its count, however many."""

import click

from ..engines import open_index
from ..facets import NARROWING, facet_named
from ..models import NAMING_FACETS, FacetListing
from ..settings import SearchSettings
from ..titles import documents
from .options import index_option, json_option
from .request_options import request_of, request_options
from .search import _warn

# The search's own fields this command sets, or has no use for: it lists one facet, not a page of hits.
_SET_HERE = ("sort", "page", "per_page", *NAMING_FACETS)


@click.command()
@click.argument("field", metavar="FIELD")
@request_options(leaving_out=lambda name: name in _SET_HERE or name.startswith(NARROWING))
@click.option("--narrow", metavar="TEXT", help="List only the values holding this text, compared as a filter's "
                                               "value is (\"tesla\" finds Tesla, Inc.).")
@click.option("--by-value", is_flag=True, help="List the values in their own order (months and years oldest "
                                               "first, others from A to Z) instead of the most common first.")
@json_option
@index_option
def facets(field, query, narrow, by_value, index, as_json, **filters) -> None:
    """List every value of the facet FIELD with its count, for the documents a search finds.

    FIELD is a facet as `filings search --json` names it (company, signer, form_type, month, ...).
    QUERY and the filters are the search's, as `filings search` takes them, so that the counts are
    the ones its results show, without their cap. Exit code 2 for an unknown FIELD or a bad option;
    on a cluster, 3 for a partial result.

    Examples:

    \b
        filings facets company
        filings facets signer delisting --year 2002
        filings facets company --narrow tesla --json
        filings facets month --by-value --not-form-type 8-K
    """
    facet = facet_named(field)
    request = request_of({"query": query, **filters, facet.narrowing: narrow,
                          "by_value": [facet.name] if by_value else []}, typed={facet.narrowing: "--narrow"})
    with open_index(index, SearchSettings.resolved()) as searched:
        listing = searched.facet(facet.name, request)
    if as_json:
        click.echo(listing.model_dump_json(indent=2))
    else:
        _print_listing(listing, narrow)
    _warn(listing)


def _print_listing(listing: FacetListing, narrow: str | None) -> None:
    facet = facet_named(listing.field)
    values = listing.facet_total
    said = f"{facet.label}: {values:,} value{'' if values == 1 else 's'}"
    said += f" holding {narrow!r}" if narrow and narrow.strip() else ""
    click.echo(said + f" in {documents(listing.total)}" + (f" for {listing.query!r}" if listing.query else ""))
    digits = max((len(f"{value.count:,}") for value in listing.values), default=1)
    for value in listing.values:
        marks = " (selected)" if value.selected else ""
        marks += " (left out)" if value.excluded else ""
        marks += f" matches nothing; did you mean: {', '.join(value.nearest)}?" if value.nearest else ""
        click.echo(f"{value.count:>{digits},}  {facet.reading(value.value)}{marks}")
