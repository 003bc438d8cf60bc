"""`filings serve` in a real process under waitress, and a reindex showing in a running app."""

import itertools
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from indexer.index.reindex import reindex
from indexer.settings import COMMIT_EVERY
from search_web import create_app

from .conftest import DEADLINE_SECONDS, SEEDS, WEB_DATA, page_of, served, texts


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
