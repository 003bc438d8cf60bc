"""A document stored twice is shown once on the cluster as on a folder: the same hits, totals and facet
counts, the same copy shown and listed on the document page; deleting a copy leaves the other found;
a reindex with nothing to do writes nothing, and one killed before it marked the copies leaves the
next run to mark them."""

import shutil
import signal

import pytest

from benchmarks.generate import write_corpus
from indexer.engines.sphinx.layout import row_id
from indexer.engines.sphinx.tables import Tables
from indexer.engines.sphinx.writer import UNMARKED
from indexer.parse import document_id
from indexer.parts import part_name
from search_web import create_app

from .conftest import SEEDS, build_index, filings, invoke, page_of, texts, wait_for
from .test_copies import (COPIED, COPIED_ID, MIRRORED_ID, PAIR, QUERIES, TXT, searched, seeds_with_a_copy, seen,
                          the_pair)

pytestmark = pytest.mark.cluster

# What finds the copied seed alone, among generated filings too (some say "determination").
THE_COPY = "title:determination company:thrunet"


def reindex(runner, corpus, address) -> None:
    result = invoke(runner, "reindex", "--corpus", corpus, "--index", address, "--jobs", "1")
    assert result.exit_code == 0, result.stderr


def holds(address: str, found_id: str) -> bool:
    """Whether the cluster holds the document (read directly: a search is slower than a run's flushes)."""
    tables = Tables.reach(address)
    try:
        return bool(tables.head.rows(f"SELECT id FROM {tables.docs} WHERE id = %s", row_id(found_id)))
    finally:
        tables.close()


def version_and_meta(address: str) -> tuple[int, dict]:
    tables = Tables.reach(address)
    try:
        return tables.version(), tables.read_meta(part_name(None))
    finally:
        tables.close()


@pytest.fixture(autouse=True)
def one_instant(monkeypatch):
    """Both engines' builds stamp one `indexed`, so that what each shows of a document compares equal."""
    monkeypatch.setenv("FILINGS_NOW", "2026-01-01T00:00:00Z")


@pytest.fixture
def corpus(tmp_path):
    """The seeds, one of them copied into a second folder, and the real .nc/.txt pair."""
    folder = seeds_with_a_copy(tmp_path / "corpus")
    the_pair(folder / "edgar")
    return folder


def test_the_cluster_shows_and_counts_copies_as_a_folder_does(runner, empty_cluster, corpus, tmp_path):
    reindex(runner, corpus, empty_cluster.address)
    folder = build_index(corpus, tmp_path / "index")
    for query in [*QUERIES, "icahn", "company:cvr", "000110465925002604"]:
        on_cluster, on_folder = (searched(runner, index, query) for index in (empty_cluster.address, folder))
        assert seen(on_cluster) == seen(on_folder), query
        newest = [[hit["id"] for hit in searched(runner, index, query, "--sort", "newest")["hits"]]
                  for index in (empty_cluster.address, folder)]
        assert newest[0] == newest[1], query
    shown = sorted(hit["source"] for hit in searched(runner, empty_cluster.address, "")["hits"])
    assert [source for source in shown if "/" in source] == sorted(f"edgar/{source}" for source in TXT.values())
    assert searched(runner, empty_cluster.address, "")["total"] == 5 + 2


def test_deleting_the_copy_shown_leaves_the_other_found_and_a_run_with_nothing_to_do_writes_nothing(
        runner, empty_cluster, corpus):
    address = empty_cluster.address
    reindex(runner, corpus, address)
    assert [hit["id"] for hit in searched(runner, address, "title:determination")["hits"]] == [COPIED_ID]
    (corpus / COPIED).unlink()
    reindex(runner, corpus, address)
    found = searched(runner, address, "title:determination")
    assert [(hit["id"], hit["source"]) for hit in found["hits"]] == [(MIRRORED_ID, f"mirror/{COPIED}")]
    before = version_and_meta(address)
    reindex(runner, corpus, address)
    assert version_and_meta(address)[0] == before[0] and UNMARKED not in before[1]


def test_the_document_page_and_show_on_a_cluster_list_the_copies(runner, empty_cluster, corpus, tmp_path):
    reindex(runner, corpus, empty_cluster.address)
    folder = build_index(corpus, tmp_path / "index")
    pages = [create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
             for index in (empty_cluster.address, folder)]
    nc_form, txt_form = document_id(f"edgar/{PAIR}.nc#1"), document_id(f"edgar/{PAIR}.txt#1")
    trees = [page_of(client.get(f"/doc/{nc_form}")) for client in pages]
    listed = [texts(tree, "//ul[@class='copies']/li") for tree in trees]
    assert listed[0] == listed[1] == [f"edgar/{PAIR}.txt#1 (raw source) · the copy searches show",
                                      f"edgar/{PAIR}.nc#1 (raw source)"]
    assert [texts(tree, "//ol[@class='filing']/li") for tree in trees][0] == texts(trees[1], "//ol[@class='filing']/li")
    assert len(texts(trees[0], "//ol[@class='filing']/li")) == 2
    shown = [invoke(runner, "show", nc_form, "--index", index).stdout for index in (empty_cluster.address, folder)]
    assert shown[0] == shown[1] and f"copies: edgar/{PAIR}.txt#1 [{txt_form}], edgar/{PAIR}.nc#1 [{nc_form}]" in shown[0]


def test_a_run_killed_before_it_marked_the_copies_leaves_the_next_run_to_mark_them(runner, empty_cluster, tmp_path):
    """The copy is flushed early (its folder sorts first; its source too, so it is the copy shown),
    the run killed long before its end: the copy the run wrote is unmarked, and the next run, which
    has no reason to write it again, marks every row because the killed run's meta row says it
    never marked."""
    address = empty_cluster.address
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    reindex(runner, corpus, address)
    (corpus / "00").mkdir()
    shutil.copy2(SEEDS / COPIED, corpus / "00" / COPIED)
    write_corpus(corpus / "zz-generated", 300, seed=21)
    copy = document_id(f"00/{COPIED}")
    run = filings("reindex", "--corpus", corpus, "--index", address, "--jobs", "1", env={"FILINGS_COMMIT_EVERY": "2"})
    try:
        wait_for(lambda: run.poll() is not None or holds(address, copy), what="the copy's flush")
        run.send_signal(signal.SIGKILL)
    finally:
        run.communicate(timeout=60)
    assert run.returncode == -signal.SIGKILL, "the run ended before it was killed"
    assert version_and_meta(address)[1][UNMARKED] is True
    assert searched(runner, address, THE_COPY)["total"] == 2  # flushed, not marked
    reindex(runner, corpus, address)
    assert [hit["id"] for hit in searched(runner, address, THE_COPY)["hits"]] == [copy]
    assert UNMARKED not in version_and_meta(address)[1]
