"""`filings serve`: the web front end under waitress, a production WSGI server, in as many worker
processes as there are cores (prefork.py)."""

import resource

import click

from ..search.admission import expensive
from ..engines import open_index
from ..errors import IndexMissingError, UsageError
from ..settings import (CORPUS, INDEX, SERVE_CONNECTIONS, SERVE_IDLE_TIMEOUT, SERVE_THREADS, SERVE_WORKERS,
                        SearchSettings)
from . import prefork
from .options import corpus_option, count_option, index_option

# Waitress settings no user needs to change: the app answers GETs whose URL holds a query and a few filters.
_WAITRESS = {
    "max_request_header_size": 16 * 1024,  # not waitress's 256 KB, which each connection could make it hold
    "max_request_body_size": 16 * 1024,  # no page reads a body
    "cleanup_interval": 5,  # how soon after the idle timeout a silent connection is closed
    "backlog": 1024,  # connections the kernel queues while the server is at its limit
    "asyncore_use_poll": True,  # select() cannot watch a descriptor numbered past 1024
}
# Descriptors besides connections: the index's files, the listening socket, the logs.
SPARE_DESCRIPTORS = 256


def _allow_descriptors(connections: int, workers: int) -> None:
    """Raise the soft limit on open files (often 1024), which each worker inherits, so that the
    connection limit, not EMFILE, is what makes a client wait."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = max(prefork.shares(connections, workers)) + SPARE_DESCRIPTORS
    if soft == resource.RLIM_INFINITY or soft >= wanted:
        return
    if hard != resource.RLIM_INFINITY and hard < wanted:
        each = f" in each of {workers} workers" if workers > 1 else ""
        raise UsageError(f"--connections {connections} needs {wanted} open files{each}, and this process may open "
                         f"only {hard} (ulimit -Hn): lower --connections or raise the limit")
    resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@count_option(SERVE_WORKERS)
@count_option(SERVE_CONNECTIONS)
@count_option(SERVE_THREADS)
@count_option(SERVE_IDLE_TIMEOUT)
@index_option
@corpus_option
def serve(host, port, workers, connections, threads, idle_timeout, index, corpus) -> None:
    """Serve the search pages and the JSON API until interrupted (Ctrl-C or SIGTERM, which stop
    every worker).

    Each worker keeps the index open for its requests and opens it again once a reindex has
    committed, so a reindex shows without a restart. A worker that dies is replaced.

    Facing a network, run it behind a reverse proxy (nginx, caddy) that bounds how long a client may
    take to send its request: waitress counts every byte as activity, so each client that trickles its
    headers keeps its connection open, and enough of them reach --connections.

    Examples:

    \b
        filings serve --index /data/edgar-index --corpus /data/edgar
        filings serve --port 8080 --workers 4 --threads 16 --connections 2000
    
    """
    if connections < workers:
        raise UsageError(f"--connections {connections} cannot be shared among {workers} workers: "
                         f"give at least {workers} connections, or fewer workers")
    # Imported here so that the indexer package never imports Flask or waitress for other commands.
    import waitress

    from search_web import create_app

    app = create_app({INDEX.envvar: index, CORPUS.envvar: corpus})
    settings = SearchSettings.resolved()
    try:
        open_index(index, settings).close()
    except IndexMissingError as missing:
        click.echo(f"note: {missing}; until then the pages say so", err=True)
    _allow_descriptors(connections, workers)
    try:
        sockets = prefork.bind(host, port, _WAITRESS["backlog"])
    except (OSError, ValueError) as error:
        raise UsageError(f"cannot listen on {host}:{port}: {getattr(error, 'strerror', None) or error}") from None
    limits = prefork.shares(connections, workers)
    threads += expensive(settings.expensive_searches).most_held

    def work(slot: int) -> None:
        # Waitress counts its listening sockets and its wake-up pipe against its connection limit.
        server = waitress.create_server(app, sockets=sockets, connection_limit=limits[slot] + len(sockets) + 1,
                                        threads=threads, channel_timeout=idle_timeout, **_WAITRESS)
        server.run()

    click.echo(f"serving {index} on http://{host}:{port}/ with {workers} worker{'s' * (workers > 1)} "
               "(Ctrl-C stops)", err=True)
    prefork.supervise(workers, work)
