"""The faces on a cluster: `filings search`, the pages and the API answer from `sphinx://...` as from a
folder; a partial result says so on each (a warning line and exit 3, a banner, `partial` in the JSON);
the pager stops at the deepest page the cluster reaches."""

import json
import os
import signal

import pytest

from indexer.engines.sphinx import cluster, search
from search_web import create_app

from .conftest import SEEDS, build_index, filings, invoke, links, page_of, texts, wait_for

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def seeded(sphinx_cluster, tmp_path_factory):
    """The session's cluster holding the seeds, and a Whoosh index of them, both reindexed at one
    instant, so that their documents' `indexed` agree."""
    sphinx_cluster.clear()
    with pytest.MonkeyPatch.context() as clock:
        clock.setenv("FILINGS_NOW", "2026-01-01T00:00:00Z")
        done = filings("reindex", "--corpus", SEEDS, "--index", sphinx_cluster.address)
        assert done.wait(timeout=600) == 0, done.communicate()
        done.communicate()
        return sphinx_cluster, build_index(SEEDS, tmp_path_factory.mktemp("faces") / "index")


def test_the_cli_answers_from_the_cluster_as_from_a_folder(runner, seeded):
    running, folder = seeded
    on_cluster = json.loads(invoke(runner, "search", "thrunet", "--json", "--index", running.address).stdout)
    on_folder = json.loads(invoke(runner, "search", "thrunet", "--json", "--index", folder).stdout)
    assert (on_cluster["total"], on_cluster["partial"], on_cluster["reachable"]) == (on_folder["total"], False,
                                                                                   search.PAGE_BOUND)
    assert {hit["id"] for hit in on_cluster["hits"]} == {hit["id"] for hit in on_folder["hits"]}
    shown = invoke(runner, "show", on_folder["hits"][0]["id"], "--index", running.address)
    assert shown.exit_code == 0 and shown.stdout == invoke(runner, "show", on_folder["hits"][0]["id"], "--index",
                                                            folder).stdout


def test_the_pager_stops_at_the_deepest_page_the_cluster_reaches(seeded, monkeypatch):
    running, _ = seeded
    monkeypatch.setattr(search, "PAGE_BOUND", 4)
    client = create_app({"FILINGS_CORPUS": SEEDS, "FILINGS_INDEX": running.address}).test_client()
    tree = page_of(client.get("/?q=thrunet&per_page=2"))
    assert texts(tree, "//h1") == ["5 documents for “thrunet”"]
    assert [label for label, _ in links(tree, "//nav[@class='pages']//a")] == ["1", "2", "Next"]
    assert client.get("/api/search?q=thrunet&per_page=2&page=3").status_code == 400


def test_a_stopped_node_is_a_partial_result_on_every_face(runner, seeded):
    running, _ = seeded
    stopped = cluster.Cluster.read(running.root).nodes[1]
    client = create_app({"FILINGS_CORPUS": SEEDS, "FILINGS_INDEX": running.address}).test_client()
    whole = client.get("/api/search?q=").get_json()
    cluster.stop(running.root, only=stopped.number)
    try:
        result = invoke(runner, "search", "", "--index", running.address)
        assert result.exit_code == 3 and result.stdout  # the result is printed, then marked
        assert result.stderr == (f"warning: node {stopped.host}:{stopped.port} did not answer: the hits and counts "
                                 "lack the documents it holds\n")
        answer = client.get("/api/search?q=").get_json()
        assert answer["partial"] and answer["total"] < whole["total"] and len(answer["warnings"]) == 1
        page = page_of(client.get("/?q="))
        banner = texts(page, "//div[@class='warning']//p")
        assert banner and banner[0].startswith("Partial results:")
        assert texts(page, "//div[@class='warning']//li") == answer["warnings"]
    finally:
        cluster.start(running.root, only=stopped.number)
    wait_for(lambda: not client.get("/api/search?q=").get_json()["partial"], what="the restarted node answering")
    assert page_of(client.get("/?q=")).xpath("//div[@class='warning']") == []
    assert invoke(runner, "search", "", "--index", running.address).exit_code == 0


def test_an_address_nobody_answers_on_is_one_line_and_exit_69(runner):
    result = invoke(runner, "search", "x", "--index", "sphinx://127.0.0.1:1/filings")
    assert result.exit_code == 69 and len(result.stderr.splitlines()) == 1
    assert "does not answer" in result.stderr
    bad = invoke(runner, "search", "x", "--index", "sphinx://nowhere")
    assert bad.exit_code == 2 and "is not a cluster address" in bad.stderr
    response = create_app({"FILINGS_INDEX": "sphinx://127.0.0.1:1/filings"}).test_client().get("/api/search?q=x")
    assert response.status_code == 503


def test_a_node_that_stops_answering_mid_life_is_left_out_and_named(seeded):
    """A node hung (SIGSTOP: it holds its connections but answers nothing) is left out after the
    agent's timeout, and the result says so; once it runs again the answers are whole."""
    running, _ = seeded
    hung = cluster.Cluster.read(running.root).nodes[1]
    pid = cluster.Cluster.read(running.root).pid(hung)
    client = create_app({"FILINGS_CORPUS": SEEDS, "FILINGS_INDEX": running.address}).test_client()
    whole = client.get("/api/search?q=").get_json()
    os.kill(pid, signal.SIGSTOP)
    try:
        answer = client.get("/api/search?q=").get_json()
        assert answer["partial"] and answer["total"] < whole["total"]
        assert [f"{hung.host}:{hung.port}" in warning for warning in answer["warnings"]] == [True]
    finally:
        os.kill(pid, signal.SIGCONT)
    wait_for(lambda: not client.get("/api/search?q=").get_json()["partial"], what="the node answering again")
    again = client.get("/api/search?q=").get_json()
    assert (again["total"], again["warnings"]) == (whole["total"], [])
