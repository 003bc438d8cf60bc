"""`indexed`, its sort and filter, the feed and the saved searches on the cluster: the same answers
as the embedded engine's, from the same corpus reindexed at the same instants (FILINGS_NOW)."""

import json
import shutil
from xml.etree import ElementTree

import pytest

from indexer.engines import open_index
from indexer.models import SearchRequest
from indexer.settings import SearchSettings
from search_web import create_app

from .conftest import SEEDS, invoke
from .test_feed import ATOM, entries
from .test_indexed import BY_DATE, SPLIT, T1, T2, T3, reindex_at

pytestmark = pytest.mark.cluster
SETTINGS = SearchSettings(budget=120)


@pytest.fixture
def both(runner, monkeypatch, tmp_path, empty_cluster):
    """The seeds but 004 in a Whoosh index and in the cluster at T1; `step(instant, *options)`
    reindexes both, 004 back in the corpus."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEEDS, corpus)
    split = next(corpus.glob("004_*"))
    aside = tmp_path / split.name
    split.rename(aside)
    for location in (index, empty_cluster.address):
        reindex_at(runner, monkeypatch, T1, corpus, location)

    def step(instant: str, *options: str) -> None:
        if aside.exists():
            aside.rename(split)
        for location in (index, empty_cluster.address):
            reindex_at(runner, monkeypatch, instant, corpus, location, *options)

    return corpus, index, empty_cluster.address, step


def _ids(location, **asked) -> tuple[list[str], list[str]]:
    with open_index(location, SETTINGS) as opened:
        request = SearchRequest(**asked)
        paged = [hit.id for page in (1, 2, 3) for hit in
                 opened.search(request.model_copy(update={"per_page": 2, "page": page})).hits]
        return paged, [hit.id for hit in opened.export(request)]


def test_the_indexed_sort_and_filter_agree_with_the_embedded_engine(both):
    corpus, index, address, step = both
    step(T2)
    for asked in ({"sort": "indexed"}, {"sort": "indexed", "query": "korea"},
                  {"sort": "indexed", "indexed_after": T1}, {"query": "split", "indexed_after": T1},
                  {"sort": "newest", "indexed_after": "2026-01-01T00:00:00Z"}):
        assert _ids(address, **asked) == _ids(index, **asked), asked
    assert _ids(address, sort="indexed")[1] == [SPLIT, *BY_DATE]
    assert _ids(address, indexed_after=T2) == ([], [])


def test_a_full_rebuild_of_the_cluster_keeps_what_did_not_change(runner, both):
    corpus, index, address, step = both
    step(T2)
    step(T3, "--full")
    found = json.loads(invoke(runner, "search", "", "--json", "--sort", "indexed", "--index", address).stdout)
    assert [(hit["id"], hit["indexed"]) for hit in found["hits"]] == [(SPLIT, T2), *((each, T1) for each in BY_DATE)]
    assert json.loads(invoke(runner, "show", SPLIT, "--json", "--index", address).stdout)["indexed"] == T2


def test_the_feed_on_the_cluster_gains_the_new_filing(both):
    corpus, index, address, step = both
    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": address}).test_client()

    def feed():
        response = client.get("/feed.atom?q=korea")
        assert response.status_code == 200 and response.mimetype == "application/atom+xml"
        return ElementTree.fromstring(response.data)

    before = feed()
    assert entries(before) == [(f"tag:localhost,2026:document:{each}", T1) for each in BY_DATE]
    step(T2)
    after = feed()
    assert entries(after) == [(f"tag:localhost,2026:document:{SPLIT}", T2), *entries(before)]
    assert after.findtext(f"{ATOM}updated") == T2


def test_watches_on_the_cluster_live_in_its_meta_table(runner, both):
    corpus, index, address, step = both
    assert invoke(runner, "watch", "add", "splits", "split", "--index", address).exit_code == 0
    assert invoke(runner, "watch", "run", "--index", address).exit_code == 1
    step(T2)
    result = invoke(runner, "watch", "run", "--json", "--index", address)
    assert result.exit_code == 0
    assert [[hit["id"] for hit in each["hits"]] for each in json.loads(result.stdout)] == [[SPLIT]]
    step(T3, "--full")
    assert invoke(runner, "watch", "run", "--index", address).exit_code == 1
    listed = json.loads(invoke(runner, "watch", "list", "--json", "--index", address).stdout)
    assert [(each["name"], each["mark"]) for each in listed] == [("splits", T2)]
    # The meta row of the watches is not a reindex's: stats still reads the one run.
    stats = json.loads(invoke(runner, "stats", "--json", "--index", address).stdout)
    assert stats["documents"] == 5
