"""Talking SphinxQL to a cluster: PyMySQL connections (an empty user, autocommit), kept in a pool
for the web server's threads, and what a search learns besides its rows: the exact total and the
nodes that did not answer (SHOW META's warnings name each agent that failed).

A node that does not answer makes a search partial, never silently short: its warning is kept and
the result says so. The head not answering, or every node failing, is ClusterUnavailableError.
"""

import queue
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import pymysql
from pymysql.constants import CLIENT

from ...errors import ClusterUnavailableError, QueryError
from .address import SPHINXQL_AFTER_API, Address

# Seconds to connect, and to wait for one answer (a node's own agent timeout is shorter: config.py).
CONNECT_SECONDS = 3
READ_SECONDS = 120
POOLED = 16
_AGENT = re.compile(r"agent ([^\s:]+):(\d+)(?::[^\s:]+)?:")
# What SphinxQL says when an agent does not answer, rather than about the query.
_UNANSWERED = ("connect()", "timed out", "failed to", "connection", "refused", "unexpected end", "reset")


def connect(host: str, port: int, timeout: float = CONNECT_SECONDS) -> pymysql.connections.Connection:
    try:
        return pymysql.connect(host=host, port=port, user="", password="", autocommit=True, charset="utf8",
                               connect_timeout=timeout, read_timeout=READ_SECONDS, write_timeout=READ_SECONDS,
                               client_flag=CLIENT.MULTI_STATEMENTS)
    except pymysql.err.MySQLError as error:
        raise ClusterUnavailableError(f"the cluster node {host}:{port} does not answer ({_reason(error)})") from None


def _reason(error: BaseException) -> str:
    text = error.args[1] if len(error.args) > 1 else str(error)
    return " ".join(str(text).replace("\x00", "").split())[:300]


@dataclass
class Answer:
    """The result sets of one request, and the warnings SHOW META gave after them."""

    sets: list[list[tuple]]
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def failed_nodes(self) -> list[str]:
        """The nodes ("host:port", their API port) a warning says did not answer."""
        return sorted({f"{host}:{port}" for warning in self.warnings for host, port in _AGENT.findall(warning)})


def _quoted(value: object) -> str:
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    text = str(value).replace("\\", "\\\\").replace("'", "\\'").replace("\x00", "")
    return f"'{text}'"


def sql(statement: str, *values: object) -> str:
    """A statement with `%s` replaced by each value, quoted as SphinxQL reads it (PyMySQL's own
    escaping writes `\\0`, which Sphinx reads otherwise)."""
    pieces = statement.split("%s")
    if len(pieces) != len(values) + 1:
        raise ValueError(f"{len(pieces) - 1} places for {len(values)} values in {statement!r}")
    return "".join(piece + (_quoted(values[index]) if index < len(values) else "") for index, piece in enumerate(pieces))


class Client:
    """Connections to one node (the head, or a data node a writer fills), pooled."""

    def __init__(self, host: str, port: int, name: str | None = None):
        self.host, self.port = host, port
        self.name = name or f"{host}:{port}"
        self._pool: queue.LifoQueue = queue.LifoQueue(POOLED)

    @contextmanager
    def _connection(self) -> Iterator[pymysql.connections.Connection]:
        try:
            connection = self._pool.get_nowait()
        except queue.Empty:
            connection = connect(self.host, self.port)
        try:
            yield connection
        except BaseException:
            connection.close()
            raise
        try:
            self._pool.put_nowait(connection)
        except queue.Full:
            connection.close()

    def run(self, statements: Sequence[str], meta: bool = False) -> Answer:
        """Run statements as one request (SphinxQL's multi-query); with `meta`, SHOW META after them."""
        text = ";\n".join([*statements, *(["SHOW META"] if meta else [])])
        try:
            with self._connection() as connection, connection.cursor() as cursor:
                cursor.execute(text)
                sets = [list(cursor.fetchall())]
                while cursor.nextset():
                    sets.append(list(cursor.fetchall()))
        except pymysql.err.OperationalError as error:
            raise ClusterUnavailableError(f"the cluster node {self.name} does not answer ({_reason(error)})") from None
        except pymysql.err.MySQLError as error:
            reason = _reason(error)
            if "agent" in reason and any(word in reason for word in _UNANSWERED):
                raise ClusterUnavailableError(f"no node of the cluster answered ({reason})") from None
            raise QueryError(f"the cluster cannot run this search: {reason}") from None
        answer = Answer(sets[:-1] if meta else sets)
        if meta:
            for name, value in sets[-1]:
                if name == "warning":
                    answer.warnings.append(value)
                else:
                    answer.meta[name] = value
        return answer

    def execute(self, statements: Sequence[str]) -> None:
        """Run statements one after another on one connection: a transaction (BEGIN ... COMMIT), which
        SphinxQL's multi-query cannot carry (it takes only SELECT and SHOW). A failure closes the
        connection, and the server drops what the transaction had not committed."""
        try:
            with self._connection() as connection, connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        except pymysql.err.OperationalError as error:
            raise ClusterUnavailableError(f"the cluster node {self.name} does not answer ({_reason(error)})") from None
        except pymysql.err.MySQLError as error:
            raise QueryError(f"the cluster node {self.name} refused a write: {_reason(error)}") from None

    def rows(self, statement: str, *values: object) -> list[tuple]:
        return self.run([sql(statement, *values)]).sets[0]

    def close(self) -> None:
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return


def data_nodes(head: Client, address: Address) -> list[Client]:
    """The data nodes of the distributed table, in its order (DESCRIBE lists its agents), each
    reached on its SphinxQL port."""
    described = head.rows(f"DESCRIBE {address.table}")
    nodes = []
    for agent, kind in described:
        if not kind.startswith("remote"):
            raise ClusterUnavailableError(f"{address} is not a cluster filings-search made: its table holds "
                                          f"{kind} {agent}")
        host, port, _ = agent.rsplit(":", 2)
        nodes.append(Client(host, int(port) + SPHINXQL_AFTER_API, name=f"{host}:{port}"))
    if not nodes:
        raise ClusterUnavailableError(f"{address}: the table {address.table} has no nodes")
    return nodes
