"""`filings serve` in real processes under waitress (its workers, their connections, their stopping), and a
reindex showing in a running app."""

import http.client
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from indexer.cli import cli
from indexer.index.reindex import reindex
from indexer.models import SearchRequest
from indexer.settings import COMMIT_EVERY, SERVE_WORKERS
from search_web import create_app
from search_web.index import get_index

from .conftest import (DEADLINE_SECONDS, SEEDS, WEB_DATA, build_index, invoke, page_of, served, serving, texts,
                       wait_for, web_corpus)

CORES = int(SERVE_WORKERS.default)


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=DEADLINE_SECONDS) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def test_serve_answers_under_waitress(web_index):
    corpus, index = web_index
    with served(index, corpus) as base:
        status, headers, body = fetch(f"{base}/healthz")
        assert (status, json.loads(body)) == (200, {"status": 200, "documents": 7})
        assert headers["Server"] == "waitress"
        status, headers, body = fetch(f"{base}/?q=widgets")
        assert status == 200 and "<h1 id=\"summary\">2 documents for “widgets”</h1>" in body.decode()
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_serve_without_an_index_answers_503_until_one_is_built(tmp_path):
    with served(tmp_path / "index", tmp_path) as base:
        status, _, body = fetch(f"{base}/healthz")
        assert status == 503 and "build it with `filings reindex" in json.loads(body)["error"]
        reindex(SEEDS, tmp_path / "index", commit_every=COMMIT_EVERY.resolve(), jobs=1)
        status, _, body = fetch(f"{base}/healthz")
        assert (status, json.loads(body)) == (200, {"status": 200, "documents": 5})


@pytest.mark.parametrize("full", [False, True], ids=["incremental", "full"])
def test_a_reindex_shows_on_the_next_request(tmp_path, full):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEEDS, corpus)
    reindex(corpus, index, commit_every=COMMIT_EVERY.resolve(), jobs=1)
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    assert texts(page_of(client.get("/?q=widgets")), "//h1") == ["0 documents for “widgets”"]
    shutil.copytree(WEB_DATA, corpus, dirs_exist_ok=True)
    (corpus / "000_e15dcc41c4970baf.txt").unlink()
    reindex(corpus, index, commit_every=COMMIT_EVERY.resolve(), jobs=1, full=full)
    assert texts(page_of(client.get("/?q=widgets")), "//h1") == ["2 documents for “widgets”"]
    assert client.get("/healthz").get_json() == {"status": 200, "documents": 6}
    assert client.get("/doc/49ed4057b82157ef").status_code == 404


SLOW_CLIENTS = 150  # more than waitress's default connection limit (100)


def _trickle(sockets: list, stop: threading.Event, seconds: float = 180) -> None:
    """A request line and headers, one byte a second on every socket, never finished."""
    header = itertools.chain(b"ET / HTTP/1.1\r\nHost: x\r\nX-Slow: ", itertools.repeat(ord("a")))
    deadline = time.monotonic() + seconds
    while not stop.wait(1) and time.monotonic() < deadline:
        byte = bytes([next(header)])
        for sock in sockets:
            try:
                sock.send(byte)
            except OSError:
                pass  # closed by the server: the test counts the open ones


def _still_open(sock: socket.socket) -> bool:
    sock.setblocking(False)
    try:
        return sock.recv(1) != b""
    except BlockingIOError:
        return True
    except OSError:
        return False


@pytest.mark.slow
def test_slow_clients_holding_more_than_the_old_connection_limit_do_not_lock_out_a_search(web_index):
    corpus, index = web_index
    with served(index, corpus) as base:
        port = int(base.rsplit(":", 1)[1])
        sockets = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(SLOW_CLIENTS)]
        for sock in sockets:
            sock.send(b"G")
        stop = threading.Event()
        trickler = threading.Thread(target=_trickle, args=(sockets, stop))
        trickler.start()
        try:
            # Under the old limit every accepted connection is a trickling one, so this waits in the
            # listen queue for as long as they trickle (180 s), well past its own 60 s.
            with urllib.request.urlopen(f"{base}/healthz", timeout=60) as response:
                answer = response.status, json.loads(response.read())
            open_after = sum(_still_open(sock) for sock in sockets)
        finally:
            stop.set()
            trickler.join()
            for sock in sockets:
                sock.close()
    assert (answer, open_after) == ((200, {"status": 200, "documents": 7}), SLOW_CLIENTS)


@pytest.mark.parametrize(("workers", "needs"), [
    ("1", "needs 1256 open files"), ("2", "needs 756 open files in each of 2 workers"),
])
def test_more_connections_than_the_process_may_open_files_are_refused_in_one_line(web_index, workers, needs):
    corpus, index = web_index
    done = subprocess.run(["sh", "-c", 'ulimit -n 512 && exec "$0" "$@"', sys.executable, "-m", "indexer", "serve",
                           "--port", "1", "--connections", "1000", "--workers", workers, "--index", index,
                           "--corpus", corpus], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (2, f"error: --connections 1000 {needs}, and this process may open only "
                                                 "512 (ulimit -Hn): lower --connections or raise the limit\n")


def _workers(server: subprocess.Popen) -> list[int]:
    """The server's worker processes (its children, a dead one until it is reaped)."""
    try:
        return sorted(map(int, Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()))
    except FileNotFoundError:
        return []


def _started(server: subprocess.Popen, count: int, gone: tuple[int, ...] = ()) -> list[int]:
    """The server's workers, once there are `count` of them and none is in `gone`."""
    def running() -> list[int] | None:
        workers = _workers(server)
        return workers if len(workers) == count and not set(gone) & set(workers) else None

    return wait_for(running, what=f"{count} workers running")


def _port_in_hex(port: int) -> str:
    return f"{port:04X}"


def _answering(connection: http.client.HTTPConnection, workers: list[int]) -> int:
    """The worker holding the server's end of `connection`: the one with the socket whose local port
    is the server's and whose remote port is the connection's own (as /proc/net/tcp lists them)."""
    client_port = connection.sock.getsockname()[1]
    ends = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, inode = fields[1], fields[2], fields[9]
        ends[(local.split(":")[1], remote.split(":")[1])] = inode
    inode = ends[(_port_in_hex(connection.port), _port_in_hex(client_port))]
    holders = [pid for pid in workers for descriptor in Path(f"/proc/{pid}/fd").iterdir()
               if os.readlink(descriptor) == f"socket:[{inode}]"]
    assert len(holders) == 1, holders
    return holders[0]


def _health(connection: http.client.HTTPConnection) -> tuple[int, dict]:
    connection.request("GET", "/healthz")
    response = connection.getresponse()
    return response.status, json.loads(response.read())


def _one_connection_per_worker(base: str, workers: list[int]) -> list[http.client.HTTPConnection]:
    """A kept-alive connection to each of the workers of a server that holds one connection per
    worker: each worker at its share leaves the next connection to another."""
    host, port = base.removeprefix("http://").split(":")
    connections = [http.client.HTTPConnection(host, int(port), timeout=DEADLINE_SECONDS) for _ in workers]
    for connection in connections:
        connection.connect()
    return connections


PINNED = ("--workers", "2", "--connections", "2", "--idle-timeout", "600")



def _answers_per_worker(base: str, workers: list[int]) -> tuple[list, list[int]]:
    """/healthz's answer on one connection held by each worker, and the workers holding them."""
    connections = _one_connection_per_worker(base, workers)
    try:
        answers = [_health(connection) for connection in connections]
        answering = sorted(_answering(connection, workers) for connection in connections)
    finally:
        for connection in connections:
            connection.close()
    return answers, answering

def test_two_workers_each_answer_a_connection_of_their_own(web_index):
    corpus, index = web_index
    with serving(index, corpus, *PINNED) as (base, server):
        workers = _started(server, 2)
        answers, answering = _answers_per_worker(base, workers)
    assert (answers, answering) == ([(200, {"status": 200, "documents": 7})] * 2, workers)


def test_a_killed_worker_is_replaced_and_the_replacement_answers(web_index):
    corpus, index = web_index
    with serving(index, corpus, *PINNED) as (base, server):
        killed, survivor = _started(server, 2)
        os.kill(killed, signal.SIGKILL)
        workers = _started(server, 2, gone=(killed,))
        answers, answering = _answers_per_worker(base, workers)
    assert survivor in workers
    assert (answers, answering) == ([(200, {"status": 200, "documents": 7})] * 2, workers)


@pytest.mark.parametrize(("stop", "status"), [(signal.SIGINT, 0), (signal.SIGTERM, -signal.SIGTERM)],
                         ids=["ctrl-c", "sigterm"])
def test_stopping_the_server_stops_every_worker(web_index, stop, status):
    corpus, index = web_index
    with serving(index, corpus, "--workers", "2") as (_, server):
        workers = _started(server, 2)
        server.send_signal(stop)
        assert server.wait(timeout=DEADLINE_SECONDS) == status
    assert [pid for pid in workers if Path(f"/proc/{pid}").exists()] == []


@pytest.mark.parametrize("full", [False, True], ids=["incremental", "full"])
def test_a_reindex_while_serving_shows_in_every_worker(tmp_path, full):
    corpus, index = web_corpus(tmp_path / "corpus"), tmp_path / "index"
    build_index(corpus, index)
    with serving(index, corpus, *PINNED) as (base, server):
        workers = _started(server, 2)
        connections = _one_connection_per_worker(base, workers)
        try:
            before = [_health(connection) for connection in connections]
            (corpus / "000_e15dcc41c4970baf.txt").unlink()
            reindex(corpus, index, commit_every=COMMIT_EVERY.resolve(), jobs=1, full=full)
            after = [_health(connection) for connection in connections]
            answering = sorted(_answering(connection, workers) for connection in connections)
        finally:
            for connection in connections:
                connection.close()
    assert (before, after, answering) == ([(200, {"status": 200, "documents": 7})] * 2,
                                          [(200, {"status": 200, "documents": 6})] * 2, workers)


@pytest.mark.parametrize(("options", "environment", "problem"), [
    (["--workers", "0"], {}, f"0 is not in the range 1<=x<={4 * CORES}"),
    (["--workers", "two"], {}, "'two' is not a valid integer range"),
    (["--workers", str(4 * CORES + 1)], {}, f"{4 * CORES + 1} is not in the range 1<=x<={4 * CORES}"),
    ([], {"FILINGS_SERVE_WORKERS": "0"}, f"0 is not in the range 1<=x<={4 * CORES}"),
], ids=["zero", "not-a-number", "past-the-maximum", "zero-from-the-environment"])
def test_bad_worker_counts_are_one_line_usage_errors(runner, web_index, options, environment, problem):
    corpus, index = web_index
    result = runner.invoke(cli, ["serve", "--index", str(index), "--corpus", str(corpus), *options], env=environment)
    assert (result.exit_code, result.stderr) == (2, "error: Invalid value for '--workers' (env var: "
                                                    f"'FILINGS_SERVE_WORKERS'): {problem} (see 'cli serve --help')\n")


def test_fewer_connections_than_workers_are_a_one_line_usage_error(runner, web_index):
    corpus, index = web_index
    result = invoke(runner, "serve", "--index", index, "--corpus", corpus, "--workers", "3", "--connections", "2")
    assert (result.exit_code, result.stderr) == (2, "error: --connections 2 cannot be shared among 3 workers: give at "
                                                    "least 3 connections, or fewer workers\n")


def _apart(call):
    """`call()`'s value, called in a thread of its own: a request made there is a request of its own,
    not one nested in the request context this thread has open (which Flask would have it share)."""
    values = []
    thread = threading.Thread(target=lambda: values.append(call()))
    thread.start()
    thread.join(DEADLINE_SECONDS)
    return values[0]


def test_a_commit_reopens_the_index_for_the_next_request_and_an_index_in_use_stays_readable(tmp_path):
    corpus, index = web_corpus(tmp_path / "corpus"), tmp_path / "index"
    build_index(corpus, index)
    app = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index})
    client = app.test_client()
    with app.test_request_context("/"):
        in_use = get_index()
    with app.test_request_context("/"):
        assert get_index() is in_use  # no commit: the same index serves the next request
        (corpus / "000_e15dcc41c4970baf.txt").unlink()
        reindex(corpus, index, commit_every=COMMIT_EVERY.resolve(), jobs=1, full=True)
        assert _apart(lambda: client.get("/healthz").get_json()) == {"status": 200, "documents": 6}
        # The request that had the index before the rebuild still reads the commit it opened.
        assert (in_use.document_count(), in_use.search(SearchRequest(q="widgets")).total) == (7, 2)
    with app.test_request_context("/"):
        assert get_index() is not in_use
