"""Similar documents on a cluster: the same words chosen, their documents counted in the body as a
folder's dictionary counts them, so the same documents in the same order, the twin first and the own
filing never; a node down stops the listing as it stops `filings show`."""

import pytest

from indexer.engines.sphinx import cluster

from search_web import create_app

from .conftest import SEEDS, build_index, filings, invoke, links, page_of, wait_for
from .test_similar import COUSINS, OWN, TWINS, ids_of, similar_corpus, similar_json

pytestmark = pytest.mark.cluster


@pytest.fixture(scope="module")
def both(sphinx_cluster, tmp_path_factory):
    """The similar corpus on the session's cluster, and in a folder."""
    root = tmp_path_factory.mktemp("cluster-similar")
    corpus = similar_corpus(root / "corpus")
    sphinx_cluster.clear()
    done = filings("reindex", "--corpus", corpus, "--index", sphinx_cluster.address)
    assert done.wait(timeout=600) == 0, done.communicate()
    done.communicate()
    return sphinx_cluster, build_index(corpus, root / "index")


def test_the_cluster_lists_what_a_folder_lists(runner, both):
    running, folder = both
    report, exhibit = ids_of(runner, folder, OWN)
    assert ids_of(runner, running.address, OWN) == [report, exhibit]
    [twin], [cousin] = ids_of(runner, folder, TWINS), ids_of(runner, folder, COUSINS)
    for document in (report, exhibit):
        on_cluster = similar_json(runner, running.address, document, "--limit", "100")
        on_folder = similar_json(runner, folder, document, "--limit", "100")
        assert on_cluster["words"] == on_folder["words"]
        assert [hit["id"] for hit in on_cluster["hits"]] == [hit["id"] for hit in on_folder["hits"]] == [twin, cousin]
        assert [hit["snippet"] for hit in on_cluster["hits"]] == [hit["snippet"] for hit in on_folder["hits"]]
        assert on_cluster["partial"] is False
    client = create_app({"FILINGS_CORPUS": SEEDS, "FILINGS_INDEX": running.address}).test_client()
    from_api = client.get(f"/api/similar/{report}?limit=100").get_json()
    assert [hit["id"] for hit in from_api["hits"]] == [twin, cousin]
    page = page_of(client.get(f"/doc/{report}?q=pumps"))
    assert links(page, "//section[@class='similar']//li[@class='hit']/h3/a") == [
        ("Form 10-K: Annual report", f"/doc/{twin}?q=pumps"), ("Form 10-K: Annual report", f"/doc/{cousin}?q=pumps")]


def test_a_stopped_node_stops_the_listing_as_it_stops_show(runner, both):
    """The document itself may be on the node that does not answer, so it is not read around it
    (documents.py): one line naming the node and exit 69, as `filings show` says."""
    running, folder = both
    report, _ = ids_of(runner, folder, OWN)
    stopped = cluster.Cluster.read(running.root).nodes[1]
    cluster.stop(running.root, only=stopped.number)
    try:
        done = invoke(runner, "similar", report, "--index", running.address)
        shown = invoke(runner, "show", report, "--index", running.address)
    finally:
        cluster.start(running.root, only=stopped.number)
    assert (done.exit_code, done.stdout) == (69, "")
    assert done.stderr == shown.stderr == (f"error: the cluster node(s) {stopped.host}:{stopped.port} do not answer: "
                                           "the document may be on one of them\n")
    wait_for(lambda: invoke(runner, "similar", report, "--index", running.address).exit_code == 0,
             what="the restarted node answering")
