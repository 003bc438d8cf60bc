"""Every command that prints, in a real process, with its output going nowhere: a full disk, a closed
stdout, a pipe whose reader stops early."""

import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SEEDS, build_index, invoke

FILINGS = Path(sys.executable).with_name("filings")
EX_IOERR = 74
PIPE_BYTES = 4096  # the smallest pipe Linux makes: every large output below overruns it many times
LONG_FILINGS = 120


def _long_filing(number: int) -> str:
    paragraph = f"Report {number}: the widgets shipped on time and the market for widgets grew again. " * 6
    return (SEEDS / "001_057f5987f338548a.txt").read_text() + "\n" + (paragraph + "\n\n") * 30


@pytest.fixture(scope="module")
def long_index(tmp_path_factory) -> tuple[Path, Path]:
    """(corpus, index) of filings long enough that every large output below is many pipes full."""
    corpus = tmp_path_factory.mktemp("long") / "corpus"
    corpus.mkdir()
    for number in range(LONG_FILINGS):
        (corpus / f"long_{number:03d}.txt").write_text(_long_filing(number))
    return corpus, build_index(corpus, corpus.parent / "index")


@pytest.fixture(scope="module")
def outputs(long_index) -> dict[str, list[str]]:
    """Each way a command prints: name -> arguments."""
    from click.testing import CliRunner

    corpus, index = long_index
    hits = json.loads(invoke(CliRunner(), "search", "widgets", "--json", "--index", index).stdout)["hits"]
    searched = ["search", "widgets", "--per-page", "100", "--index", str(index)]
    return {
        "search": searched, "search --json": [*searched, "--json"], "search --csv": [*searched, "--csv"],
        "search --csv --all": ["search", "widgets", "--csv", "--all", "--index", str(index)],
        "show": ["show", hits[0]["id"], "--index", str(index)],
        "show --json": ["show", hits[0]["id"], "--json", "--index", str(index)],
        "parse": ["parse", str(corpus)], "parse --json": ["parse", "--json", str(corpus)],
        "stats": ["stats", "--index", str(index)], "stats --json": ["stats", "--json", "--index", str(index)],
        "--help": ["search", "--help"],
    }


LARGE = ["search", "search --json", "search --csv", "search --csv --all", "show", "show --json", "parse",
         "parse --json"]
EVERY = [*LARGE, "stats", "stats --json", "--help"]


def _closed_stdout(*args) -> list:
    return ["sh", "-c", 'exec "$0" "$@" >&-', FILINGS, *args]


@pytest.mark.parametrize("name", EVERY)
def test_output_to_a_full_disk_is_one_line_and_exit_74(outputs, name):
    with open("/dev/full", "w") as full:
        done = subprocess.run([FILINGS, *outputs[name]], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (EX_IOERR, "error: cannot write the output: No space left on device\n")


@pytest.mark.parametrize("name", EVERY)
def test_output_to_a_closed_stdout_is_one_line_and_exit_74(outputs, name):
    done = subprocess.run(_closed_stdout(*outputs[name]), stderr=subprocess.PIPE, text=True, timeout=120)
    assert (done.returncode, done.stderr) == (EX_IOERR, "error: cannot write the output: Bad file descriptor\n")


def _small_pipe() -> tuple[int, int]:
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    return read_end, write_end


def _run_into(write_end: int, args: list[str]) -> subprocess.Popen:
    process = subprocess.Popen([FILINGS, *args], stdout=write_end, stderr=subprocess.PIPE, text=True)
    os.close(write_end)
    return process


def _first_line(read_end: int) -> bytes:
    line = b""
    while not line.endswith(b"\n"):
        byte = os.read(read_end, 1)
        assert byte, f"the output ended before its first line did: {line!r}"
        line += byte
    return line


@pytest.mark.slow
@pytest.mark.parametrize("name", LARGE)
def test_a_reader_that_stops_after_one_line_ends_a_large_output_quietly(runner, outputs, name):
    assert len(invoke(runner, *outputs[name]).stdout) > 4 * PIPE_BYTES
    read_end, write_end = _small_pipe()
    process = _run_into(write_end, outputs[name])
    _first_line(read_end)
    os.close(read_end)
    _, errors = process.communicate(timeout=120)
    assert (process.returncode, errors) == (0, "")


@pytest.mark.parametrize("name", EVERY)
def test_a_reader_gone_before_the_output_starts_ends_it_quietly(outputs, name):
    read_end, write_end = _small_pipe()
    os.close(read_end)
    process = _run_into(write_end, outputs[name])
    _, errors = process.communicate(timeout=120)
    assert (process.returncode, errors) == (0, "")


def test_reindex_with_stdout_closed_still_indexes(tmp_path):
    """Reindex prints only to stderr: a cron job that closes stdout loses nothing."""
    done = subprocess.run(_closed_stdout("reindex", "--jobs", "1", "--corpus", SEEDS, "--index", tmp_path / "index"),
                          stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 0 and done.stderr.startswith("reindex (full): 5 files seen, 5 added,")
