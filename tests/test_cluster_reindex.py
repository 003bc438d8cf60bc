"""Reindexing into a real 2-node cluster: the same documents as the embedded engine's index of the
same corpus, incremental runs that write only what changed, parts that converge to the whole, one
run at a time, and runs killed or cut off from a node that the next run repairs."""

import json
import os
import random
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from benchmarks.generate import write_corpus
from indexer.engines.sphinx import cluster
from indexer.engines.sphinx.layout import STORED, document, value_of
from indexer.engines.sphinx.lock import Lock
from indexer.engines.sphinx.statements import every_row
from indexer.engines.sphinx.tables import Tables
from indexer.engines.sphinx.writer import SphinxBuilder, count_documents
from indexer.engines.whoosh import WhooshBuilder
from indexer.engines.whoosh.schema import document_of

from .conftest import SEEDS, cover, filings, indexed, invoke, wait_for

pytestmark = pytest.mark.cluster

EX_UNAVAILABLE = 69
EX_LOCKED = 75
KILL_TRIALS = 4
KILL_SEED = 1515


def reindex(runner, corpus: Path, index, *extra):
    return invoke(runner, "reindex", "--corpus", corpus, "--index", index, "--jobs", "1", *extra)


def state(address: str) -> tuple[dict[str, dict], dict[str, str]]:
    """Every document the cluster holds (id -> its fields and body) and every file's stamp."""
    tables = Tables.reach(address)
    try:
        columns = ", ".join(value_of(name) for name in (*STORED, "file", "stamp"))
        rows = list(every_row(tables.head, tables.docs, columns))
        bodies = tables.bodies([found[0] for found in rows])
        documents, stamps = {}, {}
        for found in rows:
            values = {value_of(name): value for name, value in zip((*STORED, "file", "stamp"), found[1:])}
            documents[values[value_of("id")]] = document(values, bodies[found[0]]).model_dump()
            stamps[values[value_of("file")]] = values[value_of("stamp")]
        return documents, stamps
    finally:
        tables.close()


def whoosh_state(runner, corpus: Path, folder: Path) -> tuple[dict[str, dict], dict[str, str]]:
    """What a clean Whoosh build of `corpus` holds, in the form `state` gives."""
    shutil.rmtree(folder, ignore_errors=True)
    assert reindex(runner, corpus, folder).exit_code in (0, 1)
    documents = {found: document_of(fields).model_dump() for found, fields in indexed(folder, when=True).items()}
    return documents, WhooshBuilder(folder).stamps()


def version(address: str) -> int:
    tables = Tables.reach(address)
    try:
        return tables.version()
    finally:
        tables.close()


def documents_in(address: str) -> int:
    tables = Tables.reach(address)
    try:
        return count_documents(tables)
    finally:
        tables.close()


def stats(runner, index) -> dict:
    result = invoke(runner, "stats", "--index", index, "--json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    for varying in ("index", "size_bytes", "last_reindex"):
        found.pop(varying)
    return found


@pytest.fixture(autouse=True)
def one_clock(monkeypatch):
    """Every reindex here stamps `indexed` with one instant, so that the cluster's documents and
    the embedded engine's, built one after the other, compare equal."""
    monkeypatch.setenv("FILINGS_NOW", "2026-01-01T00:00:00Z")


@pytest.fixture
def corpus(tmp_path) -> Path:
    """The seeds and a generated corpus, in one folder."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    write_corpus(folder / "generated", 120, seed=15)
    return folder


def test_a_corpus_reindexed_into_the_cluster_holds_what_whoosh_holds(runner, empty_cluster, corpus, tmp_path):
    result = reindex(runner, corpus, empty_cluster.address)
    assert result.exit_code == 0, result.stderr
    assert state(empty_cluster.address) == whoosh_state(runner, corpus, tmp_path / "whoosh")
    assert stats(runner, empty_cluster.address) == stats(runner, tmp_path / "whoosh")
    some = sorted(indexed(tmp_path / "whoosh"))[::17]
    for document_id in some:
        shown = [invoke(runner, "show", document_id, "--json", "--index", index)
                 for index in (empty_cluster.address, tmp_path / "whoosh")]
        assert shown[0].exit_code == 0, shown[0].stderr
        assert shown[0].stdout == shown[1].stdout


def test_incremental_runs_write_only_what_changed(runner, empty_cluster, corpus, tmp_path):
    address = empty_cluster.address
    assert reindex(runner, corpus, address).exit_code == 0
    before = version(address), state(address)
    nothing = reindex(runner, corpus, address)
    assert nothing.exit_code == 0
    assert "0 added, 0 updated, 0 deleted, 0 failed" in nothing.stderr
    assert (version(address), state(address)) == before

    files = sorted(path for path in (corpus / "generated").rglob("*") if path.is_file())
    files[0].write_bytes(files[0].read_bytes().replace(b"Company", b"Company Amended", 1) + b"\n")
    files[1].unlink()
    os.utime(files[2], ns=(files[2].stat().st_atime_ns, files[2].stat().st_mtime_ns + 10**9))
    (corpus / "broken.txt").write_bytes(b"\xff\xfe not a filing")
    changed = reindex(runner, corpus, address)
    assert changed.exit_code == 1  # the broken file failed, and is reported
    assert "1 updated, 1 deleted, 1 failed" in changed.stderr
    assert state(address) == whoosh_state(runner, corpus, tmp_path / "whoosh")
    assert stats(runner, address)["failing_files"] == 1

    again = reindex(runner, corpus, address)
    assert again.exit_code == 1 and "0 added, 0 updated, 0 deleted, 1 failed" in again.stderr


def test_a_body_past_sphinx_s_string_limit_comes_back_whole(runner, empty_cluster, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rng = random.Random(4)
    # Some 6 MB, some of it 2-byte characters, of few distinct words: Sphinx takes a minute to index
    # the infixes of 300,000 distinct ones.
    vocabulary = [f"w{number}éabcdefghij" for number in range(1000)]
    words = [rng.choice(vocabulary) for _ in range(330_000)]
    (corpus / "long.txt").write_text(cover() + "\n" + " ".join(words) + "\n")
    assert reindex(runner, corpus, empty_cluster.address).exit_code == 0
    documents, _ = state(empty_cluster.address)
    expected, _ = whoosh_state(runner, corpus, tmp_path / "whoosh")
    assert max(len(found["body"].encode()) for found in expected.values()) > 5 * 2**20
    assert documents == expected


def test_parts_run_apart_converge_to_one_whole_run(runner, empty_cluster, corpus):
    address = empty_cluster.address
    assert reindex(runner, corpus, address).exit_code == 0
    whole = state(address)
    empty_cluster.clear()
    runs = [filings("reindex", "--corpus", corpus, "--index", address, "--jobs", "1", "--part", part)
            for part in ("1/2", "2/2")]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    assert state(address) == whole
    # A part's rebuild rewrites its own files only; the other part's stay.
    assert reindex(runner, corpus, address, "--part", "2/2", "--full").exit_code == 0
    assert state(address) == whole


@pytest.mark.parametrize("part", ["0/2", "3/2", "x", "1/0"])
def test_a_part_that_is_not_one_is_a_usage_error(runner, empty_cluster, corpus, part):
    result = reindex(runner, corpus, empty_cluster.address, "--part", part)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "K/N" in result.stderr


def test_a_part_of_a_folder_index_is_a_usage_error(runner, corpus, tmp_path):
    result = reindex(runner, corpus, tmp_path / "index", "--part", "1/2")
    assert result.exit_code == 2 and "only a cluster" in result.stderr


def test_one_reindex_of_a_part_at_a_time(runner, empty_cluster, corpus):
    address = empty_cluster.address
    holder = SphinxBuilder(address)
    with holder.lock(wait=False):
        refused = reindex(runner, corpus, address)
        assert refused.exit_code == EX_LOCKED, refused.stderr
        # Another part is another lock.
        assert reindex(runner, corpus, address, "--part", "1/2").exit_code == 0
        waiting = filings("reindex", "--corpus", corpus, "--index", address, "--jobs", "1", "--wait")
        assert waiting.poll() is None
    _, stderr = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, stderr


def test_a_lock_left_by_a_dead_process_is_taken_over(runner, empty_cluster, corpus):
    address = empty_cluster.address
    dead = subprocess.Popen(["true"])
    dead.wait()
    tables = Tables.reach(address)
    try:
        left = Lock(tables, "all")
        tables.head.rows(f"INSERT INTO {tables.meta} (id, about, value) VALUES (%s, %s, %s)", left.id, left.name,
                         left._value().replace(f'"pid": {os.getpid()}', f'"pid": {dead.pid}'))
    finally:
        tables.close()
    assert reindex(runner, corpus, address).exit_code == 0


def mutate(corpus: Path, rng: random.Random, label: str) -> None:
    files = sorted(path for path in (corpus / "generated").rglob("*") if path.is_file())
    chosen = rng.sample(files, 4)
    chosen[0].write_bytes(chosen[0].read_bytes().replace(b"Company", f"Company {label}".encode(), 1) + b"\n")
    chosen[1].unlink()
    os.utime(chosen[2], ns=(chosen[2].stat().st_atime_ns, chosen[2].stat().st_mtime_ns + 10**9))
    write_corpus(corpus / f"added-{label}", 8, seed=rng.randrange(10**6))


@pytest.mark.slow
def test_a_reindex_killed_at_random_moments_converges(runner, empty_cluster, tmp_path):
    address, rng = empty_cluster.address, random.Random(KILL_SEED)
    corpus = tmp_path / "corpus"
    write_corpus(corpus / "generated", 500, seed=16)
    kills = 0
    for trial in range(3 * KILL_TRIALS):
        if kills == KILL_TRIALS:
            break
        if trial:
            mutate(corpus, rng, f"t{trial}")
        seen = version(address)
        run = filings("reindex", "--corpus", corpus, "--index", address, "--jobs", "1",
                      *(["--full"] if trial % 3 == 2 else []), env={"FILINGS_COMMIT_EVERY": "7"})
        # Killed once the run has made some flushes visible: a random number of them.
        for _ in range(rng.randrange(1, 4)):
            wait_for(lambda: run.poll() is not None or version(address) != seen, what="the run's next flush")
            seen = version(address)
        run.send_signal(signal.SIGKILL)
        run.communicate(timeout=60)
        kills += run.returncode == -signal.SIGKILL
    assert kills == KILL_TRIALS, f"only {kills} runs were killed before they finished"
    final = reindex(runner, corpus, address)
    assert final.exit_code == 0, final.stderr
    assert state(address) == whoosh_state(runner, corpus, tmp_path / "whoosh")


@pytest.mark.slow
def test_a_node_stopped_during_a_reindex_stops_it_and_the_next_run_converges(runner, empty_cluster, tmp_path):
    address = empty_cluster.address
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 800, seed=17)
    seen = version(address)
    run = filings("reindex", "--corpus", corpus, "--index", address, "--jobs", "1")
    try:
        wait_for(lambda: run.poll() is not None or version(address) != seen, what="the run's first flush")
        cluster.stop(empty_cluster.root, 2)
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == EX_UNAVAILABLE, stderr
        assert len(stderr.strip().splitlines()) == 1 and "does not answer" in stderr
    finally:
        cluster.start(empty_cluster.root, 2)
    assert documents_in(address) > 0  # what was flushed stays
    final = reindex(runner, corpus, address)
    assert final.exit_code == 0, final.stderr
    assert state(address) == whoosh_state(runner, corpus, tmp_path / "whoosh")
