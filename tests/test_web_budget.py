"""Searches with wildcards or ranges take turns: while every place for them is taken, a one-word
search and /healthz still answer, and one more such search is refused as busy (503) instead of
queued past its budget. A budget past its bounds stops the app at start-up."""

import os
import socket
import subprocess
import sys
import threading
from contextlib import ExitStack

import pytest

from indexer.search.admission import expensive
from indexer.search.deadline import Deadline
from indexer.errors import UsageError
from search_web import create_app
from search_web.index import SEARCH

from .conftest import wait_for

ACME_FORM, ACME_RELEASE = "a891a0d79b0129d5", "da2be788ee721dda"
BUSY = ("the server is busy: the 2 places for searches with wildcards or ranges are taken and {why}; "
        "try again in a moment")


def ids(response) -> list[str]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return [hit["id"] for hit in response.get_json()["hits"]]


def budgeted(web_index, budget: float):
    """The app over the web tests' index, its searches held to `budget` seconds."""
    corpus, index = web_index
    return create_app({"FILINGS_CORPUS": corpus, "FILINGS_INDEX": index, "FILINGS_SEARCH_BUDGET": budget})


def admission_of(app):
    """The places the app's expensive searches take turns for."""
    return expensive(app.config[SEARCH].expensive_searches)


def hold_every_place(stack: ExitStack, admission) -> None:
    """Take every place, as that many running expensive searches would."""
    for _ in range(admission.places):
        stack.enter_context(admission.place(Deadline(60)))


def test_with_every_place_taken_other_requests_answer_and_a_wildcard_is_busy_once_its_budget_ends(web_index):
    app = budgeted(web_index, 0.2)
    client = app.test_client()
    with ExitStack() as held:
        hold_every_place(held, admission_of(app))
        assert client.get("/healthz").get_json() == {"status": 200, "documents": 7}
        assert ids(client.get("/api/search?q=widgets")) == [ACME_FORM, ACME_RELEASE]
        busy = client.get("/api/search?q=widget*")
        waited = "none came free in the 0.1 s it may wait (of its 0.2 s budget)"
        assert (busy.status_code, busy.get_json()) == (503, {"status": 503, "error": BUSY.format(why=waited)})
        assert client.get("/?q=widget*").status_code == 503
    assert ids(client.get("/api/search?q=widget*")) == [ACME_FORM, ACME_RELEASE]


def test_with_every_place_taken_and_as_many_waiting_one_more_wildcard_is_refused_at_once(web_index):
    """The waiting searches are real requests in threads of their own, seen waiting before the
    rest is asked; once the places come free they are answered."""
    app = budgeted(web_index, 60)
    client, admission = app.test_client(), admission_of(app)
    answers: list = []
    waiting = [threading.Thread(target=lambda: answers.append(ids(app.test_client().get("/api/search?q=widget*"))))
               for _ in range(admission.places)]
    with ExitStack() as held:
        hold_every_place(held, admission)
        for thread in waiting:
            thread.start()
        wait_for(lambda: admission.waiting == admission.places, what="both wildcards waiting for a place")
        busy = client.get("/api/search?q=widg*")
        assert (busy.status_code, busy.get_json()) == (
            503, {"status": 503, "error": BUSY.format(why="the queue for one is full")})
        assert client.get("/healthz").get_json() == {"status": 200, "documents": 7}
        assert ids(client.get("/api/search?q=widgets")) == [ACME_FORM, ACME_RELEASE]
        assert (admission.running, admission.waiting) == (admission.places, admission.places)
    for thread in waiting:
        thread.join(60)
    assert answers == [[ACME_FORM, ACME_RELEASE]] * admission.places
    assert (admission.running, admission.waiting) == (0, 0)


@pytest.mark.parametrize("variable, value, wanted", [
    ("FILINGS_SEARCH_BUDGET", "inf", "a number above 0 and at most 60"),
    ("FILINGS_SEARCH_BUDGET", "nan", "a number above 0 and at most 60"),
    ("FILINGS_EXPENSIVE_SEARCHES", "0", "a number above 0"),
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
