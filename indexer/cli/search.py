"""`filings search` and `filings show`: the search module on the command line."""

import sys

import click

from .. import exports
from ..errors import PARTIAL, ExportInterruptedError
from ..engines import open_index
from ..models import Hit, SearchResult, Span
from ..settings import SearchSettings
from ..titles import documents, facts_of, filing_facts, filing_title, filings, title_of
from .options import index_option, json_option
from .request_options import request_options, request_of
from .wrapping import paged, width, wrapped

FACET_SUMMARY_VALUES = 5
INDENT = "   "


def _print_result(result: SearchResult, every: list[str]) -> None:
    columns = width()
    counted = documents(result.total) if result.total_filings is None else \
        f"{filings(result.total_filings)} ({documents(result.total)})"
    click.echo(wrapped([Span(text=counted + (f" for {result.query!r}" if result.query else "")
                             + f" ({result.took_ms:g} ms), page {result.page} of {result.pages}")], INDENT, columns, ""))
    if result.suggestion:
        click.echo(f"Did you mean: {click.style(result.suggestion, bold=True)}")
    for field, values in result.facets.items():
        for value in values:
            if value.nearest:
                click.echo(wrapped([Span(text=f"--{field.replace('_', '-')} {value.value!r} matches nothing. "
                                         f"Did you mean: {', '.join(value.nearest)}?")],
                                   INDENT, columns, ""))
    if result.entity and not result.entity.companies:
        near = f" Did you mean: {', '.join(result.entity.nearest)}?" if result.entity.nearest else ""
        click.echo(wrapped([Span(text=f"--entity {result.entity.asked!r} matches no company, ticker or CIK.{near}")],
                           INDENT, columns, ""))
    elif result.entity:
        click.echo(wrapped([Span(text="Entity: " + "; ".join(each.label for each in result.entity.companies))],
                           INDENT, columns, ""))
    if not result.hits and result.total:
        click.echo(f"Page {result.page} is past the last one ({result.pages}): ask for --page {result.pages} or less.")
    first = (result.page - 1) * result.per_page + 1
    if result.total_filings is None:
        for number, hit in enumerate(result.hits, first):
            _print_hit(hit, f"{number}. ", INDENT, columns)
    for number, filing in enumerate(result.groups, first):
        click.echo("\n" + wrapped([Span(text=filing_title(filing), matched=True)], INDENT, columns, f"{number}. ",
                                   bold=True))
        click.echo(wrapped([Span(text=" · ".join(filing_facts(filing)))], INDENT, columns))
        for hit in filing.documents:
            _print_hit(hit, INDENT + "- ", INDENT * 2, columns)
    click.echo("")
    for field, values in result.facets.items():
        if values:
            # A facet asked for with --more lists every value; `filings facets` lists one facet's, one a line.
            top = values if field in every else values[:FACET_SUMMARY_VALUES]
            shown = ", ".join(f"{'*' if v.selected else '-' if v.excluded else ''}{v.value} ({v.count})" for v in top)
            left = result.facet_totals.get(field, len(values)) - len([v for v in top if v.count])
            more = f", … {left:,} more" if left > 0 else ""
            click.echo(wrapped([Span(text=f"{field}: {shown}{more}")], INDENT, columns, ""))


def _print_hit(hit: Hit, lead: str, indent: str, columns: int | None) -> None:
    """A hit's lines: its heading after `lead`, then its facts, id and snippet at `indent`."""
    click.echo("\n" + wrapped([Span(text=title_of(hit), matched=True)], indent, columns, lead, bold=True))
    click.echo(wrapped([Span(text=" · ".join(facts_of(hit)))], indent, columns))
    click.echo(wrapped([Span(text=f"[{hit.id}] {hit.source}", matched=True)], indent, columns, dim=True))
    if hit.snippet:
        # Matched words in bold yellow (click drops the styles off a terminal).
        click.echo(wrapped(hit.snippet, indent, columns, bold=True, fg="yellow"))


@click.command()
@request_options()
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="Print the hits as CSV, one row per hit.")
@click.option("--all", "all_pages", is_flag=True, help="With --csv: every hit, all pages (for export).")
@click.option("--snippets", is_flag=True, help="With --csv: a snippet column, each hit's snippet as plain text.")
@click.option("--link", "link_base", metavar="URL",
              help="With --csv: a link column, each hit's page under URL (where `filings serve` answers).")
@index_option
def search(query, index, as_json, as_csv, all_pages, snippets, link_base, **filters) -> None:
    """Search the index: words, "phrases", OR, NOT/-, (groups), wild*, field:value, month:[A TO B].

    Without a QUERY, every document matching the filters. Exit code 2 for a malformed query,
    a bad option or a missing index; on a cluster, 3 for a partial result (a node did not answer:
    the result is printed, a warning naming the node on stderr) and 69 when the cluster does not answer.

    Examples:

    \b
        filings search '"reverse stock split"' --exhibit-type EX-99.1 --json
        filings search '"reverse split"~3' --sort newest
        filings search 'signer:*' --year 2002 --per-page 2
        filings search split --entity 'korea thrunet'
        filings search report --filed-within 5y --entity 0001318605
        filings search delisting --csv --snippets --link http://127.0.0.1:8000
        filings search delisting --group filing --sort newest
        filings search -- '-hearing delisting'
    
    """
    if as_json and as_csv:
        raise click.UsageError("--json and --csv cannot be used together")
    for given, flag in ((all_pages, "--all"), (snippets, "--snippets"), (link_base, "--link")):
        if given and not as_csv:
            raise click.UsageError(f"{flag} goes with --csv")
    if snippets and all_pages:
        raise click.UsageError("--snippets goes with a page of hits, not --all (an export of every hit has no snippets)")
    link = (lambda hit: f"{link_base.rstrip('/')}/doc/{hit.id}") if link_base else None
    request = request_of({"query": query, **filters})
    with open_index(index, SearchSettings.resolved()) as searched:
        if as_csv and all_pages:
            try:
                exports.write(searched.export(request), sys.stdout, link=link)
            except KeyboardInterrupt:
                raise ExportInterruptedError() from None
            return
        result = searched.search(request)
    if as_csv:
        exports.write(result.hits, sys.stdout, snippet=snippets, link=link)
    elif as_json:
        click.echo(result.model_dump_json(indent=2))
    else:
        _print_result(result, request.more)
    _warn(result)


def _warn(result: SearchResult) -> None:
    """What makes a result less than whole, on stderr after it: each warning a line; a partial
    result (a node of the cluster did not answer) then exits PARTIAL, so a script can tell."""
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if result.partial:
        sys.exit(PARTIAL)


@click.command()
@click.argument("document_id")
@json_option
@index_option
def show(document_id, index, as_json) -> None:
    """Print one document with all its fields (its id is in search results).

    Examples:

    \b
        filings show 5eaacfbfffc9a792
        filings show 5eaacfbfffc9a792 --json
    """
    with open_index(index) as opened:
        document = opened.document(document_id)
        copies = [] if as_json else opened.copies(document_id)
    if as_json:
        click.echo(document.model_dump_json(indent=2))
        return
    fields = [f"{click.style(name, bold=True)}: {value}"
              for name, value in document.model_dump(exclude={"body"}).items() if value is not None]
    if len(copies) > 1:
        # The same document stored again (a filing as .nc and .txt, a file in two folders): searches show the first.
        fields.append(f"{click.style('copies', bold=True)}: " + ", ".join(f"{each.source} [{each.id}]" for each in copies))
    # A body runs to megabytes: on a terminal it goes through the pager.
    paged("\n".join([*fields, "", document.body]))
