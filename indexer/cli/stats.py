"""`filings stats`: what the index holds."""

import click

from ..engines import open_index
from .options import index_option, json_option


@click.command()
@index_option
@json_option
def stats(index, as_json) -> None:
    """Show documents and filings in the index, top facet values, months covered, size and last reindex.

    Examples:

    \b
        filings stats --index /data/edgar-index
        filings stats --json
    """
    with open_index(index) as opened:
        report = opened.stats()
    if as_json:
        click.echo(report.model_dump_json(indent=2))
        return
    click.echo(f"{report.documents} documents in {report.filings} filings; "
               f"months {report.first_month or '-'} to {report.last_month or '-'}")
    click.echo(f"index {report.index} ({report.size_bytes / 1e6:.1f} MB), corpus {report.corpus or '-'}, "
               f"last reindex {report.last_reindex or '-'}, {report.failing_files} failing files")
    for field, values in report.facets.items():
        shown = ", ".join(f"{value.value} ({value.count})" for value in values) or "-"
        click.echo(f"{field}: {shown}")
