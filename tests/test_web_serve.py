"""`filings serve` in a real process under waitress, and a reindex showing in a running app."""

import json
import shutil
import urllib.error
import urllib.request

import pytest

from indexer.reindex import reindex
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
        reindex(SEEDS, tmp_path / "index", jobs=1)
        status, _, body = fetch(f"{base}/healthz")
        assert (status, json.loads(body)) == (200, {"status": 200, "documents": 5})


@pytest.mark.parametrize("full", [False, True], ids=["incremental", "full"])
def test_a_reindex_shows_on_the_next_request(tmp_path, full):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEEDS, corpus)
    reindex(corpus, index, jobs=1)
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    assert texts(page_of(client.get("/?q=widgets")), "//h1") == ["0 documents for “widgets”"]
    shutil.copytree(WEB_DATA, corpus, dirs_exist_ok=True)
    (corpus / "000_e15dcc41c4970baf.txt").unlink()
    reindex(corpus, index, jobs=1, full=full)
    assert texts(page_of(client.get("/?q=widgets")), "//h1") == ["2 documents for “widgets”"]
    assert client.get("/healthz").get_json() == {"status": 200, "documents": 6}
    assert client.get("/doc/49ed4057b82157ef").status_code == 404
