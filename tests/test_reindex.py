"""`filings reindex` and `filings stats`: incremental, full, locked, killed, failing."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.index.reindex import MAX_JOBS
from indexer.engines.whoosh.store import LOCK, Store

from .conftest import (
    DEADLINE_SECONDS, SEEDS, documents_committed, filings, filings_unprivileged, indexed, invoke, wait_for,
)

SEED_FILES = sorted(SEEDS.iterdir())


def summary(result) -> str:
    return result.stderr.strip().splitlines()[-1]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for seed in SEED_FILES:
        shutil.copy2(seed, folder / seed.name)
    return folder


@pytest.fixture
def index_dir(tmp_path):
    return tmp_path / "index"


def reindex(runner, corpus, index_dir, *extra):
    return invoke(runner, "reindex", "--corpus", corpus, "--index", index_dir, "--jobs", "1", *extra)


def test_first_run_builds_everything(runner, corpus, index_dir):
    result = reindex(runner, corpus, index_dir)
    assert result.exit_code == 0
    assert summary(result).startswith("reindex (full): 5 files seen, 5 added, 0 updated, 0 deleted, 0 failed; "
                                      "5 documents in the index; ")
    assert sorted(doc["source"] for doc in indexed(index_dir).values()) == [p.name for p in SEED_FILES]


def test_incremental_add_change_delete_rename(runner, corpus, index_dir):
    reindex(runner, corpus, index_dir)
    (corpus / "new").mkdir()
    shutil.copy(SEEDS / "004_df0f2849f12c5e1a.txt", corpus / "new" / "release-copy.txt")
    changed = corpus / "001_057f5987f338548a.txt"
    changed.write_text(changed.read_text().replace("SK Global", "SK Telecom Global"))
    (corpus / "002_2ebe33ae43ef8f85.txt").unlink()
    (corpus / "003_99d1c6571661b399.txt").rename(corpus / "renamed.txt")
    result = reindex(runner, corpus, index_dir)
    assert result.exit_code == 0
    assert summary(result).startswith("reindex: 5 files seen, 2 added, 1 updated, 2 deleted, 0 failed; "
                                      "5 documents in the index;")
    docs = {doc["source"]: doc for doc in indexed(index_dir).values()}
    assert sorted(docs) == ["000_e15dcc41c4970baf.txt", "001_057f5987f338548a.txt", "004_df0f2849f12c5e1a.txt",
                            "new/release-copy.txt", "renamed.txt"]
    assert "SK Telecom Global" in docs["001_057f5987f338548a.txt"]["body"]
    assert docs["renamed.txt"]["signer"] == "Joseph Yoon"


def test_noop_run_reads_nothing(runner, corpus, index_dir):
    reindex(runner, corpus, index_dir)
    seed = corpus / "000_e15dcc41c4970baf.txt"
    stat = seed.stat()
    # Same size and mtime, different bytes: a run that read the file would see the change.
    seed.write_text(seed.read_text().replace("Yong S. Lee", "Yong S. Kim"))
    os.utime(seed, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    result = reindex(runner, corpus, index_dir)
    assert summary(result).startswith("reindex: 5 files seen, 0 added, 0 updated, 0 deleted, 0 failed")
    assert "Yong S. Lee" in {doc.get("signer") for doc in indexed(index_dir).values()}


def test_touched_file_is_hashed_not_reparsed(runner, corpus, index_dir):
    reindex(runner, corpus, index_dir)
    before = indexed(index_dir)
    os.utime(corpus / "000_e15dcc41c4970baf.txt", (time.time() + 10, time.time() + 10))
    result = reindex(runner, corpus, index_dir)
    assert summary(result).startswith("reindex: 5 files seen, 0 added, 0 updated, 0 deleted, 0 failed")
    assert indexed(index_dir) == before
    # Its new mtime is now remembered: the next run does not even read it.
    assert Store(index_dir).open().doc_count() == 5


def test_failing_file_is_reported_and_the_rest_indexed(runner, corpus, index_dir):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200))
    result = reindex(runner, corpus, index_dir)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [f"error: {corpus / 'empty.txt'}: empty file",
                                              f"error: {corpus / 'photo.jpg'}: binary file, not text"]
    assert "7 files seen, 5 added, 0 updated, 0 deleted, 2 failed; 5 documents" in summary(result)
    # Still failing, still reported, without being read again; fixed, it is indexed.
    assert reindex(runner, corpus, index_dir).exit_code == 1
    shutil.copy(SEEDS / "004_df0f2849f12c5e1a.txt", corpus / "empty.txt")
    (corpus / "photo.jpg").unlink()
    result = reindex(runner, corpus, index_dir)
    assert (result.exit_code, summary(result).split(";")[0]) == (
        0, "reindex: 6 files seen, 1 added, 0 updated, 0 deleted, 0 failed")


def test_file_turned_bad_keeps_its_last_good_documents(runner, corpus, index_dir):
    reindex(runner, corpus, index_dir)
    (corpus / "000_e15dcc41c4970baf.txt").write_bytes(b"")
    result = reindex(runner, corpus, index_dir)
    assert result.exit_code == 1 and "0 added, 0 updated, 0 deleted, 1 failed; 5 documents" in summary(result)


def test_usage_errors_exit_two(runner, tmp_path, index_dir):
    result = invoke(runner, "reindex", "--corpus", tmp_path / "missing", "--index", index_dir)
    assert (result.exit_code, result.stderr.strip()) == (2, f"error: corpus folder {tmp_path / 'missing'} does not exist")
    assert invoke(runner, "reindex", "--jobs", "0").exit_code == 2


def test_more_jobs_than_the_maximum_are_refused_naming_it(runner, corpus, index_dir):
    too_many = MAX_JOBS + 1
    result = invoke(runner, "reindex", "--corpus", corpus, "--index", index_dir, "--jobs", too_many)
    assert (result.exit_code, result.stderr) == (2, f"error: Invalid value for '--jobs': {too_many} is not in the range "
                                                    f"1<=x<={MAX_JOBS} (see 'cli reindex --help')\n")
    assert not index_dir.exists()


def test_environment_variables_set_the_locations(runner, corpus, index_dir, monkeypatch):
    monkeypatch.setenv("FILINGS_CORPUS", str(corpus))
    monkeypatch.setenv("FILINGS_INDEX", str(index_dir))
    assert invoke(runner, "reindex").exit_code == 0
    stats = json.loads(invoke(runner, "stats", "--json").stdout)
    assert (stats["documents"], stats["corpus"]) == (5, str(corpus.resolve()))


def test_stats(runner, corpus, index_dir):
    reindex(runner, corpus, index_dir)
    stats = json.loads(invoke(runner, "stats", "--json", "--index", index_dir).stdout)
    assert (stats["documents"], stats["filings"], stats["first_month"], stats["last_month"]) == (
        5, 5, "2002-10", "2003-01")
    assert stats["facets"]["company"] == [{"value": "Korea Thrunet Co., Ltd.", "count": 5, "selected": False}]
    assert stats["facets"]["signer"][0] == {"value": "Yong S. Lee", "count": 2, "selected": False}
    assert stats["size_bytes"] > 0 and stats["last_reindex"] and stats["failing_files"] == 0
    text = invoke(runner, "stats", "--index", index_dir).stdout
    assert text.startswith("5 documents in 5 filings; months 2002-10 to 2003-01")
    missing = invoke(runner, "stats", "--index", index_dir.parent / "none")
    assert missing.exit_code == 2 and "build it with `filings reindex" in missing.stderr


def test_company_spellings_are_one_facet_value(runner, corpus, index_dir):
    header = ("<SEC-HEADER>\nACCESSION NUMBER:\t0000950103-02-000001\nCONFORMED SUBMISSION TYPE:\t6-K\n"
              "FILED AS OF DATE:\t20021201\nFILER:\n\tCOMPANY DATA:\n\t\tCOMPANY CONFORMED NAME:\tKOREA THRUNET CO LTD\n"
              "\t\tCENTRAL INDEX KEY:\t0001104223\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>6-K\n<TEXT>\nA report.\n</TEXT>\n"
              "</DOCUMENT>\n")
    (corpus / "submission.txt").write_text(header)
    reindex(runner, corpus, index_dir)
    stats = json.loads(invoke(runner, "stats", "--json", "--index", index_dir).stdout)
    assert stats["facets"]["company"] == [{"value": "Korea Thrunet Co., Ltd.", "count": 6, "selected": False}]


def test_full_rebuild_swaps_atomically_while_a_searcher_stays_open(runner, corpus, index_dir):
    reindex(runner, corpus, index_dir)
    old_generation = Store(index_dir).current()
    searcher = Store(index_dir).open().searcher()
    try:
        (corpus / "004_df0f2849f12c5e1a.txt").unlink()
        process = filings("reindex", "--full", "--corpus", corpus, "--index", index_dir)
        # The open searcher answers throughout the rebuild, from the index as it was.
        while process.poll() is None:
            assert searcher.doc_count() == 5
        stderr = process.communicate()[1]
        assert process.returncode == 0, stderr
        assert searcher.doc_count() == 5 and len(list(searcher.all_stored_fields())) == 5
    finally:
        searcher.close()
    assert Store(index_dir).current() != old_generation
    assert len(indexed(index_dir)) == 4


def _queued_behind_the_lock(process: subprocess.Popen, index_dir) -> bool:
    """Whether `process`, still running, waits for the index's reindex lock: Linux lists each
    process blocked on a lock in /proc/locks, marked "->", with the lock file's inode."""
    assert process.poll() is None, f"it exited ({process.returncode}) instead: {process.communicate()[1]}"
    inode = (index_dir / LOCK).stat().st_ino
    return any(fields[1:2] == ["->"] and fields[5] == str(process.pid) and fields[6].endswith(f":{inode}")
               for fields in map(str.split, Path("/proc/locks").read_text().splitlines()))


def test_second_reindex_is_refused_or_waits(corpus, index_dir, runner):
    reindex(runner, corpus, index_dir)
    with Store(index_dir).lock(wait=False):
        refused = filings("reindex", "--corpus", corpus, "--index", index_dir)
        stderr = refused.communicate(timeout=DEADLINE_SECONDS)[1]
        assert refused.returncode == 75
        assert stderr.startswith(f"error: another reindex is running on {index_dir}")
        waiting = filings("reindex", "--wait", "--corpus", corpus, "--index", index_dir)
        wait_for(lambda: _queued_behind_the_lock(waiting, index_dir), what="the --wait reindex queueing for the lock")
    stderr = waiting.communicate(timeout=DEADLINE_SECONDS)[1]
    assert waiting.returncode == 0, stderr


def _grow(corpus, count: int) -> None:
    texts = [seed.read_text() for seed in SEED_FILES]
    for number in range(count):
        text = texts[number % len(texts)].replace("Thrunet", f"Thrunet{number}")
        (corpus / f"grown-{number:04d}.txt").write_text(text)


@pytest.mark.parametrize("commits_before_kill", [1, 4])
def test_killed_reindex_leaves_a_searchable_index_and_the_next_run_converges(runner, corpus, index_dir, tmp_path,
                                                                             commits_before_kill):
    reindex(runner, corpus, index_dir)
    _grow(corpus, 600)
    process = filings("reindex", "--jobs", "1", "--corpus", corpus, "--index", index_dir,
                      env={"FILINGS_COMMIT_EVERY": "40"})
    # Kill it mid-run, once some of its periodic commits have landed (each adds 40 files' documents).
    def committed_enough() -> bool:
        assert process.poll() is None, "the reindex finished before it could be killed"
        return documents_committed(index_dir) >= 5 + 40 * commits_before_kill

    wait_for(committed_enough, what=f"{commits_before_kill} commits of the reindex")
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    # The last commit is fully searchable: the documents it added are found by a search.
    survivors = indexed(index_dir)
    assert 5 + 40 * commits_before_kill <= len(survivors) < 605
    found = invoke(runner, "search", "", "--json", "--per-page", "1", "--index", index_dir)
    assert json.loads(found.stdout)["total"] == len(survivors)
    assert json.loads(invoke(runner, "search", "Thrunet0", "--json", "--index", index_dir).stdout)["total"] == 1
    # The lock died with the process: the next run goes ahead and converges on a clean build.
    assert reindex(runner, corpus, index_dir).exit_code == 0
    clean = tmp_path / "clean-index"
    assert reindex(runner, corpus, clean, "--full").exit_code == 0
    assert indexed(index_dir) == indexed(clean)


def test_unreadable_folder_is_reported_and_its_documents_kept(runner, public_dir):
    corpus, index_dir = public_dir / "corpus", public_dir / "index"
    (corpus / "locked").mkdir(parents=True)
    for seed in SEED_FILES[:2]:
        shutil.copy(seed, corpus / seed.name)
    shutil.copy(SEED_FILES[4], corpus / "locked" / "release.txt")
    for path in [corpus, *corpus.rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    assert filings_unprivileged("reindex", "--jobs", "1", "--corpus", corpus, "--index", index_dir).returncode == 0
    (corpus / "locked").chmod(0)
    result = filings_unprivileged("reindex", "--jobs", "1", "--corpus", corpus, "--index", index_dir)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {corpus / 'locked'}: folder cannot be read (Permission denied)",
        result.stderr.splitlines()[-1]]
    assert "2 files seen, 0 added, 0 updated, 0 deleted, 1 failed; 3 documents" in result.stderr


def test_a_symlink_out_of_the_corpus_is_not_followed(runner, corpus, index_dir, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "private.txt").write_text((SEEDS / "004_df0f2849f12c5e1a.txt").read_text())
    (corpus / "linked.txt").symlink_to(outside / "private.txt")
    (corpus / "everything").symlink_to(outside, target_is_directory=True)
    result = reindex(runner, corpus, index_dir)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        f"error: {corpus / 'everything'}: symlink to {outside}, outside the corpus: not followed",
        f"error: {corpus / 'linked.txt'}: symlink to {outside / 'private.txt'}, outside the corpus: not followed"]
    assert len(indexed(index_dir)) == 5


def test_parse_and_reindex_find_the_same_files_through_symlinks(runner, corpus, index_dir, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "private.txt").write_text((SEEDS / "004_df0f2849f12c5e1a.txt").read_text())
    (corpus / "alias.txt").symlink_to("000_e15dcc41c4970baf.txt")
    (corpus / "again").symlink_to(corpus, target_is_directory=True)
    (corpus / "linked.txt").symlink_to(outside / "private.txt")
    (corpus / "everything").symlink_to(outside, target_is_directory=True)
    parsed = invoke(runner, "parse", "--json", corpus)
    reindexed = reindex(runner, corpus, index_dir)
    files = sorted(["alias.txt", *(seed.name for seed in SEED_FILES)])
    assert sorted(document["source"] for document in json.loads(parsed.stdout)) == files
    assert sorted(document["source"] for document in indexed(index_dir).values()) == files
    errors = [f"error: {corpus / 'everything'}: symlink to {outside}, outside the corpus: not followed",
              f"error: {corpus / 'linked.txt'}: symlink to {outside / 'private.txt'}, outside the corpus: not followed"]
    assert (parsed.exit_code, parsed.stderr.splitlines()[:-1]) == (1, errors)
    assert (reindexed.exit_code, reindexed.stderr.splitlines()[:-1]) == (1, errors)


def test_an_index_of_another_format_is_rebuilt(runner, corpus, index_dir):
    reindex(runner, corpus, index_dir)
    meta = Store(index_dir).current() / "meta.json"
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "format": 0}))
    assert summary(reindex(runner, corpus, index_dir)).startswith("reindex (full): 5 files seen, 5 added")


def test_whole_edgar_corpus_indexes_as_many_documents_as_parse_finds(runner, edgar, index_dir):
    parsed = json.loads(invoke(runner, "parse", "--json", edgar).stdout)
    result = invoke(runner, "reindex", "--corpus", edgar, "--index", index_dir)
    assert result.exit_code == 1  # MANIFEST.tsv and README.md are not filings
    assert f"; {len(parsed)} documents in the index;" in summary(result)


def test_progress_bar_on_a_terminal_one_summary_line_otherwise(runner, corpus, index_dir):
    _grow(corpus, 40)
    primary, secondary = os.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-m", "indexer", "reindex", "--jobs", "1", "--corpus", str(corpus),
                                    "--index", str(index_dir)], stdout=subprocess.DEVNULL, stderr=secondary)
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:  # the terminal closes when the process exits
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=60) == 0
    finally:
        os.close(primary)
    shown = b"".join(chunks).decode()
    # Redrawn in place, the cursor hidden meanwhile (click's bar) and shown again before the summary.
    assert "\r\x1b[?25l[" in shown and "45/45 files" in shown and "/s  ETA " in shown
    assert shown.rstrip().splitlines()[-1].startswith("reindex (full): 45 files seen, 45 added")
    assert "\x1b[?25h\r\nreindex (full): " in shown
    piped = reindex(runner, corpus, index_dir)
    assert len(piped.stderr.strip().splitlines()) == 1


def test_symlink_loops_and_an_index_inside_the_corpus_are_not_walked(runner, corpus):
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    index_inside = corpus / "my-index"
    assert reindex(runner, corpus, index_inside).exit_code == 0
    result = reindex(runner, corpus, index_inside)
    assert summary(result).startswith("reindex: 5 files seen, 0 added")
