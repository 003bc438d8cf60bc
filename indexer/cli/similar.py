"""`filings similar`: the documents most like one, as the library chooses them (search/similar.py)."""

import click

from ..engines import open_index
from ..models import MAX_PER_PAGE, SIMILAR_HITS, Span
from ..settings import SearchSettings
from ..titles import documents
from .options import index_option, json_option
from .search import INDENT, _print_hit, _warn
from .wrapping import width, wrapped


@click.command()
@click.argument("document_id")
@json_option
@click.option("--limit", default=SIMILAR_HITS, show_default=True, type=click.IntRange(1, MAX_PER_PAGE),
              help=f"How many similar documents to list (at most {MAX_PER_PAGE}).")
@index_option
def similar(document_id, index, as_json, limit) -> None:
    """List the documents most like one (its id is in search results), by its distinctive words,
    best first, none of its own filing. Exit code 1 for an id the index does not hold; on a cluster,
    3 for a partial result.

    Examples:

    \b
        filings similar 5eaacfbfffc9a792
        filings similar 5eaacfbfffc9a792 --json --limit 5
    """
    with open_index(index, SearchSettings.resolved()) as opened:
        found = opened.similar(document_id, limit)
    if as_json:
        click.echo(found.model_dump_json(indent=2))
    else:
        columns = width()
        click.echo(wrapped([Span(text=f"Like {found.heading} [{found.id}]: {documents(len(found.hits))}")],
                           INDENT, columns, ""))
        if found.words:
            click.echo(wrapped([Span(text="By the words: " + ", ".join(found.words))], INDENT, columns, ""))
        for number, hit in enumerate(found.hits, 1):
            _print_hit(hit, f"{number}. ", INDENT, columns)
    _warn(found)
