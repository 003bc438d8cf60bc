"""`filings cluster`: the searchd nodes of a cluster on this machine (configuration, start, stop, status)."""

from pathlib import Path

import click

from ..errors import ClusterUnavailableError


def _engine():
    # The cluster's package, loaded when a cluster command runs.
    from ..engines.sphinx import cluster

    return cluster


_folder = click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
_node = click.option("--node", type=click.IntRange(min=1), default=None,
                     help="Only this node (on a host that runs one node of the cluster).")


@click.group()
def cluster() -> None:
    """Run the searchd nodes a distributed index lives on (Sphinx 2.2 or Manticore Search).

    Once the nodes run, every command's --index takes the address `init` printed
    (`filings reindex --index sphinx://127.0.0.1:9313/filings`).

    Examples:

    \b
        filings cluster init /data/cluster --nodes 2
        filings cluster start /data/cluster
        filings cluster status /data/cluster
        filings cluster stop /data/cluster
    """


@cluster.command()
@_folder
@click.option("--nodes", type=click.IntRange(min=1, max=64), required=True, help="How many data nodes.")
@click.option("--port", type=click.IntRange(min=1, max=65533), default=9312, show_default=True,
              help="The first node's API port; its SphinxQL port is the next, and each further node on this "
                   "machine takes the two after.")
@click.option("--hosts", default=None, metavar="HOST,HOST,...",
              help="One host a node, for nodes on several machines (each then on --port).")
@click.option("--table", default="filings", show_default=True, help="The distributed table's name.")
def init(folder: Path, nodes: int, port: int, hosts: str | None, table: str) -> None:
    """Write the searchd configuration of NODES data nodes into FOLDER, and print the cluster's address.

    Node 1 is also the head: it holds the distributed table every search and reindex goes to.
    """
    engine = _engine()
    made = engine.init(folder, nodes, port, hosts.split(",") if hosts else None, table)
    click.echo(f"cluster of {nodes} node{'s' * (nodes > 1)} in {folder}; start it with `filings cluster start "
               f"{folder}`; its address:")
    click.echo(str(made.address))


@cluster.command()
@_folder
@_node
def start(folder: Path, node: int | None) -> None:
    """Start the cluster's nodes (or one) on this machine and wait until each answers."""
    started = _engine().start(folder, node)
    click.echo(f"started {len(started)} node{'s' * (len(started) != 1)}" +
               (f": {', '.join(str(each.number) for each in started)}" if started else " (all were running)"))


@cluster.command()
@_folder
@_node
def stop(folder: Path, node: int | None) -> None:
    """Stop the cluster's nodes (or one) running on this machine; each keeps what it holds."""
    stopped = _engine().stop(folder, node)
    click.echo(f"stopped {len(stopped)} node{'s' * (len(stopped) != 1)}")


@cluster.command()
@_folder
def status(folder: Path) -> None:
    """Each node: where it listens, whether it runs here and answers. Exit 69 if one does not answer."""
    engine = _engine()
    silent = []
    for node, pid, answering in engine.status(folder):
        role = " (head)" if node.number == 1 else ""
        running = f"running here (pid {pid})" if pid else "not running here"
        click.echo(f"node {node.number}{role} {node.host}:{node.port} (SphinxQL {node.sphinxql}): {running}, "
                   f"{'answers' if answering else 'does not answer'}")
        if not answering:
            silent.append(str(node.number))
    if silent:
        raise ClusterUnavailableError(f"node{'s' * (len(silent) > 1)} {', '.join(silent)} of the cluster in "
                                      f"{folder} do{'es' * (len(silent) == 1)} not answer")


