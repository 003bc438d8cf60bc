"""A bad search budget stops the app at start-up, under any WSGI server and under `filings serve`."""

import os
import socket
import subprocess
import sys

import pytest

from indexer.errors import UsageError
from search_web import create_app


@pytest.mark.parametrize("variable, value, wanted", [
    ("FILINGS_SEARCH_BUDGET", "inf", "a number above 0 and at most 60"),
    ("FILINGS_SEARCH_BUDGET", "nan", "a number above 0 and at most 60"),
])
def test_a_setting_past_its_bounds_stops_the_app_at_start_up(web_index, monkeypatch, variable, value, wanted):
    corpus, index = web_index
    monkeypatch.setenv(variable, value)
    with pytest.raises(UsageError) as refused:
        create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index})
    assert str(refused.value) == f"{variable}={value!r} is not {wanted}"


def test_serve_with_an_infinite_budget_exits_2_in_one_line(web_index):
    corpus, index = web_index
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.run([sys.executable, "-m", "indexer", "serve", "--port", str(port), "--index", str(index),
                              "--corpus", str(corpus)], capture_output=True, text=True, timeout=60,
                             env={**os.environ, "FILINGS_SEARCH_BUDGET": "inf"})
    assert (process.returncode, process.stderr) == (
        2, "error: FILINGS_SEARCH_BUDGET='inf' is not a number above 0 and at most 60\n")
