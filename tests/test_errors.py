"""Each error kind answers with the exit code and HTTP status it declares, in the CLI and on the web
alike, and every kind is pinned here, so that a kind added without its answer is caught."""

import inspect

import pytest

from indexer import errors
from indexer.errors import (
    DocumentNotFoundError,
    FilingsError,
    IndexMissingError,
    NotAnIndexError,
    QueryError,
    UsageError,
)
from search_web import create_app

from .conftest import invoke

# The promise, written out rather than read from the classes: (exit code, HTTP status) per kind.
PROMISED = {
    "FilingsError": (1, 500),
    "ParseError": (1, 500),
    "UsageError": (2, 500),
    "IndexMissingError": (2, 503),
    "NotAnIndexError": (2, 503),
    "IndexDamagedError": (2, 503),
    "ClusterUnavailableError": (69, 503),
    "IndexLockedError": (75, 500),
    "ReindexStoppedError": (74, 500),
    "InterruptedByUserError": (130, 500),
    "ReindexInterruptedError": (130, 500),
    "ExportInterruptedError": (130, 500),
    "OutputError": (74, 500),
    "QueryError": (2, 400),
    "QueryTimeoutError": (2, 400),
    "SearchBusyError": (2, 503),
    "DocumentNotFoundError": (1, 404),
    "ClusterUnavailableError": (69, 503),
}


def kinds(base: type[FilingsError] = FilingsError) -> list[type[FilingsError]]:
    found = [base]
    for kind in base.__subclasses__():
        found += kinds(kind)
    return found


def instance(kind: type[FilingsError]) -> FilingsError:
    """One error of `kind`, whatever its constructor asks for."""
    if kind.__init__ is Exception.__init__:
        return kind("a message")
    return kind(*["x"] * len(inspect.signature(kind).parameters))


def test_every_kind_declares_the_exit_code_and_status_promised():
    declared = {kind.__name__: (kind.exit_code, kind.http_status) for kind in kinds()}
    assert declared == PROMISED
    assert (errors.USAGE_ERROR, errors.IO_ERROR, errors.LOCKED, errors.INTERRUPTED) == (2, 74, 75, 130)
    assert (errors.PARTIAL, errors.UNAVAILABLE) == (3, 69)


@pytest.fixture
def raising_client(tmp_path):
    """The web app with one extra page and API route that raise the kind they name, through the app's
    own handler."""
    app = create_app({"FILINGS_CORPUS": tmp_path, "FILINGS_INDEX": tmp_path / "index"})
    by_name = {kind.__name__: kind for kind in kinds()}

    def fail(name: str):
        raise instance(by_name[name])

    app.add_url_rule("/raise/<name>", "raise_page", fail)
    app.add_url_rule("/api/raise/<name>", "raise_api", fail)
    return app.test_client()


@pytest.mark.parametrize("kind", kinds(), ids=lambda kind: kind.__name__)
def test_the_web_answers_each_kind_with_its_declared_status(raising_client, kind):
    message = str(instance(kind))
    answer = raising_client.get(f"/api/raise/{kind.__name__}")
    assert (answer.status_code, answer.get_json()) == (kind.http_status, {"status": kind.http_status, "error": message})
    page = raising_client.get(f"/raise/{kind.__name__}")
    assert page.status_code == kind.http_status and f"<h1>{kind.heading}</h1>" in page.get_data(as_text=True)


def test_the_cli_exits_with_each_reachable_kinds_declared_code(runner, tmp_path, seed_index):
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("mine")
    cases = [
        (UsageError, ["reindex", "--corpus", tmp_path / "missing", "--index", tmp_path / "index"],
         f"corpus folder {tmp_path / 'missing'} does not exist"),
        (IndexMissingError, ["search", "thrunet", "--index", tmp_path / "none"],
         str(IndexMissingError(tmp_path / "none"))),
        (NotAnIndexError, ["search", "thrunet", "--index", stranger], str(NotAnIndexError(stranger))),
        (QueryError, ["search", "date:٢٠٠٢-11-13", "--index", seed_index],
         "bad date '٢٠٠٢-11-13' in query 'date:٢٠٠٢-11-13': dates are written YYYY-MM-DD"),
        (DocumentNotFoundError, ["show", "0000000000000000", "--index", seed_index],
         str(DocumentNotFoundError("0000000000000000"))),
    ]
    for kind, args, message in cases:
        result = invoke(runner, *args)
        assert (result.exit_code, result.stderr) == (kind.exit_code, f"error: {message}\n"), kind
