"""Faults a scheduled reindex meets in production: kill -9 at any moment, a full disk, a damaged
index, two runs at once, and a corpus that changes under it. Each test ends by checking that the
next run recovers to exactly what a clean build of the same corpus holds."""

import errno
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.generate import write_corpus
from indexer.errors import IndexDamagedError
from indexer.store import Store
from search_web import create_app

from .conftest import SEEDS, corpus_files, filings, indexed, invoke

# SIGKILL trials the README cites: each kills a full or incremental reindex at a seeded random
# moment and checks what the kill left and what the next run makes of it.
KILL_TRIALS = 24
KILL_SEED = 7001
EX_IOERR = 74


def reindex(runner, corpus: Path, index: Path, *extra):
    return invoke(runner, "reindex", "--corpus", corpus, "--index", index, "--jobs", "1", *extra)


def clean_build(runner, corpus: Path, folder: Path) -> dict[str, dict]:
    """The documents a clean build of `corpus` holds (built in `folder`, removed after)."""
    shutil.rmtree(folder, ignore_errors=True)
    result = reindex(runner, corpus, folder)
    assert result.exit_code == 0, result.stderr
    documents = indexed(folder)
    shutil.rmtree(folder)
    return documents


def by_file(documents: dict[str, dict] | None) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for fields in (documents or {}).values():
        grouped.setdefault(fields["file"], []).append(fields)
    return {file: sorted(group, key=lambda fields: fields["id"]) for file, group in grouped.items()}


def mutate(corpus: Path, rng: random.Random, spares: list[Path], label: str) -> None:
    """Rewrite, delete, rename and add a few files, as a day of new filings and corrections does."""
    files = corpus_files(corpus)
    chosen = rng.sample(files, 9)
    for path in chosen[:5]:
        path.write_bytes(path.read_bytes().replace(b"Company", f"Company {label}".encode(), 1) + b"\n")
    for path in chosen[5:7]:
        path.unlink()
    chosen[7].rename(chosen[7].with_name(f"renamed-{label}-{chosen[7].name}"))
    (corpus / "added").mkdir(exist_ok=True)
    for spare in rng.sample(spares, 3):
        shutil.copy(spare, corpus / "added" / f"{label}-{spare.parent.name}-{spare.name}")


def generations(index: Path) -> set[str]:
    return {path.name for path in index.iterdir() if path.name.startswith("gen-")}


def published(index: Path) -> set[str]:
    return {(index / link).resolve().name for link in ("current", "previous") if (index / link).is_symlink()}


def detached(*args, env: dict | None = None) -> subprocess.Popen:
    """`filings ARGS` in a session of its own, output discarded: its orphans cannot hold our pipes open."""
    return subprocess.Popen([sys.executable, "-m", "indexer", *map(str, args)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})}, start_new_session=True)


def session_members(session: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and os.getsid(int(entry.name)) == session:
                members.append(int(entry.name))
        except (ProcessLookupError, PermissionError):
            continue
    return members


def kill_session(session: int) -> None:
    try:
        os.killpg(session, signal.SIGKILL)
    except ProcessLookupError:
        pass


@pytest.mark.slow
def test_a_killed_reindex_leaves_no_process_behind(generated, tmp_path):
    process = detached("reindex", "--jobs", "2", "--corpus", generated, "--index", tmp_path / "index")
    try:
        deadline = time.monotonic() + 60
        while len(session_members(process.pid)) < 5 and time.monotonic() < deadline:  # its pool is up
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        deadline = time.monotonic() + 10
        while session_members(process.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert session_members(process.pid) == []
    finally:
        kill_session(process.pid)


@pytest.mark.slow
def test_reindex_killed_at_random_moments_leaves_a_searchable_index_and_converges(runner, tmp_path):
    rng = random.Random(KILL_SEED)
    corpus, index, scratch = tmp_path / "corpus", tmp_path / "index", tmp_path / "clean"
    write_corpus(corpus, 70, seed=11)
    write_corpus(tmp_path / "spares", 60, seed=12)
    spares = corpus_files(tmp_path / "spares")
    # How long a whole build takes here, so that the kills land inside runs, not after them.
    started = time.monotonic()
    calibration = detached("reindex", "--corpus", corpus, "--index", scratch)
    assert calibration.wait(timeout=300) == 0
    full_seconds = time.monotonic() - started
    shutil.rmtree(scratch)
    clean = clean_build(runner, corpus, scratch)

    kills, attempts = 0, 0
    # How long each kind of run lasts, learnt again from each run that ends before its kill.
    lasts = {False: full_seconds, True: 0.6 * full_seconds}
    while kills < KILL_TRIALS:
        attempts += 1
        assert attempts <= 3 * KILL_TRIALS, f"only {kills} of {attempts} runs were killed before they finished"
        incremental = attempts % 2 == 0
        if incremental:
            mutate(corpus, rng, spares, f"t{attempts}")
            clean = clean_build(runner, corpus, scratch)
        before = indexed(index) if Store(index).exists() else None
        delay = rng.uniform(0.05, 0.95) * lasts[incremental]
        trial = f"attempt {attempts} ({'incremental' if incremental else 'full'}, killed after {delay:.2f} s)"
        process = detached("reindex", "--corpus", corpus, "--index", index, *([] if incremental else ["--full"]),
                           env={"FILINGS_COMMIT_EVERY": "3"})
        started = time.monotonic()
        try:
            process.wait(timeout=delay)
            lasts[incremental] = time.monotonic() - started
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)  # the reindex itself, as `kill -9 PID` does
        process.wait(timeout=60)
        # Its worker processes die with it (test_a_killed_reindex_leaves_no_process_behind); make sure.
        kill_session(process.pid)
        killed = process.returncode == -signal.SIGKILL
        kills += killed
        assert killed or process.returncode == 0, trial

        after = indexed(index) if Store(index).exists() else None
        if before is None or not incremental:
            # A full build publishes all at once or not at all.
            assert after in (before, clean), trial
        else:
            # An incremental run commits whole files: each file has its old documents or its new ones.
            old, new, now = by_file(before), by_file(after), by_file(clean)
            for file in old.keys() | now.keys():
                assert new.get(file) in (old.get(file), now.get(file)), f"{trial}: {file}"
            assert new.keys() <= old.keys() | now.keys(), trial
        if after is not None:
            found = invoke(runner, "search", "", "--json", "--per-page", "1", "--index", index)
            assert found.exit_code == 0, f"{trial}: {found.stderr}"
            assert json.loads(found.stdout)["total"] == len(after), trial

        # The dead run's lock does not block the next one, which ends where a clean build does.
        result = reindex(runner, corpus, index)
        assert result.exit_code == 0, f"{trial}: {result.stderr}"
        assert indexed(index) == clean, trial
        assert generations(index) == published(index), trial
    print(f"\n{kills} reindexes killed in {attempts} runs; each converged")


@pytest.fixture
def small_disk(tmp_path):
    """A folder on a 6 MB tmpfs (as root), else a folder where a file may not grow past 2 MB
    (RLIMIT_FSIZE): (folder, the limit as `preexec_fn`, the error a full disk gives)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(folder)],
                                            capture_output=True).returncode == 0:
        try:
            yield folder, None, os.strerror(errno.ENOSPC)
        finally:
            subprocess.run(["umount", str(folder)], check=True)
        return

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2 * 1024 * 1024, 2 * 1024 * 1024))

    yield folder, limit, os.strerror(errno.EFBIG)


@pytest.mark.slow
@pytest.mark.parametrize("extra", [
    pytest.param(["--full"], id="full"),
    pytest.param([], id="incremental")])
def test_disk_full_stops_the_reindex_with_one_line_and_keeps_the_index(runner, tmp_path, small_disk, extra):
    disk, limit, full = small_disk
    corpus, index = tmp_path / "corpus", disk / "index"
    write_corpus(corpus, 40, seed=21)
    assert reindex(runner, corpus, index).exit_code == 0
    before = indexed(index)
    answer = json.loads(invoke(runner, "search", "market", "--json", "--index", index).stdout)
    write_corpus(corpus, 500, seed=21)  # the same 40 filings and many more: too many for the disk

    process = subprocess.Popen([sys.executable, "-m", "indexer", "reindex", "--corpus", str(corpus), "--index",
                                str(index), *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=limit)
    stderr = process.communicate(timeout=300)[1]
    assert (process.returncode, stderr) == (
        EX_IOERR, f"error: reindex stopped: {full}; the index is as its last commit left it\n")
    assert indexed(index) == before
    again = json.loads(invoke(runner, "search", "market", "--json", "--index", index).stdout)
    assert {**again, "took_ms": 0} == {**answer, "took_ms": 0}
    # A failed rebuild takes its half-built generation with it, so the disk is not left full.
    assert generations(index) == published(index)


def segment_file(generation: Path) -> Path:
    """The largest file of a segment (a compound .seg, or its postings when uncompounded)."""
    return max((path for path in generation.glob("MAIN_*") if path.name != "MAIN_WRITELOCK"),
               key=lambda path: path.stat().st_size)


def damage_truncate_half(generation: Path) -> None:
    segment = segment_file(generation)
    os.truncate(segment, segment.stat().st_size // 2)


def damage_truncate_empty(generation: Path) -> None:
    os.truncate(segment_file(generation), 0)


def damage_garble_toc(generation: Path) -> None:
    toc = next(generation.glob("*.toc"))
    toc.write_bytes(bytes(range(256)) * 4)


def damage_delete_segment(generation: Path) -> None:
    segment_file(generation).unlink()


def damage_delete_toc(generation: Path) -> None:
    next(generation.glob("*.toc")).unlink()


@pytest.mark.parametrize("damage", [
    damage_truncate_half, damage_truncate_empty, damage_garble_toc, damage_delete_segment, damage_delete_toc],
    ids=lambda damage: damage.__name__[7:])
def test_a_damaged_index_says_so_in_one_line_and_a_full_reindex_repairs_it(runner, tmp_path, damage):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEEDS, corpus)
    assert reindex(runner, corpus, index).exit_code == 0
    answer = json.loads(invoke(runner, "search", "thrunet", "--json", "--index", index).stdout)
    damage(Store(index).current())

    hint = f"): rebuild it with `filings reindex --full --index {index}`"
    for command in (["search", "thrunet"], ["show", answer["hits"][0]["id"]], ["stats"]):
        result = invoke(runner, *command, "--index", index)
        assert result.exit_code == 2, (command, result.stderr)
        line = result.stderr.removeprefix("error: ")
        assert line.startswith(f"the index at {index} is damaged (") and line.endswith(hint + "\n"), line
        assert line.count("\n") == 1
    incremental = reindex(runner, corpus, index)
    if damage is damage_delete_toc:
        # With no table of contents the generation is no index at all, and the run builds one anew.
        assert incremental.stderr.startswith("reindex (full): 5 files seen, 5 added")
        damage(Store(index).current())
    else:
        assert (incremental.exit_code, incremental.stderr) == (2, result.stderr)

    client = create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index}).test_client()
    api = client.get("/api/search?q=thrunet")
    assert (api.status_code, api.get_json()) == (503, {"status": 503, "error": line.rstrip("\n")})
    page = client.get("/?q=thrunet")
    assert page.status_code == 503 and "filings reindex --full --index" in page.get_data(as_text=True)

    assert reindex(runner, corpus, index, "--full").exit_code == 0
    again = json.loads(invoke(runner, "search", "thrunet", "--json", "--index", index).stdout)
    assert {**again, "took_ms": 0} == {**answer, "took_ms": 0}
    assert client.get("/api/search?q=thrunet").status_code == 200


@pytest.fixture
def generated(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 60, seed=31)
    return corpus


def test_two_reindexes_started_together_one_runs_the_other_is_refused(generated, tmp_path):
    index = tmp_path / "index"
    both = [filings("reindex", "--corpus", generated, "--index", index) for _ in range(2)]
    results = sorted((process.communicate(timeout=300), process.returncode) for process in both)
    assert sorted(code for _, code in results) == [0, 75]
    refused = next(stderr for (_, stderr), code in results if code == 75)
    assert refused == f"error: another reindex is running on {index}; try again later, or pass --wait to queue\n"
    assert len(indexed(index)) == 60


def test_two_reindexes_started_together_with_wait_run_one_after_the_other(generated, tmp_path):
    index = tmp_path / "index"
    both = [filings("reindex", "--wait", "--corpus", generated, "--index", index) for _ in range(2)]
    summaries = sorted(process.communicate(timeout=300)[1].split(";")[0] for process in both)
    assert [process.returncode for process in both] == [0, 0]
    files = len(corpus_files(generated))
    assert summaries == [f"reindex (full): {files} files seen, {files} added, 0 updated, 0 deleted, 0 failed",
                         f"reindex: {files} files seen, 0 added, 0 updated, 0 deleted, 0 failed"]


@pytest.mark.slow
@pytest.mark.parametrize("full", [True, False], ids=["full", "incremental"])
def test_corpus_changing_during_a_reindex_is_caught_up_by_the_next(runner, generated, tmp_path, full):
    index, spares = tmp_path / "index", tmp_path / "spares"
    write_corpus(spares, 60, seed=32)
    if not full:
        assert reindex(runner, generated, index).exit_code == 0
        for path in corpus_files(generated)[::2]:  # give the incremental run work to be doing
            path.write_bytes(path.read_bytes() + b"\nRevised.\n")
    rng, changes = random.Random(33), []
    process = filings("reindex", "--corpus", generated, "--index", index, *(["--full"] if full else []))

    def change_while_it_runs() -> None:
        spare = iter(corpus_files(spares))
        while process.poll() is None and len(changes) < 60:
            path = rng.choice(corpus_files(generated))
            action = rng.choice(("rewrite", "delete", "add"))
            if action == "rewrite":
                path.write_bytes(path.read_bytes().replace(b"Company", b"Company (changed)", 1))
            elif action == "delete":
                path.unlink()
            else:
                target = generated / "added" / f"{len(changes)}.txt"
                target.parent.mkdir(exist_ok=True)
                shutil.copy(next(spare), target)
            changes.append(action)
            time.sleep(0.03)

    changer = threading.Thread(target=change_while_it_runs)
    changer.start()
    stderr = process.communicate(timeout=300)[1]
    changer.join()
    assert changes, "the corpus did not change while the reindex ran"
    # A file deleted after the walk found it is reported as failed (exit 1); nothing else goes wrong.
    assert process.returncode in (0, 1), stderr
    assert all(line.endswith(": no such file") for line in stderr.splitlines()[:-1]), stderr

    result = reindex(runner, generated, index)
    assert result.exit_code == 0, result.stderr
    assert indexed(index) == clean_build(runner, generated, tmp_path / "clean")


@pytest.mark.slow
# Whoosh's reader retries an open that met a deleted file, leaving the segments it had opened
# to the garbage collector, which closes them with a ResourceWarning.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_index_opened_while_commits_land_is_never_taken_for_damaged(tmp_path):
    """Found by the load test (one 503 in a run): a commit deletes the table of contents it
    replaces, and an open that had just listed it found it gone. Opens race 300 commits here."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEEDS, corpus)
    assert invoke(CliRunner(), "reindex", "--corpus", corpus, "--index", index, "--jobs", "1").exit_code == 0
    opened, problems, done = [0], [], threading.Event()

    def open_again_and_again() -> None:
        while not done.is_set():
            try:
                Store(index).open()
                opened[0] += 1
            except IndexDamagedError as error:
                problems.append(str(error))

    opener = threading.Thread(target=open_again_and_again)
    opener.start()
    writing = Store(index).open()
    try:
        for number in range(300):
            with writing.writer() as writer:
                writer.add_document(id=f"added-{number}", body=f"an amendment, number {number}")
    finally:
        done.set()
        opener.join()
    assert problems == [] and opened[0] > 300
