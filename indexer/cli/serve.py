"""`filings serve`: the web front end under waitress, a production WSGI server."""

import click

from ..admission import expensive
from ..documents import open_index
from ..errors import IndexMissingError, UsageError
from ..settings import CORPUS, INDEX
from .options import corpus_option, index_option

# Server threads left to everything but the expensive searches (waitress's default count), whatever those hold.
OTHER_THREADS = 4


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@index_option
@corpus_option
def serve(host, port, index, corpus) -> None:
    """Serve the search pages and the JSON API until interrupted (Ctrl-C).

    Each request reads the index as its last commit left it, so a reindex shows without a restart.
    """
    # Imported here so that the indexer package never imports Flask or waitress for other commands.
    import waitress

    from search_web import create_app

    app = create_app({INDEX.envvar: index, CORPUS.envvar: corpus})
    try:
        open_index(index).close()
    except IndexMissingError as missing:
        click.echo(f"note: {missing}; until then the pages say so", err=True)
    try:
        server = waitress.create_server(app, host=host, port=port, threads=OTHER_THREADS + expensive().most_held)
    except (OSError, ValueError) as error:
        raise UsageError(f"cannot listen on {host}:{port}: {getattr(error, 'strerror', None) or error}") from None
    click.echo(f"serving {index} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
