"""`filings watch`: saved searches for a cron line after the reindex (indexer/watches.py)."""

import csv
import json
import sys

import click

from .. import exports, watches
from ..engines import open_index
from ..facets import NARROWING
from ..settings import SearchSettings
from ..titles import documents
from .options import index_option, json_option
from .request_options import request_of, request_options
from .search import INDENT, _print_hit
from .wrapping import width

# `watch run`'s exit code when no saved search gained anything: a cron line mails only news.
NOTHING_NEW = 1
WATCH_COLUMN = "watch"


@click.group()
def watch() -> None:
    """Saved searches: add one, and `filings watch run` after each reindex prints what it gained
    (exit 1 when nothing: a cron line mails only news). Kept beside a folder index (a full rebuild
    keeps them), or in a cluster's meta table.

    Examples:

    \b
        filings watch add splits '"reverse split"' --form-type 6-K
        filings watch list --json
        filings watch run > new.txt && mail -s "New filings" me@example.com < new.txt
        filings watch run splits --csv
        filings watch remove splits
    """


@watch.command()
@click.argument("name")
@request_options(leaving_out=lambda name: name in watches.UNKEPT or name.startswith(NARROWING))
@index_option
def add(name, index, **filters) -> None:
    """Save the search QUERY [filters] as NAME. Its first run reports what reindexes bring after now
    (what the index holds now is not new to it)."""
    request = request_of(filters)
    with open_index(index) as opened:
        saved = watches.add(opened, name, request)
    click.echo(f"saved {name}: new hits are those indexed after {saved.mark or 'nothing (the index is empty)'}")


@watch.command(name="list")
@json_option
@index_option
def listing(index, as_json) -> None:
    """List the saved searches: each one's name, query, filters and mark."""
    with open_index(index) as opened:
        kept = watches.watches(opened)
    if as_json:
        click.echo(json.dumps([each.model_dump(mode="json") for each in kept.values()], indent=2))
        return
    for each in kept.values():
        asked = each.request.model_dump(exclude_defaults=True)
        words = repr(asked.pop("query", ""))
        filters = " ".join(f"--{field.replace('_', '-')} {value!r}" for field, values in asked.items()
                           for value in (values if isinstance(values, list) else [values]))
        click.echo(f"{each.name}: {words}{' ' + filters if filters else ''} (new after {each.mark or 'nothing'})")


@watch.command()
@click.argument("name")
@index_option
def remove(name, index) -> None:
    """Forget the saved search NAME."""
    with open_index(index) as opened:
        watches.remove(opened, name)
    click.echo(f"removed {name}")


@watch.command()
@click.argument("names", nargs=-1, metavar="[NAME]...")
@json_option
@click.option("--csv", "as_csv", is_flag=True, help="Print the new hits as CSV, a row a hit, its watch first.")
@index_option
def run(names, index, as_json, as_csv) -> None:
    """Print the hits each saved search (those NAMEd, or all) gained since it last ran, newest indexed
    first, and remember that it ran. Exit code 0 when some search gained a hit, 1 when none did, 2 for
    bad input (a NAME not saved)."""
    if as_json and as_csv:
        raise click.UsageError("--json and --csv cannot be used together")
    with open_index(index, SearchSettings.resolved()) as opened:
        runs = watches.run(opened, list(names))
    if as_json:
        click.echo(json.dumps([each.model_dump(mode="json") for each in runs], indent=2))
    elif as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=[WATCH_COLUMN, *exports.columns(snippet=True)],
                                extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for each in runs:
            for row in exports.rows(each.hits, snippet=True):
                writer.writerow({WATCH_COLUMN: each.name, **row})
    else:
        columns = width()
        for each in runs:
            new = documents(len(each.hits)).replace("document", "new document")
            click.echo(f"{each.name}: {new} since {each.since or 'the index was empty'}")
            for number, hit in enumerate(each.hits, 1):
                _print_hit(hit, f"{number}. ", INDENT, columns)
            click.echo("")
    if not any(each.hits for each in runs):
        sys.exit(NOTHING_NEW)
